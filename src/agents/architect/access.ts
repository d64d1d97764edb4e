import type { AccessAction, AccessMatrixContract, AccessRule, AccessScope } from '../../contract/index.js';
import { lower, withArticle } from '../english.js';
import type { ProductModel } from '../model.js';
import { pluralName, sentence, singularName, snake } from '../naming.js';
import type { DataModel, Table } from './data-model.js';

/**
 * The access matrix: for every role, table and action (read, create, update, delete), which rows
 * the role may touch: all, its own, those related to it through a membership or another row, or
 * none. The product model's `access` rules decide the cells they name; safe defaults decide the
 * rest (people change only their own rows; private rows are their parties' and privileged
 * staff's; children follow their parent). The policies (rls.ts), the grants (migration.ts), the
 * pgTAP tests (pgtap.ts) and the documents are all written from this one structure.
 */

export type Action = AccessAction;
export const ACTIONS: readonly Action[] = ['read', 'create', 'update', 'delete'];

/**
 * How a `related` row relates to a person, through the row named by `via`:
 * - `member`: they are a member of it (its members table);
 * - `manager`: they manage it (its owner, or a member whose role in it is owner or admin);
 * - `party`: they are one of its people (its owner, a person it names, a member);
 * - `reader`: they may read it (a quiz's questions follow the quiz);
 * - `child`: they are one of the people of a row of `via` that belongs to this one (a vet and the
 *   pets of the vet's visits).
 */
export type Link = 'member' | 'manager' | 'party' | 'reader' | 'child';

export interface Cell {
  scope: AccessScope;
  /** Table through which a `related` row relates to the person. */
  via?: string;
  link?: Link;
  /**
   * Read only: the role reads these columns of the rows in `scope` through the table's summary
   * function, and only its own rows (if any) in full; the other columns are hidden from it.
   */
  columns?: string[];
  source: 'rule' | 'default';
  /** Why, in a few words a reader of the architecture can check. */
  why: string;
}

export interface TableAccess {
  table: string;
  /** role → action → cell. */
  cells: Record<string, Record<Action, Cell>>;
  /** Columns that only the row's parties and privileged staff read. */
  hidden: string[];
  /** The function that serves the other columns to roles whose cells have `columns`. */
  summary?: string;
}

export interface AccessMatrix {
  roles: string[];
  tables: TableAccess[];
  /** Rules that could not be followed as written, and what was done instead. */
  notes: string[];
}

const cell = (scope: AccessScope, why: string, extra: Partial<Cell> = {}): Cell => ({ scope, source: 'default', why, ...extra });
const none = (why: string): Cell => cell('none', why);

/** Everything the matrix needs to know about the tables, by name. */
export class Tables {
  readonly byName: Map<string, Table>;

  constructor(readonly data: DataModel) {
    this.byName = new Map(data.tables.map((table) => [table.name, table]));
  }

  get(name: string): Table {
    const table = this.byName.get(name);
    if (!table) throw new Error(`no table ${name}`);
    return table;
  }

  parentOf(table: Table): Table | undefined {
    return table.parent ? this.byName.get(table.parent.table) : undefined;
  }

  /** The table's ancestors, nearest first. */
  ancestors(table: Table): Table[] {
    const chain: Table[] = [];
    for (let current = this.parentOf(table); current && !chain.includes(current) && current !== table; current = this.parentOf(current)) chain.push(current);
    return chain;
  }

  privileged(role: string): boolean {
    return this.data.privilegedRoles.includes(role);
  }

  /** May people of this role own rows of the table (they are its creators, or nobody is named)? */
  ownerCapable(table: Table, role: string): boolean {
    return table.ownerColumn !== undefined && (table.creatorRoles.length === 0 || table.creatorRoles.includes(role));
  }

