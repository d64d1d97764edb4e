import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, SPEC, createKeyRecord, postJob, removeDataDir, startServer, testConfig, workloadRunner, type Server } from '../http/support.js';
import { TestRedis } from '../redis/redis-server.js';
import { startApi, stopAll, type CliProcess } from '../redis/processes.js';
import { eventually, startReceiver, type Received } from './support.js';
import { verifyWebhook } from '../../src/webhooks/signature.js';
import { openRecorder, openWorker, type EventRecorder } from '../../src/redis/mode.js';
import type { Config } from '../../src/config.js';
import { RedisJobStore } from '../../src/jobs/redis-store.js';
import { createLogger } from '../../src/log.js';
import { isFinal } from '../../src/jobs/port.js';

/**
 * Redis mode: deliveries are BullMQ jobs in Redis. `aios-mcp serve` is SIGKILLed while a delivery
 * waits for its retry; another process started later makes the delivery, once.
 */

const KEY = 'aios_webhook_redis_test_key_0123456789';
const SECRET = 'whsec_redis_test_secret_0123456789';
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

let redis: TestRedis;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const started: CliProcess[] = [];
/** The receiver fails every request until the first process is gone. */
let failing = true;

/** The events of a one-phase job, in the order they are delivered. */
const EVENTS = ['job.started', 'phase.started', 'phase.completed', 'job.completed'];

/** Queues a one-phase job of `key` whose events go to the receiver's `path`; answers its id. */
async function postHookedJob(server: Server, key: string, path: string): Promise<string> {
  const posted = await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC }, webhook_url: `${receiver.url}${path}` });
  expect(posted.status).toBe(202);
  return ((await posted.json()) as { job_id: string }).job_id;
}

const eventOf = (entry: Received) => (JSON.parse(entry.body) as { event: string }).event;

/** Every event of the job delivered (`delivered()`), in order, each once, signed with `secret`. */
async function expectDeliveredOnceInOrder(delivered: () => Received[], secret: string): Promise<void> {
  await eventually(delivered, (list) => list.length >= EVENTS.length, 'every event delivered');
  // Room for a duplicate to arrive, were there one.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const got = delivered();
  expect(got.map(eventOf)).toEqual(EVENTS);
  expect(new Set(got.map((entry) => entry.headers['x-aios-event-id'])).size).toBe(EVENTS.length);
  for (const entry of got) expect(verifyWebhook(entry.body, entry.headers, secret)).toBe(true);
}

/** A configuration on the test Redis under its own key prefix, delivering to loopback with short retries. */
function redisConfig(prefix: string, env: Record<string, string> = {}): Promise<Config> {
  return testConfig({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_BACKOFF_MS: '20', ...env });
}

/**
 * What `aios-mcp worker` runs (a job worker whose events queue their deliveries, through
 * `recording` when given), a Redis client to look with, and the API servers the test starts:
 * `close` ends them all and removes the data directory.
 */
function workerRig(config: Config, recording?: (recorder: EventRecorder) => Pick<EventRecorder, 'worker' | 'requeue'>) {
  const logger = createLogger(config);
  const recorder = openRecorder(config, logger);
  const worker = openWorker(config, logger, workloadRunner({ defaultMs: 5 }), recording ? recording(recorder) : recorder);
  const client = redis.client();
  const servers: Server[] = [];
  const close = async () => {
    await worker.close(1_000);
    await recorder.close();
    for (const server of servers) await server.close();
    client.disconnect();
    await removeDataDir(config);
  };
  return { recorder, worker, client, servers, close };
}

beforeAll(async () => {
  redis = await TestRedis.start();
  receiver = await startReceiver((path) => (path === '/hook' && failing ? 500 : 200));
});

afterAll(async () => {
  await stopAll(started);
  await receiver?.close();
  await redis?.destroy();
});

