import type { RlsPolicy } from '../../contract/index.js';
import type { Column } from './columns.js';
import { PROFILES, type DataModel, type Table } from './data-model.js';
import type { AccessSql } from './rls.js';
import type { Rpc } from './rpc.js';
import { literal, shortIdentifier, textArray } from './sql.js';

/**
 * The Supabase migration: plain PostgreSQL in dependency order, safe to run twice (if not
 * exists, or replace, drop-then-create), with row level security on every table.
 */

export interface MigrationFeatures {
  /** Tables whose changes are broadcast by Supabase Realtime. */
  realtimeTables: string[];
  /** A private Storage bucket for uploads, named after the product. */
  storageBucket?: string;
  /** Full-text search over these table.column pairs. */
  search: Array<{ table: string; column: string }>;
}

function reference(references: string): string {
  const at = references.lastIndexOf('.');
  return `${references.slice(0, at)}(${references.slice(at + 1)})`;
}

function columnSql(column: Column, inlineReference: boolean): string {
  const parts = [column.name, column.type];
  if (column.primary) parts.push('primary key');
  else if (column.nullable === false) parts.push('not null');
  if (column.unique) parts.push('unique');
  if (column.default) parts.push(`default ${column.default}`);
  if (column.references && inlineReference) parts.push(`references ${reference(column.references)} on delete ${column.on_delete ?? 'cascade'}`);
  if (column.check) parts.push(`check (${column.check})`);
  return parts.join(' ');
}

/** Tables that reference each other are created parents first; a foreign key that closes a cycle is added afterwards. */
function creationOrder(tables: Table[]): Table[] {
  const entityTables = tables.filter((table) => table.kind !== 'profiles');
  const names = new Set(entityTables.map((table) => table.name));
  const dependsOn = (table: Table): string[] =>
    table.columns.map((column) => column.references?.split('.')[0] ?? '').filter((name) => names.has(name) && name !== table.name);
  const ordered: Table[] = [];
  const done = new Set<string>();
  let pending = [...entityTables];
  while (pending.length > 0) {
    const ready = pending.filter((table) => dependsOn(table).every((name) => done.has(name)));
    const next = ready.length > 0 ? ready : pending.slice(0, 1);
    for (const table of next) {
      ordered.push(table);
      done.add(table.name);
    }
    pending = pending.filter((table) => !done.has(table.name));
  }
  return ordered;
}

function helperFunctions(model: DataModel): string[] {
  const sql = [
    `-- Keeps updated_at true on every change.
create or replace function public.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at = now();
  return new;
end;
$$;`,
    `-- True when the signed-in person has one of the roles. SECURITY DEFINER so that policies can call
-- it without reading profiles through profiles' own policies.
create or replace function public.has_role(variadic role_names text[])
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.${PROFILES} p
    where p.id = (select auth.uid()) and p.role = any(role_names)
  );
$$;`,
  ];
  const admin = model.adminRoles.length > 0 ? `public.has_role(${model.adminRoles.map(literal).join(', ')})` : 'false';
  sql.push(`-- True for the administrative roles${model.adminRoles.length > 0 ? ` (${model.adminRoles.join(', ')})` : ' (this product has none)'}.
create or replace function public.is_admin()
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select ${admin};
$$;`);
  const chosen = textArray(model.selfServiceRoles.length > 0 ? model.selfServiceRoles : [model.defaultRole]);
  const given = model.roles.filter((role) => !model.selfServiceRoles.includes(role.name)).map((role) => role.name);
  sql.push(`-- Every new Supabase Auth user gets a profile. A role asked for at sign-up is accepted only if
-- people may pick it themselves (${model.selfServiceRoles.join(', ') || model.defaultRole}); anything else gives ${model.defaultRole}.${given.length > 0 ? `\n-- ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} given by ${model.appointerRoles.length > 0 ? `an invitation or by ${model.appointerRoles.join(' or ')} with set_user_role()` : 'the service role (Supabase dashboard)'}, never taken.` : ''}
create or replace function public.handle_new_user()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.${PROFILES} (id, display_name, role)
  values (
    new.id,
    coalesce(new.raw_user_meta_data ->> 'display_name', split_part(new.email, '@', 1)),
    case
      when new.raw_user_meta_data ->> 'role' = any(${chosen}) then new.raw_user_meta_data ->> 'role'
      else ${literal(model.defaultRole)}
    end
  )
  on conflict (id) do nothing;
  return new;
end;
$$;

drop trigger if exists on_auth_user_created on auth.users;
create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function public.handle_new_user();`);
  sql.push(`-- The second wall behind the column grants: signed-in people (anon, authenticated) never set a
-- role themselves. set_user_role() and the invitation functions run as their owner, so they may.
create or replace function public.protect_profile_role()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated') and (
    (tg_op = 'INSERT' and new.role is distinct from ${literal(model.defaultRole)})
    or (tg_op = 'UPDATE' and new.role is distinct from old.role)
  ) then
    raise exception 'a role is given, never taken: ask ${model.appointerRoles.join(' or ') || 'the project owner'}' using errcode = '42501';
  end if;
  return new;
end;
$$;

drop trigger if exists profiles_protect_role on public.${PROFILES};
create trigger profiles_protect_role
  before insert or update on public.${PROFILES}
  for each row execute function public.protect_profile_role();`);
  return sql;
}

