import type { RlsPolicy } from '../../contract/index.js';
import { listing, lower, pluralLabel } from '../english.js';
import { ACTIONS, Tables, describeCell, type AccessMatrix, type Action, type Cell, type Link, type TableAccess } from './access.js';
import { MANAGING_MEMBER_ROLES, RECORD_PROFILE_COLUMN, type DataModel, type Table } from './data-model.js';
import type { Rpc } from './rpc.js';
import { literal, shortIdentifier } from './sql.js';

/**
 * Row level security written from the access matrix: one policy per table and command, each the
 * union of the matrix's cells for that action, role by role. Whatever a policy needs to know about
 * another table (is the person a member of the project, may they read the quiz) is asked of a
 * SECURITY DEFINER function with a fixed search_path: a policy never reads a table whose own
 * policy could read back, which PostgreSQL would refuse as infinite recursion.
 */

export const UID = '(select auth.uid())';

export interface Helper {
  name: string;
  description: string;
  sql: string;
  /** Creation order: what a helper calls is created before it. */
  rank: number;
}

export interface AccessSql {
  policies: RlsPolicy[];
  helpers: Helper[];
  /** `<table>_summary()`: the columns a role may read of rows whose hidden columns it may not. */
  summaries: Rpc[];
}

const COMMAND: Record<Action, RlsPolicy['command']> = { read: 'select', create: 'insert', update: 'update', delete: 'delete' };

/** `(select public.has_role('a', 'b'))`: evaluated once per statement, not once per row. */
export function roleCheck(roles: readonly string[]): string {
  return `(select public.has_role(${roles.map(literal).join(', ')}))`;
}

export function accessSql(data: DataModel, matrix: AccessMatrix): AccessSql {
  return new PolicyWriter(data, matrix).write();
}

class PolicyWriter {
  private readonly tables: Tables;
  private readonly helpers = new Map<string, Helper>();
  private readonly selectUsing = new Map<string, string>();

  constructor(
    private readonly data: DataModel,
    private readonly matrix: AccessMatrix,
  ) {
    this.tables = new Tables(data);
  }

  write(): AccessSql {
    const policies: RlsPolicy[] = [];
    for (const access of this.matrix.tables) {
      const table = this.tables.get(access.table);
      for (const action of ACTIONS) {
        const expression = this.expression(table, access, action);
        if (expression === undefined) continue;
        if (action === 'read') this.selectUsing.set(table.name, expression);
        const command = COMMAND[action];
        const policy: RlsPolicy = {
          table: table.name,
          name: shortIdentifier(`${table.name}_${command}`),
          command,
          role: 'authenticated',
          description: this.says(table, access, action),
        };
        if (action !== 'create') policy.using = expression;
        if (action === 'create' || action === 'update') policy.with_check = expression;
        policies.push(policy);
      }
    }
    const summaries = this.matrix.tables.filter((access) => access.summary).map((access) => this.summary(this.tables.get(access.table), access));
    // Readers' helpers mirror the select policies, so they are written once those are known.
    for (const [name, helper] of this.helpers) if (helper.sql === '') this.helpers.set(name, this.readerHelper(helper));
    const helpers = [...this.helpers.values()].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
    return { policies, helpers, summaries };
  }

  /** The policy expression of one action: each role's cell, roles with the same condition together. */
  private expression(table: Table, access: TableAccess, action: Action, full = false): string | undefined {
    const groups = new Map<string, string[]>();
    for (const role of this.matrix.roles) {
      const sql = this.cellSql(table, role, action, access.cells[role]![action], full);
      if (sql === undefined) continue;
      groups.set(sql, [...(groups.get(sql) ?? []), role]);
    }
    if (groups.size === 0) return undefined;
    const terms = [...groups].map(([sql, roles]) => {
      if (roles.length === this.matrix.roles.length) return sql;
      if (sql === 'true') return roleCheck(roles);
      return `${roleCheck(roles)} and ${wrap(sql)}`;
    });
    if (terms.includes('true')) return 'true';
    return terms.length === 1 ? terms[0]! : terms.map((term) => (/ and /.test(term) ? group(term) : wrap(term))).join(' or ');
  }

