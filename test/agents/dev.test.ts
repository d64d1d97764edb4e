import { describe, expect, it } from 'vitest';
import { standaloneContext, type AgentContext } from '../../src/agents/agent.js';
import { designArchitecture } from '../../src/agents/architect.js';
import { buildDataModel } from '../../src/agents/architect/data-model.js';
import { generateCode } from '../../src/agents/dev.js';
import { pluralName, snake } from '../../src/agents/naming.js';
import { modelOf } from '../../src/agents/analyst.js';
import { designUx } from '../../src/agents/ux.js';
import { CodeOutputSchema, type CodeInput, type CodeOutput } from '../../src/contract/index.js';
import { PROJECT_ARCHITECTURE, PROJECT_UX } from '../fixtures/design.js';
import { PROJECT_MODEL } from '../fixtures/models.js';
import { SALON_ARCHITECTURE, SALON_MODEL } from '../fixtures/salon.js';
import { SPEC_CASES } from '../fixtures/specs.js';

const SPEC = 'TaskFlow is a project management app for small agencies.';

function context(notes: string[] = []): AgentContext {
  return { ...standaloneContext(), model: PROJECT_MODEL, progress: (_percent, note) => notes.push(note) };
}

async function generate(extra: Partial<CodeInput> = {}, ctx: AgentContext = context()): Promise<CodeOutput> {
  return generateCode({ spec: SPEC, architecture: PROJECT_ARCHITECTURE, ux_spec: PROJECT_UX, ...extra }, ctx);
}

function file(output: CodeOutput, path: string): string {
  const found = output.files.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`no ${path} among ${output.files.map((candidate) => candidate.path).join(', ')}`);
  return found.content;
}

