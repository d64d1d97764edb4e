import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEC, sleep } from '../http/support.js';
import { TestRedis } from './redis-server.js';
import { startApi, startWorker, stopAll, type CliProcess } from './processes.js';

/**
 * Redis stopped for 10 s in the middle of a run of 50 jobs, then started again with its
 * append-only file, as a production Redis runs: one `serve` (with its in-process worker) and one
 * `worker` process, both left to recover by themselves.
 */

const KEY = 'aios_outage_test_key_0123456789abcdef';
const JOBS = 50;

let redis: TestRedis;
let api: CliProcess & { url: string };
let worker: CliProcess;

const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

interface JobBody {
  status: string;
}

async function getJob(id: string): Promise<{ code: number; body: JobBody }> {
  const response = await fetch(`${api.url}/api/jobs/${id}`, { headers });
  return { code: response.status, body: (await response.json()) as JobBody };
}

async function health(): Promise<{ code: number; body: { redis?: string } }> {
  const response = await fetch(`${api.url}/health`);
  return { code: response.status, body: (await response.json()) as { redis?: string } };
}

/** The status updates of a job's stream, read to its end. */
async function statuses(id: string): Promise<string[]> {
  const text = await (await fetch(`${api.url}/api/jobs/${id}/stream`, { headers })).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as { type: string; status: string })
    .filter((event) => event.type === 'status_update')
    .map((event) => event.status);
}

beforeAll(async () => {
  redis = await TestRedis.start({ appendOnly: true });
  const env = {
    REDIS_URL: redis.url,
    ADMIN_API_KEY: 'admin-secret-for-outage-tests-0123',
    AIOS_API_KEYS: JSON.stringify({ outage: KEY }),
    RATE_LIMIT_PER_MINUTE: '100000',
    // 50 jobs in flight at once: the per-key cap is not what this test is about.
    MAX_ACTIVE_JOBS_PER_KEY: '1000',
    QUEUE_CONCURRENCY: '3',
    QUEUE_LOCK_MS: '2000',
    AIOS_TEST_JOB_DELAY_MS: '300',
  };
  [api, worker] = await Promise.all([startApi(env), startWorker(env)]);
}, 60_000);

afterAll(async () => {
  await stopAll([api, worker].filter(Boolean));
  await redis?.destroy();
});

describe('Redis stopped for 10 s during a run of 50 jobs', () => {
  it('loses no accepted job, runs none twice, answers 503 meanwhile and recovers by itself', async () => {
    const accepted: string[] = [];
    for (let i = 0; i < JOBS; i++) {
      const response = await fetch(`${api.url}/api/jobs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ tool: 'aios_strategize', input: { spec: `${SPEC} Branch ${i}.` } }),
      });
      expect(response.status).toBe(202);
      accepted.push(((await response.json()) as { job_id: string }).job_id);
    }
    // A stream opened before the outage, on a job that will still be waiting then.
    const followed = statuses(accepted.at(-1)!);
    while ((await getJob(accepted[5]!)).body.status !== 'completed') await sleep(50);

    await redis.stop();
    const down = await health();
    expect(down.code).toBe(503);
    expect(down.body.redis).toBe('unreachable');
    const refused = await fetch(`${api.url}/api/jobs`, { method: 'POST', headers, body: JSON.stringify({ tool: 'aios_strategize', input: { spec: SPEC } }) });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('REDIS_CONNECTION_FAILED');
    expect((await getJob(accepted[0]!)).code).toBe(503);
    await sleep(10_000);
    expect((await health()).code).toBe(503);
    await redis.resume();

    while ((await health()).code !== 200) await sleep(100);
    for (const id of accepted) {
      for (;;) {
        const { code, body } = await getJob(id);
        if (code === 200 && ['completed', 'failed', 'cancelled'].includes(body.status)) {
          expect(body.status).toBe('completed');
          break;
        }
        await sleep(100);
      }
    }
    for (const id of accepted) expect((await statuses(id)).filter((status) => status === 'completed')).toEqual(['completed']);
    expect((await followed).at(-1)).toBe('completed');
    expect(api.child.exitCode).toBeNull();
    expect(worker.child.exitCode).toBeNull();
  });
});