  /** What one cell lets one role do, as SQL over the row; undefined for nothing. */
  cellSql(table: Table, role: string, action: Action, cell: Cell, full = false): string | undefined {
    if (cell.scope === 'none') return undefined;
    const own = this.ownCondition(table, role);
    if (action === 'read' && cell.columns && !full) return own || undefined;
    const creator = table.ownerColumn ? `${table.name}.${table.ownerColumn} = ${UID}` : undefined;
    switch (cell.scope) {
      case 'all':
        return 'true';
      case 'own':
        if (action !== 'create') return own || undefined;
        if (table.kind === 'profiles') return `${table.name}.id = ${UID} and ${table.name}.role = ${literal(this.data.defaultRole)}`;
        // Nobody's name on the row: one of their own names their record (a client books for themselves).
        if (!creator) return this.recordTerms(table, role).join(' or ') || undefined;
        // A row of one's own goes only under a parent one can see (a comment on a visible task).
        return table.parent ? `${creator} and ${this.reader(table, this.tables.get(table.parent.table))}` : creator;
      case 'related': {
        const link = this.link(table, cell);
        if (action === 'create') return creator ? `${creator} and ${wrap(link)}` : link;
        // A member may read and leave their own membership, but only managers change it (its role).
        if (action === 'update' && table.membersOf) return link;
        return own ? `${own} or ${link}` : link;
      }
    }
    return undefined;
  }

  private ownCondition(table: Table, role: string): string {
    return [
      ...this.tables.ownColumns(table, role).map((column) => `${table.name}.${column} = ${UID}`),
      ...this.recordTerms(table, role),
    ].join(' or ');
  }

  /** Rows that name the role's record linked to the person (their appointments, through client_id). */
  private recordTerms(table: Table, role: string): string[] {
    return this.tables.recordColumns(table, role).map((column) => {
      const record = this.tables.get(table.columns.find((c) => c.name === column)!.references!.split('.')[0]!);
      return `${this.recordHelper(record)}(${table.name}.${column})`;
    });
  }

  /** `is_own_<record>`: is the record linked to the signed-in person's profile? */
  private recordHelper(record: Table): string {
    const name = shortIdentifier(`public.is_own_${record.singular}`);
    if (this.helpers.has(name)) return name;
    const param = `p_${record.singular}_id`;
    this.helpers.set(name, {
      name,
      rank: 2,
      description: `True when the ${lower(record.label)} is the signed-in person's own record (its ${RECORD_PROFILE_COLUMN} is their profile).`,
      sql: definer(name, `${param} uuid`, 'boolean', `select exists (\n    select 1 from public.${record.name}\n    where ${record.name}.id = ${param} and ${record.name}.${RECORD_PROFILE_COLUMN} = ${UID}\n  );`),
    });
    return name;
  }

  /** The condition of a related cell: a helper asked about the row that relates the person. */
  private link(table: Table, cell: Cell): string {
    const via = this.tables.get(cell.via!);
    const linkKind = cell.link ?? 'party';
    if (linkKind === 'child') return `${this.childHelper(table, via)}(${table.name}.id)`;
    if (via === table) return `${this.helper(via, linkKind === 'reader' ? 'party' : linkKind)}(${table.name}.id)`;
    const parent = this.tables.parentOf(table)!;
    const column = `${table.name}.${table.parent!.column}`;
    if (via === parent) return linkKind === 'reader' ? this.reader(table, parent) : `${this.helper(via, linkKind)}(${column})`;
    return `${this.deepHelper(parent, via, linkKind)}(${column})`;
  }

  private reader(table: Table, parent: Table): string {
    const name = shortIdentifier(`public.can_read_${parent.singular}`);
    if (!this.helpers.has(name)) this.helpers.set(name, { name, description: '', sql: '', rank: 50 + this.tables.ancestors(parent).length });
    return `${name}(${table.name}.${table.parent!.column})`;
  }