  /** The columns that make a row a person's own, for people of this role. */
  ownColumns(table: Table, role: string): string[] {
    if (table.kind === 'profiles') return ['id'];
    const roles = new Set(this.data.roles.map((candidate) => candidate.name));
    const columns: string[] = [];
    if (this.ownerCapable(table, role)) columns.push(table.ownerColumn!);
    for (const column of table.people) {
      const of = table.personRoles[column];
      // A members table lists people of any role; a person column of a role names people of that role.
      if (table.kind === 'join' || of === undefined || of === role || !roles.has(of)) columns.push(column);
    }
    return columns;
  }

  /**
   * The columns that reference the role's record (appointments.client_id → clients, the client
   * role's record): a row is a person's own when it names the record that is linked to them.
   */
  recordColumns(table: Table, role: string): string[] {
    if (table.kind !== 'entity' && table.kind !== 'join') return [];
    return table.columns
      .filter((column) => {
        const target = column.references ? this.byName.get(column.references.split('.')[0]!) : undefined;
        return target !== undefined && target !== table && target.recordOf === role;
      })
      .map((column) => column.name);
  }

  /** Is some row of the table a person's own, for people of this role (by a column naming them, or their record)? */
  owns(table: Table, role: string): boolean {
    return this.ownColumns(table, role).length > 0 || this.recordColumns(table, role).length > 0;
  }

  /**
   * A table whose rows belong to one of this table's rows and name people of this role, in a column
   * of theirs or through their record (a job's assignments naming plumbers), or are theirs; the
   * closest match first: a column of exactly this role, then any person column, then rows they own
   * (`exactly`: only the first).
   */
  namingChild(table: Table, role: string, exactly = false): Table | undefined {
    const children = this.data.tables.filter((other) => other !== table && other.kind !== 'profiles' && this.referenceTo(other, table) !== undefined);
    const names = (other: Table, exact: boolean) =>
      other.people.some((column) => other.personRoles[column] === role || (!exact && other.personRoles[column] === undefined)) || this.recordColumns(other, role).length > 0;
    const exact = children.find((other) => names(other, true));
    if (exactly) return exact;
    return exact ?? children.find((other) => names(other, false)) ?? children.find((other) => this.ownColumns(other, role).length > 0);
  }

  /**
   * Does the role work with the table's rows, or with rows that belong to them: it makes them, or
   * it uses rows other people made (customers browse salons; drivers pick a vehicle for their
   * fill-ups)? Shared rows are listed for those people, not for every role: landlords do not read
   * every plumbing job because the dispatcher assigns them. A role the idea gives nothing to do at
   * all is not known to keep away from anything, and still has them listed.
   */
  worksWith(table: Table, role: string): boolean {
    const spec = this.data.roles.find((candidate) => candidate.name === role);
    if (spec && !spec.capabilities.some((capability) => capability.entity !== undefined)) return true;
    const family = this.data.tables.filter((other) => other === table || this.ancestors(other).includes(table));
    return table.creatorRoles.includes(role) || family.some((member) => member.users.includes(role));
  }

  /** Can people of this role be among a row's people (own it, be named by it, be members of it)? */
  canPartake(table: Table, role: string, depth = 0): boolean {
    if (this.owns(table, role) || table.membership) return true;
    const parent = this.parentOf(table);
    return !table.ownerColumn && parent !== undefined && depth < 8 && this.canPartake(parent, role, depth + 1);
  }

  /** The table a rule's `via` names: an entity (singular), a table, or a role with a members table. */
  resolveVia(via: string): Table | undefined {
    const name = snake(via);
    return this.byName.get(name) ?? this.byName.get(pluralName(name)) ?? this.data.tables.find((table) => table.singular === singularName(name) || table.entity?.name === name);
  }

  /** The column of `child` that references `table` directly, if any. */
  referenceTo(child: Table, table: Table): string | undefined {
    return child.columns.find((column) => column.references === `${table.name}.id`)?.name;
  }
}

/** Tables parents first, so that a child's defaults can follow its parent's cells. */
function parentsFirst(tables: Tables): Table[] {
  const done = new Set<string>();
  const ordered: Table[] = [];
  const visit = (table: Table, depth: number) => {
    if (done.has(table.name)) return;
    const parent = tables.parentOf(table);
    if (parent && depth < 16) visit(parent, depth + 1);
    if (!done.has(table.name)) {
      done.add(table.name);
      ordered.push(table);
    }
  };
  for (const table of tables.data.tables) visit(table, 0);
  return ordered;
}

