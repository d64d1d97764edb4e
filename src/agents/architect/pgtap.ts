import { listing, lower, withArticle } from '../english.js';
import { ACTIONS, Tables, type AccessMatrix, type Action, type Cell } from './access.js';
import type { Column } from './columns.js';
import { INVITATION_DAYS, PROFILES, RECORD_PROFILE_COLUMN, type DataModel, type Table } from './data-model.js';
import { literal } from './sql.js';

/**
 * pgTAP tests of the access matrix, for the generated project's `supabase/tests/` (what
 * `supabase test db` runs). For every role and every cell they sign in as a person of that role
 * and try: reading a row of their own, a related row and a stranger's row; creating rows in their
 * name and in someone else's; and changing and deleting rows "blind" (an UPDATE or DELETE without
 * WHERE, which row level security answers with the update and delete policies alone). Each try
 * runs in a subtransaction that is rolled back, so the tests do not depend on one another. Then
 * the escalation attempts: a privileged role asked for at sign-up, a person changing their own
 * role, invitations used by the wrong person.
 */

const SCHEMA = 'access_tests';

interface User {
  key: string;
  id: string;
  email: string;
  role: string;
}

type Values = Map<string, string>;

export function pgtapTests(productName: string, data: DataModel, matrix: AccessMatrix): string {
  return new TestWriter(productName, data, matrix).write();
}

class TestWriter {
  private readonly tables: Tables;
  private readonly setup: string[] = [];
  private readonly tests: string[] = [];
  private count = 0;
  private serial = 0;
  private readonly users = new Map<string, User>();
  private readonly cache = new Map<string, string | undefined>();

  constructor(
    private readonly productName: string,
    private readonly data: DataModel,
    private readonly matrix: AccessMatrix,
  ) {
    this.tables = new Tables(data);
  }

  write(): string {
    for (const role of this.data.roles) {
      this.user(role.name, role.name);
      this.user(`${role.name}.other`, role.name);
    }
    // Whoever a row names without it mattering to the test (the member of a members row).
    this.user('bystander', this.data.defaultRole);
    this.signUp();
    this.profiles();
    for (const role of this.data.roles) {
      const tables = this.data.tables.filter((table) => table.kind !== 'profiles');
      if (tables.length > 0) this.tests.push('', `-- ${'-'.repeat(66)}`, `-- As ${role.name}: every cell of the matrix for this role`, `-- ${'-'.repeat(66)}`);
      for (const table of tables) this.cells(role.name, table);
    }
    this.summaries();
    this.invitations();
    this.anonymous();
    return [this.header(), ...this.setup, '', `select plan(${this.count});`, ...this.tests, '', 'select * from finish();', 'rollback;', ''].join('\n');
  }

  private header(): string {
    return `-- ${this.productName}: who may do what, as the access matrix of the architecture says.
-- Generated with the migration; run with \`npx supabase test db\` (pgTAP). Everything happens in
-- one transaction that is rolled back, so the database is left as it was.
begin;
create extension if not exists pgtap with schema extensions;

-- Tries a statement as a signed-in person (or anon when the name is null) and undoes it:
-- 'rows=N' when it ran (N rows read or changed), 'error=SQLSTATE' when it was refused.
-- With p_only_table, every other row of that table is removed first (and put back), so that
-- an UPDATE or DELETE without WHERE shows exactly which of the remaining rows it may reach.
create schema ${SCHEMA};
create table ${SCHEMA}.users (name text primary key, id uuid not null, email text not null);
create function ${SCHEMA}.run(p_user text, p_statement text, p_only_table text default null, p_only_id uuid default null)
returns text
language plpgsql
as $$
declare
  n bigint;
  person ${SCHEMA}.users%rowtype;
begin
  begin
    if p_only_table is not null then
      execute format('delete from public.%I where id <> $1', p_only_table) using p_only_id;
    end if;
    if p_user is null then
      perform set_config('request.jwt.claims', '{"role": "anon"}', true);
      perform set_config('role', 'anon', true);
    else
      select * into strict person from ${SCHEMA}.users where name = p_user;
      perform set_config('request.jwt.claims', json_build_object('sub', person.id, 'role', 'authenticated', 'email', person.email)::text, true);
      perform set_config('role', 'authenticated', true);
    end if;
    execute p_statement;
    get diagnostics n = row_count;
    raise exception using errcode = 'PT001', message = n::text;
  exception
    when sqlstate 'PT001' then return 'rows=' || sqlerrm;
    when others then return 'error=' || sqlstate;
  end;
end;
$$;

-- Runs a statement as a signed-in person and keeps what it did (accepting an invitation).
create function ${SCHEMA}.keep(p_user text, p_statement text)
returns text
language plpgsql
as $$
declare
  n bigint;
  person ${SCHEMA}.users%rowtype;
begin
  select * into strict person from ${SCHEMA}.users where name = p_user;
  begin
    perform set_config('request.jwt.claims', json_build_object('sub', person.id, 'role', 'authenticated', 'email', person.email)::text, true);
    perform set_config('role', 'authenticated', true);
    execute p_statement;
    get diagnostics n = row_count;
    perform set_config('role', 'none', true);
    return 'rows=' || n;
  exception
    when others then return 'error=' || sqlstate;
  end;
end;
$$;

-- People: two of each role (the one acting, and another person of the same role).`;
  }