  private helper(table: Table, link: Exclude<Link, 'child' | 'reader'>): string {
    if (link === 'member' && !table.membership) return this.helper(table, 'party');
    if (link === 'manager' && !table.membership) return this.helper(table, 'party');
    const name = shortIdentifier(`public.is_${table.singular}_${link}`);
    if (this.helpers.has(name)) return name;
    const rank = link === 'member' ? 0 : link === 'manager' ? 1 : 10 + this.tables.ancestors(table).length;
    const helper: Helper = { name, rank, description: '', sql: '' };
    this.helpers.set(name, helper);
    const label = lower(table.label);
    const param = `p_${table.singular}_id`;
    let body: string;
    if (link === 'member' || link === 'manager') {
      const members = table.membership!;
      const managing = link === 'manager' ? ` and m.member_role in (${MANAGING_MEMBER_ROLES.map(literal).join(', ')})` : '';
      // Invitations are rows of the members table too: only active rows make members.
      const member = `exists (\n    select 1 from public.${members.table} m\n    where m.${members.column} = ${param} and m.${members.memberColumn} = ${UID} and m.status = 'active'${managing}\n  )`;
      const owner = link === 'manager' && table.ownerColumn ? `exists (\n    select 1 from public.${table.name} g\n    where g.id = ${param} and g.${table.ownerColumn} = ${UID}\n  ) or ` : '';
      body = `select ${owner}${member};`;
      helper.description = link === 'member' ? `True when the signed-in person is a member of the ${label}.` : `True when the signed-in person manages the ${label}: its owner, or a member who is its ${MANAGING_MEMBER_ROLES.join(' or ')}.`;
    } else {
      body = `select exists (\n    select 1 from public.${table.name}\n    where ${table.name}.id = ${param} and ${wrap(this.partyCondition(table))}\n  );`;
      helper.description = `True when the signed-in person is one of the ${label}'s people: ${this.partyWords(table)}.`;
    }
    helper.sql = definer(name, `${param} uuid`, 'boolean', body);
    return name;
  }

  /** Who a row's people are: its owner, the people it names, its members; for a row nobody owns, its parent's people. */
  private partyCondition(table: Table): string {
    const terms: string[] = [];
    if (table.ownerColumn) terms.push(`${table.name}.${table.ownerColumn} = ${UID}`);
    for (const column of table.people) terms.push(`${table.name}.${column} = ${UID}`);
    for (const role of new Set(this.data.tables.flatMap((other) => (other.recordOf ? [other.recordOf] : [])))) terms.push(...this.recordTerms(table, role));
    if (table.membership) terms.push(`${this.helper(table, 'member')}(${table.name}.id)`);
    const parent = this.tables.parentOf(table);
    if (!table.ownerColumn && parent) terms.push(`${this.helper(parent, 'party')}(${table.name}.${table.parent!.column})`);
    return terms.length > 0 ? terms.join(' or ') : 'false';
  }

  private partyWords(table: Table): string {
    const words: string[] = [];
    if (table.ownerColumn) words.push('its owner');
    if (table.people.length > 0) words.push(`the person in ${table.people.join(' or ')}`);
    const records = this.data.tables.filter((other) => other.recordOf && other !== table && this.tables.referenceTo(table, other));
    if (records.length > 0) words.push(`the person whose ${listing(records.map((record) => lower(record.label)), 'or')} it names`);
    if (table.membership) words.push('its members');
    const parent = this.tables.parentOf(table);
    if (!table.ownerColumn && parent) words.push(`the people of its ${lower(parent.label)}`);
    return words.length > 0 ? listing(words, 'or') : 'nobody';
  }

  /** Is the person one of the people of a `child` row that belongs to this one (a vet's visit of a pet)? */
  private childHelper(table: Table, child: Table): string {
    const name = shortIdentifier(`public.is_party_of_${table.singular}_${child.name}`);
    if (this.helpers.has(name)) return name;
    const column = this.tables.referenceTo(child, table)!;
    const param = `p_${table.singular}_id`;
    const helper: Helper = { name, rank: 30, description: `True when the signed-in person is one of the people of a ${lower(child.label)} of the ${lower(table.label)}.`, sql: '' };
    this.helpers.set(name, helper);
    helper.sql = definer(name, `${param} uuid`, 'boolean', `select exists (\n    select 1 from public.${child.name}\n    where ${child.name}.${column} = ${param} and ${wrap(this.partyCondition(child))}\n  );`);
    return name;
  }

