import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import { ADMIN_KEY, authed, createKey, getJob, postJob, readStream, removeDataDir, sleep, startServer, testConfig, waitForStatus, type Server } from '../../http/support.js';
import { FLAT_ARCHITECTURE_PROSE, FLAT_IDEA, FLAT_MODEL, FLAT_PROSE } from '../../fixtures/model-answers.js';
import { startReplayServer, type Reply, type ReplayServer } from './openai-server.js';

/**
 * The `llm` engine end to end over real sockets: the service configured with
 * `AIOS_MODEL=openai-compatible:...` calls a local OpenAI-compatible server started here, which
 * replays prepared answers in place of a hosted model.
 */

const MODEL_KEY = 'sk-replay-0123456789-must-never-leak';

interface Running {
  server: Server;
  model: ReplayServer;
  key: string;
  logs: string[];
}

let running: Running | undefined;

afterEach(async () => {
  if (!running) return;
  await running.server.close();
  await running.model.close();
  await removeDataDir(running.server.config);
  running = undefined;
});

async function start(replies: Reply[], env: Record<string, string> = {}): Promise<Running> {
  const model = await startReplayServer(replies);
  const config = await testConfig({
    AIOS_MODEL: 'openai-compatible:replay-model',
    AIOS_MODEL_BASE_URL: model.baseUrl,
    AIOS_MODEL_API_KEY: MODEL_KEY,
    LOG_LEVEL: 'trace',
    ...env,
  });
  const logs: string[] = [];
  const server = await startServer(config, { logger: createLogger(config, { write: (line: string) => void logs.push(line) }) });
  running = { server, model, key: await createKey(server), logs };
  return running;
}

async function runJob(run: Running, body: unknown) {
  const response = await postJob(run.server, run.key, body);
  expect(response.status).toBe(202);
  const { job_id } = (await response.json()) as { job_id: string };
  const events = await readStream(run.server, run.key, job_id);
  const job = await waitForStatus(run.server, run.key, job_id, ['completed', 'failed', 'cancelled']);
  return { job_id, job, events };
}