describe('generateCode (vite-react, from a given design)', () => {
  it('returns output that satisfies the contract schema, with unique paths and a language per file', async () => {
    const output = await generate();
    expect(CodeOutputSchema.safeParse(output).success).toBe(true);
    const paths = output.files.map((candidate) => candidate.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(file(output, 'src/App.tsx')).toContain('BrowserRouter');
    expect(output.files.find((candidate) => candidate.path === 'src/main.tsx')?.language).toBe('tsx');
    expect(output.files.find((candidate) => candidate.path === 'package.json')?.language).toBe('json');
  });

  it('routes every UX page, puts signed-in pages behind the guard and adds a catch-all', async () => {
    const app = file(await generate(), 'src/App.tsx');
    for (const page of PROJECT_UX.pages) expect(app).toContain(`path="${page.route}"`);
    expect(app).toContain('path="*"');
    const guarded = app.slice(app.indexOf('<ProtectedRoute />'));
    expect(guarded).toContain('path="/dashboard"');
    expect(guarded).toContain('path="/projects/:id/edit"');
    expect(app.slice(0, app.indexOf('<ProtectedRoute />'))).toContain('path="/login"');
  });

  it('writes one data hook module per table people work with, none for the join table', async () => {
    const output = await generate();
    const hooks = output.files.map((candidate) => candidate.path).filter((path) => /^src\/hooks\/use-(?!auth)/.test(path));
    expect(hooks.sort()).toEqual(['src/hooks/use-comments.ts', 'src/hooks/use-profiles.ts', 'src/hooks/use-projects.ts', 'src/hooks/use-tasks.ts']);
    const tasks = file(output, 'src/hooks/use-tasks.ts');
    for (const hook of ['useTasks', 'useTask', 'useCreateTask', 'useUpdateTask', 'useDeleteTask']) expect(tasks).toContain(`export function ${hook}(`);
    expect(tasks).toContain("supabase.from('tasks')");
    // Tasks can be listed per project and per assignee, the two foreign keys to app tables.
    expect(tasks).toContain("Partial<Pick<Task, 'project_id' | 'assignee_id'>>");
  });

  it('types every table in the Database type the way supabase gen types does', async () => {
    const types = file(await generate(), 'src/integrations/supabase/types.ts');
    for (const entity of PROJECT_ARCHITECTURE.data_model.entities) expect(types).toContain(`      ${entity.name}: {\n        Row: {`);
    expect(types).toContain('export type Tables<');
    expect(types).toContain('export type TablesInsert<');
    expect(types).toContain('export type TablesUpdate<');
    expect(types).toContain('task_status: "todo" | "in_progress" | "done"');
    // Nullable columns are `| null`; columns with a default or nullable are optional on insert.
    expect(types).toMatch(/Row: \{\n {10}id: string\n {10}project_id: string\n {10}title: string\n {10}description: string \| null/);
    expect(types).toContain('          due_date?: string | null');
    expect(types).toContain('referencedRelation: "projects"');
    // A key to auth.users is not a relationship supabase-js can embed.
    expect(types).not.toContain('referencedRelation: "users"');
  });

  it('writes a form per table with a control chosen by column type', async () => {
    const form = file(await generate(), 'src/components/forms/TaskForm.tsx');
    expect(form).toContain('id="task-title" type="text" required');
    expect(form).toContain('type="date"');
    expect(form).toContain('type="number"');
    expect(form).toContain('type="checkbox"');
    expect(form).toContain('Constants.public.Enums.task_status.map');
    expect(form).toContain('useProjects()');
    expect(form).not.toContain('owner_id');
    expect(form).not.toContain('created_at');
  });

  it('pins every dependency to an exact version and shares the versions installed here', async () => {
    const output = await generate();
    const pkg = JSON.parse(file(output, 'package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.dependencies).toEqual(output.dependencies.production);
    expect(pkg.devDependencies).toEqual(output.dependencies.development);
    for (const version of [...Object.values(pkg.dependencies), ...Object.values(pkg.devDependencies)]) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(Object.keys(pkg.scripts).sort()).toEqual(['build', 'dev', 'lint', 'preview', 'test', 'typecheck']);
    const installed = (await import('react/package.json', { with: { type: 'json' } })).default.version;
    expect(pkg.dependencies['react']).toBe(installed);
    expect(Object.keys(pkg.dependencies)).toEqual(
      expect.arrayContaining(['react-router-dom', '@supabase/supabase-js', '@tanstack/react-query', 'lucide-react']),
    );
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['vite', 'tailwindcss', '@tailwindcss/vite', 'typescript']));
  });

  it('turns the design tokens into CSS variables for light and dark mode', async () => {
    const css = file(await generate(), 'src/index.css');
    expect(css).toContain('@import "tailwindcss";');
    expect(css).toContain('  --primary: #2563eb;');
    expect(css.slice(css.indexOf('.dark {'))).toContain('  --primary: #60a5fa;');
    expect(css).toContain('--font-sans: Inter, ui-sans-serif, system-ui, sans-serif;');
    expect(css).toContain('--radius: 0.75rem;');
    expect(css).toContain('--color-primary-foreground: var(--primary-foreground);');
  });

  it('reads the Supabase settings from the environment when the app runs, and documents them', async () => {
    const output = await generate();
    const client = file(output, 'src/integrations/supabase/client.ts');
    expect(client).toContain('checkSupabaseConfig(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY)');
    // Never a throw at import: a build without settings must still open, on its configuration screen.
    expect(client).not.toContain('throw');
    expect(file(output, 'src/App.tsx')).toContain('if (!supabaseConfig.ok) return <ConfigurationScreen problems={supabaseConfig.problems} />;');
    expect(file(output, 'src/vite-env.d.ts')).toContain('readonly VITE_SUPABASE_URL?: string;');
    expect(file(output, '.env.example')).toMatch(/VITE_SUPABASE_URL=.*\nVITE_SUPABASE_ANON_KEY=/);
    expect(output.setup_instructions.join('\n')).toMatch(/npm install[^]*VITE_SUPABASE_ANON_KEY[^]*npm run dev/);
  });

  it('omits the migration when only the architecture is given (its SQL is not part of it) and says how to get it', async () => {
    const output = await generate();
    expect(output.files.some((candidate) => candidate.path.startsWith('supabase/migrations/'))).toBe(false);
    expect(output.setup_instructions.join('\n')).toContain('migration_sql');
  });

  it('returns only the target files asked for, and names the unknown ones', async () => {
    const output = await generate({ target_files: ['src/App.tsx', './package.json', 'src/nope.ts'] });
    expect(output.files.map((candidate) => candidate.path)).toEqual(['package.json', 'src/App.tsx']);
    expect(output.setup_instructions.at(-1)).toContain('src/nope.ts');
    expect(Object.keys(output.dependencies.production).length).toBeGreaterThan(0);
    const none = await generate({ target_files: ['missing.txt'] });
    expect(none.files).toEqual([]);
  });

  it('escapes text from the design and turns pages for unknown tables into plain pages', async () => {
    const ux = {
      ...PROJECT_UX,
      pages: [
        { name: 'Reports {beta} <new>', route: '/reports', components: [], layout: 'app-shell', kind: 'other' as const },
        { name: 'Ghosts', route: '/ghosts/[id]', components: [], layout: 'app-shell', kind: 'detail' as const, entity: 'ghost' },
      ],
    };
    const output = await generate({ ux_spec: ux });
    const app = file(output, 'src/App.tsx');
    expect(app).toContain('path="/ghosts/:id"');
    const reports = output.files.find((candidate) => candidate.path.startsWith('src/pages/Reports'));
    expect(reports?.content).toContain("<h1>{'Reports {beta} <new>'}</h1>");
    const ghosts = file(output, 'src/pages/GhostsPage.tsx');
    expect(ghosts).not.toContain('useParams');
    // The app still has a way in: a sign-in page is added when the design has none.
    expect(app).toContain('path="/login"');
  });

  it('gives nouns without a plural distinct hooks for the list and the row', async () => {
    const architecture = {
      ...PROJECT_ARCHITECTURE,
      data_model: {
        relationships: [],
        entities: [{ name: 'equipment', fields: [{ name: 'id', type: 'uuid', primary: true, default: 'gen_random_uuid()' }, { name: 'name', type: 'text' }] }],
      },
    };
    const hooks = file(await generate({ architecture }), 'src/hooks/use-equipment.ts');
    expect(hooks).toContain('export function useEquipmentList(');
    expect(hooks).toContain('export function useEquipment(id: string | undefined)');
  });

  it('is deterministic', async () => {
    expect(JSON.stringify(await generate())).toBe(JSON.stringify(await generate()));
  });

  it('reports progress and stops when aborted', async () => {
    const notes: string[] = [];
    await generate({}, context(notes));
    expect(notes.length).toBeGreaterThan(2);
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the test'));
    await expect(generate({}, { ...context(), signal: controller.signal })).rejects.toThrow('cancelled by the test');
  });
});

describe('generateCode (nextjs-react)', () => {
  it('writes an App Router project: layout, a page per route, signed-in pages in a guarded route group', async () => {
    const output = await generate({ framework: 'nextjs-react' });
    expect(CodeOutputSchema.safeParse(output).success).toBe(true);
    const paths = output.files.map((candidate) => candidate.path);
    for (const path of [
      'app/layout.tsx',
      'app/page.tsx',
      'app/login/page.tsx',
      'app/(app)/layout.tsx',
      'app/(app)/projects/page.tsx',
      'app/(app)/projects/[id]/page.tsx',
      'app/(app)/projects/[id]/edit/page.tsx',
      'app/not-found.tsx',
      'lib/supabase/client.ts',
      'lib/supabase/types.ts',
      'hooks/use-tasks.ts',
      'components/forms/TaskForm.tsx',
    ]) {
      expect(paths).toContain(path);
    }
    expect(paths.some((path) => path.startsWith('src/'))).toBe(false);
    expect(file(output, 'app/(app)/projects/[id]/page.tsx').startsWith("'use client';")).toBe(true);
    expect(file(output, 'lib/supabase/client.ts')).toContain('createBrowserClient<Database>');
    expect(file(output, '.env.example')).toContain('NEXT_PUBLIC_SUPABASE_URL=');
    expect(output.dependencies.production['next']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(output.dependencies.production['react-router-dom']).toBeUndefined();
  });
});

describe('generateCode on every spec case', () => {
  it('routes every UX page and writes a hook per non-join table of the architecture', async () => {
    for (const { id, input } of SPEC_CASES) {
      const model = modelOf(input);
      const ctx = { ...standaloneContext(), model };
      const { architecture } = await designArchitecture(input, ctx);
      const { ux_spec } = await designUx({ ...input, architecture }, ctx);
      const output = await generateCode({ ...input, architecture, ux_spec }, ctx);
      const app = file(output, 'src/App.tsx');
      for (const page of ux_spec.pages) expect(app, `${id}: ${page.route}`).toContain(`path="${page.route}"`);
      const types = file(output, 'src/integrations/supabase/types.ts');
      for (const entity of architecture.data_model.entities) {
        const table = pluralName(snake(entity.name));
        expect(types, `${id}: ${table}`).toContain(`      ${table}: {`);
        const hooks = output.files.some((candidate) => candidate.path === `src/hooks/use-${table.replace(/_/g, '-')}.ts`);
        expect(hooks, `${id}: hooks of ${table}`).toBe(entity.join_table !== true);
      }
    }
  });
});

describe('generateCode from a spec alone', () => {
  it('asks the architect and the UX designer, and ships their migration', async () => {
    const input = SPEC_CASES.find((candidate) => candidate.id === 'booking')?.input;
    if (!input) throw new Error('the booking spec case is missing');
    const output = await generateCode(input);
    expect(CodeOutputSchema.safeParse(output).success).toBe(true);
    const migration = output.files.find((candidate) => candidate.path.startsWith('supabase/migrations/'));
    expect(migration?.path).toMatch(/^supabase\/migrations\/\d{14}_init\.sql$/);
    expect(migration?.content).toMatch(/create table/i);
    const types = file(output, 'src/integrations/supabase/types.ts');
    for (const table of ['salons', 'services', 'appointments']) expect(types).toContain(`      ${table}: {`);
    expect(output.setup_instructions.join('\n')).toContain('supabase db push');
  });
});

describe('the generated app, for a person', () => {
  const salonContext = (): AgentContext => ({ ...standaloneContext(), model: SALON_MODEL });
  const salon = (extra: Partial<CodeInput> = {}): Promise<CodeOutput> =>
    generateCode({ spec: SALON_MODEL.summary, architecture: SALON_ARCHITECTURE, ...extra }, salonContext());

  it('saves Settings with only the columns a person may change on their own profile, never the role', async () => {
    const output = await salon();
    const form = file(output, 'src/components/forms/ProfileForm.tsx');
    expect(/Pick<Tables<'profiles'>, ([^>]+)>/.exec(form)?.[1]).toBe("'display_name' | 'avatar_url'");
    expect(form).not.toMatch(/'role'|'id'|'created_at'/);
    const settings = file(output, 'src/pages/SettingsPage.tsx');
    // The role is shown, and a failed save says why instead of failing silently.
    expect(settings).toContain('Role: {formatLabel(profile.data.role)}');
    expect(settings).toContain('describeError(updateProfile.error)');
  });

  it('offers at sign-up the roles the migration accepts from sign-up, never an administrator, and sends the choice as metadata', async () => {
    const signUp = file(await salon(), 'src/pages/SignUpPage.tsx');
    const offered = /const SIGN_UP_ROLES = \[([^\]]*)\] as const;/.exec(signUp)?.[1]?.split(', ').map((quoted) => quoted.slice(1, -1));
    const accepted = buildDataModel(SALON_MODEL).selfServiceRoles;
    expect(offered?.[0]).toBe('customer');
    expect(new Set(offered)).toEqual(new Set(['customer', ...accepted]));
    expect(offered).not.toContain('admin');
    expect(signUp).toContain("useState<string>('customer')");
    expect(signUp).toContain('options: { emailRedirectTo: window.location.origin, data: { role } }');
    // One role only (TaskFlow's members; admins are appointed): nothing to choose, nothing sent.
    const single = file(await generate(), 'src/pages/SignUpPage.tsx');
    expect(single).not.toContain('SIGN_UP_ROLES');
    expect(single).not.toContain('data: { role }');
  });

  it('edits a timestamptz in local time both ways, never by slicing the UTC string', async () => {
    const form = file(await salon(), 'src/components/forms/AppointmentForm.tsx');
    expect(form).toContain(
      "type=\"datetime-local\" required value={toDateTimeLocal(values.starts_at)} onChange={(event) => set('starts_at', fromDateTimeLocal(event.target.value) ?? '')}",
    );
    expect(form).not.toContain('.slice(0, 16)');
  });

  it('steps number inputs by the column type and bounds them by its meaning', async () => {
    const output = await salon();
    const services = file(output, 'src/components/forms/ServiceForm.tsx');
    expect(services).toMatch(/id="service-duration" type="number" inputMode="numeric" step="1" min=\{0\}/);
    expect(services).toMatch(/id="service-price" type="number" inputMode="decimal" step="0.01" min=\{0\}/);
    const reviews = file(output, 'src/components/forms/ReviewForm.tsx');
    expect(reviews).toMatch(/id="review-rating" type="number" inputMode="numeric" step="1" min=\{1\} max=\{5\} required/);
    expect(services + reviews).not.toContain('step="any"');
  });

  it('edits a JSON list item by item and child rows on the parent page, never in a JSON box that starts with null', async () => {
    const output = await salon();
    const service = file(output, 'src/components/forms/ServiceForm.tsx');
    expect(service).toContain('<ListField id="service-steps" labelledBy="service-steps-label" itemLabel="step"');
    expect(service).toContain('onSubmit({ ...values, steps: cleanItems(textItems(values.steps)), ...fixed });');
    for (const candidate of output.files.filter((generatedFile) => generatedFile.path.endsWith('.tsx'))) {
      expect(candidate.content, candidate.path).not.toContain('?? null, null, 2)');
    }
    const details = file(output, 'src/pages/ServiceDetailsPage.tsx');
    expect(details).toContain('<AppointmentsSection parentId={row.id} />');
    expect(details).toContain('function AppointmentsSection({ parentId }: { parentId: string })');
    expect(details).toContain('<AppointmentForm\n              fixed={{ service_id: parentId }}');
    // The parent chosen by the page is not asked for again.
    expect(file(output, 'src/components/forms/AppointmentForm.tsx')).toContain('{fixed?.service_id === undefined && (');
  });

  it('offers the values of an enum in its select and in a board of its lanes, and an agenda of dated rows', async () => {
    const output = await salon();
    expect(file(output, 'src/components/forms/AppointmentForm.tsx')).toContain('{Constants.public.Enums.appointment_status.map((option) => (');
    const appointments = file(output, 'src/pages/AppointmentsPage.tsx');
    expect(appointments).toContain('lanes={Constants.public.Enums.appointment_status}');
    expect(appointments).toContain('values: { status: lane as Database["public"]["Enums"]["appointment_status"] }');
    expect(appointments).toContain('<AgendaView rows={rows} dateOf={(row) => row.starts_at}');
    expect(appointments).toContain(' withTime />');
  });

  it('opens on the views the idea states: a month calendar of appointments, a floor plan of the stations with their day, revenue per month', async () => {
    const output = await salon();
    const paths = output.files.map((generatedFile) => generatedFile.path);
    for (const path of ['src/components/views/CalendarView.tsx', 'src/lib/calendar.test.ts', 'src/components/views/FloorPlanView.tsx', 'src/lib/floor-plan.test.ts', 'src/components/views/FigureBars.tsx']) {
      expect(paths).toContain(path);
    }
    const appointments = file(output, 'src/pages/AppointmentsPage.tsx');
    expect(appointments).toContain("useState<'table' | 'calendar' | 'board' | 'agenda'>('calendar')");
    expect(appointments).toContain('<CalendarView rows={rows} dateOf={(row) => row.starts_at}');
    const stations = file(output, 'src/pages/StationsPage.tsx');
    expect(stations).toContain("useState<'table' | 'floor_plan'>('floor_plan')");
    expect(stations).toContain('positionOf={(row) => ({ x: row.position_x, y: row.position_y })}');
    // A station's state is its appointments today, once they have loaded.
    expect(stations).toContain(
      'stateOf={appointmentsQuery.data ? (row) => dayState((appointmentsQuery.data ?? []).filter((item) => item.station_id === row.id).map((item) => item.starts_at), today, true) : undefined}',
    );
    const dashboard = file(output, 'src/pages/DashboardPage.tsx');
    expect(dashboard).toContain('<CardTitle>Revenue per month</CardTitle>');
    expect(dashboard).toContain("groups={totalsBy(appointmentsQuery.data, (row) => periodOf(row.starts_at, 'month'), (row) => row.amount_paid)}");
    // TaskFlow states no view: its lists open on the table, with no calendar, floor plan or figures.
    const plain = await generate();
    expect(plain.files.map((generatedFile) => generatedFile.path).filter((path) => /CalendarView|FloorPlanView|FigureBars/.test(path))).toEqual([]);
    expect(file(plain, 'src/pages/TasksPage.tsx')).toContain(">('table');");
  });

  it('tells a failed load from an empty one, with a Retry button, and gives up on a slow server in seconds', async () => {
    const output = await generate();
    const projects = file(output, 'src/pages/ProjectsPage.tsx');
    expect(projects.indexOf('<ErrorState')).toBeGreaterThan(-1);
    expect(projects.indexOf('<ErrorState')).toBeLessThan(projects.indexOf('No projects yet.'));
    const dashboard = file(output, 'src/pages/DashboardPage.tsx');
    expect(dashboard).toContain('onRetry={() => failed.forEach((query) => void query.refetch())}');
    expect(dashboard).toMatch(/Query\.error \? \(\n\s+<p className="text-sm text-muted-foreground">Not loaded\.<\/p>\n\s+\) : \w+Query\.data && \w+Query\.data\.length > 0 \? \(/);
    expect(file(output, 'src/hooks/use-projects.ts')).toContain('.retry(false)');
    expect(file(output, 'src/App.tsx')).toContain('retry: retryOnce');
    expect(file(output, 'src/integrations/supabase/client.ts')).toContain('global: { fetch: fetchWithTimeout }');
  });

  it('adds up money on the dashboard and counts rows per status', async () => {
    const dashboard = file(await salon({ framework: 'nextjs-react' }), 'app/(app)/dashboard/page.tsx');
    expect(dashboard).toContain('formatAmount(total(servicesQuery.data, (row) => row.price))');
    expect(dashboard).toContain('{Constants.public.Enums.appointment_status.map((lane) => (');
    expect(dashboard).not.toContain('useProfiles');
  });

  it('writes the home page for visitors from the summary and the roles, not from planning notes', async () => {
    const home = file(await salon(), 'src/pages/HomePage.tsx');
    expect(home).toContain('<h1>Snip</h1>');
    expect(home).toContain('<p className="max-w-2xl text-lg text-muted-foreground">A booking app for hair salons.</p>');
    expect(home).toContain('Customers book appointments. Stylists confirm appointments. Each appointment has a title, a status and an amount paid.');
    expect(home).not.toMatch(/Say what|created by|belongs to/);
  });

  it('builds without the Supabase settings on Next.js too, and ships lint and test scripts and their configuration', async () => {
    const output = await generate({ framework: 'nextjs-react' });
    expect(file(output, 'lib/supabase/client.ts')).not.toContain('throw');
    expect(file(output, 'app/providers.tsx')).toContain('if (!supabaseConfig.ok) return <ConfigurationScreen problems={supabaseConfig.problems} />;');
    const pkg = JSON.parse(file(output, 'package.json')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.scripts).toMatchObject({ lint: 'eslint .', test: 'vitest run' });
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['eslint', 'typescript-eslint', 'eslint-plugin-react-hooks', 'vitest']));
    expect(file(output, 'eslint.config.js')).toContain('reactHooks.configs.flat.recommended');
    for (const test of ['lib/config.test.ts', 'lib/datetime.test.ts', 'lib/network.test.ts']) expect(output.files.map((f) => f.path)).toContain(test);
  });
});

describe('the generated app and the migration it ships with', () => {
  it('offers at sign-up exactly the roles handle_new_user() accepts, and saves Settings within the profile columns granted for update', async () => {
    for (const { id, input } of SPEC_CASES) {
      const output = await generateCode(input);
      const migration = output.files.find((candidate) => candidate.path.startsWith('supabase/migrations/'))?.content ?? '';
      const accepted = /raw_user_meta_data ->> 'role' = any\(array\[([^\]]*)\]/.exec(migration)?.[1]?.split(', ').map((quoted) => quoted.slice(1, -1)) ?? [];
      const signUp = file(output, 'src/pages/SignUpPage.tsx');
      const offered = /const SIGN_UP_ROLES = \[([^\]]*)\] as const;/.exec(signUp)?.[1]?.split(', ').map((quoted) => quoted.slice(1, -1));
      // One acceptable role is no choice: the form sends none and the database gives the default.
      if (accepted.length > 1) expect(new Set(offered), id).toEqual(new Set(accepted));
      else expect(offered, id).toBeUndefined();
      const granted = /grant update \(([^)]*)\) on table public\.profiles to authenticated;/.exec(migration)?.[1]?.split(', ') ?? [];
      const form = file(output, 'src/components/forms/ProfileForm.tsx');
      const sent = /Pick<Tables<'profiles'>, ([^>]+)>/.exec(form)?.[1]?.split(' | ').map((quoted) => quoted.slice(1, -1)) ?? [];
      expect(sent.length, id).toBeGreaterThan(0);
      expect(sent.filter((column) => !granted.includes(column)), id).toEqual([]);
    }
  });
});