  /** An ancestor beyond the parent: the helper walks up from the parent row. */
  private deepHelper(parent: Table, ancestor: Table, link: Link): string {
    const kind = link === 'reader' || link === 'child' ? 'party' : link;
    const name = shortIdentifier(`public.is_${ancestor.singular}_${kind}_by_${parent.singular}`);
    if (this.helpers.has(name)) return name;
    const chain = [parent, ...this.tables.ancestors(parent)];
    const upTo = chain.indexOf(ancestor);
    const joins: string[] = [];
    for (let i = 1; i < upTo; i++) joins.push(`    join public.${chain[i]!.name} t${i} on t${i}.id = t${i - 1}.${chain[i - 1]!.parent!.column}`);
    const last = `t${upTo - 1}.${chain[upTo - 1]!.parent!.column}`;
    const param = `p_${parent.singular}_id`;
    const inner = this.helper(ancestor, kind);
    const helper: Helper = {
      name,
      rank: 40,
      description: `True when the signed-in person is ${kind === 'member' ? 'a member' : kind === 'manager' ? 'a manager' : 'one of the people'} of the ${lower(ancestor.label)} a ${lower(parent.label)} belongs to.`,
      sql: '',
    };
    this.helpers.set(name, helper);
    helper.sql = definer(name, `${param} uuid`, 'boolean', `select exists (\n    select 1 from public.${parent.name} t0\n${joins.join('\n')}${joins.length ? '\n' : ''}    where t0.id = ${param} and ${inner}(${last})\n  );`);
    return name;
  }

  /** `can_read_<parent>`: the parent's select policy, asked without going through it. */
  private readerHelper(helper: Helper): Helper {
    const singular = helper.name.replace(/^public\.can_read_/, '');
    const table = this.data.tables.find((candidate) => shortIdentifier(`public.can_read_${candidate.singular}`) === helper.name || candidate.singular === singular)!;
    const using = this.selectUsing.get(table.name) ?? 'false';
    const param = `p_${table.singular}_id`;
    return {
      ...helper,
      description: `True when the signed-in person may read the ${lower(table.label)}: the same condition as ${table.name}_select.`,
      sql: definer(helper.name, `${param} uuid`, 'boolean', `select exists (\n    select 1 from public.${table.name}\n    where ${table.name}.id = ${param} and ${wrap(using)}\n  );`),
    };
  }

  /** `<table>_summary()`: every row the caller may read in full or in summary, without the hidden columns. */
  private summary(table: Table, access: TableAccess): Rpc {
    const name = access.summary!;
    const safe = table.columns.filter((column) => !access.hidden.includes(column.name));
    const condition = this.expression(table, access, 'read', true) ?? 'false';
    const limitedRoles = this.matrix.roles.filter((role) => access.cells[role]!.read.columns);
    return {
      name,
      kind: 'summary',
      args: '',
      description: `Lists ${lower(pluralLabel(table.label))} without ${listing(access.hidden)}, for ${listing(limitedRoles)}, who may see the rows but not those columns.`,
      sql: [
        `create or replace function public.${name}()`,
        `returns table (${safe.map((column) => `${column.name} ${column.type}`).join(', ')})`,
        'language sql stable security definer',
        "set search_path = ''",
        'as $$',
        `  select ${safe.map((column) => `${table.name}.${column.name}`).join(', ')}`,
        `  from public.${table.name}`,
        `  where ${condition};`,
        '$$;',
      ].join('\n'),
    };
  }

  private says(table: Table, access: TableAccess, action: Action): string {
    const rows = lower(pluralLabel(table.label));
    const verb = { read: 'Read', create: 'Add', update: 'Change', delete: 'Delete' }[action];
    const parts = this.matrix.roles
      .map((role) => [role, access.cells[role]![action]] as const)
      .filter(([, cell]) => cell.scope !== 'none')
      .map(([role, cell]) => `${role}: ${describeCell(cell)}`);
    return `${verb} ${rows}: ${parts.join('; ')}.`;
  }
}

/** `(sql)`, unless it already is one parenthesised group. */
function group(sql: string): string {
  return sql.startsWith('(') && sql.endsWith(')') && balanced(sql.slice(1, -1)) ? sql : `(${sql})`;
}

function wrap(sql: string): string {
  return / or /.test(sql) && !(sql.startsWith('(') && sql.endsWith(')') && balanced(sql.slice(1, -1))) ? `(${sql})` : sql;
}

/** True when the parentheses of `sql` pair up, so `(sql)` is one group. */
function balanced(sql: string): boolean {
  let depth = 0;
  for (const char of sql) {
    if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function definer(name: string, args: string, returns: string, body: string): string {
  return [`create or replace function ${name}(${args})`, `returns ${returns}`, 'language sql stable security definer', "set search_path = ''", 'as $$', `  ${body}`, '$$;'].join('\n');
}
