import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/agents/analyst.js';
import { briefMarkdown } from '../../src/agents/analyst/brief.js';
import { expandModel } from '../../src/agents/product.js';
import { runPhase } from '../../src/agents/pipeline.js';
import { analystAgent } from '../../src/agents/analyst.js';
import { AnalyzeOutputSchema, type PhaseEvent, type ProductModelContract } from '../../src/contract/index.js';
import { GARDEN_MODEL } from '../fixtures/product-models.js';
import { SPEC_CASES } from '../fixtures/specs.js';

/** The AIOS project brief's sections, in order (AIOS-METHOD.md), after the change log. */
const SECTIONS = [
  'Change Log',
  'Executive Summary',
  'Problem Statement',
  'Proposed Solution',
  'Target Users',
  'Goals & Success Metrics',
  'MVP Scope',
  'Post-MVP Vision',
  'Technical Considerations',
  'Constraints & Assumptions',
  'Risks & Open Questions',
];

function headings(markdown: string): string[] {
  return [...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1]!);
}

/** The brief without what it quotes (“...”) and without table rows, which carry the model's own names. */
function ownProse(markdown: string): string {
  return markdown
    .replace(/“[^”]*”/g, '')
    .split('\n')
    .filter((line) => !line.startsWith('|'))
    .join('\n')
    .toLowerCase();
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim().replace(/[.!?]$/, '').toLowerCase())
    .filter((sentence) => sentence.split(/\s+/).length >= 5);
}

function brief(model: ProductModelContract): string {
  return briefMarkdown(model, expandModel(model));
}

describe.each(SPEC_CASES.map((c) => [c.id, c] as const))('aios_analyze on the %s idea', (_id, { input }) => {
  it('returns a valid product model, the brief in the AIOS order, and the engine', async () => {
    const output = AnalyzeOutputSchema.parse(await analyze(input));
    expect(output.engine).toBe('heuristic');
    expect(output.brief_markdown.startsWith(`# Project Brief: ${output.product_model.name}\n`)).toBe(true);
    expect(headings(output.brief_markdown).slice(0, SECTIONS.length)).toEqual(SECTIONS);
    expect(output.brief_markdown).toMatch(/\| Date \| Version \| Description \| Author \|\n\|---\|---\|---\|---\|\n\| Draft \| 0\.1 \| .+ \| Atlas \(Business Analyst\) \|/);
    expect(await analyze(input)).toEqual(output);
  });

  it('writes its own sentences: none of the idea is passed off as the brief’s text', async () => {
    const { brief_markdown } = await analyze(input);
    const prose = ownProse(brief_markdown);
    const own = new Set(sentencesOf(prose.replace(/^[-#]+\s*/gm, '')));
    const idea = sentencesOf([input.spec, input.description].filter(Boolean).join(' '));
    expect(idea.length).toBeGreaterThan(0);
    for (const sentence of idea) {
      expect(own.has(sentence), sentence).toBe(false);
      // A long stretch of the idea inside a sentence of the brief is a quote too.
      if (sentence.split(/\s+/).length >= 8) expect(prose, sentence).not.toContain(sentence);
    }
  });

  it('names every role and every record of the model, and asks what the idea leaves open', async () => {
    const { brief_markdown, product_model } = await analyze(input);
    const model = expandModel(product_model, input);
    for (const entity of model.entities) expect(brief_markdown, entity.name).toContain(`| ${entity.label} |`);
    for (const role of model.roles) expect(brief_markdown, role.name).toContain(`| ${role.label} |`);
    const questions = brief_markdown.slice(brief_markdown.indexOf('### Open Questions'));
    expect(questions.split('\n').filter((line) => line.startsWith('- ')).length).toBeGreaterThan(0);
  });
});

describe('the brief says what the model leaves open, honestly', () => {
  it('a model with one kind of user, a record with no details and no creator, asks about each', () => {
    const text = brief({
      name: 'Tiny',
      summary: 'A tiny app',
      roles: [],
      entities: [
        { name: 'note', owned_by: 'creator', attributes: [{ name: 'body', type: 'long_text' }] },
        { name: 'label_set', attributes: [] },
        { name: 'badge', attributes: [{ name: 'title', type: 'text' }] },
      ],
      relationships: [],
      access: [],
    });
    expect(text).toContain('Everyone who signs in is a "user", with the same rights');
    expect(text).toContain('Who uses it? Are there administrators, staff or customers with different rights');
    expect(text).toContain('What does a label set hold? The idea names it but none of its details.');
    expect(text).toContain('What do badges hold besides a title? The idea gives none of their details.');
    expect(text).toContain('Who adds label sets and badges? The idea does not say.');
    expect(text).toContain('What problem does it solve');
    expect(text).toContain('The idea names no measure of success. Proposed, with targets to set:');
    expect(text).toContain('The idea states no access rules');
  });

  it('a role the model names but gives nothing to do is a question, and appointed roles are asked about', () => {
    const text = brief({ ...structuredClone(GARDEN_MODEL), roles: [...GARDEN_MODEL.roles, { name: 'treasurer' }] } as ProductModelContract);
    expect(text).toContain('What do treasurers do? The idea names them but no action of theirs.');
    expect(text).toContain('Who appoints coordinators, and how?');
    expect(text).not.toContain('What do gardeners do?');
  });

  it('states the problems and metrics a model carries, and what it defers', () => {
    const model = {
      ...structuredClone(GARDEN_MODEL),
      problems: ['Plot rotas live on a paper list in the shed'],
      metrics: ['Every plot rented by April'],
      features: [...GARDEN_MODEL.features, { text: 'sell surplus vegetables', priority: 'wont' as const }],
    } as ProductModelContract;
    const text = brief(model);
    expect(text).toContain('- Plot rotas live on a paper list in the shed');
    expect(text).toContain('- Every plot rented by April');
    expect(text).not.toContain('What problem does it solve');
    expect(text).toContain('- Sell surplus vegetables (the idea defers it).');
    expect(text).toContain('What the idea puts off until later: sell surplus vegetables.');
  });

  it('describes each link and access rule of the model in words', () => {
    const text = brief(structuredClone(GARDEN_MODEL) as ProductModelContract);
    expect(text).toContain('Each plot has many harvests; each harvest belongs to one plot.');
    expect(text).toContain('Each plot names a gardener as its tenant.');
    expect(text).toContain('Workshops and tools are linked many to many.');
    expect(text).toContain('Workshops and plots are linked many to many, through a workshop visit.');
    expect(text).toContain('| Coordinator | Tools | create, update, delete | all |');
    expect(text).toContain('Gardeners log a harvest.');
  });
});

describe('the analyst as a phase', () => {
  it('runs as the one phase `analysis`, with progress', async () => {
    const events: PhaseEvent[] = [];
    await runPhase(analystAgent, { spec: SPEC_CASES[0]!.input.spec }, { onEvent: (event) => events.push(event) });
    expect(events.map((event) => event.type)).toEqual(['phase_started', 'phase_progress', 'phase_progress', 'phase_completed']);
    expect(new Set(events.map((event) => event.phase))).toEqual(new Set(['analysis']));
  });
});