export function accessMatrix(model: ProductModel, data: DataModel): AccessMatrix {
  const tables = new Tables(data);
  const roles = data.roles.map((role) => role.name);
  const notes: string[] = [];
  const result = new Map<string, TableAccess>();
  const cellOf = (table: Table, role: string, action: Action): Cell => result.get(table.name)!.cells[role]![action];

  for (const table of parentsFirst(tables)) {
    const cells: TableAccess['cells'] = {};
    for (const role of roles) {
      const row = {} as Record<Action, Cell>;
      for (const action of ACTIONS) row[action] = defaultCell(tables, table, role, action, cellOf);
      for (const rule of rulesFor(model.access, table, role)) {
        for (const action of rule.actions) row[action] = ruleCell(tables, table, role, action, rule, notes);
      }
      seeWhatYouChange(row, table, role, notes);
      const parent = tables.parentOf(table);
      if (parent && row.create.scope === 'own') {
        // A row of one's own goes under a parent one can see; with none to see, there is nowhere to add it.
        const parentRead = cellOf(parent, role, 'read');
        if (parentRead.scope === 'none' || (parentRead.columns && !tables.owns(parent, role))) {
          if (row.create.source === 'rule') notes.push(`${role} × ${table.name} × create: ${role} cannot see any ${parent.name} to add them to; left at none.`);
          row.create = { ...none(`cannot see any ${lower(sentence(parent.singular))} to add them to`), source: row.create.source };
        }
      }
      cells[role] = row;
    }
    const access: TableAccess = { table: table.name, cells, hidden: [] };
    limitSensitive(tables, table, access);
    result.set(table.name, access);
  }
  return { roles, tables: data.tables.map((table) => result.get(table.name)!), notes: [...new Set(notes)] };
}

function rulesFor(rules: AccessRule[], table: Table, role: string): AccessRule[] {
  if (!table.entity) return [];
  return rules.filter((rule) => snake(rule.role) === role && snake(rule.entity) === table.entity!.name);
}

type CellOf = (table: Table, role: string, action: Action) => Cell;