  // ------------------------------------------------------------------ people

  private user(key: string, role: string, options: { metadata?: string; confirmed?: boolean; email?: string } = {}): User {
    const existing = this.users.get(key);
    if (existing) return existing;
    const user: User = { key, id: this.uuid('a'), email: options.email ?? `${key.replace(/[^a-z0-9.]+/g, '.')}@example.test`, role };
    this.users.set(key, user);
    const metadata = options.metadata ?? JSON.stringify({ role, display_name: key });
    this.setup.push(
      `insert into auth.users (id, email, email_confirmed_at, raw_user_meta_data) values (${literal(user.id)}, ${literal(user.email)}, ${options.confirmed === false ? 'null' : 'now()'}, ${literal(metadata)}::jsonb);`,
    );
    this.setup.push(`insert into ${SCHEMA}.users (name, id, email) values (${literal(key)}, ${literal(user.id)}, ${literal(user.email)});`);
    // Roles nobody may pick at sign-up are given after it, the way an appointer gives them.
    if (!this.data.selfServiceRoles.includes(role) && options.metadata === undefined) {
      this.setup.push(`update public.${PROFILES} set role = ${literal(role)} where id = ${literal(user.id)};`);
    }
    return user;
  }

  private uuid(kind: 'a' | 'b'): string {
    this.serial++;
    return `00000000-0000-4000-${kind === 'a' ? 'a' : 'b'}000-${this.serial.toString(16).padStart(12, '0')}`;
  }

  // ------------------------------------------------------------------ tests

  private is(actual: string, expected: string, says: string): void {
    this.count++;
    this.tests.push(`select is(${actual}, ${literal(expected)}, ${literal(says)});`);
  }

  private run(user: string | null, statement: string, only?: { table: string; id: string }): string {
    const args = [user === null ? 'null' : literal(user), `$sql$${statement}$sql$`];
    if (only) args.push(literal(only.table), literal(only.id));
    return `${SCHEMA}.run(${args.join(', ')})`;
  }

  /** Some role reads its own rows of a table whose other rows it reads only in summary. */
  private hasOwnRead(table: Table): boolean {
    const access = this.access(table);
    return Object.entries(access.cells).some(([role, row]) => row.read.scope !== 'none' && (!row.read.columns || this.tables.owns(table, role)));
  }

  private access(table: Table) {
    return this.matrix.tables.find((access) => access.table === table.name)!;
  }

  /** What a refused try answers: no rows when a policy for the command exists, permission denied when none does. */
  private refused(table: Table, action: Action): string {
    if (action === 'create') return 'error=42501';
    const exists =
      action === 'read'
        ? this.hasOwnRead(table)
        : Object.values(this.access(table).cells).some((row) => row[action].scope !== 'none');
    return exists ? 'rows=0' : 'error=42501';
  }

