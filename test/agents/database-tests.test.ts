import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductModelSchema, type ArchitectureOutput } from '../../src/contract/index.js';
import { designArchitecture } from '../../src/agents/architect.js';
import { buildDataModel } from '../../src/agents/architect/data-model.js';
import type { ProductModel } from '../../src/agents/model.js';
import { singularName } from '../../src/agents/naming.js';
import { expandModel } from '../../src/agents/product.js';
import { readSpec } from '../../src/agents/reader/read.js';
import { ACCESS_CASES, DISPATCH, THERAPY } from '../fixtures/access-models.js';
import { SPEC_CASES } from '../fixtures/specs.js';
import { ThrowawayDatabase, postgresReady, runMutants, type Mutant, type MutationReport, type Regime } from './architect/supabase-postgres.js';

/**
 * The pgTAP suite the architect writes into every generated project (supabase/tests/), run as
 * `supabase test db` runs it (pg_prove) on a real PostgreSQL 15 dressed as Supabase: for every
 * fixture idea and every hand-written model with explicit access rules, under both privilege
 * regimes Supabase projects have had. Then its teeth: each policy of the migration is opened in
 * turn (`using (true)`, `with check (true)`) and the suite must fail every time.
 */

interface Case {
  id: string;
  model: ProductModel;
}

const CASES: Case[] = [
  ...SPEC_CASES.map((specCase) => ({ id: specCase.id, model: readSpec(specCase.input) })),
  ...ACCESS_CASES.map((accessCase) => ({ id: accessCase.id, model: expandModel(ProductModelSchema.parse(accessCase.model)) })),
];

const REGIMES: Array<{ regime: Regime; says: string }> = [
  { regime: 'old', says: 'under the old default privileges (ALL to anon and authenticated)' },
  { regime: 'none', says: 'under no default privileges (new hosted projects)' },
];

/** Two databases at work at once: two cores, and the other suites run beside this one. */
function slots(size: number): <T>(work: () => Promise<T>) => Promise<T> {
  let busy = 0;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (busy >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    busy++;
    try {
      return await work();
    } finally {
      busy--;
      waiting.shift()?.();
    }
  };
}
const slot = slots(2);

const designs = new Map<string, Promise<ArchitectureOutput>>();
function design(testCase: Case): Promise<ArchitectureOutput> {
  let output = designs.get(testCase.id);
  if (!output) {
    output = designArchitecture({ spec: testCase.model.summary }, { signal: new AbortController().signal, progress: () => undefined, model: testCase.model });
    designs.set(testCase.id, output);
  }
  return output;
}

async function withDatabase<T>(label: string, regime: Regime, work: (database: ThrowawayDatabase) => Promise<T>): Promise<T> {
  return slot(async () => {
    const database = await ThrowawayDatabase.create(label, regime);
    try {
      return await work(database);
    } finally {
      await database.drop();
    }
  });
}

const report: string[] = [];
const started = Date.now();

beforeAll(async () => {
  await postgresReady();
});

afterAll(() => {
  if (report.length > 0) console.info(`pgTAP mutation runs (${((Date.now() - started) / 1000).toFixed(1)} s for the file):\n${report.join('\n')}`);
});

type Proof = Awaited<ReturnType<ThrowawayDatabase['prove']>>;

/**
 * One database per case and regime. Under the old default privileges the same database then
 * serves the mutation runs (the suite rolls everything back, so it is as the migration left it).
 */
const runs = new Map<string, Promise<{ proof: Proof; mutation?: MutationReport & { mutants: number; seconds: number } }>>();
function run(testCase: Case, regime: Regime) {
  const key = `${testCase.id}|${regime}`;
  let result = runs.get(key);
  if (!result) {
    result = (async () => {
      const output = await design(testCase);
      return withDatabase(testCase.id, regime, async (database) => {
        await database.run(output.migration_sql);
        const proof = await database.prove(output.database_tests_sql);
        if (regime !== 'old' || !proof.passed) return { proof };
        const mutants = mutantsOf(output);
        const begun = Date.now();
        const report = await runMutants(database, output.database_tests_sql, mutants);
        return { proof, mutation: { ...report, mutants: mutants.length, seconds: (Date.now() - begun) / 1000 } };
      });
    })();
    runs.set(key, result);
  }
  return result;
}

/** Every policy that is not already open, opened: `using (true)`, and `with check (true)` where it has one. */
function mutantsOf(output: ArchitectureOutput): Mutant[] {
  return output.architecture.security.rls_policies
    .filter((policy) => !((policy.using ?? 'true') === 'true' && (policy.with_check ?? 'true') === 'true'))
    .map((policy) => ({ policy: policy.name, table: policy.table, command: policy.command }));
}

