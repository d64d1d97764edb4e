import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedQueue } from '../../src/jobs/embedded.js';
import { PackedOutput, engineRecordsOf, packOutput } from '../../src/jobs/output-store.js';
import { QUEUE_STATES, type Job, type JobRunner } from '../../src/jobs/port.js';
import { metricsRoutes } from '../../src/http/metrics.js';
import { AppMetrics, REMEMBERED_JOBS } from '../../src/metrics.js';
import { TestRedis } from '../redis/redis-server.js';
import {
  authed,
  createKey,
  getJob,
  postJob,
  removeDataDir,
  serveDuringFile,
  sleep,
  startServer,
  testConfig,
  waitForStatus,
  workloadRunner,
  ADMIN_KEY,
  SPEC,
  type Server,
} from './support.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads the Prometheus text exposition into samples (comments skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  return found.length === 0 ? undefined : found.reduce((sum, sample) => sum + sample.value, 0);
}

async function scrape(url: string, headers: Record<string, string> = { 'x-admin-key': ADMIN_KEY }): Promise<Sample[]> {
  const response = await fetch(`${url}/metrics`, { headers });
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

/** Scrapes until `ready` holds: job metrics are recorded just after the final event. */
async function scrapeUntil(url: string, ready: (samples: Sample[]) => boolean): Promise<Sample[]> {
  for (;;) {
    const samples = await scrape(url);
    if (ready(samples)) return samples;
    await sleep(10);
  }
}

let server: Server;
let key: string;

serveDuringFile({ QUEUE_CONCURRENCY: '2' }, { defaultMs: 10, fail: { ux: new Error('the agent broke') } }, (started, madeKey) => {
  server = started;
  key = madeKey;
});

describe('GET /metrics access', () => {
  it('refuses a scrape without the admin secret (401) or with a wrong one or an API key (403)', async () => {
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');

    const wrong = await fetch(`${server.url}/metrics`, { headers: { 'x-admin-key': 'not-the-admin-secret-at-all' } });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');

    const apiKey = await fetch(`${server.url}/metrics`, authed(key));
    expect(apiKey.status).toBe(403);
  });

  it('answers the admin secret (X-Admin-Key or Bearer) with the Prometheus text format', async () => {
    const ways: Record<string, string>[] = [{ 'x-admin-key': ADMIN_KEY }, { authorization: `Bearer ${ADMIN_KEY}` }];
    for (const headers of ways) {
      const response = await fetch(`${server.url}/metrics`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      for (const name of [
        'aios_http_request_duration_seconds',
        'aios_jobs_finished_total',
        'aios_job_duration_seconds',
        'aios_phase_duration_seconds',
        'aios_queue_jobs',
        'aios_queue_up',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
      ]) {
        expect(text).toContain(`# TYPE ${name} `);
      }
      expect(() => parseExposition(text)).not.toThrow();
    }
  });
});

describe('job metrics', () => {
  it('counts finished jobs by tool and final status, with job and phase durations', async () => {
    const pipeline = (await (await postJob(server, key, { tool: 'aios_full_pipeline', input: { spec: SPEC } })).json()) as { job_id: string };
    const broken = (await (await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC } })).json()) as { job_id: string };
    await waitForStatus(server, key, pipeline.job_id, ['completed', 'failed']);
    await waitForStatus(server, key, broken.job_id, ['completed', 'failed']);

    const samples = await scrapeUntil(
      server.url,
      (all) => (valueOf(all, 'aios_jobs_finished_total') ?? 0) >= 2,
    );
    // The test workload fails every ux phase: the pipeline ends failed there, strategize completes.
    expect(valueOf(samples, 'aios_jobs_finished_total', { tool: 'aios_full_pipeline', status: 'failed' })).toBe(1);
    expect(valueOf(samples, 'aios_jobs_finished_total', { tool: 'aios_strategize', status: 'completed' })).toBe(1);
    expect(valueOf(samples, 'aios_jobs_finished_total', { tool: 'aios_full_pipeline', status: 'completed' })).toBeUndefined();
    expect(valueOf(samples, 'aios_job_duration_seconds_count', { tool: 'aios_full_pipeline', status: 'failed' })).toBe(1);
    expect(valueOf(samples, 'aios_job_duration_seconds_count', { tool: 'aios_strategize', status: 'completed' })).toBe(1);
    expect(valueOf(samples, 'aios_job_wait_seconds_count', { tool: 'aios_strategize' })).toBe(1);
    for (const phase of ['strategy', 'architecture']) {
      expect(valueOf(samples, 'aios_phase_duration_seconds_count', { tool: 'aios_full_pipeline', phase, status: 'completed' })).toBe(1);
    }
    expect(valueOf(samples, 'aios_phase_duration_seconds_count', { tool: 'aios_full_pipeline', phase: 'ux', status: 'failed' })).toBe(1);
    expect(valueOf(samples, 'aios_phase_duration_seconds_count', { phase: 'code' })).toBeUndefined();
    expect(valueOf(samples, 'aios_phase_duration_seconds_count', { tool: 'aios_strategize', phase: 'strategy', status: 'completed' })).toBe(1);
  });
});

