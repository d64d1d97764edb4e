import { describe, expect, it } from 'vitest';
import { landingTables } from '../../../src/agents/dev/landing.js';
import { readDataModel } from '../../../src/agents/dev/tables.js';
import type { Engines } from '../../../src/agents/engines/port.js';
import { runPipeline, runTool } from '../../../src/agents/pipeline.js';
import { ProductModelSchema, type ArchitectureOutput, type UxOutput } from '../../../src/contract/index.js';
import { FLAT_ARCHITECTURE_PROSE, FLAT_IDEA, FLAT_LANDING_WORDS, FLAT_MODEL, FLAT_PRD_PROSE, FLAT_UX_PROSE } from '../../fixtures/model-answers.js';
import { USAGE_PER_CALL, scriptedModel } from './mock-model.js';

/**
 * The model writes the prose of the PRD, the architecture, the UX spec and the app's home page,
 * with the AI SDK's mock model standing in for a hosted one (none is reachable from here).
 */

const llm = (port: Engines['llm']): Engines => ({ choice: 'auto', llm: port });
const GIVEN = ProductModelSchema.parse(FLAT_MODEL);
const ONE_CALL = { input_tokens: USAGE_PER_CALL.input, output_tokens: USAGE_PER_CALL.output, total_tokens: USAGE_PER_CALL.input + USAGE_PER_CALL.output };

/** The home page's words for the FlatSplit tables, keyed as the dev agent asks for them. */
async function landingAnswer(): Promise<{ answer: Record<string, string>; titles: string[] }> {
  const offline = (await runTool('aios_design_architecture', { product_model: GIVEN }, {})) as ArchitectureOutput;
  const tables = landingTables(readDataModel(offline.architecture));
  const answer: Record<string, string> = { headline: FLAT_LANDING_WORDS.headline, support: FLAT_LANDING_WORDS.support };
  for (const table of tables) answer[table.name] = FLAT_LANDING_WORDS.card(table.pluralLabel);
  return { answer, titles: tables.map((table) => table.pluralLabel) };
}

