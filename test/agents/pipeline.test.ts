import { describe, expect, it } from 'vitest';
import { AiosError, PipelineOutputSchema, type PhaseEvent } from '../../src/contract/index.js';
import type { Agent } from '../../src/agents/agent.js';
import { PERSONAS } from '../../src/agents/personas.js';
import { orderPhases, runPhase, runPipeline, runTool } from '../../src/agents/pipeline.js';
import { SPEC_CASES } from '../fixtures/specs.js';

/** A controllable agent: reports progress, then waits `ms` while honouring its abort signal. */
function slowAgent(ms: number, fail?: Error): Agent<{ n: number }, { n: number }> {
  return {
    persona: PERSONAS.pm,
    phase: 'strategy',
    tool: 'aios_strategize',
    engine: 'embedded',
    async run(input, ctx) {
      ctx.progress(50, 'halfway');
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(ctx.signal.reason);
        });
      });
      if (fail) throw fail;
      return { n: input.n + 1 };
    },
  };
}

const spec = SPEC_CASES[0]!.input;

describe('orderPhases', () => {
  it('runs every phase by default, and a subset always in pipeline order', () => {
    expect(orderPhases(undefined)).toEqual(['strategy', 'architecture', 'ux', 'code']);
    expect(orderPhases(['code', 'strategy', 'code'])).toEqual(['strategy', 'code']);
  });
});

describe('runPhase', () => {
  it('emits started, progress and completed with a duration', async () => {
    const events: PhaseEvent[] = [];
    const output = await runPhase(slowAgent(5), { n: 1 }, { onEvent: (event) => events.push(event) });
    expect(output).toEqual({ n: 2, engine: 'heuristic' });
    expect(events.map((event) => event.type)).toEqual(['phase_started', 'phase_progress', 'phase_completed']);
    const done = events[2];
    expect(done?.type === 'phase_completed' && done.duration_ms).toBeGreaterThan(0);
  });

  it('fails with AGENT_TIMEOUT when the phase runs past its limit, and stops the agent', async () => {
    const events: PhaseEvent[] = [];
    const error = await runPhase(slowAgent(5_000), { n: 1 }, { timeouts: { strategy: 30 }, onEvent: (e) => events.push(e) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AiosError);
    expect((error as AiosError).code).toBe('AGENT_TIMEOUT');
    expect(events.at(-1)).toMatchObject({ type: 'phase_failed', error: { code: 'AGENT_TIMEOUT' } });
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await runPhase(slowAgent(5_000), { n: 1 }, { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as AiosError).code).toBe('AGENT_FAILURE');
    expect((error as AiosError).details).toMatchObject({ cancelled: true });
  });

  it('turns an unexpected error into AGENT_FAILURE naming the phase', async () => {
    const error = await runPhase(slowAgent(1, new TypeError('boom')), { n: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AGENT_FAILURE', message: 'the strategy agent failed: boom' });
  });
});

describe('runTool input validation', () => {
  it.each([
    ['an empty spec', { spec: '   ' }, 'input.spec'],
    ['a wrong type', { spec: 42 }, 'input.spec'],
    ['an unknown stack', { spec: 'a todo app', stack_preference: 'angular' }, 'input.stack_preference'],
    ['an unknown style', { spec: 'a todo app', style_preference: 'gothic' }, 'input.style_preference'],
    ['an unknown phase', { spec: 'a todo app', phases: ['testing'] }, 'input.phases[0]'],
    ['a 1 MB spec', { spec: 'word '.repeat(210_000) }, 'input.spec'],
    ['no object at all', 'just a string', 'input'],
  ])('rejects %s with INVALID_INPUT naming the field', async (_label, input, field) => {
    const error = await runTool('aios_full_pipeline', input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiosError);
    expect((error as AiosError).code).toBe('INVALID_INPUT');
    expect((error as AiosError).message.startsWith(`${field}:`)).toBe(true);
  });
});

describe('runPipeline', () => {
  it('runs the phases in order, each once, and its output matches the contract', async () => {
    const events: PhaseEvent[] = [];
    const output = await runPipeline({ ...spec }, { onEvent: (event) => events.push(event) });
    expect(PipelineOutputSchema.parse(output)).toBeTruthy();
    const started = events.filter((event) => event.type === 'phase_started').map((event) => event.phase);
    const completed = events.filter((event) => event.type === 'phase_completed').map((event) => event.phase);
    expect(started).toEqual(['strategy', 'architecture', 'ux', 'code']);
    expect(completed).toEqual(started);
  });

  it('feeds each phase the earlier outputs: the code holds a hook per designed table', async () => {
    const output = await runPipeline({ ...spec });
    const tables = output.architecture!.architecture.data_model.entities.filter((entity) => !entity.join_table);
    const paths = output.code!.files.map((file) => file.path);
    const routes = output.ux!.ux_spec.pages.map((page) => page.route);
    expect(tables.length).toBeGreaterThan(0);
    for (const route of routes) expect(output.code!.files.some((file) => file.content.includes(`"${route}"`))).toBe(true);
    expect(paths.some((p) => p.endsWith('.sql'))).toBe(true);
  });

  it('runs only the phases asked for', async () => {
    const output = await runPipeline({ ...spec, phases: ['ux', 'strategy'] });
    expect(Object.keys(output).sort()).toEqual(['strategy', 'ux']);
  });

  it('gives the same output for the same input', async () => {
    const a = await runPipeline({ ...spec });
    const b = await runPipeline({ ...spec });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('best effort on text that says little', () => {
  it.each([
    ['gibberish', 'asdf qwer zxcv uiop hjkl'],
    ['one word', 'app'],
    ['French', "Une application pour les restaurants : les clients réservent une table, les serveurs gèrent les commandes et le chef voit les plats à préparer."],
    ['Japanese', '教師がクイズを作成し、生徒が回答するアプリ。'],
    ['punctuation only', '!!! ??? ...'],
  ])('%s still gives a complete, valid pipeline output', async (_label, text) => {
    const output = await runPipeline({ spec: text });
    expect(PipelineOutputSchema.parse(output)).toBeTruthy();
    const tables = output.architecture!.architecture.data_model.entities.map((entity) => entity.name);
    for (const absurd of ['things', 'ways', 'user_experiences', 'asdfs']) expect(tables).not.toContain(absurd);
    expect(output.strategy!.assumptions.length).toBeGreaterThan(0);
  });
});

