import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 15 item 7, end to end: a real API server process whose heap is capped at 128 MB keeps
 * 160 finished jobs of ~0.75 MB of JSON output each (120 MB of outputs, several times that as objects) for their retention, with
 * EMBEDDED_OUTPUT_MEMORY_MB=8. Before the output store, every output stayed in memory and such a
 * server died of "JavaScript heap out of memory" long before the last job. Now it keeps running,
 * its resident memory stays flat once the first jobs are done (far under what the outputs weigh),
 * and every output reads back whole.
 */
const KEY = 'memory-cap-test-key-0123456789';
const JOBS = 160;
const BATCH = 20;

let child: ChildProcess | undefined;
let dataDir = '';
let url = '';

function ask<T>(message: string, field: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: Record<string, unknown>) => {
      if (!(field in answer)) return;
      child!.off('message', onMessage);
      resolve(answer as T);
    };
    child!.on('message', onMessage);
    child!.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    if (message) child!.send(message);
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'aios-memory-cap-'));
  child = fork(path.resolve('test/fixtures/output-heavy-server.mjs'), [], {
    execArgv: ['--max-old-space-size=128'],
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      AIOS_API_KEYS: JSON.stringify({ memory: KEY }),
      EMBEDDED_OUTPUT_MEMORY_MB: '8',
      MAX_ACTIVE_JOBS_PER_KEY: String(BATCH),
      RATE_LIMIT_PER_MINUTE: '1000000',
      QUEUE_CONCURRENCY: '4',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await ask<{ port: number }>('', 'port');
  url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill();
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

/** Waits until the key's newest jobs (summaries, without outputs) are all completed. */
async function allCompleted(count: number): Promise<void> {
  for (;;) {
    const response = await fetch(`${url}/api/jobs?limit=${count}`, { headers });
    expect(response.status).toBe(200);
    const { jobs } = (await response.json()) as { jobs: Array<{ status: string }> };
    if (jobs.every((job) => job.status === 'completed')) return;
    expect(jobs.every((job) => ['queued', 'processing', 'completed'].includes(job.status))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the embedded store within EMBEDDED_OUTPUT_MEMORY_MB', () => {
  it('keeps 120 MB of finished outputs under a 128 MB heap, its RSS flat, every output readable', async () => {
    const ids: string[] = [];
    let firstBatchRss = 0;
    for (let batch = 0; batch < JOBS / BATCH; batch++) {
      const posted = await Promise.all(
        Array.from({ length: BATCH }, async (_, i) => {
          const response = await fetch(`${url}/api/jobs`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ tool: 'aios_strategize', input: { spec: `idea number ${batch * BATCH + i}` } }),
          });
          expect(response.status).toBe(202);
          return ((await response.json()) as { job_id: string }).job_id;
        }),
      );
      await allCompleted(BATCH);
      ids.push(...posted);
      if (batch === 0) firstBatchRss = (await ask<{ rss_mb: number }>('rss', 'rss_mb')).rss_mb;
    }
    for (const [index, id] of ids.entries()) {
      const response = await fetch(`${url}/api/jobs/${id}`, { headers });
      const job = (await response.json()) as { status: string; output: { spec: string; rows: Array<{ spec: string }> } };
      expect(job.status).toBe('completed');
      expect(job.output.spec).toBe(`idea number ${index}`);
      expect(job.output.rows).toHaveLength(9_000);
      expect(job.output.rows[0]!.spec).toBe(`idea number ${index}`);
    }
    const memory = await ask<{ rss_mb: number; peak_rss_mb: number }>('rss', 'rss_mb');
    // 7 more batches weigh 105 MB of outputs as JSON; kept in memory, RSS would grow by more than that.
    expect(memory.rss_mb - firstBatchRss).toBeLessThan(64);
    expect(memory.peak_rss_mb).toBeLessThan(256);
  }, 120_000);
});