function defaultCell(tables: Tables, table: Table, role: string, action: Action, cellOf: CellOf): Cell {
  const { data } = tables;
  const rows = lower(sentence(table.name));
  if (table.kind === 'profiles') {
    if (action === 'read') return cell('all', 'names and roles of people are shown across the app');
    if (action === 'delete') return none('accounts are deleted through Supabase Auth');
    return cell('own', action === 'create' ? 'a person has one profile, with the default role' : 'people edit their own name and avatar, never their role');
  }
  const parent = tables.parentOf(table);
  if (tables.privileged(role)) return cell('all', 'privileged staff oversee every row');
  if (table.recordOf === role) {
    // People kept as records who also sign in: each sees their own record; the people who keep it change it.
    if (action === 'read') return cell('own', 'their own record, linked to their profile');
    if (action === 'create' && tables.ownerCapable(table, role)) return cell('own', 'creates rows in their own name');
    return none(`${lower(sentence(table.name))} are kept by the people who keep them`);
  }
  if (table.membersOf) {
    const group = tables.get(table.membersOf);
    const label = lower(sentence(group.singular));
    if (action === 'read') return cell('related', `members see who else is in their ${label}, and who is invited`, { via: group.name, link: 'party' });
    if (action === 'delete') return cell('related', `managers remove members and withdraw invitations; members leave`, { via: group.name, link: 'manager' });
    if (action === 'create') return cell('related', `the ${label}'s owner and admins add members and invite people; the invited accept`, { via: group.name, link: 'manager' });
    return cell('related', `the ${label}'s owner and admins change members' roles`, { via: group.name, link: 'manager' });
  }
  const own = tables.owns(table, role);
  const ownOrNone = (why: string, whyNot: string): Cell => {
    if (own) return cell('own', why);
    // A walker sees the dogs of the walks that name them; a mechanic the vehicles of their work orders.
    const naming = action === 'read' ? tables.namingChild(table, role, true) : undefined;
    return naming ? cell('related', `those their ${lower(sentence(naming.name))} are about`, { via: naming.name, link: 'child' }) : none(whyNot);
  };
  // Rows that only name a person's record (their appointments) are theirs to see; changing them is the keepers' unless a rule says so.
  const changesOwn = tables.ownColumns(table, role).length > 0;

  if (table.ownerColumn) {
    const capable = tables.ownerCapable(table, role);
    if (table.membership) {
      if (action === 'read' && !table.sharedRead) return cell('related', `members see the ${rows} they belong to`, { via: table.name, link: 'member' });
      if (action === 'update') return cell('related', `its owner and admins manage a ${lower(sentence(table.singular))}`, { via: table.name, link: 'manager' });
    }
    switch (action) {
      case 'read': {
        if (table.sharedRead && tables.worksWith(table, role)) return cell('all', `${rows} are listed for the people who work with them`);
        if (!table.private && participatesIn(tables, table, role)) return cell('all', `they rate, comment on, book or save ${rows}, so they see them`);
        if (table.private) {
          if (parent && tables.canPartake(parent, role)) return cell('related', `private: their own, and those of the ${lower(sentence(parent.singular))} they are one of the people of`, { via: parent.name, link: 'party' });
          return ownOrNone('private: seen by their people and privileged staff', 'private rows of other people');
        }
        if (parent) return followRead(cellOf(parent, role, 'read'), parent, own);
        return ownOrNone('people see their own', 'other people’s rows');
      }
      case 'create':
        return capable ? cell('own', table.participation ? 'a row of their own, never a change to the row it is about' : 'creates rows in their own name') : none(`${rows} are created by ${table.creatorRoles.join(', ') || 'others'}`);
      case 'update':
        return changesOwn ? cell('own', 'people change only their own rows') : none('people change only their own rows');
      case 'delete':
        return capable ? cell('own', 'people delete only their own rows') : none('people delete only their own rows');
    }
  }
  if (parent) {
    if (action === 'read') return followRead(cellOf(parent, role, 'read'), parent, own);
    const parentLabel = lower(sentence(parent.singular));
    if (cellOf(parent, role, 'update').scope === 'all') return cell('all', `may change every ${parentLabel}`);
    if (tables.canPartake(parent, role)) return cell('related', `part of the ${parentLabel}: managed by its people`, { via: parent.name, link: 'party' });
    return none(`part of a ${parentLabel}, which is not theirs`);
  }
  // Reference data nobody owns (categories, tags): everyone reads; staff, or else its creators, keep it.
  if (action === 'read') return cell('all', 'reference data');
  if (data.privilegedRoles.length > 0) return none('reference data kept by privileged staff');
  if (table.creatorRoles.length > 0) return table.creatorRoles.includes(role) ? cell('all', 'keeps this reference data') : none(`kept by ${table.creatorRoles.join(', ')}`);
  // With no staff and nobody named, anyone adds an entry, and nobody rewrites or removes the others'.
  return action === 'create' ? cell('all', 'shared reference data: anyone adds an entry') : none('shared reference data: entries are not anyone’s to change');
}

/**
 * Does the role make rows of its own about this table's rows (comments on articles, bookings of
 * classes)? Then it sees them, unless they live inside a group (a project's tasks), whose
 * members alone see them.
 */
function participatesIn(tables: Tables, table: Table, role: string): boolean {
  if ([table, ...tables.ancestors(table)].some((candidate) => candidate.membership)) return false;
  return tables.data.tables.some(
    (other) =>
      other.participation &&
      other !== table &&
      (other.creatorRoles.length === 0 || other.creatorRoles.includes(role)) &&
      other.columns.some((column) => column.references === `${table.name}.id`),
  );
}