/** Whoever creates a group is its first member, with the role owner. */
function ownerMemberships(model: DataModel): string[] {
  return model.tables
    .filter((table) => table.membership && table.ownerColumn)
    .filter((table) => {
      // A members table of one kind of person (a salon's stylists) lists only them, not the owner.
      const members = model.tables.find((candidate) => candidate.name === table.membership!.table);
      const role = members?.personRoles[table.membership!.memberColumn];
      return role === undefined || table.creatorRoles.length === 0 || table.creatorRoles.includes(role);
    })
    .map((table) => {
      const { table: members, column, memberColumn } = table.membership!;
      const fn = shortIdentifier(`add_${table.singular}_owner_as_member`);
      return `-- The person who creates a ${table.singular.replace(/_/g, ' ')} is its first member, as its owner.
create or replace function public.${fn}()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.${members} (${column}, ${memberColumn}, member_role)
  values (new.id, new.${table.ownerColumn}, 'owner')
  on conflict (${column}, ${memberColumn}) do nothing;
  return new;
end;
$$;

drop trigger if exists ${shortIdentifier(`${table.name}_owner_membership`)} on public.${table.name};
create trigger ${shortIdentifier(`${table.name}_owner_membership`)}
  after insert on public.${table.name}
  for each row execute function public.${fn}();`;
    });
}

function createTable(table: Table, created: Set<string>, deferred: string[]): string {
  const lines = table.columns.map((column) => {
    const target = column.references?.split('.')[0];
    const inline = !target || target === 'auth' || created.has(target) || target === table.name;
    if (!inline && column.references) {
      const constraint = shortIdentifier(`${table.name}_${column.name}_fkey`);
      deferred.push(
        `alter table public.${table.name} drop constraint if exists ${constraint};\n` +
          `alter table public.${table.name} add constraint ${constraint} foreign key (${column.name}) references public.${reference(column.references)} on delete ${column.on_delete ?? 'cascade'};`,
      );
    }
    return `  ${columnSql({ ...column, ...(column.references && !column.references.startsWith('auth.') ? { references: `public.${column.references}` } : {}) }, inline)}`;
  });
  for (const unique of table.uniques) lines.push(`  unique (${unique.join(', ')})`);
  created.add(table.name);
  return `-- ${table.description}\ncreate table if not exists public.${table.name} (\n${lines.join(',\n')}\n);`;
}

function indexes(model: DataModel, features: MigrationFeatures): string[] {
  const sql: string[] = [];
  for (const table of model.tables) {
    for (const column of table.columns) {
      if (!column.references || column.primary) continue;
      // A unique constraint whose first column is this one already indexes it.
      if (column.unique || table.uniques.some((unique) => unique[0] === column.name)) continue;
      sql.push(`create index if not exists ${shortIdentifier(`${table.name}_${column.name}_idx`)} on public.${table.name} (${column.name});`);
    }
  }
  for (const { table, column } of features.search) {
    sql.push(
      `create index if not exists ${shortIdentifier(`${table}_${column}_search_idx`)} on public.${table} using gin (to_tsvector('english', coalesce(${column}, '')));`,
    );
  }
  return sql;
}

