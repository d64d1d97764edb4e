import { DelayedError, Worker, type Job as BullJob, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { disconnect } from '../redis/connection.js';
import { WEBHOOK_ATTEMPTS, retryDelayMs, type Delivery, type WebhookSender } from './delivery.js';
import { WEBHOOK_QUEUE_NAME, deliveryQueue, pendingKey, queueDelivery, type QueuedDelivery } from './enqueue.js';
import type { DeliveryDispatcher } from './feed.js';

export { WEBHOOK_QUEUE_NAME };

/** How long a delivery waits before looking again whether the one before it (same job) has ended. */
const ORDER_WAIT_MS = 200;

export interface BullMqDispatcherOptions {
  /** A `worker` connection for the queue, the order sets and the blocking worker commands. */
  client: Redis;
  workerClient: Redis;
  prefix: string;
  sender: WebhookSender;
  /** Deliveries in flight at once in this process. */
  concurrency: number;
  /** How long ended deliveries and their order sets are kept (`JOB_RETENTION_FAILED_MS`). */
  retentionMs: number;
  /** How long a delivery's lock lasts unrenewed (`QUEUE_LOCK_MS`): a killed process's attempt is taken over after about this. */
  lockMs: number;
  logger?: Logger | undefined;
}

/**
 * The Redis mode's deliveries: each event is a BullMQ job of its own (id = the event id, so an
 * event queued twice is delivered once), queued by the process that records it (`WebhookEnqueuer`);
 * this is the delivery worker every `serve` process runs. Retried by BullMQ with backoff and
 * jitter, and kept in Redis between attempts: a restart or a killed process loses none, another
 * process picks them up. Per job, a sorted set holds the events not yet ended; a delivery waits
 * (moved back to delayed, no attempt spent) while an earlier one of its job is pending.
 */
export class BullMqDispatcher implements DeliveryDispatcher {
  private readonly queue: Queue<QueuedDelivery>;
  private readonly worker: Worker<QueuedDelivery>;

  constructor(private readonly options: BullMqDispatcherOptions) {
    const prefix = `${options.prefix}:bull`;
    this.queue = deliveryQueue(options.client, options.prefix, options.retentionMs);
    this.queue.on('error', (error: Error) => options.logger?.debug({ err: error }, 'webhook queue error: %s', error.message));
    this.worker = new Worker<QueuedDelivery>(WEBHOOK_QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: options.workerClient,
      prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, options.sender.options.backoffMs) },
      drainDelay: 1,
    });
    this.worker.on('error', (error: Error) => options.logger?.debug({ err: error }, 'webhook worker error: %s', error.message));
  }

  async ready(): Promise<void> {
    await Promise.all([this.queue.waitUntilReady(), this.worker.waitUntilReady()]);
  }

  async dispatch(delivery: Delivery, seq: number): Promise<void> {
    await queueDelivery(this.options.client, this.queue, this.options.prefix, this.options.retentionMs, delivery, seq);
  }

  async close(): Promise<void> {
    await this.worker.close().catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    disconnect(this.options.workerClient);
    disconnect(this.options.client);
  }

  /** The job's next event waits (delayed) for this one: start it now rather than at its next look. */
  private async wakeNext(jobId: string, pending: string): Promise<void> {
    const [next] = await this.options.client.zrange(pending, 0, 0);
    if (next === undefined) return;
    const waiting = await this.queue.getJob(`${jobId}.${next}`);
    if (waiting && (await waiting.isDelayed())) await waiting.promote().catch(() => undefined);
  }

  private pendingKey(jobId: string): string {
    return pendingKey(this.options.prefix, jobId);
  }

  private async process(job: BullJob<QueuedDelivery>, token: string | undefined): Promise<string> {
    const delivery = job.data;
    const pending = this.pendingKey(delivery.job_id);
    const { client } = this.options;
    for (;;) {
      const [first] = await client.zrange(pending, 0, 0);
      if (first === undefined || Number(first) >= delivery.seq) break;
      // An earlier event of the same job: wait for it, unless it has ended (or was never queued).
      const earlier = await this.queue.getJob(`${delivery.job_id}.${first}`);
      const state = earlier ? await earlier.getState() : 'unknown';
      if (state === 'completed' || state === 'failed' || state === 'unknown') {
        await client.zrem(pending, first);
        continue;
      }
      await job.moveToDelayed(Date.now() + ORDER_WAIT_MS, token);
      throw new DelayedError();
    }
    const attempt = job.attemptsMade + 1;
    const outcome = await this.options.sender.attempt(delivery, attempt);
    if (outcome.delivered || outcome.permanent || attempt >= WEBHOOK_ATTEMPTS) {
      await client.zrem(pending, String(delivery.seq));
      await this.wakeNext(delivery.job_id, pending);
      return outcome.delivered ? 'delivered' : 'failed';
    }
    // BullMQ keeps it, delayed by the backoff strategy, until the next attempt.
    throw new Error(outcome.error ?? 'not delivered');
  }
}
