import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import type { JobEvent } from '../../src/jobs/port.js';
import { RedisJobStore, type Recorder } from '../../src/jobs/redis-store.js';
import { createLogger } from '../../src/log.js';
import { openRecorder, openWorker } from '../../src/redis/mode.js';
import { verifyWebhook } from '../../src/webhooks/signature.js';
import { ADMIN_KEY, SPEC, removeDataDir, startServer, testConfig, workloadRunner } from '../http/support.js';
import { TestRedis } from '../redis/redis-server.js';
import { eventually, startReceiver } from './support.js';

/**
 * Redis mode, a job's events recorded by more than one process: the worker running the job, and
 * an API instance cancelling it. The worker's queueing of an earlier event is held by a test hook
 * (a slow or dead process, as far as the deliveries can tell) while the API records and queues a
 * later one; the receiver must still get the job's events in the order they were recorded.
 */

let redis: TestRedis;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  redis = await TestRedis.start();
  receiver = await startReceiver(() => 200);
});

afterAll(async () => {
  await receiver?.close();
  await redis?.destroy();
});

const eventOf = (body: string) => (JSON.parse(body) as { event: string }).event;

/** A `phase.started` among a write's events: the write whose deliveries the hook holds. */
const startsPhase = (events: JobEvent[]) => events.some((event) => event.status === 'processing' && event.phase_status === 'processing' && event.note === undefined);

/** What the hook does with the write it holds: queue it once released, or never (its process died). */
type Held = 'until released' | 'lost';

/**
 * One API instance (no job worker: it accepts, cancels and delivers) and one job worker whose
 * recorder holds the queueing of the first write with a `phase.started` in it, as a process
 * stalled (or killed) between writing an event and queueing its delivery would.
 */
async function cluster(env: Record<string, string>, mode: Held, workMs: number) {
  const config: Config = await testConfig({
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `order${Date.now()}${Math.round(Math.random() * 1e6)}`,
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_BACKOFF_MS: '20',
    ...env,
  });
  const lines: string[] = [];
  const logs = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const api = await startServer(config, { worker: false, logger: createLogger({ ...config, logLevel: 'info' }, logs) });
  const logger = createLogger(config);
  const recorder = openRecorder(config, logger);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding = false;
  // The write held is the first with a phase.started; later writes go through (another process
  // might make them). A run that finds its job ended queues what it lacks from the held process too.
  const hold =
    (record: Recorder, requeue: boolean): Recorder =>
    async (job, events) => {
      const held = requeue ? holding : !holding && startsPhase(events);
      if (held) {
        holding = true;
        if (mode === 'lost') return;
        await released;
      }
      await record(job, events);
    };
  const worker = openWorker(config, logger, workloadRunner({ defaultMs: workMs }), { worker: hold(recorder.worker, false), requeue: hold(recorder.requeue, true) });
  const deliveries = new Queue('aios-webhooks', { connection: { host: '127.0.0.1', port: redis.port }, prefix: `${config.redisKeyPrefix}:bull` });
  const client = redis.client();
  const store = new RedisJobStore(client, config.redisKeyPrefix);
  const made = await fetch(`${api.url}/api/admin/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
    body: JSON.stringify({ name: 'order' }),
  });
  const { key, webhook_secret } = (await made.json()) as { key: string; webhook_secret: string };
  return {
    api,
    key,
    secret: webhook_secret,
    store,
    lines,
    holding: () => holding,
    release: () => release(),
    /** Posts a job with a webhook at `path` on the receiver; answers its id. */
    async post(tool: string, path: string): Promise<string> {
      const posted = await fetch(`${api.url}/api/jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ tool, input: { spec: SPEC }, webhook_url: `${receiver.url}${path}` }),
      });
      expect(posted.status).toBe(202);
      return ((await posted.json()) as { job_id: string }).job_id;
    },
    /** Resolves once the delivery of event `id` has been taken by a delivery worker and put down again (sent, or set aside). */
    async takenOnce(jobId: string, id: number): Promise<void> {
      await eventually(
        async () => {
          const delivery = await deliveries.getJob(`${jobId}.${id}`);
          return delivery ? { started: delivery.attemptsStarted, state: await delivery.getState() } : undefined;
        },
        (value) => value !== undefined && value.started >= 1 && value.state !== 'active' && value.state !== 'waiting',
        `the delivery of event ${id} taken once`,
      );
    },
    async close(): Promise<void> {
      release();
      await worker.close(1_000);
      await recorder.close();
      await deliveries.close();
      await api.close();
      client.disconnect();
      await removeDataDir(config);
    },
  };
}

