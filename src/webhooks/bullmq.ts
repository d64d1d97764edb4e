import { DelayedError, Worker, type Job as BullJob, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { disconnect } from '../redis/connection.js';
import { WEBHOOK_ATTEMPTS, retryDelayMs, type Delivery, type WebhookSender } from './delivery.js';
import { WEBHOOK_QUEUE_NAME, deliveryQueue, queueDelivery, type QueuedDelivery } from './enqueue.js';
import type { DeliveryDispatcher } from './feed.js';
import { DeliveryOrder } from './order.js';

export { WEBHOOK_QUEUE_NAME };

/**
 * How long a delivery set aside for an earlier one of its job waits before it looks again, unless
 * that one's end wakes it first: doubled each time it is set aside, up to `ORDER_WAIT_MAX_MS`.
 */
const ORDER_WAIT_MS = 200;
const ORDER_WAIT_MAX_MS = 2_000;

export interface BullMqDispatcherOptions {
  /** A `worker` connection for the queue, the order sets and the blocking worker commands. */
  client: Redis;
  workerClient: Redis;
  prefix: string;
  /** The base of the absolute URLs in payloads (`PUBLIC_URL`, else the API's own address), for a lost delivery queued again. */
  publicUrl: string;
  sender: WebhookSender;
  /** Deliveries in flight at once in this process. */
  concurrency: number;
  /** How long ended deliveries and their order sets are kept (`JOB_RETENTION_FAILED_MS`). */
  retentionMs: number;
  /**
   * How long a delivery's lock lasts unrenewed (`QUEUE_LOCK_MS`): a killed process's attempt is taken
   * over after about this. Also how long an earlier event's delivery may take to be queued before
   * a later one of its job queues it itself (`DeliveryOrder`).
   */
  lockMs: number;
  logger?: Logger | undefined;
}

/**
 * The Redis mode's deliveries: each event is a BullMQ job of its own (id = the event id, so an
 * event queued twice is delivered once), queued by the process that records it (`WebhookEnqueuer`);
 * this is the delivery worker every `serve` process runs. Retried by BullMQ with backoff and
 * jitter, and kept in Redis between attempts: a restart or a killed process loses none, another
 * process picks them up. Per job, a delivery waits (moved back to delayed, no attempt spent) until
 * the delivery of every earlier event of its job has ended, whoever recorded it (`DeliveryOrder`).
 */
export class BullMqDispatcher implements DeliveryDispatcher {
  private readonly queue: Queue<QueuedDelivery>;
  private readonly worker: Worker<QueuedDelivery>;
  private readonly order: DeliveryOrder;

  constructor(private readonly options: BullMqDispatcherOptions) {
    const prefix = `${options.prefix}:bull`;
    this.queue = deliveryQueue(options.client, options.prefix, options.retentionMs);
    this.order = new DeliveryOrder({
      client: options.client,
      prefix: options.prefix,
      queue: this.queue,
      retentionMs: options.retentionMs,
      boundMs: options.lockMs,
      publicUrl: options.publicUrl,
      logger: options.logger,
    });
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
    await queueDelivery(this.queue, { ...delivery, seq });
  }

  async close(): Promise<void> {
    await this.worker.close().catch(() => undefined);
    await this.queue.close().catch(() => undefined);
    disconnect(this.options.workerClient);
    disconnect(this.options.client);
  }

  private async process(job: BullJob<QueuedDelivery>, token: string | undefined): Promise<string> {
    const delivery = job.data;
    const blocker = await this.order.blocker(delivery);
    if (blocker) {
      this.options.logger?.debug({ job_id: delivery.job_id, event_id: delivery.event_id, after: blocker.event_id, state: blocker.state }, '%s waits for an earlier delivery of its job', delivery.event);
      // Fetched and set aside before: attempts started that were not attempts made.
      const setAside = Math.max(0, job.attemptsStarted - job.attemptsMade - 1);
      await job.moveToDelayed(Date.now() + Math.min(ORDER_WAIT_MAX_MS, ORDER_WAIT_MS * 2 ** setAside), token);
      throw new DelayedError();
    }
    const attempt = job.attemptsMade + 1;
    const outcome = await this.options.sender.attempt(delivery, attempt);
    if (outcome.delivered || outcome.permanent || attempt >= WEBHOOK_ATTEMPTS) {
      await this.order.ended(delivery);
      return outcome.delivered ? 'delivered' : 'failed';
    }
    // BullMQ keeps it, delayed by the backoff strategy, until the next attempt.
    throw new Error(outcome.error ?? 'not delivered');
  }
}
