import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { JobEvent } from '../jobs/port.js';
import { RedisJobStore } from '../jobs/redis-store.js';
import { deliveryOf, queueDelivery, type QueuedDelivery } from './enqueue.js';
import { callsForDelivery } from './events.js';

export interface DeliveryOrderOptions {
  /** A `worker` connection. */
  client: Redis;
  prefix: string;
  /** The `aios-webhooks` queue. */
  queue: Queue<QueuedDelivery>;
  /** How long ended deliveries are kept (`JOB_RETENTION_FAILED_MS`): the order's sets at least as long. */
  retentionMs: number;
  /**
   * How long after an event was recorded its delivery may still be on its way to the queue
   * (`QUEUE_LOCK_MS`: a process that died in between has its job taken over after about as long).
   * Past this, a delivery that is not queued was lost with its process.
   */
  boundMs: number;
  /** The base of the absolute URLs in payloads, for a lost delivery queued here. */
  publicUrl: string;
  logger?: Logger | undefined;
}

/**
 * The order's sets are kept at least this long after their last change, however short the
 * retention: a delivery removed from BullMQ (its retention over) while a later one of its job still
 * waits must be known as ended here, or it would be taken as never queued and sent again.
 */
const ORDER_KEPT_MIN_MS = 3_600_000;

/** What holds a delivery back: the event id of the earliest delivery of its job not ended yet. */
export interface Blocker {
  event_id: string;
  /** Its BullMQ state; `unknown` while it is not queued. */
  state: string;
}

/**
 * The order of one job's deliveries on Redis, whichever processes record its events. The worker
 * running a job and an API instance cancelling it (or a worker that took the job over) each queue
 * the deliveries of the events they wrote, after writing them: a delivery can reach the queue
 * before that of an earlier event. So before its first attempt a delivery reads the job's stored
 * events before its own, and waits until the delivery of each that calls for one has ended
 * (delivered, or given up): the receiver gets a job's events in the order they were recorded.
 * An earlier event whose delivery is still not queued `boundMs` after it was recorded was lost with
 * the process that wrote it: it is queued here (by event id: never twice), and said in a log line.
 *
 * Per job, beside its events, expiring with the retention (an hour at least):
 * - `<p>:webhooks:ended:<job id>`: the ids of the events whose delivery has ended. A delivery is
 *   attempted only once every earlier one has ended, so the highest says that nothing before it
 *   is left to look at;
 * - `<p>:webhooks:waiting:<job id>`: the deliveries set aside for an earlier one, woken when it ends.
 */
export class DeliveryOrder {
  private readonly store: RedisJobStore;
  private readonly keptMs: number;

  constructor(private readonly options: DeliveryOrderOptions) {
    this.store = new RedisJobStore(options.client, options.prefix);
    this.keptMs = Math.max(options.retentionMs, ORDER_KEPT_MIN_MS);
  }

  /**
   * Undefined when `delivery` may be attempted: every earlier event of its job that calls for a
   * delivery has had it end. Otherwise the first still open; the delivery is then set down as
   * waiting, to be woken when that one ends.
   */
  async blocker(delivery: QueuedDelivery): Promise<Blocker | undefined> {
    const { client } = this.options;
    const waiting = this.waitingKey(delivery.job_id);
    // Listed as waiting before looking, so that an earlier delivery ending meanwhile finds it and wakes it.
    const replies = await client
      .multi()
      .zadd(waiting, delivery.seq, String(delivery.seq))
      .pexpire(waiting, this.keptMs)
      .zrevrange(this.endedKey(delivery.job_id), 0, 0)
      .exec();
    const [error, last] = replies?.[2] ?? [new Error('the read of the delivery order was aborted'), []];
    if (error) throw error;
    const [lastEnded] = last as string[];
    const earlier = (await this.store.eventsBetween(delivery.job_id, Number(lastEnded ?? 0), delivery.seq)).filter(callsForDelivery);
    const states = await Promise.all(earlier.map((event) => this.options.queue.getJobState(`${delivery.job_id}.${event.id}`)));
    const lost = earlier.filter((event, i) => states[i] === 'unknown' && Date.now() - Date.parse(event.at) >= this.options.boundMs);
    if (lost.length > 0) await this.queueLost(delivery, lost);
    const open = states.findIndex((state) => state !== 'completed' && state !== 'failed');
    // Left listed as waiting when it goes on: no earlier delivery of its job is left to end and wake
    // it (during a retry's backoff, that would cut the backoff short); its own end takes it off.
    return open >= 0 ? { event_id: `${delivery.job_id}.${earlier[open]!.id}`, state: states[open]! } : undefined;
  }

  /** `delivery` has ended (delivered, or given up): the next one of its job waiting for it is woken. */
  async ended(delivery: QueuedDelivery): Promise<void> {
    const { client } = this.options;
    const ended = this.endedKey(delivery.job_id);
    const waiting = this.waitingKey(delivery.job_id);
    await client.multi().zadd(ended, delivery.seq, String(delivery.seq)).pexpire(ended, this.keptMs).zrem(waiting, String(delivery.seq)).exec();
    const [next] = await client.zrangebyscore(waiting, `(${delivery.seq}`, '+inf', 'LIMIT', 0, 1);
    if (next === undefined) return;
    // Not delayed (yet, or any more): it looks again by itself.
    await (await this.options.queue.getJob(`${delivery.job_id}.${next}`))?.promote().catch(() => undefined);
  }

  private async queueLost(delivery: QueuedDelivery, lost: JobEvent[]): Promise<void> {
    const job = await this.store.get(delivery.job_id, false);
    if (!job) return;
    for (const event of lost) {
      const missing = deliveryOf(job, event, this.options.publicUrl);
      if (!missing) continue;
      await queueDelivery(this.options.queue, missing);
      this.options.logger?.warn(
        { job_id: job.id, event_id: missing.event_id, waiting: delivery.event_id, recorded_at: event.at },
        '%s (event %s) was never queued, %d ms after it was recorded (its process stopped?): queued now, ahead of %s (%s)',
        missing.event,
        missing.event_id,
        Date.now() - Date.parse(event.at),
        delivery.event,
        delivery.event_id,
      );
    }
  }

  private endedKey(jobId: string): string {
    return `${this.options.prefix}:webhooks:ended:${jobId}`;
  }

  private waitingKey(jobId: string): string {
    return `${this.options.prefix}:webhooks:waiting:${jobId}`;
  }
}
