import { converter, wcagContrast } from 'culori';
import { describe, expect, it } from 'vitest';
import { standaloneContext, type AgentContext } from '../../src/agents/agent.js';
import type { AttributeSpec, EntitySpec, ProductModel } from '../../src/agents/model.js';
import { kebab } from '../../src/agents/naming.js';
import { modelOf } from '../../src/agents/analyst.js';
import { designUx } from '../../src/agents/ux.js';
import { generateCode } from '../../src/agents/dev.js';
import { contrastRatio, ensureContrast } from '../../src/agents/ux/contrast.js';
import { SECTIONS } from '../../src/agents/ux/markdown.js';
import { STYLES, UxOutputSchema, type Architecture, type Style, type UxInput, type UxOutput } from '../../src/contract/index.js';
import { PROJECT_ARCHITECTURE } from '../fixtures/design.js';
import { PROJECT_MODEL } from '../fixtures/models.js';
import { SPEC_CASES } from '../fixtures/specs.js';

const withModel = (model: ProductModel = PROJECT_MODEL): AgentContext => ({ ...standaloneContext(), model });
const SPEC = 'TaskFlow is a project management app for small agencies.';
const design = (input: Partial<UxInput> = {}, model?: ProductModel): Promise<UxOutput> =>
  designUx({ spec: SPEC, ...input }, withModel(model));

const AWKWARD_PRIMARIES = ['#ffff00', '#777777', '#00ff00', '#000000', '#ffffff'];
const REQUIRED_PAIRS: Array<[string, string]> = [
  ['foreground', 'background'],
  ['card-foreground', 'card'],
  ['primary-foreground', 'primary'],
  ['secondary-foreground', 'secondary'],
  ['muted-foreground', 'background'],
  ['muted-foreground', 'muted'],
  ['accent-foreground', 'accent'],
  ['destructive-foreground', 'destructive'],
  ['success-foreground', 'success'],
  ['warning-foreground', 'warning'],
];
const hue = (hex: string) => converter('oklch')(hex)?.h ?? 0;

