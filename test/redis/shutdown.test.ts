import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEC, sleep } from '../http/support.js';
import { TestRedis } from './redis-server.js';
import { startApi, stopAll, waitForExit, type CliProcess } from './processes.js';

/** SIGTERM to `aios-mcp serve` (API + in-process worker) while it runs jobs and streams them. */

const KEY = 'aios_shutdown_test_key_0123456789abcd';
const GRACE_MS = 8_000;
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

let redis: TestRedis;
const started: CliProcess[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  redis = await TestRedis.start();
  env = {
    REDIS_URL: redis.url,
    ADMIN_API_KEY: 'admin-secret-for-shutdown-tests-01',
    AIOS_API_KEYS: JSON.stringify({ shutdown: KEY }),
    QUEUE_CONCURRENCY: '4',
    QUEUE_LOCK_MS: '2000',
    AIOS_TEST_JOB_DELAY_MS: '1500',
    SHUTDOWN_TIMEOUT_MS: String(GRACE_MS),
  };
});
afterAll(async () => {
  await stopAll(started);
  await redis?.destroy();
});

describe('graceful shutdown of serve', () => {
  it('ends open streams with a last event, lets running jobs finish, exits 0 within the bound', async () => {
    const api = await startApi(env);
    started.push(api);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${api.url}/api/jobs`, { method: 'POST', headers, body: JSON.stringify({ tool: 'aios_strategize', input: { spec: `${SPEC} Shop ${i}.` } }) });
      ids.push(((await response.json()) as { job_id: string }).job_id);
    }
    const stream = await fetch(`${api.url}/api/jobs/${ids[0]}/stream`, { headers });
    const body = stream.text();
    for (;;) {
      const job = (await (await fetch(`${api.url}/api/jobs/${ids[0]}`, { headers })).json()) as { status: string };
      if (job.status === 'processing') break;
      await sleep(25);
    }
    api.child.kill('SIGTERM');
    expect(await body).toMatch(/event: server_closing\ndata: \{"type":"server_closing"/);
    expect(await waitForExit(api, GRACE_MS + 5_000)).toBe(0);

    // Another instance reads what the first one finished before it went.
    const reader = await startApi(env, ['--no-worker']);
    started.push(reader);
    for (const id of ids) {
      const job = (await (await fetch(`${reader.url}/api/jobs/${id}`, { headers })).json()) as { status: string };
      expect(job.status).toBe('completed');
    }
  });
});