function followRead(parentRead: Cell, parent: Table, own: boolean): Cell {
  const label = lower(sentence(parent.singular));
  if (parentRead.scope === 'all' && !parentRead.columns) return cell('all', `follows the ${label}, which everyone reads`);
  if (parentRead.scope === 'none' || (parentRead.columns && !own && parentRead.scope !== 'own')) {
    return own ? cell('own', `their own; the ${label} is not theirs to read`) : none(`the ${label} is not theirs to read`);
  }
  return cell('related', `follows the ${label}: seen by whoever sees it`, { via: parent.name, link: 'reader' });
}

/** A rule of the product model, as a cell of this table. */
function ruleCell(tables: Tables, table: Table, role: string, action: Action, rule: AccessRule, notes: string[]): Cell {
  const rows = `${role} × ${table.name} × ${action}`;
  const ruled = (scope: AccessScope, why: string, extra: Partial<Cell> = {}): Cell => ({ scope, source: 'rule', why, ...extra });
  if (rule.scope === 'all') return ruled('all', 'the idea says so');
  if (rule.scope === 'none') return ruled('none', 'the idea says so');
  const parent = tables.parentOf(table);
  if (rule.scope === 'own' && action === 'read' && table.membership) {
    // A group's people are its members: "their projects" are those they own or belong to.
    return ruled('related', 'their own, and those they are a member of', { via: table.name, link: 'member' });
  }
  if (rule.scope === 'own') {
    // A row of one's own is one they make, one that names them, or one that names their record (their appointments).
    const ownable = action === 'create' ? table.ownerColumn !== undefined || table.kind === 'profiles' || tables.recordColumns(table, role).length > 0 : tables.owns(table, role);
    if (ownable) return ruled('own', 'the idea says so');
    // "Plumbers see their own jobs" where a job names no plumber but its assignments do: their jobs
    // are those with a row that names them. A new row has no such row yet, so this is for reading and changing.
    const naming = action === 'create' ? undefined : tables.namingChild(table, role);
    if (naming) return ruled('related', `their own: those whose ${lower(sentence(naming.name))} name them`, { via: naming.name, link: 'child' });
    if (parent) {
      notes.push(`${rows}: "own" ${table.name} have no column naming ${withArticle(role)}; read as those of the ${parent.singular.replace(/_/g, ' ')} they belong to.`);
      return ruled('related', `their own ${lower(sentence(parent.singular))}'s`, { via: parent.name, link: 'party' });
    }
    notes.push(`${rows}: "own" ${table.name} have no column naming ${withArticle(role)}, so there are none.`);
    return ruled('none', `no ${table.name} are a ${role}'s own`);
  }
  // related
  const via = rule.via !== undefined ? relatedVia(tables, table, rule.via) : parent ? { via: parent, link: 'party' as const } : undefined;
  if (!via) {
    notes.push(`${rows}: related through "${rule.via ?? '?'}", which does not lead to ${table.name}; left at none.`);
    return ruled('none', `nothing relates ${table.name} to a ${role} through ${rule.via ?? 'it'}`);
  }
  if (via.via === table && via.link !== 'member') return ruled('own', 'the idea says so');
  if (action === 'create' && via.link === 'child') {
    notes.push(`${rows}: a new row has no ${via.via.name} yet to relate it through; left at none.`);
    return ruled('none', `a new ${table.singular.replace(/_/g, ' ')} has no ${via.via.name} yet`);
  }
  return ruled('related', `through ${via.via.name}`, { via: via.via.name, link: via.link });
}