  private cells(role: string, table: Table): void {
    const cells = this.access(table).cells[role]!;
    const rows = lower(table.label);
    const aRow = withArticle(rows);
    for (const action of ACTIONS) {
      const cell = cells[action];
      if (action === 'create') {
        this.create(role, table, cell);
        continue;
      }
      const statement = action === 'read' ? `select 1 from public.${table.name} where id = %` : action === 'update' ? `update public.${table.name} set updated_at = now()` : `delete from public.${table.name}`;
      const verb = { read: 'reads', update: 'changes', delete: 'deletes' }[action];
      const refusedVerb = { read: 'cannot read', update: 'cannot change', delete: 'cannot delete' }[action];
      const attempt = (id: string) =>
        action === 'read' ? this.run(role, statement.replace('%', literal(id))) : this.run(role, statement, { table: table.name, id });
      const foreign = this.remember(`foreign|${role}|${table.name}`, () => this.freshRow(table, `${role}.other`))!;
      const owns = this.tables.owns(table, role);
      const limited = action === 'read' && cell.columns !== undefined;
      switch (limited ? 'none' : cell.scope) {
        case 'all':
          this.is(attempt(foreign), 'rows=1', `${role} ${verb} another person's ${rows} (${cell.why})`);
          break;
        case 'own': {
          const own = this.ownTarget(role, table);
          if (own) this.is(attempt(own), 'rows=1', `${role} ${verb} their own ${rows}`);
          this.is(attempt(foreign), this.refused(table, action), `${role} ${refusedVerb} another person's ${rows}`);
          break;
        }
        case 'related': {
          const related = this.relatedTarget(role, table, cell);
          if (related) this.is(attempt(related), 'rows=1', `${role} ${verb} ${aRow} of ${withArticle(lower(this.tables.get(cell.via!).label))} they are ${LINKED[cell.link ?? 'party']}`);
          this.is(attempt(foreign), this.refused(table, action), `${role} ${refusedVerb} an unrelated ${rows}`);
          break;
        }
        case 'none':
          this.is(attempt(foreign), this.refused(table, action), `${role} ${refusedVerb} another person's ${rows}`);
          if (owns && !limited) this.is(attempt(this.ownTarget(role, table)!), this.refused(table, action), `${role} ${refusedVerb} even ${aRow} that names them`);
          if (owns && limited) this.is(attempt(this.ownTarget(role, table)!), 'rows=1', `${role} reads their own ${rows} in full`);
          break;
      }
      if (limited) {
        const shown = cell.scope === 'all' ? foreign : cell.scope === 'related' ? this.relatedTarget(role, table, cell) : owns ? this.ownTarget(role, table) : undefined;
        const summary = this.access(table).summary!;
        if (shown) this.is(this.run(role, `select 1 from public.${summary}() where id = ${literal(shown)}`), 'rows=1', `${role} sees ${aRow} through ${summary}(), without ${this.access(table).hidden.join(', ')}`);
      }
    }
  }

  private create(role: string, table: Table, cell: Cell): void {
    const rows = lower(table.label);
    const aRow = withArticle(rows);
    const insert = (values: Values) => this.run(role, `insert into public.${table.name} (${[...values.keys()].join(', ')}) values (${[...values.values()].join(', ')})`);
    const creator = table.ownerColumn;
    const parent = this.tables.parentOf(table);
    const parentColumn = table.parent?.column;
    switch (cell.scope) {
      case 'all': {
        const values = this.rowValues(table, role, parentColumn && parent ? { [parentColumn]: this.freshRow(parent, `${role}.other`) } : {});
        this.is(insert(values), 'rows=1', `${role} adds ${aRow} anywhere (${cell.why})`);
        break;
      }
      case 'own': {
        const readable = parent ? this.readTarget(role, parent, uniqueParent(table)) : undefined;
        if (parent && !readable) break;
        const under = { ...this.recordAssignments(role, table), ...(parentColumn && readable ? { [parentColumn]: readable } : {}) };
        this.is(insert(this.rowValues(table, role, under)), 'rows=1', `${role} adds ${aRow} of their own`);
        if (creator) {
          this.is(insert(this.rowValues(table, role, { ...under, [creator]: literal(this.userOf(`${role}.other`).id) })), 'error=42501', `${role} cannot add ${aRow} in another person's name`);
        }
        if (parent && parentColumn && this.access(parent).cells[role]!.read.scope !== 'all') {
          this.is(insert(this.rowValues(table, role, { [parentColumn]: this.freshRow(parent, `${role}.other`) })), 'error=42501', `${role} cannot add ${aRow} to ${withArticle(lower(parent.label))} they cannot see`);
        }
        break;
      }
      case 'related': {
        const assignments = cell.link === 'child' ? undefined : this.relatedAssignments(role, table, cell);
        if (assignments) this.is(insert(this.rowValues(table, role, assignments)), 'rows=1', `${role} adds ${aRow} to ${withArticle(lower(this.tables.get(cell.via!).label))} they are ${LINKED[cell.link ?? 'party']}`);
        if (parent && parentColumn) {
          this.is(insert(this.rowValues(table, role, { [parentColumn]: this.freshRow(parent, `${role}.other`) })), 'error=42501', `${role} cannot add ${aRow} to an unrelated ${lower(parent.label)}`);
        }
        break;
      }
      case 'none': {
        const best = parent && parentColumn ? { [parentColumn]: this.readTarget(role, parent, uniqueParent(table)) ?? this.freshRow(parent, `${role}.other`) } : {};
        this.is(insert(this.rowValues(table, role, best)), 'error=42501', `${role} cannot add ${aRow}`);
        break;
      }
    }
  }

