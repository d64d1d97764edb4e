import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductModelSchema, type ArchitectureOutput } from '../../src/contract/index.js';
import { designArchitecture } from '../../src/agents/architect.js';
import type { ProductModel } from '../../src/agents/model.js';
import { singularName } from '../../src/agents/naming.js';
import { expandModel } from '../../src/agents/product.js';
import { readSpec } from '../../src/agents/reader/read.js';
import { ACCESS_CASES } from '../fixtures/access-models.js';
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