describe('webhooks on Redis', () => {
  it('a process killed between attempts loses no delivery: another one makes it, once, in order', async () => {
    const env = {
      REDIS_URL: redis.url,
      ADMIN_API_KEY: 'admin-secret-for-webhook-tests-01',
      AIOS_API_KEYS: JSON.stringify({ hooks: KEY }),
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // The polls below are not about the rate limit (60 a minute by default: spent in a second of them).
      RATE_LIMIT_PER_MINUTE: '100000',
      // The first retry would come 30 to 90 s after the first attempt: the process is killed well
      // before it, however slow the machine, and the test then brings the retry forward.
      WEBHOOK_BACKOFF_MS: '60000',
      // A later event's delivery may be in hand (fetched, waiting its turn) when the process dies:
      // its lock lapses and the second process takes it over after a few seconds, not 30.
      QUEUE_LOCK_MS: '3000',
    };
    const first = await startApi(env);
    started.push(first);
    const posted = await fetch(`${first.url}/api/jobs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ tool: 'aios_analyze', input: { spec: SPEC }, webhook_url: `${receiver.url}/hook` }),
    });
    expect(posted.status).toBe(202);
    const { job_id } = (await posted.json()) as { job_id: string };
    await eventually(
      async () => ((await (await fetch(`${first.url}/api/jobs/${job_id}`, { headers })).json()) as { status: string }).status,
      (status) => status === 'completed',
      'the job completes',
    );
    await eventually(() => receiver.received.length, (count) => count >= 1, 'the first attempt');
    // Between attempts: the delivery is back in Redis, delayed until its retry.
    const queue = new Queue('aios-webhooks', { connection: { host: '127.0.0.1', port: redis.port }, prefix: 'aios:bull' });
    try {
      await eventually(
        async () => {
          const delivery = await queue.getJob(`${job_id}.2`);
          return delivery ? { state: await delivery.getState(), attemptsMade: delivery.attemptsMade } : undefined;
        },
        (value) => value?.state === 'delayed' && value.attemptsMade === 1,
        'the first delivery waiting for its retry',
      );
      first.child.kill('SIGKILL');
      await first.exited;
      const beforeRestart = receiver.received.length;
      expect(beforeRestart).toBe(1);
      failing = false;
      // Its retry is due now, with the process that scheduled it gone.
      await (await queue.getJob(`${job_id}.2`))!.promote();
    } finally {
      await queue.close();
    }

    const second = await startApi(env);
    started.push(second);
    await eventually(
      () => receiver.received.filter((entry) => entry.answered === 200).length,
      (count) => count >= EVENTS.length,
      'every event delivered by the second process',
      30_000,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n${second.output().slice(-3_000)}`);
    });
    const delivered = receiver.received.filter((entry) => entry.answered === 200);
    expect(delivered.map(eventOf)).toEqual(EVENTS);
    for (const entry of delivered) expect(verifyWebhook(entry.body, entry.headers, SECRET)).toBe(true);
    // The first event: one failed attempt before the kill, one delivery after, nothing twice.
    const startedEvent = receiver.received.filter((entry) => eventOf(entry) === 'job.started');
    expect(startedEvent.map((entry) => entry.answered)).toEqual([500, 200]);
    expect(new Set(delivered.map((entry) => entry.headers['x-aios-event-id'])).size).toBe(EVENTS.length);

    const log = (await (await fetch(`${second.url}/api/jobs/${job_id}/webhooks`, { headers })).json()) as {
      attempts: Array<{ event: string; attempt: number; status_code: number | null; delivered: boolean }>;
    };
    expect(log.attempts.map((a) => [a.event, a.attempt, a.status_code])).toEqual([
      ['job.started', 1, 500],
      ['job.started', 2, 200],
      ['phase.started', 1, 200],
      ['phase.completed', 1, 200],
      ['job.completed', 1, 200],
    ]);
    expect(second.output()).toContain('[Webhook] job.completed delivered');
  }, 60_000);

  it('a key in the Redis store signs with its own secret, rotated with a grace period; the log lives in Redis', async () => {
    const config = await redisConfig('rotation');
    const server = await startServer(config, { runner: workloadRunner({ defaultMs: 5 }) });
    try {
      const created = await createKeyRecord(server, { name: 'redis-rotation' });
      const rotated = await fetch(`${server.url}/api/admin/keys/${created.id}/webhook-secret`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
        body: JSON.stringify({ grace_seconds: 600 }),
      });
      const { webhook_secret: newSecret } = (await rotated.json()) as { webhook_secret: string };
      const job_id = await postHookedJob(server, created.key, '/rotation');
      const mine = () => receiver.received.filter((entry) => entry.path === '/rotation' && (JSON.parse(entry.body) as { job_id: string }).job_id === job_id);
      const got = await eventually(mine, (list) => list.some((entry) => eventOf(entry) === 'job.completed'), 'job.completed');
      for (const entry of got) {
        expect(verifyWebhook(entry.body, entry.headers, newSecret)).toBe(true);
        expect(verifyWebhook(entry.body, entry.headers, created.webhook_secret)).toBe(true);
      }
      const client = redis.client();
      try {
        expect(await client.llen(`rotation:webhooks:log:${job_id}`)).toBe(got.length);
      } finally {
        client.disconnect();
      }
    } finally {
      await server.close();
      await removeDataDir(config);
    }
  });

  it('events recorded by a worker while no API process runs are delivered once an API starts, in order, once with two APIs', async () => {
    const config = await redisConfig(`outbox${Date.now()}`);
    // An API process without a worker accepts the job, then stops: no API process runs while the job does.
    const api = await startServer(config, { worker: false });
    const created = await createKeyRecord(api, { name: 'outbox' });
    const job_id = await postHookedJob(api, created.key, '/outbox');
    await api.close();

    const { worker, recorder, client, servers, close } = workerRig(config);
    const mine = () => receiver.received.filter((entry) => entry.path === '/outbox');
    try {
      const store = new RedisJobStore(client, config.redisKeyPrefix);
      await eventually(async () => (await store.get(job_id, false))?.status, (status) => status === 'completed', 'the job completed by the worker');
      await worker.close(1_000);
      await recorder.close();
      // Its deliveries wait in Redis, queued by the worker itself.
      const deliveries = new Queue('aios-webhooks', { connection: { host: '127.0.0.1', port: redis.port }, prefix: `${config.redisKeyPrefix}:bull` });
      try {
        expect(await deliveries.getWaitingCount()).toBe(4);
      } finally {
        await deliveries.close();
      }
      expect(mine()).toHaveLength(0);

      // Two API processes (no job workers) start: they deliver every event, in order, each once.
      servers.push(await startServer(config, { worker: false }), await startServer(config, { worker: false }));
      await expectDeliveredOnceInOrder(mine, created.webhook_secret);
    } finally {
      await close();
    }
  }, 40_000);

  it('a worker that fails between writing the final event and queueing its delivery: the rerun queues it, delivered once, in order', async () => {
    const config = await redisConfig(`window${Date.now()}`, { QUEUE_ATTEMPTS: '3', QUEUE_BACKOFF_MS: '50' });
    const api = await startServer(config, { worker: false });
    // The test hook: the first time the job's final event has been written, its delivery is not
    // queued and the run fails there, as a worker killed in that window would leave it.
    let failedOnce = false;
    const { client, servers, close } = workerRig(config, (recorder) => ({
      worker: async (job, events) => {
        if (isFinal(job.status) && !failedOnce) {
          failedOnce = true;
          throw new Error('test hook: the worker stops between the final write and the enqueue');
        }
        await recorder.worker(job, events);
      },
      requeue: recorder.requeue,
    }));
    servers.push(api);
    const mine = () => receiver.received.filter((entry) => entry.path === '/window');
    try {
      const created = await createKeyRecord(api, { name: 'window' });
      const job_id = await postHookedJob(api, created.key, '/window');
      // The final event too, though the first run stopped before queueing it.
      await expectDeliveredOnceInOrder(mine, created.webhook_secret);
      expect(failedOnce).toBe(true);
      const store = new RedisJobStore(client, config.redisKeyPrefix);
      expect((await store.get(job_id, false))?.status).toBe('completed');
    } finally {
      await close();
    }
  }, 40_000);
});
