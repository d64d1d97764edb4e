import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../../src/agents/pipeline.js';
import {
  AnalyzeOutputSchema,
  PipelineOutputSchema,
  StrategizeOutputSchema,
  type ArchitectureOutput,
  type CodeOutput,
  type PipelineOutput,
  type ProductModelContract,
  type UxOutput,
} from '../../src/contract/index.js';
import { GARDEN_MODEL } from '../fixtures/product-models.js';
import { SPEC_CASES } from '../fixtures/specs.js';
import { RESET, SUPABASE_STANDIN } from '../fixtures/supabase.js';

/**
 * `product_model` (CONTRACT 2a): the analyst's model passed back gives the documents that reading
 * the spec gives, and a model written by hand is built as given, whatever the spec says.
 */

/** What a person reads or runs of a pipeline: the documents, the migration and the files. */
function documents(output: PipelineOutput) {
  return {
    prd: output.strategy?.prd_markdown,
    architecture: output.architecture?.architecture_markdown,
    migration: output.architecture?.migration_sql,
    ux: output.ux?.ux_markdown,
    files: output.code?.files,
  };
}

describe.each(SPEC_CASES.map((c) => [c.id, c] as const))('round trip of the %s idea through aios_analyze', (_id, { input }) => {
  let model: ProductModelContract;
  let fromSpec: PipelineOutput;

  beforeAll(async () => {
    const analysis = AnalyzeOutputSchema.parse(await runTool('aios_analyze', input));
    // As a client would send it back: JSON, nothing else.
    model = JSON.parse(JSON.stringify(analysis.product_model)) as ProductModelContract;
    fromSpec = PipelineOutputSchema.parse(await runTool('aios_full_pipeline', input));
  });

  it('the pipeline builds the same documents from the model, with or without the spec', async () => {
    const alone = (await runTool('aios_full_pipeline', { product_model: model })) as PipelineOutput;
    const both = (await runTool('aios_full_pipeline', { ...input, product_model: model })) as PipelineOutput;
    expect(documents(alone)).toEqual(documents(fromSpec));
    expect(documents(both)).toEqual(documents(fromSpec));
    expect(alone.strategy!.product_model).toEqual(model);
  });

  it('aios_strategize returns the model it planned from, and the same PRD', async () => {
    const bySpec = StrategizeOutputSchema.parse(await runTool('aios_strategize', input));
    const byModel = StrategizeOutputSchema.parse(await runTool('aios_strategize', { product_model: model }));
    expect(bySpec.product_model).toEqual(model);
    expect(byModel).toEqual(bySpec);
    expect(bySpec.prd_markdown).toBe(fromSpec.strategy!.prd_markdown);
  });

  it('aios_design_architecture, aios_design_ux and aios_generate_code build the same from the model', async () => {
    for (const withSpec of [false, true]) {
      const given = { ...(withSpec ? input : {}), product_model: model };
      const architecture = (await runTool('aios_design_architecture', given)) as ArchitectureOutput;
      const bySpec = (await runTool('aios_design_architecture', input)) as ArchitectureOutput;
      expect(architecture.migration_sql).toBe(bySpec.migration_sql);
      expect(architecture.architecture_markdown).toBe(bySpec.architecture_markdown);
      const ux = (await runTool('aios_design_ux', given)) as UxOutput;
      expect(ux.ux_markdown).toBe(((await runTool('aios_design_ux', input)) as UxOutput).ux_markdown);
      const code = (await runTool('aios_generate_code', given)) as CodeOutput;
      expect(code.files).toEqual(((await runTool('aios_generate_code', input)) as CodeOutput).files);
    }
  });
});