describe('jobs counted once', () => {
  it('counts a finished job once however often its event arrives, remembering the last REMEMBERED_JOBS ids', async () => {
    const queue = new EmbeddedQueue({ concurrency: 1, phaseTimeoutsMs: { analysis: 1, strategy: 1, architecture: 1, ux: 1, code: 1 }, retention: { completedMs: 1, failedMs: 1 } });
    const metrics = new AppMetrics(queue);
    const at = new Date().toISOString();
    const job = (id: string) =>
      ({ id, tool: 'aios_strategize', status: 'completed', created_at: at, started_at: at, finished_at: at, phases: {} }) as unknown as Job;
    const counted = async () => (await metrics.jobsFinished.get()).values.find((value) => value.labels.status === 'completed')?.value ?? 0;

    metrics.observeJob(job('first'));
    metrics.observeJob(job('first'));
    expect(await counted()).toBe(1);
    for (let i = 0; i < REMEMBERED_JOBS; i++) metrics.observeJob(job(`other-${i}`));
    expect(await counted()).toBe(1 + REMEMBERED_JOBS);
    // The newest are still remembered; the first has been forgotten, so a late replay of it counts.
    metrics.observeJob(job(`other-${REMEMBERED_JOBS - 1}`));
    metrics.observeJob(job('other-1'));
    expect(await counted()).toBe(1 + REMEMBERED_JOBS);
    metrics.observeJob(job('first'));
    expect(await counted()).toBe(2 + REMEMBERED_JOBS);
    await queue.close();
  });
});

describe('model tokens of an output kept packed', () => {
  it('counts the tokens and fallbacks of a PackedOutput (an agent thread sent it compressed) from its engine records, as of the object', async () => {
    const queue = new EmbeddedQueue({ concurrency: 1, phaseTimeoutsMs: { analysis: 1, strategy: 1, architecture: 1, ux: 1, code: 1 }, retention: { completedMs: 1, failedMs: 1 } });
    const metrics = new AppMetrics(queue);
    const at = new Date().toISOString();
    const phases = { strategy: { status: 'completed', percent: 100 }, architecture: { status: 'completed', percent: 100 } };
    const job = (id: string) => ({ id, tool: 'aios_full_pipeline', status: 'completed', created_at: at, started_at: at, finished_at: at, phases }) as unknown as Job;
    const output = {
      strategy: { prd_markdown: 'x'.repeat(20_000), engine: 'llm', tokens: { input_tokens: 100, output_tokens: 30 } },
      architecture: { engine: 'heuristic', fallback: { from: 'llm', reason: 'refused' }, tokens: { input_tokens: 7, output_tokens: 0 } },
    };
    const tokens = async () => Object.fromEntries((await metrics.modelTokens.get()).values.map((value) => [`${value.labels.phase} ${value.labels.kind}`, value.value]));

    metrics.observeJob(job('as-object'), output);
    const fromObject = await tokens();
    expect(fromObject).toEqual({ 'strategy input': 100, 'strategy output': 30, 'architecture input': 7, 'architecture output': 0 });
    metrics.observeJob(job('packed'), new PackedOutput(packOutput(JSON.stringify(output)), engineRecordsOf(output)));
    expect(await tokens()).toEqual(Object.fromEntries(Object.entries(fromObject).map(([name, value]) => [name, 2 * value])));
    expect((await metrics.engineFallbacks.get()).values.map((value) => value.value)).toEqual([2]);
    await queue.close();
  });
});

