import { describe, expect, it } from 'vitest';
import { StrategizeOutputSchema, type StrategizeOutput } from '../../src/contract/index.js';
import type { AgentContext } from '../../src/agents/agent.js';
import { strategize } from '../../src/agents/pm.js';
import type { EntitySpec, ProductModel } from '../../src/agents/model.js';
import { modelOf } from '../../src/agents/analyst.js';
import { PROJECT_MODEL } from '../fixtures/models.js';
import { SPEC_CASES } from '../fixtures/specs.js';

function context(model?: ProductModel, signal: AbortSignal = new AbortController().signal) {
  const notes: Array<[number, string]> = [];
  const ctx: AgentContext = { signal, progress: (percent, note) => notes.push([percent, note]), ...(model ? { model } : {}) };
  return { ctx, notes };
}

async function run(model: ProductModel): Promise<StrategizeOutput> {
  return strategize({ spec: model.summary }, context(model).ctx);
}

const entity = (name: string, label: string, pluralLabel: string, extra: Partial<EntitySpec> = {}): EntitySpec => ({
  name,
  plural: `${name}s`,
  label,
  pluralLabel,
  description: '',
  attributes: [{ name: 'title', label: 'Title', kind: 'text', required: true, unique: false }],
  owned: true,
  createdBy: [],
  mentions: 2,
  ...extra,
});

/** Two more hand-made models, so that documents can be compared across products. */
const QUIZ_MODEL: ProductModel = {
  ...PROJECT_MODEL,
  name: 'QuizMaster',
  summary: 'QuizMaster lets teachers create quizzes that students answer live.',
  domain: 'education',
  roles: [
    { name: 'teacher', label: 'Teacher', description: 'Creates quizzes', primary: false, admin: false, privileged: false, selfSignup: true, capabilities: [
      { verb: 'create', entity: 'quiz', text: 'create quizzes' },
      { verb: 'other', text: 'export results as CSV' },
    ] },
    { name: 'student', label: 'Student', description: 'Answers quizzes', primary: true, admin: false, privileged: false, selfSignup: true, capabilities: [
      { verb: 'other', entity: 'quiz', text: 'join a quiz with a code' },
    ] },
  ],
  entities: [
    entity('quiz', 'Quiz', 'Quizzes', { plural: 'quizzes', createdBy: ['teacher'], mentions: 4 }),
    entity('question', 'Question', 'Questions', { createdBy: ['teacher'], mentions: 2 }),
    entity('attempt', 'Attempt', 'Attempts', { createdBy: ['student'], mentions: 2 }),
  ],
  relationships: [{ from: 'quiz', to: 'question', kind: 'one-to-many' }],
  integrations: [{ kind: 'realtime', provider: 'Supabase Realtime', stated: false, reason: 'leaderboards update in real time' }],
  needs: [],
  segments: [],
  assumptions: [],
};

const BOOKING_MODEL: ProductModel = {
  ...PROJECT_MODEL,
  name: 'SalonBook',
  summary: 'A booking platform for hair salons.',
  domain: 'booking',
  roles: [
    { name: 'owner', label: 'Salon owner', description: 'Lists salons', primary: false, admin: false, privileged: false, selfSignup: true, capabilities: [
      { verb: 'create', entity: 'salon', text: 'list their salons' },
    ] },
    { name: 'customer', label: 'Customer', description: 'Books appointments', primary: true, admin: false, privileged: false, selfSignup: true, capabilities: [
      { verb: 'view', entity: 'salon', text: 'browse salons on a map' },
      { verb: 'create', entity: 'appointment', text: 'book an appointment' },
    ] },
  ],
  entities: [
    entity('salon', 'Salon', 'Salons', { createdBy: ['owner'], mentions: 5 }),
    entity('service', 'Service', 'Services', {
      createdBy: ['owner'],
      attributes: [{ name: 'price', label: 'Price', kind: 'money', required: true, unique: false }],
    }),
    entity('appointment', 'Appointment', 'Appointments', {
      createdBy: ['customer'],
      attributes: [{ name: 'status', label: 'Status', kind: 'enum', enumValues: ['pending', 'confirmed'], required: true, unique: false }],
    }),
    entity('review', 'Review', 'Reviews', { createdBy: ['customer'], mentions: 1 }),
  ],
  relationships: [{ from: 'salon', to: 'service', kind: 'one-to-many' }],
  integrations: [
    { kind: 'payments', provider: 'Stripe', stated: true, reason: 'customers pay a deposit online' },
    { kind: 'sms', provider: 'Twilio', stated: false, reason: 'customers get SMS reminders' },
    { kind: 'maps', provider: 'Mapbox', stated: false, reason: 'customers browse salons on a map' },
  ],
  needs: [{ category: 'performance', text: 'The site must load fast', source: 'stated' }],
  segments: ['Hair salons'],
  problems: ['Booking by phone wastes the stylists’ time'],
  metrics: ['500 bookings a month by month three'],
  assumptions: [],
  context: { budget_tier: 'scaleup' },
};

