import type { Architecture, CodeInput, CodeOutput, GeneratedFile, StackPreset, UxSpec } from '../contract/index.js';
import { standaloneContext, type Agent, type AgentContext } from './agent.js';
import { modelOf, readingOf } from './analyst.js';
import { phaseProse } from './engines/prose.js';
import { designArchitecture } from './architect.js';
import { generated, type AppDesign } from './dev/app.js';
import { frameworkOf } from './dev/framework.js';
import { nextjsFiles } from './dev/nextjs.js';
import { dependenciesOf, renderPackageJson, renderReadme } from './dev/project.js';
import { landingCopy, landingProseParts, withWrittenCopy } from './dev/landing.js';
import { signUpRoles } from './dev/roles.js';
import { readRoutes } from './dev/routes.js';
import { readDataModel } from './dev/tables.js';
import { viteReactFiles } from './dev/vite-react.js';
import { PERSONAS } from './personas.js';
import { DATABASE_TESTS_PATH, MIGRATION_PATH } from './project-layout.js';
import { specOf } from './reader/read.js';
import { designUx } from './ux.js';
import { singularName } from './naming.js';
import { statedViews } from './stated-views.js';

/**
 * @dev (Dex): turns the architecture and the UX spec into a project for the stack preset:
 * configuration with pinned versions, a typed Supabase client and Database types, a data hook
 * and a form per table, one page per UX route, and the migration. When the design is not given
 * it asks the architect and the UX designer for it, from the same spec.
 */
export async function generateCode(input: CodeInput, ctx: AgentContext = standaloneContext()): Promise<CodeOutput> {
  ctx.signal.throwIfAborted();
  const model = modelOf(input, ctx);
  const preset: StackPreset = input.framework ?? input.architecture?.stack.preset ?? 'vite-react';
  const spec = specOf(input);

  let architecture: Architecture | undefined = input.architecture;
  let migrationSql: string | undefined = input.migration_sql;
  let testsSql: string | undefined = input.database_tests_sql;
  if (!architecture) {
    ctx.progress(5, 'asking the architect for the data model');
    const designed = await designArchitecture({ ...spec, stack_preference: preset }, within(ctx, model, 5, 35));
    architecture = designed.architecture;
    migrationSql = designed.migration_sql;
    testsSql = designed.database_tests_sql;
  }
  ctx.signal.throwIfAborted();

  let ux: UxSpec | undefined = input.ux_spec;
  if (!ux) {
    ctx.progress(35, 'asking the UX designer for pages and tokens');
    ux = (await designUx({ ...spec, architecture }, within(ctx, model, 35, 60))).ux_spec;
  }
  ctx.signal.throwIfAborted();

  ctx.progress(60, 'data model and routes');
  const framework = frameworkOf(preset);
  const data = readDataModel(architecture);
  const routes = readRoutes(ux, data);
  // The phase's model, when there is one, writes the home page's words; its cards, routes and names stay the product's own.
  const landing = landingCopy(model, data);
  const task = { document: "the app's home page", persona: PERSONAS['dev'], ...landingProseParts(data) };
  const { prose, record } = ctx.engine?.port ? await phaseProse(ctx, task, input, readingOf(input, ctx).product_model, { from: 60, to: 70 }) : {};
  ctx.signal.throwIfAborted();
  const design: AppDesign = {
    signUp: signUpRoles(data, model),
    landing: prose ? withWrittenCopy(landing, data, prose) : landing,
    // Read against the tables the app is built on, which may be a caller's own design.
    views: statedViews(model.features, data.tables.map((table) => singularName(table.name))),
    productName: model.name,
    summary: model.summary,
    framework,
    model: data,
    routes,
    ux,
    migrationSql,
  };

  ctx.progress(70, 'components, hooks and pages');
  const files = preset === 'nextjs-react' ? nextjsFiles(design) : viteReactFiles(design);
  ctx.signal.throwIfAborted();

  ctx.progress(90, 'package.json and README');
  const dependencies = dependenciesOf(preset);
  const setup = setupSteps(preset, framework.env, migrationSql !== undefined, testsSql !== undefined);
  const all: GeneratedFile[] = [
    generated('package.json', renderPackageJson(model.name, preset, dependencies)),
    generated(
      'README.md',
      renderReadme({
        productName: model.name,
        summary: model.summary,
        framework,
        model: data,
        routes,
        setup,
        migrationPath: migrationSql !== undefined ? MIGRATION_PATH : undefined,
      }),
    ),
    ...files,
    // The architect's pgTAP tests of who may do what, beside the migration they test.
    ...(testsSql !== undefined ? [generated(DATABASE_TESTS_PATH, testsSql.endsWith('\n') ? testsSql : `${testsSql}\n`)] : []),
  ];

  const { files: chosen, unknown } = selectFiles(all, input.target_files);
  ctx.progress(100, `${chosen.length} files`);
  return {
    files: chosen,
    dependencies,
    setup_instructions: unknown.length > 0 ? [...setup, unknownNote(unknown, all)] : setup,
    ...record,
  };
}