/** Recomputes every recorded pair from the final palette, ignoring the recorded ratio. */
function expectAllPairsPass(output: UxOutput, label: string): void {
  const { colors, contrast } = output.ux_spec.design_tokens;
  for (const mode of ['light', 'dark'] as const) {
    for (const [fg, bg] of REQUIRED_PAIRS) {
      expect(contrast.some((c) => c.mode === mode && c.foreground === fg && c.background === bg), `${label}: ${mode} ${fg} on ${bg} checked`).toBe(true);
    }
  }
  for (const check of contrast) {
    const fg = colors[check.mode][check.foreground];
    const bg = colors[check.mode][check.background];
    expect(fg, `${label}: ${check.foreground} exists`).toMatch(/^#[0-9a-f]{6}$/);
    expect(bg, `${label}: ${check.background} exists`).toMatch(/^#[0-9a-f]{6}$/);
    const ratio = wcagContrast(fg!, bg!);
    expect(ratio, `${label}: ${check.mode} ${check.foreground} ${fg} on ${check.background} ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(check.passes_aa).toBe(true);
    expect(Math.abs(check.ratio - ratio)).toBeLessThan(0.011);
  }
}

describe('designUx on the project-management model', () => {
  it('returns output that satisfies the contract', async () => {
    const output = await design();
    expect(() => UxOutputSchema.parse(output)).not.toThrow();
    expect(output.ux_spec.pages.length).toBeGreaterThan(10);
    expect(output.ux_spec.user_flows.length).toBeGreaterThan(3);
  });

  it('gives each core entity one list page, a detail page and create/edit forms, with unique routes', async () => {
    const { pages } = (await design()).ux_spec;
    const routes = pages.map((p) => p.route);
    expect(new Set(routes).size).toBe(routes.length);
    for (const entity of PROJECT_MODEL.entities) {
      const lists = pages.filter((p) => p.kind === 'list' && p.entity === entity.plural);
      expect(lists.map((p) => p.route), entity.name).toEqual([`/${entity.plural}`]);
      expect(routes).toContain(`/${entity.plural}/:id`);
      expect(routes).toContain(`/${entity.plural}/new`);
      expect(routes).toContain(`/${entity.plural}/:id/edit`);
    }
    for (const route of ['/', '/login', '/signup', '/dashboard', '/settings']) expect(routes).toContain(route);
  });

  it('builds forms from the attributes: enums as Select, dates with Calendar, long text as Textarea', async () => {
    const { pages } = (await design()).ux_spec;
    const taskForm = pages.find((p) => p.route === '/tasks/new');
    expect(taskForm?.components).toEqual(expect.arrayContaining(['Form', 'Select', 'Calendar', 'Textarea', 'Button']));
    const commentForm = pages.find((p) => p.route === '/comments/new');
    expect(commentForm?.components).not.toContain('Calendar');
    const projectDetail = pages.find((p) => p.route === '/projects/:id');
    // Tasks belong to a project: they are listed on its page.
    expect(projectDetail?.components).toEqual(expect.arrayContaining(['Tabs', 'Table']));
  });

  it('adds admin pages only when an admin role exists', async () => {
    const withAdmin = (await design()).ux_spec.pages;
    expect(withAdmin.find((p) => p.route === '/admin/users')?.roles).toEqual(['admin']);
    const noAdmin: ProductModel = { ...PROJECT_MODEL, roles: PROJECT_MODEL.roles.filter((r) => !r.admin) };
    const pages = (await design({}, noAdmin)).ux_spec.pages;
    expect(pages.some((p) => p.route.startsWith('/admin'))).toBe(false);
  });

  it('writes flows for sign-up, each entity workflow, role capabilities and the flows the client named', async () => {
    const { user_flows } = (await design({ user_flows: ['Assign a task to a teammate', 'Export a monthly report'] })).ux_spec;
    const byName = new Map(user_flows.map((f) => [f.name, f]));
    expect(byName.get('Sign up and sign in')?.steps.join(' ')).toContain('/signup');
    const createTask = byName.get('Create a task');
    expect(createTask?.role).toBe('member');
    expect(createTask?.steps.join(' ')).toContain('/tasks/new');
    // A task belongs to a project, so the flow starts on the project.
    expect(createTask?.steps[0]).toContain('/projects/:id');
    expect(byName.get('Find and edit a project')?.steps.join(' ')).toContain('/projects/:id/edit');
    expect(byName.get('Invite members by email')?.role).toBe('admin');
    expect(byName.get('Invite members by email')?.steps[0]).toContain('/admin/users');
    expect(byName.get('Assign a task to a teammate')?.steps.join(' ')).toContain('/tasks/:id');
    expect(byName.get('Export a monthly report')?.steps.length).toBeGreaterThan(2);
    expect(new Set(user_flows.map((f) => f.name)).size).toBe(user_flows.length);
  });

  it('lists every component the pages use in the shadcn/ui library', async () => {
    const { pages, component_library } = (await design()).ux_spec;
    expect(component_library.name).toBe('shadcn/ui');
    const names = new Set(component_library.components.map((c) => c.name));
    for (const page of pages) for (const component of page.components) expect(names, `${page.route} ${component}`).toContain(component);
    expect(component_library.components.find((c) => c.name === 'Button')?.variants).toContain('destructive');
  });

  it("adds the client's accessibility requirements to the WCAG AA checklist", async () => {
    const { accessibility_checklist } = (await design({ accessibility_requirements: ['Full screen reader support'] })).ux_spec;
    expect(accessibility_checklist.some((item) => item.includes('Full screen reader support'))).toBe(true);
    expect(accessibility_checklist.some((item) => item.includes('4.5:1'))).toBe(true);
  });

  it('is deterministic', async () => {
    const input = { design_preferences: { primary_color: '#ff6600', style: 'playful' as const }, user_flows: ['Onboarding'] };
    expect(await design(input)).toEqual(await design(input));
  });

  it('reports progress and stops when aborted', async () => {
    const notes: number[] = [];
    await designUx({ spec: SPEC }, { ...withModel(), progress: (percent) => notes.push(percent) });
    expect(notes.length).toBeGreaterThan(2);
    expect([...notes].sort((a, b) => a - b)).toEqual(notes);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(designUx({ spec: SPEC }, { ...withModel(), signal: controller.signal })).rejects.toThrow('cancelled');
  });
});

const attr = (name: string, kind: AttributeSpec['kind'], extra: Partial<AttributeSpec> = {}): AttributeSpec => ({
  name,
  label: name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, ' '),
  kind,
  required: false,
  unique: false,
  ...extra,
});
const entity = (name: string, plural: string, attributes: AttributeSpec[], createdBy: string[]): EntitySpec => ({
  name,
  plural,
  label: name.charAt(0).toUpperCase() + name.slice(1),
  pluralLabel: plural.charAt(0).toUpperCase() + plural.slice(1),
  description: `A ${name}`,
  attributes,
  owned: true,
  createdBy,
  mentions: 1,
});

/** A salon-booking product with payments, sign-in with Google and no admin. */
const BOOKING_MODEL: ProductModel = {
  ...PROJECT_MODEL,
  name: 'Shear',
  summary: 'Shear is a booking platform for hair salons.',
  domain: 'booking',
  roles: [
    { name: 'owner', label: 'Owner', description: 'Lists salons', primary: false, admin: false, privileged: false, selfSignup: true, capabilities: [{ verb: 'create', entity: 'salon', text: 'list salons' }] },
    {
      name: 'customer',
      label: 'Customer',
      description: 'Books appointments',
      primary: true,
      admin: false,
      privileged: false,
      selfSignup: true,
      capabilities: [
        { verb: 'view', entity: 'salon', text: 'browse salons on a map' },
        { verb: 'create', entity: 'appointment', text: 'book an appointment' },
      ],
    },
  ],
  entities: [
    entity('salon', 'salons', [attr('name', 'text', { required: true }), attr('address', 'location'), attr('photos', 'image')], ['owner']),
    entity('appointment', 'appointments', [attr('starts_at', 'datetime', { required: true }), attr('status', 'enum', { enumValues: ['pending', 'confirmed'] })], ['customer']),
  ],
  relationships: [{ from: 'salon', to: 'appointment', kind: 'one-to-many' }],
  integrations: [
    { kind: 'payments', provider: 'Stripe', stated: true, reason: 'deposits' },
    { kind: 'oauth', provider: 'Google', stated: true, reason: 'sign in' },
    { kind: 'maps', provider: 'Mapbox', stated: false, reason: 'salons on a map' },
  ],
  needs: [],
};

describe('designUx on other products', () => {
  it('turns a booking entity into a booking flow with a calendar, and payments into checkout pages', async () => {
    const output = await design({}, BOOKING_MODEL);
    expect(() => UxOutputSchema.parse(output)).not.toThrow();
    const { pages, user_flows } = output.ux_spec;
    const book = user_flows.find((f) => f.name === 'Book an appointment');
    expect(book?.role).toBe('customer');
    expect(book?.steps.join(' ')).toContain('Calendar');
    expect(book?.steps.join(' ')).toContain('/checkout');
    expect(user_flows.find((f) => f.name === 'Pay with Stripe')?.steps.join(' ')).toContain('/checkout/success');
    expect(pages.find((p) => p.route === '/appointments')?.components).toContain('Calendar');
    expect(pages.find((p) => p.route === '/salons')?.components).toContain('Card');
    expect(pages.some((p) => p.route.startsWith('/admin'))).toBe(false);
    expect(pages.find((p) => p.route === '/signup')?.components).toContain('Select');
    expect(output.ux_markdown).toContain('Continue with Google');
    expect(user_flows.find((f) => f.name === 'Browse salons on a map')?.role).toBe('customer');
  });

  it('still designs the account pages when the spec yields no entities or roles', async () => {
    const empty: ProductModel = { ...PROJECT_MODEL, roles: [], entities: [], relationships: [], integrations: [], needs: [] };
    const output = await design({}, empty);
    expect(() => UxOutputSchema.parse(output)).not.toThrow();
    expect(output.ux_spec.pages.map((p) => p.route)).toEqual(expect.arrayContaining(['/', '/login', '/signup', '/dashboard', '/settings']));
    expect(output.ux_spec.user_flows[0]?.name).toBe('Sign up and sign in');
    expect(output.ux_markdown).toContain('one signed-in "User" role is assumed');
  });

  it('picks a style from the spec when none is given, and says why', async () => {
    const crm: ProductModel = { ...PROJECT_MODEL, summary: 'A lightweight CRM for B2B sales teams.', domain: 'crm' };
    const output = await design({}, crm);
    expect(output.ux_spec.design_tokens.typography.font_family).toContain('IBM Plex Sans');
    expect(output.ux_markdown).toMatch(/Style: no style was given; "\w+" in the spec suggests corporate/);
  });
});

describe('designUx on every spec of the fixtures, read by the spec reader', () => {
  it.each(SPEC_CASES.map((c) => [c.id, c] as const))('%s: valid output, one list page per entity, passing contrast', async (_id, specCase) => {
    const output = await designUx({ ...specCase.input });
    expect(() => UxOutputSchema.parse(output)).not.toThrow();
    const model = modelOf(specCase.input);
    const joins = new Set(model.relationships.flatMap((r) => (r.through ? [r.through] : [])));
    const { pages, user_flows } = output.ux_spec;
    const routes = pages.map((p) => p.route);
    expect(new Set(routes).size).toBe(routes.length);
    for (const entity of model.entities.filter((e) => !joins.has(e.name))) {
      const lists = pages.filter((p) => p.kind === 'list' && p.entity === entity.plural);
      expect(lists.map((p) => p.route), entity.name).toEqual([`/${kebab(entity.plural)}`]);
    }
    expect(user_flows.some((f) => f.name.startsWith('Create') || f.name.startsWith('Book'))).toBe(true);
    expectAllPairsPass(output, specCase.id);
  });
});

describe('designUx sentences', () => {
  it('signs a "user" up as "a user", not "an user"', async () => {
    const output = await designUx({ spec: 'A time tracker where users log the hours they spend on projects.' });
    const signUp = output.ux_spec.user_flows.find((f) => f.name === 'Sign up and sign in');
    expect(signUp?.goal).toBe('Create an account and reach the dashboard as a user.');
  });
});

describe('designUx with an architecture', () => {
  it("follows the architecture's tables, skipping join tables and profiles", async () => {
    const { pages } = (await design({ architecture: PROJECT_ARCHITECTURE })).ux_spec;
    const entities = new Set(pages.flatMap((p) => (p.entity ? [p.entity] : [])));
    expect([...entities].sort()).toEqual(['comments', 'projects', 'tasks']);
    const taskForm = pages.find((p) => p.route === '/tasks/new');
    // Columns of the table that the spec model does not have: a boolean and a reference to people.
    expect(taskForm?.components).toEqual(expect.arrayContaining(['Switch', 'Select']));
  });

  it('makes pages for a table the spec reader did not find', async () => {
    const architecture: Architecture = structuredClone(PROJECT_ARCHITECTURE);
    architecture.data_model.entities.push({
      name: 'time_entries',
      fields: [
        { name: 'id', type: 'uuid', primary: true },
        { name: 'task_id', type: 'uuid', references: 'tasks.id' },
        { name: 'minutes', type: 'integer' },
        { name: 'logged_on', type: 'date' },
      ],
    });
    const { pages } = (await design({ architecture })).ux_spec;
    const list = pages.find((p) => p.kind === 'list' && p.entity === 'time_entries');
    expect(list?.route).toBe('/time-entries');
    expect(pages.find((p) => p.route === '/time-entries/new')?.components).toContain('Calendar');
  });
});

describe('references between tables', () => {
  it.each(['public.projects.id', 'projects(id)', ' projects . id '])('reads %s as the dev agent does: tasks belong to projects', async (reference) => {
    const architecture: Architecture = structuredClone(PROJECT_ARCHITECTURE);
    const tasks = architecture.data_model.entities.find((e) => e.name === 'tasks')!;
    tasks.fields = tasks.fields.map((f) => (f.name === 'project_id' ? { ...f, references: reference } : f));
    const { ux_spec, ux_markdown } = await design({ architecture });
    expect(ux_markdown).toContain('- Project: Select of projects (searchable) (required)');
    const code = await generateCode({ spec: SPEC, architecture, ux_spec }, withModel());
    expect(code.files.find((f) => f.path === 'src/components/forms/TaskForm.tsx')?.content).toContain('Choose a project…');
  });
});

describe('design tokens', () => {
  it.each(STYLES)('every text/background pair passes AA in both modes for the %s style', async (style) => {
    expectAllPairsPass(await design({ style_preference: style }), style);
  });

  it.each(AWKWARD_PRIMARIES)('every pair passes AA with the primary %s in every style', async (primary) => {
    for (const style of STYLES) {
      expectAllPairsPass(await design({ design_preferences: { primary_color: primary, style } }), `${style} ${primary}`);
    }
  });

  it('marks the pairs it had to correct', async () => {
    const { contrast } = (await design({ design_preferences: { primary_color: '#777777' } })).ux_spec.design_tokens;
    // Neither near-white nor a tinted near-black passes on #777777 as is.
    const onPrimary = contrast.find((c) => c.mode === 'light' && c.foreground === 'primary-foreground');
    expect(onPrimary?.adjusted).toBe(true);
    expect(onPrimary?.passes_aa).toBe(true);
  });

  it('keeps a usable brand colour and derives the palette around its hue', async () => {
    const { colors } = (await design({ design_preferences: { primary_color: '#2563EB' } })).ux_spec.design_tokens;
    expect(colors.light.primary).toBe('#2563eb');
    expect(Math.abs(hue(colors.dark.primary!) - hue('#2563eb'))).toBeLessThan(3);
    expect(Math.abs(hue(colors.light.accent!) - hue('#2563eb'))).toBeLessThan(10);
  });

  it('gives different styles different palettes, type and radius', async () => {
    const byStyle = new Map<Style, UxOutput>();
    for (const style of STYLES) byStyle.set(style, await design({ style_preference: style }));
    const primaries = new Set([...byStyle.values()].map((o) => o.ux_spec.design_tokens.colors.light.primary));
    expect(primaries.size).toBe(STYLES.length);
    const fonts = new Set([...byStyle.values()].map((o) => o.ux_spec.design_tokens.typography.font_family));
    expect(fonts.size).toBe(STYLES.length);
    const playful = byStyle.get('playful')!.ux_spec.design_tokens;
    const bold = byStyle.get('bold')!.ux_spec.design_tokens;
    expect(playful.radius.base).not.toBe(bold.radius.base);
  });

  it('has a type scale, a 4px spacing scale and the preferred font', async () => {
    const { typography, spacing } = (await design({ design_preferences: { font_family: 'Source Serif Pro' } })).ux_spec.design_tokens;
    expect(typography.font_family.startsWith('"Source Serif Pro"')).toBe(true);
    for (const element of ['h1', 'h2', 'h3', 'body', 'small']) expect(typography.scale[element]).toBeDefined();
    expect(parseFloat(typography.scale.h1!.size)).toBeGreaterThan(parseFloat(typography.scale.h2!.size));
    for (const [key, value] of Object.entries(spacing)) expect(parseFloat(value)).toBe(Number(key) * 4);
  });
});

describe('WCAG contrast formula', () => {
  it('matches known values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
  });

  it('moves a failing colour in lightness, keeping its hue, until it passes', () => {
    const orange = '#ff8800';
    expect(contrastRatio(orange, '#ffffff')).toBeLessThan(4.5);
    const fixed = ensureContrast(orange, ['#ffffff'], 4.5);
    expect(wcagContrast(fixed, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(Math.abs(hue(fixed) - hue(orange))).toBeLessThan(8);
    expect(ensureContrast('#000000', ['#ffffff'], 4.5)).toBe('#000000');
  });
});

describe('ux_markdown', () => {
  it('follows the AIOS UI/UX specification order', async () => {
    const { ux_markdown } = await design();
    expect(ux_markdown).toMatch(/^# TaskFlow UI\/UX Specification/);
    expect(ux_markdown).toContain('🎨 **Uma**');
    expect(ux_markdown).toContain('**Assumptions**');
    let at = 0;
    for (const section of SECTIONS) {
      const found = ux_markdown.indexOf(`\n## ${section}\n`, at);
      expect(found, section).toBeGreaterThan(at);
      at = found;
    }
  });

  it('has the site map, flow diagrams, style tables, the computed contrast table and a v0/Lovable prompt', async () => {
    const output = await design({ design_preferences: { primary_color: '#ffff00' } });
    const md = output.ux_markdown;
    expect(md).toContain('```mermaid\ngraph TD');
    expect(md.match(/```mermaid\nflowchart TD/g)?.length).toBe(output.ux_spec.user_flows.length);
    expect(md).toContain('| Color Type | Hex | Usage |');
    for (const type of ['Primary', 'Secondary', 'Accent', 'Success', 'Warning', 'Error', 'Neutral']) expect(md).toContain(`| ${type} |`);
    expect(md).toContain('| Element | Size | Weight | Line Height |');
    expect(md).toContain('lucide-react');
    expect(md).toContain('| Breakpoint | Min Width | Max Width | Target Devices |');
    const contrastRows = md.split('\n').filter((line) => /^\| (light|dark) \| [a-z-]+ \| [a-z-]+ \| `#/.test(line));
    expect(contrastRows.length).toBe(output.ux_spec.design_tokens.contrast.length);
    expect(md).toContain('#ffff00');
    expect(md).toContain('### Prompt for v0 / Lovable');
  });

  it('escapes quotes inside Mermaid labels so the diagrams parse', async () => {
    const { ux_markdown } = await design({ user_flows: ['Say "hello" to the team'] });
    const labels = [...ux_markdown.matchAll(/^\s+\w+(?:\["|\(\["|\{\{")(.*)(?:"\]|"\]\)|"\}\})$/gm)].map((m) => m[1]!);
    expect(labels.length).toBeGreaterThan(20);
    for (const label of labels) expect(label).not.toContain('"');
    expect(ux_markdown).toContain('#quot;hello#quot;');
  });
});