const MODELS: Array<[string, ProductModel]> = [
  ['project management (PROJECT_MODEL)', PROJECT_MODEL],
  ['quiz', QUIZ_MODEL],
  ['booking', BOOKING_MODEL],
];

/** The level-2 headings of a markdown document, in order. */
const headings = (markdown: string) => [...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1] ?? '');

/** Everything a PRD must hold, whatever the product. */
function expectWellFormed(out: StrategizeOutput, model: ProductModel): void {
  expect(() => StrategizeOutputSchema.parse(out)).not.toThrow();
  const { functional, non_functional, constraints } = out.requirements;
  expect(functional.map((fr) => fr.id)).toEqual(functional.map((_, i) => `FR-${i + 1}`));
  expect(non_functional.map((nfr) => nfr.id)).toEqual(non_functional.map((_, i) => `NFR-${i + 1}`));
  expect(constraints.map((con) => con.id)).toEqual(constraints.map((_, i) => `CON-${i + 1}`));
  expect(out.epics.map((epic) => epic.id)).toEqual(out.epics.map((_, i) => i + 1));

  const ids = new Set(functional.map((fr) => fr.id));
  for (const epic of out.epics) {
    expect(epic.stories.length).toBeGreaterThan(0);
    epic.stories.forEach((story, index) => {
      expect(story.id).toBe(`${epic.id}.${index + 1}`);
      expect(story.acceptance_criteria.length).toBeGreaterThan(0);
      expect(story.requirements.length).toBeGreaterThan(0);
      for (const id of story.requirements) {
        expect(ids.has(id)).toBe(true);
        // A story delivers only requirements of its own epic or an earlier one: nothing waits on a later epic.
        expect(functional.find((fr) => fr.id === id)?.epic ?? 0).toBeLessThanOrEqual(epic.id);
      }
    });
  }
  // Every planned requirement is delivered by some story; only `wont` items have no epic.
  const covered = new Set(out.epics.flatMap((epic) => epic.stories.flatMap((story) => story.requirements)));
  for (const fr of functional) {
    if (fr.priority === 'wont') expect(fr.epic).toBeUndefined();
    else expect(covered.has(fr.id), `${fr.id} ${fr.description}`).toBe(true);
  }

  const first = out.epics[0];
  expect(first?.title).toMatch(/foundation/i);
  const firstFrs = functional.filter((fr) => fr.epic === 1);
  expect(firstFrs.some((fr) => fr.priority === 'must' && /sign in/i.test(fr.description))).toBe(true);

  // The core entities (the most mentioned) have must-have workflows.
  const must = functional.filter((fr) => fr.priority === 'must').map((fr) => fr.description.toLowerCase());
  const joins = new Set(model.relationships.flatMap((rel) => (rel.through ? [rel.through] : [])));
  for (const e of model.entities.filter((item) => !joins.has(item.name)).slice(0, 2)) {
    expect(must.some((text) => text.includes(e.label.toLowerCase()) || text.includes(e.pluralLabel.toLowerCase())), e.name).toBe(true);
  }
  for (const integration of model.integrations) {
    expect(functional.some((fr) => fr.description.includes(integration.provider)), integration.kind).toBe(true);
  }
  if (model.roles.length > 0) expect(out.personas.map((persona) => persona.role)).toEqual(model.roles.map((role) => role.name));
  expect(out.assumptions).toEqual(expect.arrayContaining(model.assumptions.map((a) => expect.stringContaining(a.slice(1, 20)))));

  const order = [
    /^1\. Goals and Background Context$/,
    /^2\. Requirements$/,
    /^3\. User Interface Design Goals$/,
    /^4\. Technical Assumptions$/,
    /^5\. Epic List$/,
    /^6\. Epic Details$/,
    /^7\. Checklist Results and Next Steps$/,
  ];
  const found = headings(out.prd_markdown).filter((heading) => /^\d\./.test(heading));
  expect(found).toHaveLength(order.length);
  found.forEach((heading, index) => expect(heading).toMatch(order[index] as RegExp));
  expect(headings(out.prd_markdown)[0]).toBe('Change Log');
  for (const epic of out.epics) expect(out.prd_markdown).toContain(`### Epic ${epic.id}: ${epic.title}`);
  for (const fr of functional) expect(out.prd_markdown).toContain(`${fr.id.replace('-', '')}: ${fr.description}`);
}