function relatedVia(tables: Tables, table: Table, name: string): { via: Table; link: Link } | undefined {
  const target = tables.resolveVia(name);
  const ancestors = [table, ...tables.ancestors(table)];
  if (!target) {
    // A role: the members table of an ancestor whose members are people of that role.
    const role = snake(name);
    for (const ancestor of ancestors) {
      const members = ancestor.membership ? tables.byName.get(ancestor.membership.table) : undefined;
      if (members && Object.values(members.personRoles).includes(role)) return { via: ancestor, link: 'member' };
    }
    return undefined;
  }
  if (target.membersOf && ancestors.some((ancestor) => ancestor.name === target.membersOf)) return { via: tables.get(target.membersOf), link: 'member' };
  if (target === table) return table.membership ? { via: table, link: 'member' } : { via: table, link: 'party' };
  if (ancestors.includes(target)) return { via: target, link: 'party' };
  if (tables.referenceTo(target, table)) return { via: target, link: 'child' };
  return undefined;
}

/**
 * A row must be readable to be changed (PostgreSQL checks the select policies of UPDATE and
 * DELETE): a write cell wider than the read cell widens the read cell, and says so.
 */
function seeWhatYouChange(row: Record<Action, Cell>, table: Table, role: string, notes: string[]): void {
  const rank = (scope: AccessScope) => ({ none: 0, own: 1, related: 2, all: 3 })[scope];
  for (const action of ['update', 'delete'] as const) {
    const write = row[action];
    if (rank(write.scope) <= rank(row.read.scope)) continue;
    if (write.scope === 'related' && row.read.scope === 'related') continue;
    row.read = { ...write, source: write.source, why: `to ${action} a row one must see it (${write.why})` };
    notes.push(`${role} × ${table.name}: read widened to ${write.scope} so that ${action} can find the rows.`);
  }
}

/**
 * Roles that read rows for a reason other than being among their people (everyone reads the
 * listing; they read a parent's children) do not read the sensitive columns unless they are the
 * roles that record or change them (vets write the diagnosis; the front desk does not): they get
 * the other columns through the table's summary function, and only their own rows in full.
 */
function limitSensitive(tables: Tables, table: Table, access: TableAccess): void {
  if (table.sensitive.length === 0) return;
  const safe = table.columns.map((column) => column.name).filter((name) => !table.sensitive.includes(name));
  let limited = false;
  for (const [role, row] of Object.entries(access.cells)) {
    // Those who record or change the rows see what they write.
    if (tables.privileged(role) || table.creatorRoles.includes(role) || row.update.scope !== 'none') continue;
    const read = row.read;
    if (read.scope === 'all' || (read.scope === 'related' && read.link === 'reader')) {
      row.read = { ...read, columns: safe, why: `${read.why}; without ${table.sensitive.join(', ')}` };
      limited = true;
    }
  }
  access.hidden = [...table.sensitive];
  if (limited) access.summary = `${table.name}_summary`;
}

/** The one-line reading of a cell, for documents: "own", "related (members of projects)". */
export function describeCell(c: Cell): string {
  const base = c.scope === 'related' && c.via ? (c.link === 'child' ? `related: through their ${c.via}` : `related: ${LINK_WORDS[c.link ?? 'party']} ${c.via}`) : c.scope;
  return c.columns ? `${base} (summary columns only)` : base;
}

const LINK_WORDS: Record<Link, string> = {
  member: 'members of',
  manager: 'managers of',
  party: 'people of',
  reader: 'readers of',
  child: 'through their',
};

/** The contract's shape of the matrix (`architecture.security.access_matrix`). */
export function contractMatrix(matrix: AccessMatrix): AccessMatrixContract {
  const out = (c: Cell) => ({
    scope: c.scope,
    ...(c.via ? { via: c.via } : {}),
    ...(c.link ? { link: c.link } : {}),
    ...(c.columns ? { columns: [...c.columns] } : {}),
    source: c.source,
    why: c.why,
  });
  return {
    roles: [...matrix.roles],
    tables: matrix.tables.map((access) => ({
      table: access.table,
      ...(access.hidden.length > 0 ? { hidden_columns: [...access.hidden] } : {}),
      ...(access.summary ? { summary_function: access.summary } : {}),
      roles: matrix.roles.map((role) => {
        const row = access.cells[role]!;
        return { role, read: out(row.read), create: out(row.create), update: out(row.update), delete: out(row.delete) };
      }),
    })),
    notes: [...matrix.notes],
  };
}