describe('HTTP latency', () => {
  it('labels requests by route pattern and status code, never by raw URL', async () => {
    const job = (await (await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC } })).json()) as { job_id: string };
    await waitForStatus(server, key, job.job_id, ['completed']);
    await getJob(server, key, job.job_id);
    expect((await getJob(server, key, 'job_that_does_not_exist')).status).toBe(404);
    expect((await fetch(`${server.url}/no/such/path`)).status).toBe(404);

    const samples = await scrape(server.url);
    const counts = (labels: Record<string, string>) => valueOf(samples, 'aios_http_request_duration_seconds_count', labels);
    expect(counts({ method: 'POST', route: '/api/jobs', status_code: '202' })).toBeGreaterThanOrEqual(1);
    expect(counts({ method: 'GET', route: '/api/jobs/:id', status_code: '200' })).toBeGreaterThanOrEqual(2);
    expect(counts({ method: 'GET', route: '/api/jobs/:id', status_code: '404' })).toBe(1);
    expect(counts({ method: 'GET', route: 'unmatched', status_code: '404' })).toBe(1);
    expect(counts({ method: 'GET', route: '/metrics', status_code: '401' })).toBeGreaterThanOrEqual(1);
    const routes = new Set(samples.filter((sample) => sample.name.startsWith('aios_http_')).map((sample) => sample.labels.route));
    expect([...routes].filter((route) => route?.includes(job.job_id) || route?.includes('no/such'))).toEqual([]);
    // The guide's thresholds are bucket bounds, so "share of requests under 500 ms" is one query.
    expect(samples.some((sample) => sample.name === 'aios_http_request_duration_seconds_bucket' && sample.labels.le === '0.5')).toBe(true);
    expect(samples.some((sample) => sample.name === 'aios_http_request_duration_seconds_bucket' && sample.labels.le === '2')).toBe(true);
  });
});

describe('queue depth and separate apps', () => {
  let gated: Server;
  let gatedKey: string;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  // Jobs wait at the gate, so the queue holds a known number of active and waiting jobs.
  const gatedRunner: JobRunner = async (_tool, input, { signal }) => {
    await Promise.race([gate, new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
    return { spec: (input as { spec: string }).spec };
  };

  beforeAll(async () => {
    gated = await startServer(await testConfig({ QUEUE_CONCURRENCY: '1' }), { runner: gatedRunner });
    gatedKey = await createKey(gated);
  });

  afterAll(async () => {
    await gated.close();
    await removeDataDir(gated.config);
  });

  it('reports waiting and active jobs from the queue, and a second app keeps its own counts', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      ids.push(((await (await postJob(gated, gatedKey, { tool: 'aios_strategize', input: { spec: `${SPEC} ${index}` } })).json()) as { job_id: string }).job_id);
    }
    await waitForStatus(gated, gatedKey, ids[0]!, ['processing']);
    const busy = await scrape(gated.url);
    expect(valueOf(busy, 'aios_queue_up')).toBe(1);
    expect(valueOf(busy, 'aios_queue_jobs', { state: 'active' })).toBe(1);
    expect(valueOf(busy, 'aios_queue_jobs', { state: 'waiting' })).toBe(2);

    expect((await fetch(`${gated.url}/api/jobs/${ids[2]}`, authed(gatedKey, { method: 'DELETE' }))).status).toBe(200);
    release();
    for (const id of ids) await waitForStatus(gated, gatedKey, id, ['completed', 'cancelled']);

    const done = await scrapeUntil(gated.url, (all) => (valueOf(all, 'aios_jobs_finished_total') ?? 0) >= 3);
    expect(valueOf(done, 'aios_jobs_finished_total', { tool: 'aios_strategize', status: 'completed' })).toBe(2);
    expect(valueOf(done, 'aios_jobs_finished_total', { tool: 'aios_strategize', status: 'cancelled' })).toBe(1);
    expect(valueOf(done, 'aios_queue_jobs', { state: 'active' })).toBe(0);
    expect(valueOf(done, 'aios_queue_jobs', { state: 'waiting' })).toBe(0);
    // The other app's pipeline job is not here: each app has its own registry.
    expect(valueOf(done, 'aios_jobs_finished_total', { tool: 'aios_full_pipeline' })).toBeUndefined();
    const first = await scrape(server.url);
    expect(valueOf(first, 'aios_jobs_finished_total', { status: 'cancelled' })).toBeUndefined();
  });
});

