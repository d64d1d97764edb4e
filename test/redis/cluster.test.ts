import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEC, sleep } from '../http/support.js';
import { TestRedis } from './redis-server.js';
import { startApi, startWorker, stopAll, waitForExit, type CliProcess } from './processes.js';

/**
 * Two API processes and two worker processes (the built CLI) on one Redis the test owns.
 * Each job waits AIOS_TEST_JOB_DELAY_MS while running, so the tests can act on it mid-run.
 */

const ADMIN = 'admin-secret-for-cluster-tests-0123';
const KEY = 'aios_cluster_test_key_0123456789abcdef';
const DELAY_MS = 1_200;

let redis: TestRedis;
let env: Record<string, string>;
let apiA: CliProcess & { url: string };
let apiB: CliProcess & { url: string };
const workers: CliProcess[] = [];
const all: CliProcess[] = [];
let bull: Queue;

function headers(key = KEY): Record<string, string> {
  return { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
}

async function post(url: string, spec: string, key = KEY): Promise<string> {
  const response = await fetch(`${url}/api/jobs`, { method: 'POST', headers: headers(key), body: JSON.stringify({ tool: 'aios_strategize', input: { spec } }) });
  if (response.status !== 202) throw new Error(`POST ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { job_id: string }).job_id;
}

async function status(url: string, id: string): Promise<string> {
  const body = (await (await fetch(`${url}/api/jobs/${id}`, { headers: headers() })).json()) as { status: string };
  return body.status;
}

async function waitFor(url: string, id: string, statuses: string[]): Promise<string> {
  for (;;) {
    const now = await status(url, id);
    if (statuses.includes(now)) return now;
    await sleep(50);
  }
}

/** The job's SSE stream read to its end with fetch: each `data:` line of a status update. */
async function stream(url: string, id: string): Promise<{ status: string; note?: string }[]> {
  const response = await fetch(`${url}/api/jobs/${id}/stream`, { headers: headers() });
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as { type: string; status: string; note?: string })
    .filter((event) => event.type === 'status_update');
}

async function processedBy(id: string): Promise<string | undefined> {
  return (await bull.getJob(id))?.processedBy;
}

function addWorker(extra: Record<string, string> = {}): Promise<CliProcess> {
  return startWorker({ ...env, ...extra }).then((worker) => {
    workers.push(worker);
    all.push(worker);
    return worker;
  });
}

beforeAll(async () => {
  redis = await TestRedis.start();
  env = {
    REDIS_URL: redis.url,
    ADMIN_API_KEY: ADMIN,
    AIOS_API_KEYS: JSON.stringify({ cluster: KEY }),
    RATE_LIMIT_PER_MINUTE: '100000',
    QUEUE_CONCURRENCY: '2',
    QUEUE_LOCK_MS: '2000',
    AIOS_TEST_JOB_DELAY_MS: String(DELAY_MS),
    SHUTDOWN_TIMEOUT_MS: '8000',
  };
  [apiA, apiB] = await Promise.all([startApi(env, ['--no-worker']), startApi(env, ['--no-worker'])]);
  all.push(apiA, apiB);
  await Promise.all([addWorker(), addWorker()]);
  bull = new Queue('aios-jobs', { connection: { url: redis.url }, prefix: 'aios:bull' });
}, 60_000);

afterAll(async () => {
  await bull?.close();
  await stopAll(all);
  await redis?.destroy();
});

describe('two APIs and two workers on one Redis', () => {
  it('runs jobs posted on one API, streams them live on the other, and spreads them over both workers', async () => {
    const ids = await Promise.all([0, 1, 2, 3].map((i) => post(apiA.url, `${SPEC} Salon ${i}.`)));
    // Opened while the jobs are still queued or running: what they receive is live.
    const streams = await Promise.all(ids.map((id) => stream(apiB.url, id)));
    for (const events of streams) {
      expect(events.map((event) => event.status)).toContain('processing');
      expect(events.at(-1)?.status).toBe('completed');
    }
    const runners = new Set(await Promise.all(ids.map(processedBy)));
    expect(runners.size).toBe(2);
  });

  it('counts a key’s requests to both APIs against one budget', async () => {
    const made = await fetch(`${apiA.url}/api/admin/keys`, {
      method: 'POST',
      headers: { 'x-admin-key': ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'budget', requests_per_minute: 4 }),
    });
    const { key } = (await made.json()) as { key: string };
    const codes: number[] = [];
    for (const url of [apiA.url, apiB.url, apiA.url, apiB.url, apiA.url, apiB.url]) {
      // A key made on A is known to B as soon as B hears of it.
      for (let i = 0; i < 50; i++) {
        const response = await fetch(`${url}/api/jobs`, { headers: headers(key) });
        if (response.status !== 401) {
          codes.push(response.status);
          break;
        }
        await sleep(20);
      }
    }
    expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('stops a job running on a worker process when another API cancels it', async () => {
    const id = await post(apiA.url, `${SPEC} Cancelled.`);
    await waitFor(apiA.url, id, ['processing']);
    const response = await fetch(`${apiB.url}/api/jobs/${id}`, { method: 'DELETE', headers: headers() });
    expect(((await response.json()) as { status: string }).status).toBe('cancelled');
    let state = await bull.getJobState(id);
    while (state === 'active') {
      await sleep(20);
      state = await bull.getJobState(id);
    }
    // Its worker gave up the run instead of finishing it.
    expect((await bull.getJob(id))?.returnvalue).toBe('cancelled');
    expect(await status(apiA.url, id)).toBe('cancelled');
  });

  it('completes, once, a job whose worker is killed (kill -9) in the middle of it', async () => {
    const id = await post(apiA.url, `${SPEC} Killed worker.`);
    await waitFor(apiA.url, id, ['processing']);
    let runner: string | undefined;
    while (!(runner = await processedBy(id))) await sleep(20);
    const victim = workers.find((worker) => runner?.endsWith(`:${worker.child.pid}`));
    expect(victim).toBeDefined();
    victim!.child.kill('SIGKILL');
    await victim!.exited;
    workers.splice(workers.indexOf(victim!), 1);
    const events = await stream(apiB.url, id);
    expect(events.filter((event) => event.status === 'completed')).toHaveLength(1);
    expect(events.some((event) => event.note === 'taken over from a worker that stopped')).toBe(true);
    expect(await status(apiB.url, id)).toBe('completed');
    expect(await processedBy(id)).not.toBe(runner);
    await addWorker();
  });

  it('on SIGTERM a worker finishes its jobs and exits 0 within the bound; none is lost', async () => {
    const ids = await Promise.all([0, 1, 2, 3].map((i) => post(apiB.url, `${SPEC} Shutdown ${i}.`)));
    await Promise.all(ids.map((id) => waitFor(apiA.url, id, ['processing', 'completed'])));
    const target = workers.shift()!;
    target.child.kill('SIGTERM');
    expect(await waitForExit(target, 8_000 + 5_000)).toBe(0);
    for (const id of ids) expect(await waitFor(apiA.url, id, ['completed', 'failed', 'cancelled'])).toBe('completed');
    await addWorker();
  });

  it('hands its unfinished jobs back to the queue when they outlast the bound', async () => {
    const hasty = await addWorker({ SHUTDOWN_TIMEOUT_MS: '100', AIOS_TEST_JOB_DELAY_MS: '5000' });
    // Only the hasty worker takes jobs for now.
    const others = workers.filter((worker) => worker !== hasty);
    for (const other of others) other.child.kill('SIGSTOP');
    try {
      const id = await post(apiA.url, `${SPEC} Handed back.`);
      await waitFor(apiA.url, id, ['processing']);
      hasty.child.kill('SIGTERM');
      expect(await waitForExit(hasty, 5_000)).toBe(0);
      for (const other of others) other.child.kill('SIGCONT');
      const events = await stream(apiB.url, id);
      expect(events.some((event) => event.note === 'back in the queue: its worker shut down')).toBe(true);
      expect(events.filter((event) => event.status === 'completed')).toHaveLength(1);
    } finally {
      for (const other of others) other.child.kill('SIGCONT');
    }
  });
});
