import type { ArchitectureInput, ArchitectureOutput, NfrCategory } from '../contract/index.js';
import { standaloneContext, type Agent, type AgentContext } from './agent.js';
import { accessMatrix, contractMatrix, type AccessMatrix } from './architect/access.js';
import { modelOf, readingOf } from './analyst.js';
import { PROFILES, buildDataModel, contractEntity, type DataModel } from './architect/data-model.js';
import type { Design } from './architect/design.js';
import { apiDesign, serverFunctions } from './architect/endpoints.js';
import { architectureMarkdown } from './architect/markdown.js';
import { migrationSql, type MigrationFeatures } from './architect/migration.js';
import { pgtapTests } from './architect/pgtap.js';
import { accessSql } from './architect/rls.js';
import { rpcsOf } from './architect/rpc.js';
import { stackFor } from './architect/stack.js';
import { phaseProse } from './engines/prose.js';
import { title } from './naming.js';
import { ARCHITECTURE_PROSE_PARTS } from './prompts.js';
import { PERSONAS } from './personas.js';
import type { ProductModel } from './model.js';

/** Non-functional needs from the spec and, when given, the PM's requirements; the PM's wording wins on duplicates. */
function needsOf(model: ProductModel, input: ArchitectureInput): Design['needs'] {
  const needs = (input.requirements?.non_functional ?? []).map((nfr) => ({ category: nfr.category, text: nfr.description }));
  for (const need of model.needs) {
    if (!needs.some((existing) => existing.text.toLowerCase() === need.text.toLowerCase())) needs.push({ category: need.category, text: need.text });
  }
  return needs;
}

function featuresOf(model: ProductModel, data: DataModel): MigrationFeatures {
  const has = (kind: string) => model.integrations.some((integration) => integration.kind === kind);
  const entities = data.tables.filter((table) => table.kind === 'entity');
  const uploads = has('file_uploads') || entities.some((table) => table.columns.some((column) => column.description?.includes('Supabase Storage')));
  const features: MigrationFeatures = {
    realtimeTables: has('realtime') ? entities.map((table) => table.name) : [],
    search: has('search')
      ? entities
          .filter((table) => table.displayColumn !== 'id')
          .slice(0, 3)
          .map((table) => ({ table: table.name, column: table.displayColumn }))
      : [],
  };
  if (uploads) features.storageBucket = 'uploads';
  return features;
}

function authStrategy(model: ProductModel): string {
  const providers = model.integrations.filter((integration) => integration.kind === 'oauth').map((integration) => title(integration.provider));
  const oauth = providers.length > 0 ? `, OAuth with ${providers.join(', ')}` : '';
  return `Supabase Auth: email + password and magic link${oauth}; JWT sessions refreshed by supabase-js; auth.uid() identifies the person in every row level security policy`;
}

function assumptionsOf(model: ProductModel, data: DataModel, matrix: AccessMatrix, input: ArchitectureInput): string[] {
  const given = data.roles.filter((role) => !data.selfServiceRoles.includes(role.name)).map((role) => role.name);
  const assumptions = [
    `Stack preset \`${input.stack_preference ?? 'vite-react'}\`${input.stack_preference ? ' as asked' : ' (the default: Lovable’s stack)'}.`,
    `People are one \`${PROFILES}\` table with a role (${data.roles.map((role) => role.name).join(', ')}); new people get \`${data.defaultRole}\`${data.selfServiceRoles.length > 1 ? ` unless they pick ${data.selfServiceRoles.filter((role) => role !== data.defaultRole).join(' or ')} at sign-up` : ''}${given.length > 0 ? `; ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} given, never picked` : ''}.`,
    'Where the idea does not say who may do what, people change only their own rows, private rows are seen by their people and privileged staff, and rows that belong to another follow it (the access matrix says which cells are defaults).',
    ...matrix.notes,
    'Everything needs sign-in; nothing is readable anonymously in the MVP.',
    'Durations are stored as whole minutes (integer); money as numeric(12,2) in one currency.',
    ...(input.requirements ? [`The PM’s ${input.requirements.functional.length} functional and ${input.requirements.non_functional.length} non-functional requirements shaped this design.`] : []),
    ...data.notes,
    ...model.assumptions,
  ];
  return [...new Set(assumptions)];
}

export async function designArchitecture(input: ArchitectureInput, ctx: AgentContext = standaloneContext()): Promise<ArchitectureOutput> {
  const model = modelOf(input, ctx);
  const preset = input.stack_preference ?? 'vite-react';
  ctx.progress(5, 'reading the spec');
  ctx.signal.throwIfAborted();

  const needs = needsOf(model, input);
  const categories = new Set<NfrCategory>(needs.map((need) => need.category));
  const stack = stackFor(preset, model.integrations, categories);
  ctx.progress(15, 'tech stack');
  ctx.signal.throwIfAborted();

  const data = buildDataModel(model);
  ctx.progress(35, 'data model');
  ctx.signal.throwIfAborted();

  const matrix = accessMatrix(model, data);
  const access = accessSql(data, matrix);
  const policies = access.policies;
  const rpcs = rpcsOf(data, access.summaries);
  const functions = serverFunctions(model.integrations);
  const features = featuresOf(model, data);
  ctx.progress(55, 'security and API');
  ctx.signal.throwIfAborted();

  const migration = migrationSql(model.name, data, access, rpcs, features);
  const tests = pgtapTests(model.name, data, matrix);
  ctx.progress(75, 'migration and its tests');
  ctx.signal.throwIfAborted();

  const architecture: ArchitectureOutput['architecture'] = {
    stack,
    data_model: { entities: data.tables.map(contractEntity), relationships: data.relationships },
    api_design: apiDesign(preset, data, rpcs, functions, model.integrations, features.search),
    security: {
      auth_strategy: authStrategy(model),
      roles: data.roles.map((role) => role.name),
      default_role: data.defaultRole,
      self_signup_roles: data.selfServiceRoles,
      access_matrix: contractMatrix(matrix),
      rls_policies: policies,
    },
    integrations: model.integrations.map((integration) => ({ kind: integration.kind, provider: integration.provider, purpose: integration.reason })),
  };
  // The phase's model, when there is one, writes the technical summary; tables, SQL and names stay the product's own.
  const task = { document: 'the architecture', persona: PERSONAS['architect'], parts: ARCHITECTURE_PROSE_PARTS };
  const { prose, record } = ctx.engine?.port ? await phaseProse(ctx, task, input, readingOf(input, ctx).product_model, { from: 75, to: 95 }) : {};
  ctx.signal.throwIfAborted();
  const design: Design = {
    model,
    preset,
    data,
    matrix,
    architecture,
    rpcs,
    functions,
    features,
    needs,
    assumptions: assumptionsOf(model, data, matrix, input),
    migration,
    ...(prose ? { prose: { technical_summary: prose.technical_summary! } } : {}),
  };
  const markdown = architectureMarkdown(design);
  ctx.progress(100, 'architecture document');
  return { architecture, migration_sql: migration, database_tests_sql: tests, architecture_markdown: markdown, ...record };
}

export const architectAgent: Agent<ArchitectureInput, ArchitectureOutput> = {
  persona: PERSONAS['architect'],
  phase: 'architecture',
  tool: 'aios_design_architecture',
  engine: 'embedded',
  run: designArchitecture,
};