describe('METRICS_TOKEN', () => {
  let app: FastifyInstance;
  let url: string;
  const queue = new EmbeddedQueue({
    concurrency: 1,
    phaseTimeoutsMs: { analysis: 1000, strategy: 1000, architecture: 1000, ux: 1000, code: 1000 },
    retention: { completedMs: 60_000, failedMs: 60_000 },
    run: workloadRunner(),
  });

  beforeAll(async () => {
    app = Fastify();
    await app.register(metricsRoutes, { queue, adminApiKey: ADMIN_KEY, metricsToken: 'scrape-token-0123456789abcdef' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    url = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app.close();
    await queue.close();
  });

  it('lets a scraper in with the token as Bearer, and still takes the admin secret', async () => {
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789abcdef' } })).status).toBe(200);
    expect((await fetch(`${url}/metrics`, { headers: { 'x-admin-key': ADMIN_KEY } })).status).toBe(200);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-token-wrong' } })).status).toBe(403);
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
  });
});

describe('on Redis (BullMQ)', () => {
  let redis: TestRedis;
  let api: Server;
  let apiOnly: Server;
  let redisKey: string;

  beforeAll(async () => {
    redis = await TestRedis.start();
    api = await startServer(await testConfig({ REDIS_URL: redis.url, QUEUE_LOCK_MS: '2000' }), { runner: workloadRunner({ defaultMs: 10 }) });
    // A second API on the same Redis that runs no jobs itself (`serve --no-worker`).
    apiOnly = await startServer(await testConfig({ REDIS_URL: redis.url, QUEUE_LOCK_MS: '2000' }), { worker: false });
    redisKey = await createKey(api, { name: 'metrics-redis' });
  });

  afterAll(async () => {
    for (const one of [apiOnly, api]) {
      if (!one) continue;
      await one.close();
      await removeDataDir(one.config);
    }
    await redis?.destroy();
  });

  it('reports all four queue states from BullMQ, and every API instance sees every job finish', async () => {
    const job = (await (await postJob(apiOnly, redisKey, { tool: 'aios_strategize', input: { spec: SPEC } })).json()) as { job_id: string };
    await waitForStatus(apiOnly, redisKey, job.job_id, ['completed']);
    for (const instance of [api, apiOnly]) {
      const samples = await scrapeUntil(instance.url, (all) => valueOf(all, 'aios_jobs_finished_total') === 1);
      expect(valueOf(samples, 'aios_jobs_finished_total', { tool: 'aios_strategize', status: 'completed' })).toBe(1);
      expect(valueOf(samples, 'aios_phase_duration_seconds_count', { tool: 'aios_strategize', phase: 'strategy', status: 'completed' })).toBe(1);
      expect(valueOf(samples, 'aios_queue_up')).toBe(1);
      for (const state of QUEUE_STATES) expect(valueOf(samples, 'aios_queue_jobs', { state }), state).toBe(0);
    }
  });

  it('still answers a scrape while Redis is down, with aios_queue_up 0, and recovers with it', async () => {
    await redis.stop();
    const down = await scrape(api.url);
    expect(valueOf(down, 'aios_queue_up')).toBe(0);
    expect(valueOf(down, 'aios_queue_jobs')).toBeUndefined();
    expect(valueOf(down, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    await redis.resume();
    const back = await scrapeUntil(api.url, (all) => valueOf(all, 'aios_queue_up') === 1);
    expect(valueOf(back, 'aios_queue_jobs', { state: 'waiting' })).toBe(0);
  });
});