describe('pm agent: strategize', () => {
  it.each(MODELS)('writes a well-formed PRD for %s', async (_, model) => {
    expectWellFormed(await run(model), model);
  });

  it('prioritises the project model the way a PM would', async () => {
    const out = await run(PROJECT_MODEL);
    const fr = (pattern: RegExp) => out.requirements.functional.filter((item) => pattern.test(item.description));
    expect(fr(/create a project/i)[0]?.priority).toBe('must');
    expect(fr(/create a task in a project/i)[0]?.priority).toBe('must');
    expect(fr(/comments/i).some((item) => item.priority === 'should')).toBe(true);
    expect(fr(/invite members by email/i)[0]?.priority).toBe('should');
    expect(fr(/Resend/)[0]?.priority).toBe('should');
    expect(fr(/native ios and android/i)[0]?.priority).toBe('wont');
    // Billing is out of scope by assumption, so the admin's "manage billing" becomes a won't, not a story.
    expect(fr(/billing/i).map((item) => item.priority)).toEqual(['wont']);
    expect(out.requirements.non_functional[0]).toMatchObject({ category: 'usability' });
    // The spec's words are quoted as the source, beside the requirement written in the PM's own words.
    expect(out.requirements.non_functional[0]?.description).not.toContain('It must work well on mobile');
    expect(out.requirements.non_functional[0]?.description).toContain('The spec asks for it');
    expect(out.prd_markdown).toMatch(/### Stated in the Spec[\s\S]*- “It must work well on mobile”/);
    expect(out.requirements.non_functional.some((nfr) => /WCAG 2\.1 AA/.test(nfr.description))).toBe(true);
    expect(out.requirements.non_functional.some((nfr) => /2\.5 s/.test(nfr.description))).toBe(true);
    expect(out.requirements.constraints.some((con) => /React \+ Vite \+ TypeScript \+ Tailwind CSS \+ shadcn\/ui/.test(con.description))).toBe(true);
    expect(out.success_metrics.every((metric) => metric.startsWith('Proposed:'))).toBe(true);
    expect(out.estimated_complexity).toBe('standard');
    expect(out.prd_markdown).toMatch(/Morgan.*Product Manager.*"yolo"/);
    expect(out.prd_markdown).toContain('| Date | Version | Description | Author |');
    expect(out.prd_markdown).toContain('#### UX Expert Prompt');
    expect(out.prd_markdown).toContain('#### Architect Prompt');
  });

  it('uses what the spec states: metrics, problems, budget, paying role', async () => {
    const out = await run(BOOKING_MODEL);
    expect(out.success_metrics).toEqual(['500 bookings a month by month three']);
    expect(out.personas.find((persona) => persona.role === 'customer')?.frustrations).toContain('Booking by phone wastes the stylists’ time.');
    expect(out.requirements.constraints.some((con) => /Scale-up budget/.test(con.description))).toBe(true);
    expect(out.requirements.non_functional[0]?.description).toMatch(/^Pages become interactive .* The spec asks for it/);
    expect(out.prd_markdown).toContain('- “The site must load fast”');
    const payments = out.epics.find((epic) => epic.stories.some((story) => /Stripe/.test(story.i_want)));
    expect(payments?.stories[0]?.as_a).toBe('customer');
    expect(out.requirements.functional.find((fr) => /Stripe/.test(fr.description))?.priority).toBe('must');
    // Browsing salons is the customer's own must-have story in the salons epic.
    const browse = out.epics.flatMap((epic) => epic.stories).find((story) => story.i_want === 'to browse salons on a map');
    expect(browse?.as_a).toBe('customer');
    const browseId = browse?.requirements[0];
    expect(out.requirements.functional.find((item) => item.id === browseId)?.priority).toBe('must');
  });

  it('writes a different PRD for each product, naming its own entities only', async () => {
    const quiz = (await run(QUIZ_MODEL)).prd_markdown;
    const booking = (await run(BOOKING_MODEL)).prd_markdown;
    expect(quiz).not.toBe(booking);
    expect(quiz).toMatch(/quizzes/i);
    expect(quiz).toMatch(/questions/i);
    expect(quiz).not.toMatch(/salon|appointment/i);
    expect(booking).toMatch(/salons/i);
    expect(booking).toMatch(/appointments/i);
    expect(booking).not.toMatch(/quiz|question/i);
  });

  it('gives the same output for the same input', async () => {
    expect(await run(PROJECT_MODEL)).toEqual(await run(structuredClone(PROJECT_MODEL)));
  });

  it('reports progress up to 100 and stops when aborted', async () => {
    const { ctx, notes } = context(PROJECT_MODEL);
    await strategize({ spec: 'x' }, ctx);
    expect(notes.length).toBeGreaterThanOrEqual(3);
    expect(notes.map(([percent]) => percent)).toEqual([...notes.map(([percent]) => percent)].sort((a, b) => a - b));
    expect(notes.at(-1)?.[0]).toBe(100);

    const controller = new AbortController();
    controller.abort(new Error('cancelled by the test'));
    await expect(strategize({ spec: 'x' }, context(PROJECT_MODEL, controller.signal).ctx)).rejects.toThrow('cancelled by the test');
  });

  it('follows the constraints and the budget tier it is given', async () => {
    const model: ProductModel = { ...PROJECT_MODEL, constraints: ['No native mobile app', 'Must use Next.js for SEO'] };
    const out = await strategize({ spec: model.summary, context: { budget_tier: 'enterprise' } }, context(model).ctx);
    const { functional, constraints, non_functional } = out.requirements;
    expect(constraints[0]?.description).toBe('Every story honours the rules the spec sets (quoted under "Stated in the spec").');
    expect(out.prd_markdown).toMatch(/### Stated in the Spec[\s\S]*- “No native mobile app”\n- “Must use Next\.js for SEO”/);
    expect(constraints.some((con) => /^Front end: Next\.js/.test(con.description))).toBe(true);
    expect(constraints.some((con) => /^Enterprise budget/.test(con.description))).toBe(true);
    expect(non_functional.find((nfr) => nfr.category === 'reliability')?.description).toMatch(/99\.9%/);
    expect(non_functional.some((nfr) => nfr.category === 'observability')).toBe(true);
    const wont = functional.filter((fr) => fr.priority === 'wont').map((fr) => fr.description);
    expect(wont).toContain('No native mobile app (excluded by the spec).');
    expect(wont.filter((text) => /native/i.test(text))).toHaveLength(1);
    expect(out.assumptions.some((text) => /stack is Lovable's/.test(text))).toBe(false);
  });

  it('copes with a large model, cycles and names that point nowhere', async () => {
    const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu'];
    const big: ProductModel = {
      ...PROJECT_MODEL,
      entities: names.map((name, i) => entity(name, name.charAt(0).toUpperCase() + name.slice(1), `${name}s`, { mentions: 12 - i, attributes: [] })),
      relationships: [
        ...names.slice(1).map((name, i) => ({ from: names[i] as string, to: name, kind: 'one-to-many' as const })),
        { from: 'beta', to: 'alpha', kind: 'one-to-many' },
        { from: 'ghost', to: 'alpha', kind: 'many-to-many' },
      ],
      roles: [
        ...PROJECT_MODEL.roles,
        { name: 'guest', label: 'Guest', description: '', primary: false, admin: false, privileged: false, selfSignup: true, capabilities: [{ verb: 'view', entity: 'nowhere', text: 'look around' }] },
      ],
    };
    const out = await run(big);
    expectWellFormed(out, big);
    expect(out.estimated_complexity).toBe('complex');
    expect(out.requirements.functional.filter((fr) => fr.priority === 'must').length).toBeLessThan(big.entities.length * 3);
    expect(out.epics.flatMap((epic) => epic.stories).some((story) => story.i_want === 'to look around')).toBe(true);
  });

  describe.each(SPEC_CASES)('on the $id spec, read by the spec reader', ({ input, expect: named }) => {
    it('writes a well-formed PRD from the spec alone', async () => {
      const out = await strategize(input);
      const model = modelOf(input);
      expectWellFormed(out, model);
      expect(out.product_name).toBe(model.name);
      expect(await strategize(input)).toEqual(out);
      const main = model.entities.find((e) => e.name === named.entities[0]);
      if (main) expect(out.prd_markdown.toLowerCase()).toContain(main.pluralLabel.toLowerCase());
    });
  });

  it('writes PRDs about their own product when reading real specs', async () => {
    const byId = (id: string) => SPEC_CASES.find((c) => c.id === id)?.input ?? {};
    const quiz = (await strategize(byId('quiz'))).prd_markdown;
    const booking = (await strategize(byId('booking'))).prd_markdown;
    expect(quiz).toMatch(/quizzes/i);
    expect(quiz).not.toMatch(/salon|stylist/i);
    expect(booking).toMatch(/salons/i);
    expect(booking).not.toMatch(/quiz/i);
  });

  it('drafts a generic PRD, and says so, for text that is not English or not a spec', async () => {
    for (const spec of ['Une application pour gérer les réservations des salons de coiffure et les paiements en ligne.', 'qwzx plorf vrenk']) {
      const out = await strategize({ spec });
      expect(() => StrategizeOutputSchema.parse(out)).not.toThrow();
      expect(out.epics[0]?.title).toMatch(/foundation/i);
      expect(out.assumptions.length).toBeGreaterThan(0);
    }
    const french = await strategize({ spec: 'Une application pour gérer les réservations des salons de coiffure et les paiements en ligne.' });
    expect(french.assumptions.some((text) => /English/.test(text))).toBe(true);
  });

  it('keeps up with a long spec', async () => {
    const spec = SPEC_CASES.map((c) => c.input.spec ?? '').join(' ').repeat(6);
    const out = await strategize({ spec });
    expect(() => StrategizeOutputSchema.parse(out)).not.toThrow();
    expect(out.estimated_complexity).toBe('complex');
  });

  it('still plans a product whose spec names no roles or entities', async () => {
    const bare: ProductModel = { ...PROJECT_MODEL, roles: [], entities: [], relationships: [], integrations: [], needs: [], assumptions: [] };
    const out = await run(bare);
    expectWellFormed(out, bare);
    expect(out.personas).toHaveLength(1);
    expect(out.assumptions.some((text) => /names no roles/.test(text))).toBe(true);
  });
});
