import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEC, sleep } from '../http/support.js';
import { TestRedis } from './redis-server.js';
import { startApi, startWorker, stopAll, waitForExit, type CliProcess } from './processes.js';

/**
 * Issue 15 item 8, `aios-mcp worker`: the built CLI's worker runs the agents on worker threads
 * (AGENT_THREADS), as `serve` does; a real job completes through them with its output, and the
 * worker closes its threads on SIGTERM and exits 0.
 */
const KEY = 'aios_worker_threads_key_0123456789abcdef';
let redis: TestRedis;
let api: CliProcess & { url: string };
let worker: CliProcess;

beforeAll(async () => {
  redis = await TestRedis.start();
  const env = { REDIS_URL: redis.url, ADMIN_API_KEY: 'admin-secret-for-worker-threads-0123', AIOS_API_KEYS: JSON.stringify({ threads: KEY }), AGENT_THREADS: '1', LOG_LEVEL: 'debug' };
  api = await startApi(env, ['--no-worker']);
  worker = await startWorker(env);
}, 60_000);
afterAll(async () => {
  await stopAll([api, worker].filter(Boolean));
  await redis?.destroy();
});

const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

describe('aios-mcp worker on agent threads', () => {
  it('runs a real job to completion on an agent thread, and closes its threads on SIGTERM', async () => {
    expect(worker.output()).toContain('"agent_threads":1');
    const posted = await fetch(`${api.url}/api/jobs`, { method: 'POST', headers, body: JSON.stringify({ tool: 'aios_strategize', input: { spec: SPEC } }) });
    expect(posted.status).toBe(202);
    const { job_id: id } = (await posted.json()) as { job_id: string };
    let job: { status: string; output?: unknown } = { status: 'queued' };
    for (let waited = 0; !['completed', 'failed', 'cancelled'].includes(job.status) && waited < 60_000; waited += 100) {
      await sleep(100);
      job = (await (await fetch(`${api.url}/api/jobs/${id}`, { headers })).json()) as typeof job;
    }
    expect(job.status).toBe('completed');
    expect(job.output).toBeTruthy();
    expect(worker.output()).toContain('agent thread started');
    worker.child.kill('SIGTERM');
    expect(await waitForExit(worker, 15_000)).toBe(0);
  }, 90_000);
});