  // ------------------------------------------------------------------ rows

  private userOf(key: string): User {
    const user = this.users.get(key);
    if (!user) throw new Error(`no test user ${key}`);
    return user;
  }

  /** A new row of the table with a new chain of parents, everything in `base`'s name unless assigned. */
  private freshRow(table: Table, base: string, assign: Record<string, string> = {}, chain: readonly string[] = []): string {
    const values = this.rowValues(table, base, assign, chain);
    const id = values.get('id')!.slice(1, -1);
    this.setup.push(`insert into public.${table.name} (${[...values.keys()].join(', ')}) values (${[...values.values()].join(', ')});`);
    return id;
  }

  /** Column → SQL value of a row: assigned values, then owner and required columns, parents built as needed. */
  private rowValues(table: Table, base: string, assign: Record<string, string>, chain: readonly string[] = []): Values {
    if (chain.includes(table.name)) throw new Error(`required references go round in a circle: ${[...chain, table.name].join(' → ')}`);
    const values: Values = new Map();
    const person = literal(this.userOf(base).id);
    for (const column of table.columns) {
      const assigned = assign[column.name];
      if (assigned !== undefined) {
        values.set(column.name, assigned.startsWith("'") || assigned.includes('(') ? assigned : literal(assigned));
        continue;
      }
      if (column.primary) values.set(column.name, literal(this.uuid('b')));
      else if (column.name === table.ownerColumn) values.set(column.name, person);
      // A members row names its member (without one it would be an invitation, made apart).
      else if (!required(column) && !(table.membersOf && table.people.includes(column.name))) continue;
      else if (column.references?.startsWith(`${PROFILES}.`) || column.references?.startsWith('auth.')) values.set(column.name, literal(this.userOf('bystander').id));
      else if (column.references) {
        const target = this.tables.get(column.references.split('.')[0]!);
        values.set(column.name, literal(this.freshRow(target, base, {}, [...chain, table.name])));
      } else values.set(column.name, this.valueOf(column));
    }
    return values;
  }

  private valueOf(column: Column): string {
    const n = ++this.serial;
    if (column.enum_values && column.enum_values.length > 0) return literal(column.enum_values[0]!);
    const check = column.check ?? '';
    if (column.type === 'uuid') return 'gen_random_uuid()';
    if (column.type === 'text') {
      if (check.includes('@')) return literal(`row${n}@example.test`);
      if (check.includes('https?')) return literal(`https://example.test/${n}`);
      return literal(`${column.name.replace(/_/g, ' ')} ${n}`);
    }
    if (column.type === 'integer') return /between (\d+) and/.exec(check)?.[1] ?? String(n);
    if (column.type.startsWith('numeric')) return String(n);
    if (column.type === 'boolean') return 'false';
    if (column.type === 'date') return `date '2030-01-01' + ${n % 3000}`;
    if (column.type === 'timestamptz') return `timestamptz '2030-01-01 09:00:00+00' + interval '${n} minutes'`;
    if (column.type === 'time') return `time '09:00'`;
    if (column.type === 'jsonb') return `'{}'::jsonb`;
    return literal(String(n));
  }

  private remember(key: string, build: () => string | undefined): string | undefined {
    if (!this.cache.has(key)) this.cache.set(key, build());
    return this.cache.get(key);
  }