function policySql(policy: RlsPolicy): string {
  const lines = [`drop policy if exists ${policy.name} on public.${policy.table};`, `create policy ${policy.name} on public.${policy.table}`];
  lines.push(`  for ${policy.command} to ${policy.role}`);
  if (policy.using) lines.push(`  using (${policy.using})`);
  if (policy.with_check) lines.push(`  with check (${policy.with_check})`);
  return `-- ${policy.description}\n${lines.join('\n')};`;
}

/** Columns people may write: never the key, the owner, the timestamps, or what only a function sets. */
const NEVER_INSERTED = new Set(['created_at', 'updated_at', 'token', 'accepted_at']);
// updated_at is granted (the trigger sets it anyway), so that touching a row never needs a data column.
const NEVER_UPDATED = new Set(['id', 'owner_id', 'created_at', 'token', 'invited_by', 'accepted_at']);

export function writableColumns(table: Table, command: 'insert' | 'update'): string[] {
  if (table.kind === 'profiles') return command === 'insert' ? ['id', 'display_name', 'avatar_url'] : ['display_name', 'avatar_url', 'updated_at'];
  if (command === 'update' && table.membersOf) return ['member_role', 'updated_at'];
  const never = command === 'insert' ? NEVER_INSERTED : NEVER_UPDATED;
  return table.columns.map((column) => column.name).filter((name) => !never.has(name));
}

/**
 * Revoke, then grant exactly what the matrix needs. Old Supabase projects grant ALL on every new
 * table to anon and authenticated by default; new ones grant nothing. Revoking first makes both
 * the same: anon gets nothing, authenticated gets each command some role may use (and, for
 * insert and update, only the columns people may write), service_role keeps full access.
 */
function grants(model: DataModel, policies: RlsPolicy[], functions: string[]): string[] {
  const sql: string[] = [];
  for (const table of model.tables) {
    // A command no role may use has no policy and no grant: PostgreSQL refuses it outright.
    const uses = (command: RlsPolicy['command']) => policies.some((policy) => policy.table === table.name && policy.command === command);
    const target = `public.${table.name}`;
    sql.push(`revoke all on table ${target} from anon, authenticated, service_role;`);
    sql.push(`grant select, insert, update, delete on table ${target} to service_role;`);
    if (uses('select')) sql.push(`grant select on table ${target} to authenticated;`);
    const insert = writableColumns(table, 'insert');
    if (uses('insert') && insert.length > 0) sql.push(`grant insert (${insert.join(', ')}) on table ${target} to authenticated;`);
    const update = writableColumns(table, 'update');
    if (uses('update') && update.length > 0) sql.push(`grant update (${update.join(', ')}) on table ${target} to authenticated;`);
    if (uses('delete')) sql.push(`grant delete on table ${target} to authenticated;`);
  }
  for (const signature of functions) {
    sql.push(`revoke all on function ${signature} from public, anon, authenticated;`);
    if (!TRIGGER_FUNCTIONS.test(signature)) sql.push(`grant execute on function ${signature} to authenticated, service_role;`);
  }
  return sql;
}

const TRIGGER_FUNCTIONS = /^public\.(set_updated_at|handle_new_user|protect_profile_role|add_\w+_owner_as_member)\(\)$/;

/** `public.name(uuid, text)`: a function's signature, as GRANT and REVOKE name it. */
function signatureOf(name: string, args: string): string {
  const types = args
    .split(',')
    .map((arg) => arg.trim().split(/\s+/)[1])
    .filter(Boolean)
    .join(', ');
  return `${name.startsWith('public.') ? name : `public.${name}`}(${types})`;
}

function realtime(tables: string[]): string | undefined {
  if (tables.length === 0) return undefined;
  const adds = tables
    .map(
      (table) => `    if not exists (select 1 from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = ${literal(table)}) then
      alter publication supabase_realtime add table public.${table};
    end if;`,
    )
    .join('\n');
  return `-- Supabase Realtime broadcasts these tables' changes (row level security still filters them).
do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
${adds}
  end if;
end;
$$;`;
}