describe('a configured OpenAI-compatible model, over HTTP', () => {
  it('reads the idea of a pipeline job: its tables, keys and roles are in the migration and the app; the key goes only to the model server', async () => {
    const run = await start([{ content: JSON.stringify(FLAT_MODEL) }, { content: JSON.stringify(FLAT_ARCHITECTURE_PROSE) }, { content: '{}' }]);
    const { job, events } = await runJob(run, { tool: 'aios_full_pipeline', input: { spec: FLAT_IDEA, phases: ['architecture', 'code'] } });
    expect(job.status).toBe('completed');
    const output = job.output as { architecture: { migration_sql: string; engine: string; model: string; tokens: unknown }; code: { files: Array<{ path: string; content: string }>; engine: string } };
    // Two calls on the architecture phase: the reading and the technical summary.
    expect(output.architecture).toMatchObject({ engine: 'llm', model: 'openai-compatible:replay-model', tokens: { input_tokens: 4200, output_tokens: 1300, total_tokens: 5500 } });
    expect((output.architecture as unknown as { architecture_markdown: string }).architecture_markdown).toContain(FLAT_ARCHITECTURE_PROSE.technical_summary);
    // The home page's words were not valid, twice: the app keeps the product's own, and says so.
    expect(output.code).toMatchObject({ engine: 'heuristic', fallback: { from: 'llm', reason: expect.stringMatching(/^the app's home page's prose: /) } });
    expect(output.architecture.migration_sql).toContain('create table if not exists public.expense_shares');
    expect(output.architecture.migration_sql).toMatch(/expense_id uuid not null references public\.expenses\(id\)/);
    const types = output.code.files.find((file) => file.path === 'src/integrations/supabase/types.ts')!.content;
    expect(types).toContain('expense_shares');
    expect(types).toContain('share_amount');

    // What reached the model server: the key as a bearer token, a streamed JSON answer asked for, the idea fenced.
    expect(run.model.requests).toHaveLength(4);
    const request = run.model.requests[0]!;
    expect(request.headers.authorization).toBe(`Bearer ${MODEL_KEY}`);
    expect(request.body).toMatchObject({ model: 'replay-model', stream: true, response_format: { type: 'json_object' } });
    expect(JSON.stringify(request.body.messages)).toContain(FLAT_IDEA);

    // Progress while the model wrote reached the SSE stream.
    expect(events.some((event) => /model is writing/.test(JSON.stringify(event.data)))).toBe(true);
    // The tokens reach /metrics, by tool, phase, engine and kind.
    const metrics = await scrapeUntil(run, 'aios_model_tokens_total{tool="aios_full_pipeline",phase="architecture",engine="llm",kind="input"} 4200');
    expect(metrics).toContain('aios_model_tokens_total{tool="aios_full_pipeline",phase="architecture",engine="llm",kind="output"} 1300');
    // The key is in no log line, output, event or metric.
    expect(run.logs.length).toBeGreaterThan(5);
    for (const text of [run.logs.join('\n'), JSON.stringify(job), JSON.stringify(events), metrics]) expect(text).not.toContain(MODEL_KEY);
  });

  it('an aios_analyze job falls back to the offline reading when the model server refuses the key, with the reason cleared of the key', async () => {
    const run = await start([{ status: 401, message: `Incorrect API key provided: ${MODEL_KEY}` }]);
    const { job } = await runJob(run, { tool: 'aios_analyze', input: { spec: FLAT_IDEA } });
    expect(job.status).toBe('completed');
    const output = job.output as { engine: string; fallback: { from: string; reason: string } };
    expect(output.engine).toBe('heuristic');
    expect(output.fallback.from).toBe('llm');
    expect(output.fallback.reason).toContain('HTTP 401');
    expect(output.fallback.reason).toContain('[redacted]');
    expect(run.model.requests).toHaveLength(1);
    for (const text of [run.logs.join('\n'), JSON.stringify(job)]) expect(text).not.toContain(MODEL_KEY);
    await scrapeUntil(run, 'aios_engine_fallbacks_total{tool="aios_analyze",phase="analysis",from="llm"} 1');
  });

  it('retries a 429 and a 503 from the server, then uses its answer', async () => {
    const run = await start([{ status: 429, retryAfter: '0' }, { status: 503 }, { content: JSON.stringify(FLAT_MODEL) }, { content: JSON.stringify(FLAT_PROSE) }]);
    const { job } = await runJob(run, { tool: 'aios_analyze', input: { spec: FLAT_IDEA } });
    expect(job.output).toMatchObject({ engine: 'llm' });
    expect((job.output as { fallback?: unknown }).fallback).toBeUndefined();
    expect((job.output as { brief_markdown: string }).brief_markdown).toContain(FLAT_PROSE.executive_summary);
    // Three tries for the reading, one for the brief's prose.
    expect(run.model.requests).toHaveLength(4);
  });

  it('AIOS_ENGINE=heuristic, or a job asking for it, never calls the model', async () => {
    const run = await start([{ content: JSON.stringify(FLAT_MODEL) }, { content: JSON.stringify(FLAT_PROSE) }], { AIOS_ENGINE: 'heuristic' });
    const byDefault = await runJob(run, { tool: 'aios_analyze', input: { spec: FLAT_IDEA } });
    expect(byDefault.job.output).toMatchObject({ engine: 'heuristic' });
    const asked = await runJob(run, { tool: 'aios_analyze', input: { spec: FLAT_IDEA, engine: 'llm' } });
    expect(asked.job.output).toMatchObject({ engine: 'llm' });
    expect(run.model.requests).toHaveLength(2);
  });

  it('a model slower than the phase limit fails the job with AGENT_TIMEOUT and the model call is abandoned', async () => {
    const run = await start(['hang'], { AGENT_TIMEOUT_ANALYSIS_MS: '400' });
    const { job } = await runJob(run, { tool: 'aios_analyze', input: { spec: FLAT_IDEA } });
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'AGENT_TIMEOUT' });
    await waitUntil(() => run.model.abandoned === 1);
  });

  it('cancelling a job aborts the model call', async () => {
    const run = await start(['hang']);
    const response = await postJob(run.server, run.key, { tool: 'aios_analyze', input: { spec: FLAT_IDEA } });
    const { job_id } = (await response.json()) as { job_id: string };
    await waitUntil(() => run.model.requests.length === 1);
    const cancelled = await fetch(`${run.server.url}/api/jobs/${job_id}`, authed(run.key, { method: 'DELETE' }));
    expect(cancelled.status).toBe(200);
    expect(((await (await getJob(run.server, run.key, job_id)).json()) as { status: string }).status).toBe('cancelled');
    await waitUntil(() => run.model.abandoned === 1);
  });
});

/** Scrapes /metrics until a line appears: jobs are counted from the queue's feed, a moment after they end. */
async function scrapeUntil(run: Running, line: string): Promise<string> {
  for (;;) {
    const response = await fetch(`${run.server.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const text = await response.text();
    if (text.split('\n').includes(line)) return text;
    await sleep(20);
  }
}

/** Waits for something the server does on its own time (a socket closing); the test's own timeout bounds it. */
async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await sleep(10);
}