  /** A row that is the person's own for their role, with everything else another person's. */
  private ownTarget(role: string, table: Table): string | undefined {
    return this.remember(`own|${role}|${table.name}`, () => {
      if (!this.tables.owns(table, role)) return undefined;
      const me = this.userOf(role).id;
      return this.freshRow(table, `${role}.other`, { ...this.recordAssignments(role, table), ...Object.fromEntries(this.tables.ownColumns(table, role).map((column) => [column, me])) });
    });
  }

  /** The columns of a row that name the person's own record (appointments.client_id → their client row). */
  private recordAssignments(role: string, table: Table): Record<string, string> {
    const assign: Record<string, string> = {};
    for (const column of this.tables.recordColumns(table, role)) {
      const record = this.tables.get(table.columns.find((c) => c.name === column)!.references!.split('.')[0]!);
      const id = this.recordRow(role, record);
      if (id) assign[column] = id;
    }
    return assign;
  }

  /** The one row of a role's record linked to the person (its profile column is unique): theirs if it is their role's, else one naming them. */
  private recordRow(role: string, record: Table): string | undefined {
    if (record.recordOf === role) return this.ownTarget(role, record);
    return this.remember(`record|${role}|${record.name}`, () => this.freshRow(record, `${role}.other`, { [RECORD_PROFILE_COLUMN]: this.userOf(role).id }));
  }

  /** A row the person may read, whatever their read cell on the table says; a new one each time when `fresh`. */
  private readTarget(role: string, table: Table, fresh = false): string | undefined {
    return this.remember(`read|${role}|${table.name}${fresh ? `|${++this.serial}` : ''}`, () => {
      const cell = this.access(table).cells[role]!.read;
      if (cell.columns) return this.tables.owns(table, role) ? this.ownTarget(role, table) : undefined;
      if (cell.scope === 'all') return this.freshRow(table, `${role}.other`);
      if (cell.scope === 'own') return this.ownTarget(role, table);
      if (cell.scope === 'related') return this.relatedTarget(role, table, cell);
      return undefined;
    });
  }

  /** A row related to the person only through the cell's link (another person's row in their project). */
  private relatedTarget(role: string, table: Table, cell: Cell): string | undefined {
    return this.remember(`related|${role}|${table.name}|${cell.via}|${cell.link}`, () => {
      if (cell.link === 'child') {
        const child = this.tables.get(cell.via!);
        const column = this.tables.referenceTo(child, table);
        if (!column) return undefined;
        const id = this.freshRow(table, `${role}.other`);
        const party = this.partyAssignment(role, child);
        if (!party) return undefined;
        const childId = this.freshRow(child, `${role}.other`, { ...party.assign, [column]: id });
        party.after?.(childId);
        return id;
      }
      const assignments = this.relatedAssignments(role, table, cell);
      if (!assignments) return undefined;
      const self = cell.via === table.name;
      const id = this.freshRow(table, `${role}.other`, assignments);
      if (self && (cell.link === 'member' || cell.link === 'manager') && table.membership) this.addMember(table, id, role, cell.link === 'manager' ? 'admin' : 'member');
      else if (self) return undefined;
      return id;
    });
  }

  /** The parent column of a row related to the person through `cell`, its parents built. */
  private relatedAssignments(role: string, table: Table, cell: Cell): Record<string, string> | undefined {
    const via = this.tables.get(cell.via!);
    if (via === table) return {};
    const parent = this.tables.parentOf(table);
    if (!parent || !table.parent) return undefined;
    const link = cell.link ?? 'party';
    if (via === parent) {
      const id = link === 'reader' ? this.readTarget(role, parent, uniqueParent(table)) : this.linkedRow(role, parent, link, table);
      return id ? { [table.parent.column]: id } : undefined;
    }
    const chain = [parent, ...this.tables.ancestors(parent)];
    const at = chain.indexOf(via);
    if (at < 0) return undefined;
    let id = this.linkedRow(role, via, link, table);
    for (let i = at - 1; i >= 0 && id; i--) id = this.freshRow(chain[i]!, `${role}.other`, { [chain[i]!.parent!.column]: id });
    return id ? { [table.parent.column]: id } : undefined;
  }

