import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real PostgreSQL 15 made to look like a Supabase project, one throwaway database at a time:
 * the anon / authenticated / service_role roles, `auth.users` and `auth.uid()` / `auth.jwt()`
 * reading `request.jwt.claims` as Supabase's do, the `extensions` schema on the search path
 * (where `supabase test db` finds pgTAP), Storage's tables and the Realtime publication. A
 * database is created with one of the two privilege regimes Supabase projects have lived under,
 * and dropped after; no other database is touched. The server is the one at PGHOST / PGPORT
 * (127.0.0.1:5432) as PGUSER (postgres), with pgTAP installed (Debian: postgresql-15-pgtap).
 */

export const PG = {
  host: process.env['PGHOST'] ?? '127.0.0.1',
  port: process.env['PGPORT'] ?? '5432',
  user: process.env['PGUSER'] ?? 'postgres',
};

/**
 * `old`: Supabase's default privileges until 30 October 2026 (and still on self-hosted and older
 * local stacks): every new table, function and sequence in public is granted to anon,
 * authenticated and service_role. `none`: what new hosted tables get since: no grant at all.
 */
export type Regime = 'old' | 'none';

const ROLES = `do $$
begin
  create role anon nologin noinherit;
exception when duplicate_object or unique_violation then null; -- another test file made it at the same moment
end $$;
do $$
begin
  create role authenticated nologin noinherit;
exception when duplicate_object or unique_violation then null; -- another test file made it at the same moment
end $$;
do $$
begin
  create role service_role nologin noinherit bypassrls;
exception when duplicate_object or unique_violation then null; -- another test file made it at the same moment
end $$;`;

const SUPABASE = `
create schema extensions;
create schema auth;
create table auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255) unique,
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);
create function auth.uid() returns uuid language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
create function auth.role() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
create function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim', true), ''), nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;
grant usage on schema auth, extensions, public to anon, authenticated, service_role;
grant execute on all functions in schema auth to anon, authenticated, service_role;
create schema storage;
create table storage.buckets (id text primary key, name text not null, public boolean not null default false);
create table storage.objects (id uuid primary key default gen_random_uuid(), bucket_id text references storage.buckets(id), name text not null);
alter table storage.objects enable row level security;
create function storage.foldername(name text) returns text[] language sql immutable as $$
  select (string_to_array(name, '/'))[1:array_length(string_to_array(name, '/'), 1) - 1]
$$;
set client_min_messages = error;
create publication supabase_realtime;
`;

const OLD_DEFAULTS = `
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
`;

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(command: string, args: string[], input?: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PGCONNECT_TIMEOUT: '5' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(input ?? '');
  });
}

const connection = (database: string) => ['-h', PG.host, '-p', PG.port, '-U', PG.user, '-d', database];

/** Runs SQL through psql (tuples only, unaligned); with `stop`, the first error ends it with a non-zero code. */
export function psql(database: string, sql: string, stop = true): Promise<Outcome> {
  return exec('psql', [...connection(database), '-X', '-q', '-t', '-A', '-v', `ON_ERROR_STOP=${stop ? 1 : 0}`, '-f', '-'], sql);
}

/** Says what is missing, in the words of the README, when the server or pgTAP is not there. */
export async function postgresReady(): Promise<void> {
  const where = `PostgreSQL at ${PG.host}:${PG.port} as ${PG.user}`;
  let probe: Outcome;
  try {
    probe = await psql('postgres', "select count(*) from pg_available_extensions where name = 'pgtap';");
  } catch (error) {
    throw new Error(`The database tests need psql on the PATH and ${where} (${String(error)}). Install PostgreSQL 15 and postgresql-15-pgtap (scripts/test-tools.sh does on Debian).`, { cause: error });
  }
  if (probe.code !== 0) throw new Error(`The database tests need ${where}, with trust or PGPASSWORD authentication: ${probe.stderr.trim()}`);
  if (probe.stdout.trim() !== '1') throw new Error(`pgTAP is not installed on ${where}: install postgresql-15-pgtap (scripts/test-tools.sh does on Debian).`);
}

let made = 0;

/** One database made for one test and dropped after it. */
export class ThrowawayDatabase {
  private constructor(readonly name: string) {}