export const devAgent: Agent<CodeInput, CodeOutput> = {
  persona: PERSONAS['dev'],
  phase: 'code',
  tool: 'aios_generate_code',
  engine: 'embedded',
  run: generateCode,
};

/** A context for an agent run inside this one: its 0..100 maps onto `from..to` of ours. */
function within(ctx: AgentContext, model: NonNullable<AgentContext['model']>, from: number, to: number): AgentContext {
  return {
    signal: ctx.signal,
    model,
    progress: (percent, note) => ctx.progress(from + ((to - from) * percent) / 100, note),
  };
}

function setupSteps(preset: StackPreset, env: { urlName: string; anonKeyName: string }, withMigration: boolean, withTests: boolean): string[] {
  const envFile = preset === 'nextjs-react' ? '.env.local' : '.env';
  const port = preset === 'nextjs-react' ? 3000 : 5173;
  return [
    'Install the dependencies: `npm install` (Node.js 20.19 or later).',
    'Create a Supabase project at https://supabase.com/dashboard (or run one locally with `npx supabase start`).',
    `Copy \`.env.example\` to \`${envFile}\` and set \`${env.urlName}\` and \`${env.anonKeyName}\` from the project's Settings → API page.`,
    withMigration
      ? `Create the tables: \`npx supabase link --project-ref <project-ref>\` then \`npx supabase db push\` (applies \`${MIGRATION_PATH}\`), or paste that file into the Supabase SQL editor and run it.`
      : 'Create the tables: run the migration from the architecture (`migration_sql` of aios_design_architecture) with `npx supabase db push` or in the Supabase SQL editor.',
    ...(withTests ? [`Check who may do what: with the local stack running (\`npx supabase start\`), \`npx supabase test db\` runs \`${DATABASE_TESTS_PATH}\` (pgTAP), which tries every cell of the access matrix as each role.`] : []),
    'Turn on the Email provider under Authentication → Providers so that people can sign up and sign in.',
    `Start the app: \`npm run dev\` and open http://localhost:${port}.`,
    'Type-check at any time with `npm run typecheck`; after changing the schema, regenerate the Database types with `npx supabase gen types typescript`.',
  ];
}

/** `target_files`: only the files asked for, by exact path (a leading `./` or `/` is ignored). */
function selectFiles(files: GeneratedFile[], targets: string[] | undefined): { files: GeneratedFile[]; unknown: string[] } {
  if (!targets || targets.length === 0) return { files, unknown: [] };
  const wanted = new Set(targets.map(normalisePath));
  const chosen = files.filter((file) => wanted.has(file.path));
  const known = new Set(files.map((file) => file.path));
  const unknown = [...new Set(targets.map(normalisePath))].filter((path) => !known.has(path));
  return { files: chosen, unknown };
}

function normalisePath(path: string): string {
  return path.trim().replace(/\\/g, '/').replace(/^\.?\//, '');
}

function unknownNote(unknown: string[], files: GeneratedFile[]): string {
  const shown = unknown.slice(0, 10).join(', ');
  const more = unknown.length > 10 ? ` and ${unknown.length - 10} more` : '';
  const examples = files
    .slice(0, 5)
    .map((file) => file.path)
    .join(', ');
  return `Not generated, this project has no such files: ${shown}${more}. Ask for paths this project has (for example ${examples}), or leave target_files out to get every file.`;
}