  /** A new row of `table` the person is linked to as its member, manager or one of its people; never through rows of `avoid`. */
  private linkedRow(role: string, table: Table, link: Cell['link'], avoid: Table): string | undefined {
    const members = table.membership && table.membership.table !== avoid.name;
    // A record's link to a profile is unique: the person's one record, made once.
    if (table.recordOf && !table.ownerColumn && !members) return this.recordRow(role, table);
    if ((link === 'member' || link === 'manager' || link === 'party') && members) {
      const id = this.freshRow(table, `${role}.other`);
      this.addMember(table, id, role, link === 'manager' ? 'admin' : 'member');
      return id;
    }
    const party = this.partyAssignment(role, table, avoid);
    if (!party) return undefined;
    const id = this.freshRow(table, `${role}.other`, party.assign);
    party.after?.(id);
    return id;
  }

  /** How to make the person one of a new row's people: its owner, the person it names, or a person of its parent. */
  private partyAssignment(role: string, table: Table, avoid?: Table): { assign: Record<string, string>; after?: (id: string) => void } | undefined {
    const me = this.userOf(role).id;
    if (table.ownerColumn) return { assign: { [table.ownerColumn]: me } };
    // A record names its person in a unique column: a second row naming them cannot be made.
    const people = table.recordOf ? table.people.filter((column) => column !== RECORD_PROFILE_COLUMN) : table.people;
    if (people.length > 0) return { assign: { [people[0]!]: me } };
    if (table.membership && table.membership.table !== avoid?.name) return { assign: {}, after: (id) => this.addMember(table, id, role, 'member') };
    const parent = this.tables.parentOf(table);
    if (parent && table.parent) {
      const id = this.linkedRow(role, parent, 'party', avoid ?? table);
      return id ? { assign: { [table.parent.column]: id } } : undefined;
    }
    return undefined;
  }

  private addMember(group: Table, groupId: string, role: string, memberRole: string): void {
    const { table, column, memberColumn } = group.membership!;
    this.setup.push(
      `insert into public.${table} (${column}, ${memberColumn}, member_role) values (${literal(groupId)}, ${literal(this.userOf(role).id)}, ${literal(memberRole)});`,
    );
  }

  // ------------------------------------------------------------------ escalation

  private signUp(): void {
    this.tests.push('', '-- Sign-up: a role is taken only if people may pick it themselves.');
    for (const role of this.data.roles) {
      const key = `signup.${role.name}`;
      const user = this.user(key, role.name, { metadata: JSON.stringify({ role: role.name }) });
      const expected = this.data.selfServiceRoles.includes(role.name) ? role.name : this.data.defaultRole;
      this.is(
        `(select role from public.${PROFILES} where id = ${literal(user.id)})`,
        expected,
        expected === role.name ? `signing up as ${role.name} gives ${role.name}` : `signing up as ${role.name} gives ${this.data.defaultRole}: ${role.name} is given, never taken`,
      );
    }
    const stranger = this.user('signup.unknown', this.data.defaultRole, { metadata: JSON.stringify({ role: 'superuser' }) });
    this.is(`(select role from public.${PROFILES} where id = ${literal(stranger.id)})`, this.data.defaultRole, `an unknown role at sign-up gives ${this.data.defaultRole}`);
  }

  private profiles(): void {
    this.tests.push('', '-- Profiles: everyone sees names; people edit only their own, and never their role.');
    const ghost = this.user('ghost', this.data.defaultRole);
    this.setup.push(`delete from public.${PROFILES} where id = ${literal(ghost.id)};`);
    const given = this.givenRole();
    if (given) {
      this.is(
        this.run('ghost', `insert into public.${PROFILES} (id, display_name, role) values (${literal(ghost.id)}, 'Ghost', ${literal(given)})`),
        'error=42501',
        `a person without a profile cannot create their own with the role ${given}`,
      );
    }
    this.is(this.run('ghost', `insert into public.${PROFILES} (id, display_name) values (${literal(ghost.id)}, 'Ghost')`), 'rows=1', 'a person without a profile may create their own, with the default role');
    for (const role of this.data.roles) {
      const me = this.userOf(role.name);
      const other = this.userOf(`${role.name}.other`);
      const another = this.data.roles.find((candidate) => candidate.name !== role.name)?.name ?? role.name;
      this.is(this.run(role.name, `select 1 from public.${PROFILES} where id = ${literal(other.id)}`), 'rows=1', `${role.name} sees another person's name`);
      this.is(this.run(role.name, `update public.${PROFILES} set display_name = 'Renamed' where id = ${literal(me.id)}`), 'rows=1', `${role.name} renames themselves`);
      this.is(this.run(role.name, `update public.${PROFILES} set updated_at = now()`, { table: PROFILES, id: other.id }), 'rows=0', `${role.name} cannot change another person's profile`);
      this.is(this.run(role.name, `update public.${PROFILES} set role = ${literal(another)} where id = ${literal(me.id)}`), 'error=42501', `${role.name} cannot change their own role`);
      this.is(this.run(role.name, `delete from public.${PROFILES}`, { table: PROFILES, id: other.id }), 'error=42501', `${role.name} cannot delete profiles`);
      this.is(this.run(role.name, `insert into public.${PROFILES} (id, display_name) values (${literal(ghost.id)}, 'Forged')`), 'error=42501', `${role.name} cannot create a profile for someone else`);
    }
    this.appointing();
  }