  static async create(label: string, regime: Regime): Promise<ThrowawayDatabase> {
    const name = `aios_test_${process.pid}_${++made}_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${regime}`.slice(0, 63);
    const created = await psql('postgres', `${ROLES}\ncreate database ${name};`);
    if (created.code !== 0) throw new Error(`could not create ${name}: ${created.stderr}`);
    const database = new ThrowawayDatabase(name);
    await database.run(`alter database ${name} set search_path = "$user", public, extensions;\n${SUPABASE}\n${regime === 'old' ? OLD_DEFAULTS : ''}`);
    return database;
  }

  /** Runs SQL and fails on the first error. */
  async run(sql: string): Promise<string> {
    const result = await psql(this.name, sql);
    if (result.code !== 0) throw new Error(`SQL failed on ${this.name}: ${result.stderr.trim().split('\n').slice(-3).join('\n')}`);
    return result.stdout;
  }

  /** Runs a pgTAP file as `supabase test db` does, with pg_prove; verbose, so every test's line is kept. */
  async prove(tests: string): Promise<{ passed: boolean; lines: Array<{ ok: boolean; description: string }>; output: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'aios-pgtap-'));
    try {
      const file = join(dir, 'access.test.sql');
      await writeFile(file, tests);
      const result = await exec('pg_prove', ['-v', '-h', PG.host, '-p', PG.port, '-U', PG.user, '-d', this.name, file]);
      const lines = [...result.stdout.matchAll(/^(not ok|ok) \d+ - (.*)$/gm)].map((match) => ({ ok: match[1] === 'ok', description: match[2]! }));
      return { passed: result.code === 0, lines, output: `${result.stdout}\n${result.stderr}` };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async drop(): Promise<void> {
    await psql('postgres', `drop database if exists ${this.name} with (force);`);
  }
}

/** A policy opened to everyone: `using (true)` and, where it has one, `with check (true)`. */
export interface Mutant {
  policy: string;
  table: string;
  command: string;
}

export interface MutationReport {
  baseline: { planned: number; passed: number; failed: number };
  survivors: string[];
  /** Mutants whose run left no output (the session ended early): neither caught nor survived. */
  missing: string[];
}

/**
 * Runs the suite once as generated, then once per mutant in one psql session. The suite's setup
 * (people and rows, before `select plan(...)`) runs once; each mutant opens one policy inside a
 * savepoint, runs the tests, and rolls back to the savepoint. A mutant is caught when a test
 * fails or the run stops short of its plan.
 */
export async function runMutants(database: ThrowawayDatabase, tests: string, mutants: Mutant[]): Promise<MutationReport> {
  const clause = (command: string) => (command === 'insert' ? 'with check (true)' : command === 'update' ? 'using (true) with check (true)' : 'using (true)');
  const planAt = tests.indexOf('\nselect plan(');
  const endAt = tests.lastIndexOf('\nrollback;');
  if (planAt < 0 || endAt < planAt) throw new Error('the suite has no `select plan(...)` after its setup, or no final rollback');
  const setup = tests.slice(0, planAt);
  const body = tests.slice(planAt, endAt);
  const script = [
    "\\echo '### baseline'",
    tests,
    setup,
    ...mutants.map((mutant) => `\\echo '### ${mutant.policy}'\nsavepoint mutant;\nalter policy ${mutant.policy} on public.${mutant.table} ${clause(mutant.command)};${body}\nrollback to savepoint mutant;`),
    'rollback;',
  ].join('\n');
  const result = await psql(database.name, `set client_min_messages = error;\n${script}`, false);
  const runs = new Map<string, { planned: number; passed: number; failed: number }>();
  for (const segment of result.stdout.split('### ').slice(1)) {
    const name = segment.slice(0, segment.indexOf('\n'));
    runs.set(name, {
      planned: Number(/^1\.\.(\d+)$/m.exec(segment)?.[1] ?? -1),
      passed: (segment.match(/^ok \d+/gm) ?? []).length,
      failed: (segment.match(/^not ok \d+/gm) ?? []).length,
    });
  }
  const survivors = mutants.filter((mutant) => {
    const run = runs.get(mutant.policy);
    return run !== undefined && run.failed === 0 && run.passed === run.planned;
  });
  return {
    baseline: runs.get('baseline') ?? { planned: -1, passed: 0, failed: 0 },
    survivors: survivors.map((mutant) => mutant.policy),
    missing: mutants.filter((mutant) => !runs.has(mutant.policy)).map((mutant) => mutant.policy),
  };
}