/** The receiver's requests at `path`, as event names, and every one verified. */
function receivedAt(path: string, secret: string): string[] {
  const got = receiver.received.filter((entry) => entry.path === path);
  for (const entry of got) expect(verifyWebhook(entry.body, entry.headers, secret)).toBe(true);
  return got.map((entry) => eventOf(entry.body));
}

/** The job's stored events that call for a delivery, by name, in their order. */
async function storedOrder(store: RedisJobStore, jobId: string): Promise<string[]> {
  const names: Record<string, string> = { cancelled: 'job.cancelled', completed: 'pipeline.completed', failed: 'job.failed' };
  return (await store.eventsAfter(jobId, 0)).flatMap((event) => {
    if (names[event.status]) return [names[event.status]!];
    if (event.status !== 'processing' || event.note !== undefined) return [];
    if (event.phase_status === undefined) return ['job.started'];
    return [event.phase_status === 'processing' ? 'phase.started' : `phase.${event.phase_status}`];
  });
}

describe('webhook order across processes (Redis)', () => {
  let running: Awaited<ReturnType<typeof cluster>> | undefined;
  afterAll(async () => running?.close());

  it('a cancel recorded by an API instance while the worker still queues an earlier event: the earlier event is delivered first', async () => {
    const c = (running = await cluster({}, 'until released', 60_000));
    const jobId = await c.post('aios_strategize', '/cancel');
    await eventually(c.holding, (holding) => holding, 'the worker holding the queueing of phase.started');
    const cancelled = await fetch(`${c.api.url}/api/jobs/${jobId}`, { method: 'DELETE', headers: { authorization: `Bearer ${c.key}` } });
    expect(((await cancelled.json()) as { status: string }).status).toBe('cancelled');
    const final = (await c.store.eventsAfter(jobId, 0)).at(-1)!;
    expect(final.status).toBe('cancelled');
    // The API has queued job.cancelled and a delivery worker has had it in hand: without the order
    // check it went out there and then.
    await c.takenOnce(jobId, final.id);
    c.release();
    const expected = ['job.started', 'phase.started', 'job.cancelled'];
    expect(await storedOrder(c.store, jobId)).toEqual(expected);
    await eventually(() => receivedAt('/cancel', c.secret), (got) => got.length >= expected.length, 'every event delivered');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receivedAt('/cancel', c.secret)).toEqual(expected);
    await c.close();
    running = undefined;
  });

  it('later progress events recorded and queued while an earlier one is held wait for it too', async () => {
    const c = (running = await cluster({}, 'until released', 5));
    const jobId = await c.post('aios_full_pipeline', '/progress');
    await eventually(async () => (await c.store.get(jobId, false))?.status, (status) => status === 'completed', 'the pipeline completed');
    const stored = await c.store.eventsAfter(jobId, 0);
    // The first event after the held write that calls for a delivery: queued, and taken once.
    const held = stored.findIndex((event) => startsPhase([event]));
    const next = stored.slice(held + 1).find((event) => event.note === undefined && event.phase_status !== undefined)!;
    await c.takenOnce(jobId, next.id);
    c.release();
    const expected = await storedOrder(c.store, jobId);
    expect(expected).toHaveLength(10);
    await eventually(() => receivedAt('/progress', c.secret), (got) => got.length >= expected.length, 'every event delivered');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receivedAt('/progress', c.secret)).toEqual(expected);
    await c.close();
    running = undefined;
  });

  it('an earlier event whose delivery was never queued (its process died): queued by the final one after QUEUE_LOCK_MS, then delivered first', async () => {
    const c = (running = await cluster({ QUEUE_LOCK_MS: '1000' }, 'lost', 60_000));
    const jobId = await c.post('aios_strategize', '/lost');
    await eventually(c.holding, (holding) => holding, 'the worker dropping the queueing of phase.started');
    const cancelled = await fetch(`${c.api.url}/api/jobs/${jobId}`, { method: 'DELETE', headers: { authorization: `Bearer ${c.key}` } });
    expect(cancelled.status).toBe(200);
    const expected = ['job.started', 'phase.started', 'job.cancelled'];
    expect(await storedOrder(c.store, jobId)).toEqual(expected);
    await eventually(() => receivedAt('/lost', c.secret), (got) => got.length >= expected.length, 'every event delivered');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receivedAt('/lost', c.secret)).toEqual(expected);
    const said = c.lines.map((line) => JSON.parse(line) as { msg: string; job_id?: string }).filter((line) => line.job_id === jobId);
    expect(said.map((line) => line.msg)).toContainEqual(expect.stringMatching(/^\[Webhook\] phase\.started .*never queued.*queued now/));
    await c.close();
    running = undefined;
  });
});