function storage(bucket: string): string {
  return `-- A private Storage bucket; each person writes under a folder named after their user id.
do $$
begin
  if exists (select 1 from information_schema.tables where table_schema = 'storage' and table_name = 'buckets') then
    insert into storage.buckets (id, name, public) values (${literal(bucket)}, ${literal(bucket)}, false)
    on conflict (id) do nothing;
    drop policy if exists ${bucket.replace(/-/g, '_')}_read on storage.objects;
    create policy ${bucket.replace(/-/g, '_')}_read on storage.objects for select to authenticated
      using (bucket_id = ${literal(bucket)});
    drop policy if exists ${bucket.replace(/-/g, '_')}_write on storage.objects;
    create policy ${bucket.replace(/-/g, '_')}_write on storage.objects for insert to authenticated
      with check (bucket_id = ${literal(bucket)} and (storage.foldername(name))[1] = (select auth.uid())::text);
  end if;
end;
$$;`;
}

function section(title: string, statements: string[], separator = '\n\n'): string {
  return statements.length > 0 ? `-- ${'='.repeat(70)}\n-- ${title}\n-- ${'='.repeat(70)}\n\n${statements.join(separator)}` : '';
}

export function migrationSql(productName: string, model: DataModel, access: AccessSql, rpcs: Rpc[], features: MigrationFeatures): string {
  const policies: RlsPolicy[] = access.policies;
  const owners = ownerMemberships(model);
  const functions = [
    'public.set_updated_at()',
    'public.has_role(text[])',
    'public.is_admin()',
    'public.handle_new_user()',
    'public.protect_profile_role()',
    ...access.helpers.map((helper) => signatureOf(helper.name, /\(([^)]*)\)/.exec(helper.sql)?.[1] ?? '')),
    ...model.tables
      .filter((table) => table.membership && owners.some((sql) => sql.includes(`add_${table.singular}_owner_as_member`)))
      .map((table) => `public.${shortIdentifier(`add_${table.singular}_owner_as_member`)}()`),
    ...rpcs.map((rpc) => signatureOf(rpc.name, rpc.args)),
  ];
  const profiles = model.tables.find((table) => table.kind === 'profiles');
  const created = new Set<string>([PROFILES]);
  const deferred: string[] = [];
  const tables = creationOrder(model.tables).map((table) => createTable(table, created, deferred));
  const withTimestamps = model.tables.filter((table) => table.columns.some((column) => column.name === 'updated_at'));
  const parts = [
    `-- ${productName}: initial schema (Supabase / PostgreSQL 15)
-- Written by Aria (@architect). Safe to run more than once. gen_random_uuid() is built into
-- PostgreSQL 13+, so no extension is needed. auth.users and auth.uid() come from Supabase Auth.`,
    section('People', profiles ? [createTable(profiles, new Set(['auth']), deferred)] : []),
    section('Helper functions', helperFunctions(model)),
    section('Tables', [...tables, ...deferred]),
    section('Access helpers: what policies ask of other tables (SECURITY DEFINER, so no policy recursion)', access.helpers.map((helper) => `-- ${helper.description}\n${helper.sql}`)),
    section('Members of groups', owners),
    section('Indexes: every foreign key, and search', indexes(model, features), '\n'),
    section(
      'updated_at triggers',
      withTimestamps.map(
        (table) =>
          `drop trigger if exists ${table.name}_set_updated_at on public.${table.name};\ncreate trigger ${table.name}_set_updated_at\n  before update on public.${table.name}\n  for each row execute function public.set_updated_at();`,
      ),
    ),
    section('Remote procedures (PostgREST /rest/v1/rpc)', rpcs.map((rpc) => `-- ${rpc.description}\n${rpc.sql}`)),
    section(
      'Row level security: on for every table',
      model.tables.map((table) => `alter table public.${table.name} enable row level security;`),
      '\n',
    ),
    section('Policies', policies.map(policySql)),
    section('Grants: revoke everything, then grant what the access matrix needs', grants(model, policies, functions), '\n'),
    section('Realtime and Storage (skipped where Supabase does not provide them)', [
      ...(realtime(features.realtimeTables) ? [realtime(features.realtimeTables)!] : []),
      ...(features.storageBucket ? [storage(features.storageBucket)] : []),
    ]),
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}