  /** A role nobody may pick at sign-up, to try to take and to give; else any other role. */
  private givenRole(): string | undefined {
    return this.data.roles.find((candidate) => !this.data.selfServiceRoles.includes(candidate.name))?.name;
  }

  /**
   * Roles nobody may pick are given by an appointer with set_user_role(): anyone else who calls it,
   * for themselves or for another person, is refused; an appointer's call changes the role.
   */
  private appointing(): void {
    if (this.data.appointerRoles.length === 0) return;
    const target = this.givenRole() ?? this.data.roles.find((candidate) => candidate.name !== this.data.defaultRole)?.name ?? this.data.defaultRole;
    // What someone who may not give roles would reach for: the power to give them.
    const power = this.data.appointerRoles[0]!;
    const roleOf = (user: User) => `(select role from public.${PROFILES} where id = ${literal(user.id)})`;
    const appointers = this.data.appointerRoles;
    this.tests.push('', `-- Appointing: only ${listing(appointers, 'or')} ${appointers.length === 1 ? 'gives' : 'give'} roles, with set_user_role(); a person signs up, then is promoted.`);
    for (const role of this.data.roles) {
      const me = this.userOf(role.name);
      const other = this.userOf(`${role.name}.other`);
      if (!appointers.includes(role.name)) {
        this.is(this.run(role.name, `select public.set_user_role(${literal(me.id)}, ${literal(power)})`), 'error=42501', `${role.name} cannot give themselves the role ${power}`);
        this.is(this.run(role.name, `select public.set_user_role(${literal(other.id)}, ${literal(power)})`), 'error=42501', `${role.name} cannot give another person the role ${power}`);
        continue;
      }
      // Someone who signed up like anyone else, promoted for good (the rest of the suite does not use them).
      const appointee = this.user(`appointee.${role.name}`, this.data.defaultRole);
      this.is(roleOf(appointee), this.data.defaultRole, `a person ${role.name} will promote signs up as ${this.data.defaultRole}`);
      this.is(`${SCHEMA}.keep(${literal(role.name)}, $sql$select public.set_user_role(${literal(appointee.id)}, ${literal(target)})$sql$)`, 'rows=1', `${role.name} gives another person the role ${target}`);
      this.is(roleOf(appointee), target, `set_user_role() by ${role.name} changed the person's role to ${target}`);
      this.is(this.run(role.name, `select public.set_user_role(${literal(appointee.id)}, 'no_such_role')`), 'error=23514', `set_user_role() by ${role.name} refuses a role the product does not have`);
    }
  }

  private summaries(): void {
    const limited = this.matrix.tables.filter((access) => access.summary);
    if (limited.length === 0) return;
    this.tests.push('', '-- Hidden columns stay hidden in the API too.');
    for (const access of limited) {
      this.count++;
      this.tests.push(
        `select ok(not (array[${access.hidden.map(literal).join(', ')}]::text[] && (select proargnames from pg_proc where oid = 'public.${access.summary}()'::regprocedure)), ${literal(`${access.summary}() leaves out ${access.hidden.join(', ')}`)});`,
      );
    }
  }

