import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runTool } from '../../src/agents/pipeline.js';
import { AiosError, DEFAULT_PHASE_TIMEOUTS_MS, type PhaseEvent } from '../../src/contract/index.js';
import { PackedOutput, engineRecordsOf } from '../../src/jobs/output-store.js';
import { AgentThreads, type AgentThreadsOptions } from '../../src/jobs/thread-runner.js';
import { loadConfig } from '../../src/config.js';
import type { JobRunner } from '../../src/jobs/port.js';
import { specOfWords } from '../fixtures/specs.js';
import { FLAT_ARCHITECTURE_PROSE, FLAT_IDEA, FLAT_MODEL } from '../fixtures/model-answers.js';
import { startReplayServer } from '../agents/engines/openai-server.js';

/**
 * The agent threads with the real agents: the built thread entry (dist/jobs/agent-thread.js, made
 * by `npm run build`, which `npm test` runs first), since a thread cannot load TypeScript.
 */
const BUILT_ENTRY = pathToFileURL(path.resolve('dist/jobs/agent-thread.js'));
const SPEC = 'An app for dog walkers: owners book walks, walkers see their schedule and get paid.';
const BIG_SPEC = specOfWords(8_000);

const pools: AgentThreads[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function pool(options: Partial<AgentThreadsOptions> = {}): AgentThreads {
  const created = new AgentThreads({ threads: 1, entry: BUILT_ENTRY, ...options });
  pools.push(created);
  return created;
}

function run(runner: JobRunner, tool: Parameters<JobRunner>[0], input: unknown, signal = new AbortController().signal, events: PhaseEvent[] = []) {
  return runner(tool, input, { signal, onEvent: (event) => events.push(event), timeouts: { ...DEFAULT_PHASE_TIMEOUTS_MS } });
}

/** A logger whose lines are kept, parsed. */
function keptLogger(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('AgentThreads', () => {
  it('runs the real agents on a thread: the same output as on the main thread, and their phase events', async () => {
    const threads = pool();
    const events: PhaseEvent[] = [];
    const input = { spec: SPEC, phases: ['strategy', 'architecture'] };
    const output = await run(threads.run, 'aios_full_pipeline', input, undefined, events);
    expect(threads.size).toBe(1);
    const inProcess = await runTool('aios_full_pipeline', input);
    expect(output).toEqual(inProcess);
    expect(events.filter((event) => event.type === 'phase_started').map((event) => event.phase)).toEqual(['strategy', 'architecture']);
    expect(events.at(-1)).toMatchObject({ type: 'phase_completed', phase: 'architecture' });
  });

  it('sends a large output back compressed when asked (the embedded queue keeps it so): the same output, unpacked only by its reader', async () => {
    const threads = pool({ packOutputs: true });
    const input = { spec: SPEC, phases: ['strategy', 'architecture'] };
    const output = await run(threads.run, 'aios_full_pipeline', input);
    const inProcess = await runTool('aios_full_pipeline', input);
    expect(output).toBeInstanceOf(PackedOutput);
    const packed = output as PackedOutput;
    expect(JSON.parse(gunzipSync(packed.packed).toString('utf8'))).toEqual(inProcess);
    expect(packed.unpack()).toEqual(inProcess);
    expect(packed.records).toEqual(engineRecordsOf(inProcess));
    expect(packed.records).toMatchObject({ strategy: { engine: 'heuristic' }, architecture: { engine: 'heuristic' } });
    // A small output comes as it is, whatever was asked.
    const small = await run(threads.run, 'aios_analyze', { spec: 'A todo list.' });
    expect(small).not.toBeInstanceOf(PackedOutput);
    expect(small).toEqual(await runTool('aios_analyze', { spec: 'A todo list.' }));
  });

  it('keeps contract errors across the thread: invalid input fails with INVALID_INPUT naming the field', async () => {
    const threads = pool();
    const failure = await run(threads.run, 'aios_strategize', { spec: '' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AiosError);
    expect((failure as AiosError).code).toBe('INVALID_INPUT');
    expect((failure as AiosError).message).toContain('spec');
  });

  it('passes a cancel into the thread: the caller is answered with the reason, the run stops at its next step, the thread takes the next job', async () => {
    const { logger, lines } = keptLogger();
    const threads = pool({ logger });
    const controller = new AbortController();
    const events: PhaseEvent[] = [];
    const running = run(threads.run, 'aios_full_pipeline', { spec: BIG_SPEC }, controller.signal, events);
    await until(() => events.some((event) => event.type === 'phase_started'));
    const reason = new AiosError('AGENT_FAILURE', 'the job was cancelled', { cancelled: true });
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    // The thread stopped the run itself (it failed with the reason) rather than running its remaining phases.
    await until(() => threads.pending === 0);
    const left = lines.find((line) => line.msg === 'a cancelled run left its agent thread');
    expect(left).toMatchObject({ outcome: 'failed', reason: 'the job was cancelled' });
    await expect(run(threads.run, 'aios_strategize', { spec: SPEC })).resolves.toMatchObject({ prd_markdown: expect.any(String) });
  });

  it('times out a real agent that holds its thread at its next reported step, without stopping the thread', async () => {
    const { logger, lines } = keptLogger();
    const threads = pool({ logger });
    const failure = await threads
      .run('aios_full_pipeline', { spec: specOfWords(1_500) }, {
        signal: new AbortController().signal,
        onEvent: () => undefined,
        timeouts: { ...DEFAULT_PHASE_TIMEOUTS_MS, strategy: 1 },
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'AGENT_TIMEOUT', message: 'the strategy phase ran past its limit of 1 ms' });
    await expect(run(threads.run, 'aios_strategize', { spec: SPEC })).resolves.toMatchObject({ prd_markdown: expect.any(String) });
    expect(lines.filter((line) => line.msg === 'agent thread started')).toHaveLength(1);
  });

  it('stops a thread whose agent holds it past the phase limit: AGENT_TIMEOUT, and a new thread takes the next job', async () => {
    // A thread entry whose "agent" never yields when asked to loop: only the main thread can end it.
    const dir = await mkdtemp(path.join(tmpdir(), 'aios-threads-'));
    const entry = path.join(dir, 'stuck-thread.mjs');
    await writeFile(
      entry,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (message) => {
  if (message.type !== 'run') return;
  parentPort.postMessage({ type: 'event', id: message.id, event: { type: 'phase_started', phase: 'strategy', at: new Date().toISOString() } });
  if (message.input.loop) for (;;);
  parentPort.postMessage({ type: 'done', id: message.id, output: { ran: true } });
});
`,
    );
    const threads = pool({ entry: pathToFileURL(entry), graceMs: 50 });
    const events: PhaseEvent[] = [];
    const stuck = threads.run('aios_strategize', { loop: true }, {
      signal: new AbortController().signal,
      onEvent: (event) => events.push(event),
      timeouts: { ...DEFAULT_PHASE_TIMEOUTS_MS, strategy: 100 },
    });
    const failure = await stuck.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AiosError);
    expect(failure).toMatchObject({ code: 'AGENT_TIMEOUT', message: 'the strategy phase ran past its limit of 100 ms' });
    expect(events.at(-1)).toMatchObject({ type: 'phase_failed', phase: 'strategy', error: { code: 'AGENT_TIMEOUT' } });
    await expect(run(threads.run, 'aios_strategize', { loop: false })).resolves.toEqual({ ran: true });
  });

  it('ends a thread idle for AGENT_THREAD_IDLE_MS and starts one for the next job, where a cancel and a phase limit still hold', async () => {
    const { logger, lines } = keptLogger();
    const config = loadConfig({ AGENT_THREAD_IDLE_MS: '1000' });
    const threads = pool({ logger, idleMs: config.agentThreadIdleMs });
    await expect(run(threads.run, 'aios_strategize', { spec: SPEC })).resolves.toMatchObject({ prd_markdown: expect.any(String) });
    expect(threads.size).toBe(1);
    await until(() => threads.size === 0);
    expect(lines.find((line) => line.msg === 'idle agent thread ended')).toMatchObject({ idle_ms: 1000 });

    const controller = new AbortController();
    const events: PhaseEvent[] = [];
    const running = run(threads.run, 'aios_full_pipeline', { spec: BIG_SPEC }, controller.signal, events);
    expect(threads.size).toBe(1);
    await until(() => events.some((event) => event.type === 'phase_started'));
    const reason = new AiosError('AGENT_FAILURE', 'the job was cancelled', { cancelled: true });
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    const failure = await threads
      .run('aios_full_pipeline', { spec: specOfWords(1_500) }, { signal: new AbortController().signal, onEvent: () => undefined, timeouts: { ...DEFAULT_PHASE_TIMEOUTS_MS, strategy: 1 } })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'AGENT_TIMEOUT', message: 'the strategy phase ran past its limit of 1 ms' });
    expect(lines.filter((line) => line.msg === 'agent thread started')).toHaveLength(2);
  });

  it('runs the jobs picked by runsInProcess on the main thread (the seam for engines that need the MCP connection)', async () => {
    let ranOnMain: boolean | undefined;
    const inProcess: JobRunner = async (tool, input, options) => {
      ranOnMain = isMainThread;
      return runTool(tool, input, options);
    };
    const threads = pool({ runsInProcess: (_tool, input) => (input as { engine?: string }).engine === 'sampling', inProcess });
    const output = await run(threads.run, 'aios_strategize', { spec: SPEC, engine: 'sampling' });
    expect(ranOnMain).toBe(true);
    expect(threads.size).toBe(0);
    expect(output).toMatchObject({ prd_markdown: expect.any(String) });
  });

  it('reads with the configured model inside the thread: the engines are built there from AIOS_ENGINE and AIOS_MODEL', async () => {
    const model = await startReplayServer([{ content: JSON.stringify(FLAT_MODEL) }, { content: JSON.stringify(FLAT_ARCHITECTURE_PROSE) }]);
    try {
      const threads = pool({ engine: { choice: 'llm', model: { provider: 'openai-compatible', id: 'replay-model', name: 'openai-compatible:replay-model', baseUrl: model.baseUrl, apiKey: 'sk-thread-test' } } });
      const output = (await run(threads.run, 'aios_design_architecture', { spec: FLAT_IDEA })) as { engine: string; model: string; migration_sql: string; architecture_markdown: string };
      expect(output).toMatchObject({ engine: 'llm', model: 'openai-compatible:replay-model' });
      expect(output.migration_sql).toContain('create table if not exists public.expense_shares');
      // The same model, in the thread, wrote the architecture's technical summary.
      expect(output.architecture_markdown).toContain(FLAT_ARCHITECTURE_PROSE.technical_summary);
      expect(model.requests).toHaveLength(2);
      expect(model.requests[0]!.headers.authorization).toBe('Bearer sk-thread-test');
    } finally {
      await model.close();
    }
  });
});