describe('a hand-written model whose records no spec names is built as given', () => {
  let db: PGlite;
  let output: PipelineOutput;
  let migration: string;

  beforeAll(async () => {
    output = (await runTool('aios_full_pipeline', { product_model: GARDEN_MODEL })) as PipelineOutput;
    migration = output.architecture!.migration_sql;
    db = new PGlite();
    await db.exec(SUPABASE_STANDIN);
    await db.exec(RESET);
    await db.exec(migration);
  });

  afterAll(async () => {
    await db?.close();
  });

  const columns = async (table: string) =>
    (
      await db.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `select column_name, data_type, is_nullable from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`,
        [table],
      )
    ).rows;

  it('whatever the spec says: with an unrelated spec the migration is the same', async () => {
    const withSpec = (await runTool('aios_design_architecture', { spec: 'A to-do list where families share chores and shopping lists.', product_model: GARDEN_MODEL })) as ArchitectureOutput;
    expect(withSpec.migration_sql).toBe(migration);
    expect(migration).not.toMatch(/chores|shopping|todo/i);
  });

  it('applies on PostgreSQL and makes one table per entity, the profiles, and the join table it needs', async () => {
    const tables = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      ['accounts', 'garden_tools', 'harvests', 'plots', 'profiles', 'workshop_garden_tools', 'workshop_visits', 'workshops'].sort(),
    );
  });

  it('gives each entity its attributes with their types, required ones not null', async () => {
    expect(await columns('harvests')).toEqual(
      expect.arrayContaining([
        { column_name: 'crop', data_type: 'text', is_nullable: 'NO' },
        { column_name: 'weight_kg', data_type: 'numeric', is_nullable: 'NO' },
        { column_name: 'harvested_on', data_type: 'date', is_nullable: 'NO' },
      ]),
    );
    expect(await columns('plots')).toEqual(expect.arrayContaining([{ column_name: 'number', data_type: 'integer', is_nullable: 'NO' }]));
    expect(migration).toMatch(/check \(condition in \('good', 'worn', 'broken'\)\)/);
  });

  it('makes the foreign keys: one-to-many on the "many" side, a person column as named, both sides of each join', async () => {
    const keys = await db.query<{ tbl: string; col: string; target: string }>(`
      select cl.relname as tbl, a.attname as col, rf.relname as target
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid join pg_namespace n on n.oid = cl.relnamespace
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_class rf on rf.oid = c.confrelid
      where c.contype = 'f' and n.nspname = 'public'`);
    const found = keys.rows.map((row) => `${row.tbl}.${row.col} -> ${row.target}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'harvests.plot_id -> plots',
        'plots.tenant_id -> profiles',
        'plots.account_id -> accounts',
        'workshop_garden_tools.workshop_id -> workshops',
        'workshop_garden_tools.garden_tool_id -> garden_tools',
        'workshop_visits.workshop_id -> workshops',
        'workshop_visits.plot_id -> plots',
      ]),
    );
  });

  it('the declared join entity keeps its own column beside both keys', async () => {
    expect((await columns('workshop_visits')).map((column) => column.column_name)).toEqual(expect.arrayContaining(['workshop_id', 'plot_id', 'minutes']));
  });

  it('the roles are the ones given: the profiles.role check and the default role', async () => {
    const check = await db.query<{ definition: string }>(`
      select pg_get_constraintdef(c.oid) as definition from pg_constraint c join pg_class cl on cl.oid = c.conrelid
      where cl.relname = 'profiles' and c.contype = 'c'`);
    expect(check.rows.map((row) => row.definition).join(' ')).toMatch(/'gardener'.*'coordinator'/);
    expect(output.architecture!.architecture.security.roles).toEqual(['gardener', 'coordinator']);
    expect(migration).toMatch(/role text not null default 'gardener'/);
  });

  it('every later phase works from it: a PRD about the garden, a list page per entity, a hook per table', () => {
    const prd = output.strategy!.prd_markdown;
    expect(prd).toContain('Allotment');
    expect(prd.toLowerCase()).toContain('log a harvest');
    const routes = output.ux!.ux_spec.pages.map((page) => page.route);
    for (const route of ['/plots', '/harvests', '/garden-tools', '/workshops', '/accounts']) expect(routes).toContain(route);
    const paths = output.code!.files.map((file) => file.path).join('\n');
    for (const table of ['plots', 'harvests', 'garden_tools', 'workshops', 'accounts']) expect(paths.toLowerCase()).toMatch(new RegExp(table.replace('_', '[-_]?')));
  });
});