describe.concurrent.each(CASES)('the database tests generated for $id', (testCase) => {
  it.each(REGIMES)('pass $says', async ({ regime }) => {
    const output = await design(testCase);
    const { proof } = await run(testCase, regime);
    expect(proof.lines.filter((line) => !line.ok).map((line) => line.description), proof.output.slice(-3_000)).toEqual([]);
    expect(proof.passed, proof.output.slice(-3_000)).toBe(true);

    // What the issue asks the suite to show, so that it cannot quietly stop showing it.
    const says = new Set(proof.lines.map((line) => line.description));
    const security = output.architecture.security;
    const matrix = security.access_matrix!;
    for (const role of security.roles) {
      expect(says, `${role}: own role`).toContain(`${role} cannot change their own role`);
      if (!security.self_signup_roles!.includes(role)) {
        expect(says).toContain(`signing up as ${role} gives ${security.default_role}: ${role} is given, never taken`);
      }
    }
    if (security.roles.some((role) => !security.self_signup_roles!.includes(role))) {
      expect([...says].some((line) => line.startsWith('a person without a profile cannot create their own with the role ')), 'no profile created with a given role').toBe(true);
    }
    // Roles are given by those who give them, with set_user_role(), and by nobody else.
    const { appointerRoles, tables } = buildDataModel(testCase.model);
    // Invitations to a group, rows of its members table: the wrong person, an unconfirmed address, too late, twice.
    for (const group of tables.filter((table) => table.membership)) {
      const fn = `accept_${group.singular}_invitation()`;
      for (const refusal of ['refuses a person the invitation was not sent to', 'refuses an email address that is not confirmed', 'refuses an expired invitation', 'does not accept an invitation twice', 'lets the invited person in']) {
        expect(says).toContain(`${fn} ${refusal}`);
      }
    }
    for (const role of appointerRoles.length > 0 ? security.roles : []) {
      if (appointerRoles.includes(role)) expect([...says].some((line) => line.startsWith(`set_user_role() by ${role} changed the person's role to `)), `${role} appoints`).toBe(true);
      else expect([...says].some((line) => line.startsWith(`${role} cannot give themselves the role `)), `${role} cannot appoint themselves`).toBe(true);
    }
    const privileged = new Set(testCase.model.roles.filter((role) => role.privileged || role.admin).map((role) => role.name));
    for (const table of matrix.tables.filter((candidate) => candidate.table !== 'profiles')) {
      for (const row of table.roles.filter((candidate) => !privileged.has(candidate.role))) {
        for (const [action, verb] of [['update', 'change'], ['delete', 'delete']] as const) {
          if (row[action].scope === 'all') continue;
          const noun = singularName(table.table).replace(/_/g, ' ');
          const refused = [...says].find((line) => line.startsWith(`${row.role} cannot ${verb} `) && /another person's|an unrelated/.test(line) && line.endsWith(noun));
          expect(refused, `${row.role} × ${table.table} × ${action}: a refused try on another person's row`).toBeDefined();
        }
      }
    }
  });

  it('fails when any one of its policies is opened', async () => {
    const output = await design(testCase);
    const { proof, mutation } = await run(testCase, 'old');
    expect(proof.passed, 'the suite passes before any policy is opened').toBe(true);
    expect(mutation!.mutants).toBeGreaterThan(0);
    report.push(
      `  ${testCase.id}: ${output.architecture.security.rls_policies.length} policies, ${mutation!.mutants} opened (the others are already open to every role), ${mutation!.mutants - mutation!.survivors.length - mutation!.missing.length} caught, ${mutation!.baseline.planned} tests, ${mutation!.seconds.toFixed(1)} s`,
    );
    expect(mutation!.baseline.failed).toBe(0);
    expect(mutation!.baseline.passed).toBe(mutation!.baseline.planned);
    expect(mutation!.missing).toEqual([]);
    expect(mutation!.survivors, 'policies opened without any test failing').toEqual([]);
  });
});

/**
 * A role with a record (CONTRACT 2a: an entity named as a role): the practice keeps every client's
 * record, and a client who signs in is linked to theirs by its profile_id. Their appointments are
 * theirs through appointments.client_id → clients, so a signed-in client sees their own record and
 * appointments and no other client's, while the staff the rules name see them all.
 */
describe('a role with a record, on PostgreSQL', () => {
  it('a signed-in client sees their own record and appointments, not another client’s; staff see all', async () => {
    const model = expandModel(ProductModelSchema.parse(THERAPY));
    const output = await designArchitecture({ spec: model.summary }, { signal: new AbortController().signal, progress: () => undefined, model });
    const id = (n: number) => `00000000-0000-4000-c000-${n.toString().padStart(12, '0')}`;
    const people: Array<[string, number, string]> = [['ann', 1, 'client'], ['ben', 2, 'client'], ['tess', 3, 'therapist'], ['mia', 4, 'practice_manager']];
    const seen = (name: string, n: number) => `
select set_config('request.jwt.claims', json_build_object('sub', '${id(n)}', 'role', 'authenticated')::text, false);
set role authenticated;
select '${name}|' || coalesce((select string_agg(name, ',' order by name) from public.clients), '') || '|' ||
  coalesce((select string_agg(room, ',' order by room) from public.appointments), '');
reset role;`;
    const sql = [
      ...people.map(([name, n]) => `insert into auth.users (id, email, email_confirmed_at, raw_user_meta_data) values ('${id(n)}', '${name}@example.test', now(), '{"role": "client"}'::jsonb);`),
      ...people.filter(([, , role]) => role !== 'client').map(([, n, role]) => `update public.profiles set role = '${role}' where id = '${id(n)}';`),
      // Ann and Ben sign in and are linked to their records; Cy is a client the practice keeps who never signs in.
      `insert into public.clients (id, name, profile_id) values ('${id(11)}', 'Ann', '${id(1)}'), ('${id(12)}', 'Ben', '${id(2)}'), ('${id(13)}', 'Cy', null);`,
      `insert into public.appointments (starts_at, room, client_id, owner_id) values (now(), 'ann-1', '${id(11)}', '${id(3)}'), (now(), 'ann-2', '${id(11)}', '${id(3)}'), (now(), 'ben-1', '${id(12)}', '${id(3)}'), (now(), 'cy-1', '${id(13)}', '${id(3)}');`,
      ...people.map(([name, n]) => seen(name, n)),
    ].join('\n');
    const answers = await withDatabase('therapy-records', 'none', async (database) => {
      await database.run(output.migration_sql);
      return database.run(sql);
    });
    const lines = answers.split('\n').filter((line) => line.includes('|'));
    expect(lines).toEqual([
      'ann|Ann|ann-1,ann-2',
      'ben|Ben|ben-1',
      'tess|Ann,Ben,Cy|ann-1,ann-2,ben-1,cy-1',
      'mia|Ann,Ben,Cy|ann-1,ann-2,ben-1,cy-1',
    ]);
    // A client cannot take another client's record by linking it to themselves.
    const taken = await withDatabase('therapy-takeover', 'none', async (database) => {
      await database.run(output.migration_sql);
      await database.run([...people.map(([name, n]) => `insert into auth.users (id, email, email_confirmed_at, raw_user_meta_data) values ('${id(n)}', '${name}@example.test', now(), '{"role": "client"}'::jsonb);`), `insert into public.clients (id, name) values ('${id(13)}', 'Cy');`].join('\n'));
      return database.run(`select set_config('request.jwt.claims', json_build_object('sub', '${id(1)}', 'role', 'authenticated')::text, false);\nset role authenticated;\nwith changed as (update public.clients set profile_id = '${id(1)}' returning 1) select 'changed|' || count(*) from changed;`).catch((error: unknown) => String(error));
    });
    expect(taken).toMatch(/changed\|0|permission denied/);
  });
});

/**
 * "Plumbers only see their own jobs", where a job names no plumber and its assignments do: a
 * plumber sees and updates the jobs with an assignment naming them, no other; a dispatcher sees all.
 */
describe('their own rows through the rows that name them, on PostgreSQL', () => {
  it('a plumber sees and updates only the jobs assigned to them; the dispatcher sees every job', async () => {
    const model = expandModel(ProductModelSchema.parse(DISPATCH));
    const output = await designArchitecture({ spec: model.summary }, { signal: new AbortController().signal, progress: () => undefined, model });
    const id = (n: number) => `00000000-0000-4000-d000-${n.toString().padStart(12, '0')}`;
    const people: Array<[string, number, string]> = [['pat', 1, 'plumber'], ['pia', 2, 'plumber'], ['dora', 3, 'dispatcher']];
    const as = (n: number, statement: string) => `
select set_config('request.jwt.claims', json_build_object('sub', '${id(n)}', 'role', 'authenticated')::text, false);
set role authenticated;
${statement}
reset role;`;
    const sql = [
      ...people.map(([name, n]) => `insert into auth.users (id, email, email_confirmed_at) values ('${id(n)}', '${name}@example.test', now());`),
      ...people.map(([, n, role]) => `update public.profiles set role = '${role}' where id = '${id(n)}';`),
      `insert into public.jobs (id, title, owner_id) values ('${id(11)}', 'leak', '${id(3)}'), ('${id(12)}', 'boiler', '${id(3)}'), ('${id(13)}', 'drain', '${id(3)}');`,
      // Pat has the leak and the drain, Pia the boiler.
      `insert into public.job_assignments (job_id, plumber_id, owner_id) values ('${id(11)}', '${id(1)}', '${id(3)}'), ('${id(13)}', '${id(1)}', '${id(3)}'), ('${id(12)}', '${id(2)}', '${id(3)}');`,
      ...people.map(([name, n]) => as(n, `select '${name}|' || coalesce((select string_agg(title, ',' order by title) from public.jobs), '');`)),
      // Pat marks every job done; only his are changed.
      as(1, `with changed as (update public.jobs set done = true returning title) select 'pat-done|' || string_agg(title, ',' order by title) from changed;`),
    ].join('\n');
    const answers = await withDatabase('dispatch-own', 'none', async (database) => {
      await database.run(output.migration_sql);
      return database.run(sql);
    });
    expect(answers.split('\n').filter((line) => line.includes('|'))).toEqual(['pat|drain,leak', 'pia|boiler', 'dora|boiler,drain,leak', 'pat-done|drain,leak']);
  });
});