describe('the model writes the prose of every document', () => {
  it('puts its paragraphs in the PRD, the architecture, the UX spec and the home page; everything else is what the product builds offline', async () => {
    const { answer, titles } = await landingAnswer();
    const scripted = scriptedModel([FLAT_MODEL, FLAT_PRD_PROSE, FLAT_ARCHITECTURE_PROSE, FLAT_UX_PROSE, answer].map((step) => JSON.stringify(step)));
    const output = await runPipeline({ spec: FLAT_IDEA }, { engines: llm(scripted.port) });
    expect(scripted.model.doStreamCalls).toHaveLength(5);

    expect(output.strategy!.prd_markdown).toContain(`### Background Context\n\n${FLAT_PRD_PROSE.background_context}`);
    expect(output.architecture!.architecture_markdown).toContain(`### Technical Summary\n\n${FLAT_ARCHITECTURE_PROSE.technical_summary}`);
    expect(output.ux!.ux_markdown).toContain(FLAT_UX_PROSE.introduction);
    expect(output.ux!.ux_markdown).toContain(`### Design Principles\n\n${FLAT_UX_PROSE.design_principles}\n\n1. **`);
    // Each phase says the model made it, with the tokens of its calls (the strategy phase read the idea too).
    expect(output.strategy).toMatchObject({ engine: 'llm', model: 'mock:reader', tokens: { total_tokens: 2 * ONE_CALL.total_tokens } });
    for (const phase of [output.architecture, output.ux, output.code]) expect(phase).toMatchObject({ engine: 'llm', model: 'mock:reader', tokens: ONE_CALL });
    for (const phase of [output.strategy, output.architecture, output.ux, output.code]) expect(phase?.fallback).toBeUndefined();

    // The prose prompts: the persona's task, plain prose asked for, the idea fenced as data.
    const prompts = scripted.prompts();
    expect(prompts[1]).toContain('Plain prose');
    expect(prompts[1]).toContain('background_context');
    expect(prompts[2]).toContain('the AIOS Architect');
    for (const prompt of prompts.slice(1)) expect(prompt).toContain('<idea>');

    // The home page uses the model's words; its cards are still the product's tables, with their titles.
    const home = output.code!.files.find((file) => file.content.includes(FLAT_LANDING_WORDS.headline));
    expect(home).toBeDefined();
    expect(home!.content).toContain(FLAT_LANDING_WORDS.support);
    for (const title of titles) {
      expect(home!.content).toContain(`<h2 className="font-semibold">${title}</h2>`);
      expect(home!.content).toContain(FLAT_LANDING_WORDS.card(title));
    }
    // Every other file, the migration, hooks and types included, is what the product builds from the same model offline.
    const offline = await runPipeline({ spec: FLAT_IDEA, product_model: GIVEN });
    expect(output.architecture!.migration_sql).toBe(offline.architecture!.migration_sql);
    expect(output.architecture!.architecture).toEqual(offline.architecture!.architecture);
    expect(output.ux!.ux_spec).toEqual(offline.ux!.ux_spec);
    const others = (files: Array<{ path: string; content: string }>) => files.filter((file) => file.path !== home!.path);
    expect(others(output.code!.files)).toEqual(others(offline.code!.files));
  });

  it('sends an answer with markup or an identifier back once with its problems, and uses the repaired one', async () => {
    const bad = { introduction: 'The expense_share screen is where flatmates see what they owe each other every month.', design_principles: '- money first\n- fairness' };
    const scripted = scriptedModel([JSON.stringify(bad), JSON.stringify(FLAT_UX_PROSE)]);
    const output = (await runTool('aios_design_ux', { product_model: GIVEN }, { engines: llm(scripted.port) })) as UxOutput;
    const repair = scripted.prompts()[1]!;
    expect(repair).toContain('introduction: must name things as people say them, not as the identifier \\"expense_share\\"');
    expect(repair).toContain('design_principles: must be plain prose; it holds a list');
    expect(output.ux_markdown).toContain(FLAT_UX_PROSE.introduction);
    expect(output).toMatchObject({ engine: 'llm', tokens: { total_tokens: 2 * ONE_CALL.total_tokens } });
    expect(output.fallback).toBeUndefined();
  });

  it('keeps the document\'s own sentences when the answer stays invalid, and says why', async () => {
    const scripted = scriptedModel([JSON.stringify({ technical_summary: '# Summary' })]);
    const output = (await runTool('aios_design_architecture', { product_model: GIVEN }, { engines: llm(scripted.port) })) as ArchitectureOutput;
    expect(scripted.model.doStreamCalls).toHaveLength(2);
    const offline = (await runTool('aios_design_architecture', { product_model: GIVEN }, {})) as ArchitectureOutput;
    expect(output.architecture_markdown).toBe(offline.architecture_markdown);
    expect(output).toMatchObject({
      engine: 'heuristic',
      model: 'mock:reader',
      tokens: { total_tokens: 2 * ONE_CALL.total_tokens },
      fallback: { from: 'llm', reason: expect.stringMatching(/^the architecture's prose: the model's answer was not valid, twice \(technical_summary: /) },
    });
    expect(output.fallback!.reason).toMatch(/the architecture keeps its own sentences$/);
  });

  it('falls back when the provider refuses the call, and the home page keeps the product\'s words', async () => {
    const scripted = scriptedModel([{ status: 400 }]);
    const output = await runTool('aios_generate_code', { product_model: GIVEN }, { engines: llm(scripted.port) });
    const offline = await runTool('aios_generate_code', { product_model: GIVEN }, {});
    expect((output as { files: unknown }).files).toEqual((offline as { files: unknown }).files);
    expect(output).toMatchObject({ engine: 'heuristic', fallback: { from: 'llm', reason: expect.stringContaining("the app's home page's prose: the model call failed: HTTP 400") } });
  });

  it('the phase\'s time limit reaches the prose call: AGENT_TIMEOUT, and the call is aborted', async () => {
    const scripted = scriptedModel(['hang']);
    await expect(runTool('aios_strategize', { product_model: GIVEN }, { engines: llm(scripted.port), timeouts: { strategy: 200 } })).rejects.toMatchObject({ code: 'AGENT_TIMEOUT' });
    expect(scripted.aborted()).toBe(1);
  });

  it('the offline engine asks no model', async () => {
    const scripted = scriptedModel([JSON.stringify(FLAT_PRD_PROSE)]);
    const output = await runTool('aios_strategize', { product_model: GIVEN, engine: 'heuristic' }, { engines: llm(scripted.port) });
    expect(scripted.model.doStreamCalls).toHaveLength(0);
    expect(output).toMatchObject({ engine: 'heuristic' });
  });
});
