import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { AiosError, DEFAULT_PHASE_TIMEOUTS_MS } from '../../src/contract/index.js';
import { BullMqQueue } from '../../src/jobs/bullmq.js';
import type { Job, JobRunner } from '../../src/jobs/port.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { connectRedis } from '../../src/redis/connection.js';
import { SPEC, sleep } from '../http/support.js';

/**
 * Issue 15 item 7, Redis mode: MAX_ACTIVE_JOBS_PER_KEY holds across API processes on the shared
 * Redis (127.0.0.1:6379, under a prefix of this run's own), checked in the write that creates a
 * job, and a place is given back however the job ends: completed or failed by a worker, cancelled
 * on any process, or its record expired with no worker left to end it.
 */
const URL = process.env.AIOS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `aios-test-cap-${randomBytes(6).toString('hex')}`;
const opened: { close(): Promise<void> }[] = [];
const cleaner: Redis = connectRedis(URL, 'worker');

afterAll(async () => {
  for (const thing of opened.reverse()) await thing.close();
  // Only this run's keys: the shared Redis is never flushed.
  let cursor = '0';
  do {
    const [next, keys] = await cleaner.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 500);
    if (keys.length > 0) await cleaner.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  cleaner.disconnect();
});

async function ready(client: Redis): Promise<Redis> {
  if (client.status !== 'ready') await once(client, 'ready');
  return client;
}

async function api(prefix: string, cap: number, failedMs = 60_000): Promise<BullMqQueue> {
  const queue = new BullMqQueue({
    client: await ready(connectRedis(URL, 'request')),
    subscriber: connectRedis(URL, 'subscriber'),
    prefix,
    retention: { completedMs: 60_000, failedMs },
    retry: { attempts: 1, backoffMs: 100 },
    maxActivePerOwner: cap,
  });
  opened.push(queue);
  return queue;
}

function worker(prefix: string, run: JobRunner): JobWorker {
  const started = new JobWorker({
    client: connectRedis(URL, 'worker'),
    subscriber: connectRedis(URL, 'subscriber'),
    prefix,
    concurrency: 4,
    phaseTimeoutsMs: { ...DEFAULT_PHASE_TIMEOUTS_MS },
    retention: { completedMs: 60_000, failedMs: 60_000 },
    retry: { attempts: 1, backoffMs: 100 },
    lockMs: 5_000,
    run,
  });
  opened.push({ close: () => started.close(1_000) });
  return started;
}

const post = (queue: BullMqQueue, owner = 'key_a') => queue.enqueue({ tool: 'aios_strategize', input: { spec: SPEC }, owner });

async function refusal(promise: Promise<unknown>): Promise<AiosError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AiosError);
  return error as AiosError;
}

async function until(queue: BullMqQueue, id: string, statuses: string[]): Promise<Job> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const job = await queue.get(id, { output: false });
    if (job && statuses.includes(job.status)) return job;
    await sleep(50);
  }
  throw new Error(`job ${id} never reached ${statuses.join('/')}`);
}

describe('MAX_ACTIVE_JOBS_PER_KEY in Redis mode', () => {
  it('is one count for every API process, atomic under concurrent posts, per key', async () => {
    const prefix = `${PREFIX}:shared`;
    const [first, second] = await Promise.all([api(prefix, 3), api(prefix, 3)]);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => post(index % 2 === 0 ? first! : second!)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected').map((result) => result.reason as AiosError);
    expect(refused).toHaveLength(9);
    for (const error of refused) {
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.details).toMatchObject({ limit: 3, active: 3, retry_after_seconds: expect.any(Number) });
    }
    // Refused jobs leave nothing behind: no record in the key's list, no queue entry.
    expect((await first!.list('key_a', { limit: 50 })).jobs).toHaveLength(3);
    expect((await first!.health()).queued).toBe(3);
    // Another key has its own count.
    await expect(post(second!, 'key_b')).resolves.toMatchObject({ created: true });
  });

  it('gives a place back when a job is cancelled, on another process than the one that queued it', async () => {
    const prefix = `${PREFIX}:cancel`;
    const [first, second] = await Promise.all([api(prefix, 1), api(prefix, 1)]);
    const { job } = await post(first!);
    expect((await refusal(post(second!))).code).toBe('RATE_LIMITED');
    await second!.cancel(job.id);
    await expect(post(first!)).resolves.toMatchObject({ created: true });
  });

  it('gives a place back when a worker completes a job or fails it', async () => {
    const prefix = `${PREFIX}:worker`;
    const queue = await api(prefix, 1);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    worker(prefix, async () => {
      runs += 1;
      if (runs === 1) {
        await held;
        return { done: true };
      }
      throw new AiosError('INVALID_INPUT', 'this run fails on purpose');
    });
    const { job: completing } = await post(queue);
    await until(queue, completing.id, ['processing']);
    expect((await refusal(post(queue))).code).toBe('RATE_LIMITED');
    release();
    await until(queue, completing.id, ['completed']);

    const { job: failing } = await post(queue);
    expect((await until(queue, failing.id, ['failed', 'completed'])).status).toBe('failed');
    await expect(post(queue)).resolves.toMatchObject({ created: true });
  });

  it('gives a place back when a queued job expires with no worker to end it', async () => {
    const prefix = `${PREFIX}:expiry`;
    // A queued record expires after the failed-job retention when nothing takes it (its workers are gone).
    const queue = await api(prefix, 1, 300);
    const { job } = await post(queue);
    expect((await refusal(post(queue))).code).toBe('RATE_LIMITED');
    for (let waited = 0; (await queue.get(job.id, { output: false })) && waited < 5_000; waited += 50) await sleep(50);
    expect(await queue.get(job.id, { output: false })).toBeUndefined();
    await expect(post(queue)).resolves.toMatchObject({ created: true });
  });
});