  /**
   * Invitations are rows of a group's members table: an email address and no person yet. Only
   * the person signed in with that address, confirmed, makes the row theirs with the group's
   * accept function, before it expires, and once; nobody makes it theirs by writing to it.
   */
  private invitations(): void {
    const groups = this.data.tables.filter((table) => table.membership && this.tables.byName.get(table.membership.table)?.membersOf === table.name);
    if (groups.length === 0) return;
    this.tests.push('', `-- Invitations: only the invited person, signed in with the invited and confirmed email, accepts; within ${INVITATION_DAYS} days; once.`);
    for (const group of groups) {
      const { table: members, column, memberColumn } = group.membership!;
      const fn = `accept_${group.singular}_invitation`;
      const label = lower(group.label);
      // A members table of one kind of person (a salon's stylists) invites people of that role.
      const role = this.tables.get(members).personRoles[memberColumn] ?? this.data.defaultRole;
      const invitee = this.user(`invitee.${members}`, role);
      const outsider = this.user(`outsider.${members}`, role);
      const unconfirmed = this.user(`unconfirmed.${members}`, role, { confirmed: false });
      const invite = (email: string, sentDaysAgo = 0): string => {
        const id = this.freshRow(group, `${role}.other`);
        const sent = sentDaysAgo > 0 ? `now() - interval '${sentDaysAgo} days'` : 'now()';
        this.setup.push(`insert into public.${members} (${column}, invited_email, status, created_at) values (${literal(id)}, ${literal(email)}, 'invited', ${sent});`);
        return id;
      };
      const open = invite(invitee.email);
      const late = invite(unconfirmed.email);
      const stale = invite(invitee.email, INVITATION_DAYS + 1);
      const accept = (id: string) => `select public.${fn}(${literal(id)})`;
      this.is(this.run(outsider.key, accept(open)), 'error=42501', `${fn}() refuses a person the invitation was not sent to`);
      this.is(this.run(unconfirmed.key, accept(late)), 'error=42501', `${fn}() refuses an email address that is not confirmed`);
      this.is(this.run(invitee.key, accept(stale)), 'error=42501', `${fn}() refuses an expired invitation`);
      if (role !== this.data.defaultRole) {
        const wrongRole = this.user(`wrong-role.${members}`, this.data.defaultRole);
        const forWrongRole = invite(wrongRole.email);
        this.is(this.run(wrongRole.key, accept(forWrongRole)), 'error=42501', `${fn}() refuses a person who is not ${withArticle(role)}`);
      }
      this.is(
        this.run(invitee.key, `update public.${members} set status = 'active', ${memberColumn} = ${literal(invitee.id)} where ${column} = ${literal(open)}`),
        'error=42501',
        `the invited person cannot make the invitation theirs by changing it`,
      );
      this.is(`${SCHEMA}.keep(${literal(invitee.key)}, $sql$${accept(open)}$sql$)`, 'rows=1', `${fn}() lets the invited person in`);
      this.is(
        `(select count(*)::text from public.${members} m where m.${column} = ${literal(open)} and m.${memberColumn} = ${literal(invitee.id)} and m.status = 'active' and m.accepted_at is not null)`,
        '1',
        `the invitation is now the invited person's membership of the ${label}`,
      );
      const read = this.access(group).cells[role]!.read;
      if (read.scope === 'related' && read.via === group.name && read.link === 'member' && !read.columns) {
        this.is(this.run(invitee.key, `select 1 from public.${group.name} where id = ${literal(open)}`), 'rows=1', `the invited person now sees the ${label}`);
      }
      this.is(this.run(invitee.key, accept(open)), 'error=42501', `${fn}() does not accept an invitation twice`);
    }
  }

  private anonymous(): void {
    this.tests.push('', '-- Visitors who are not signed in (anon) reach no table.');
    for (const table of this.data.tables) {
      this.is(this.run(null, `select 1 from public.${table.name} limit 1`), 'error=42501', `anon cannot read ${table.name}`);
    }
    if (this.data.appointerRoles.length > 0) {
      const target = this.givenRole() ?? this.data.defaultRole;
      this.is(this.run(null, `select public.set_user_role(${literal(this.userOf(this.data.defaultRole).id)}, ${literal(target)})`), 'error=42501', 'anon cannot call set_user_role()');
    }
  }
}

const LINKED: Record<NonNullable<Cell['link']>, string> = {
  member: 'a member of',
  manager: 'a manager of',
  party: 'one of the people of',
  reader: 'allowed to read',
  child: 'linked to',
};

/** One row per parent (a one-to-one): every row needs a parent of its own. */
function uniqueParent(table: Table): boolean {
  return table.columns.some((column) => column.name === table.parent?.column && column.unique === true);
}

function required(column: Column): boolean {
  return column.nullable === false && column.default === undefined && !column.primary;
}
