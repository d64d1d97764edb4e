import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { removalAfter } from '../jobs/bullmq.js';
import type { Job, JobEvent } from '../jobs/port.js';
import { WEBHOOK_ATTEMPTS, type Delivery } from './delivery.js';
import { webhookPayload } from './events.js';

/** The BullMQ queue of webhook deliveries, beside the jobs' own. */
export const WEBHOOK_QUEUE_NAME = 'aios-webhooks';

/** A delivery as queued: `seq` is the job event's id, and deliveries of one job go out in its order. */
export interface QueuedDelivery extends Delivery {
  seq: number;
}

/** The sorted set of a job's deliveries not yet ended, by event id. */
export function pendingKey(prefix: string, jobId: string): string {
  return `${prefix}:webhooks:pending:${jobId}`;
}

/** The `aios-webhooks` queue as the adding side sees it: the options every delivery is added with. */
export function deliveryQueue(client: Redis, prefix: string, retentionMs: number): Queue<QueuedDelivery> {
  return new Queue<QueuedDelivery>(WEBHOOK_QUEUE_NAME, {
    connection: client,
    prefix: `${prefix}:bull`,
    defaultJobOptions: {
      attempts: WEBHOOK_ATTEMPTS,
      backoff: { type: 'custom' },
      removeOnComplete: removalAfter(retentionMs),
      removeOnFail: removalAfter(retentionMs),
    },
  });
}

/**
 * Queues one delivery: its event id in the job's order set, then the BullMQ job (id = the event
 * id, so queueing it twice makes it once). Resolves once it is queued, not once it is delivered.
 */
export async function queueDelivery(client: Redis, queue: Queue<QueuedDelivery>, prefix: string, retentionMs: number, delivery: Delivery, seq: number): Promise<void> {
  const pending = pendingKey(prefix, delivery.job_id);
  await client.multi().zadd(pending, 'NX', seq, String(seq)).pexpire(pending, retentionMs).exec();
  await queue.add('deliver', { ...delivery, seq }, { jobId: delivery.event_id });
}

export interface WebhookEnqueuerOptions {
  /** A `worker` connection: its commands wait for Redis rather than fail. */
  client: Redis;
  prefix: string;
  /** How long ended deliveries and their order sets are kept (`JOB_RETENTION_FAILED_MS`). */
  retentionMs: number;
  /** The base of the absolute URLs in payloads (`PUBLIC_URL`, else the API's own address). */
  publicUrl: string;
  logger?: Logger | undefined;
}

/**
 * The Redis mode's source of deliveries: the process that records a job's events (the worker
 * running the job, or the API process that cancels it) queues their webhook deliveries in the same
 * step, before it goes on. So an event gets its delivery even when no API process is listening;
 * whichever processes run delivery workers (`serve`) send it. A job's events are queued one after
 * the other, in the order they were recorded. The queueing follows the write, not inside it: a
 * process killed in between leaves the job's BullMQ job to run again, and that run, finding the
 * job ended, queues what is missing (`requeue`).
 */
export class WebhookEnqueuer {
  private readonly queue: Queue<QueuedDelivery>;
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly options: WebhookEnqueuerOptions) {
    this.queue = deliveryQueue(options.client, options.prefix, options.retentionMs);
    this.queue.on('error', (error: Error) => options.logger?.debug({ err: error }, 'webhook queue error: %s', error.message));
  }

  /**
   * Queues the deliveries of events just recorded for `job` (as it is after them). Waits for the
   * job's earlier ones first; a failure is logged, never thrown: the job's own write has been made.
   */
  recorded(job: Job, events: JobEvent[]): Promise<void> {
    return this.queueAll(job, events, false);
  }

  /**
   * Queues the deliveries of an ended job's stored `events` that have none yet: a process killed
   * (or failed) between the write of an event and the queueing of its delivery left it without one.
   * An event whose delivery is queued, sent or failed is left alone, so none goes out twice.
   */
  requeue(job: Job, events: JobEvent[]): Promise<void> {
    return this.queueAll(job, events, true);
  }

  private queueAll(job: Job, events: JobEvent[], missingOnly: boolean): Promise<void> {
    if (!job.webhook_url) return Promise.resolve();
    const deliveries = events.flatMap((event) => {
      const payload = webhookPayload(event, job.tool, this.options.publicUrl, job);
      if (!payload) return [];
      const delivery: Delivery = { job_id: job.id, owner: job.owner, url: job.webhook_url!, event: payload.event, event_id: payload.event_id, body: JSON.stringify(payload) };
      return [{ delivery, seq: event.id }];
    });
    if (deliveries.length === 0) return this.chains.get(job.id) ?? Promise.resolve();
    const previous = this.chains.get(job.id) ?? Promise.resolve();
    const next = previous.then(async () => {
      for (const { delivery, seq } of deliveries) {
        if (missingOnly && (await this.queue.getJob(delivery.event_id).catch(() => undefined))) continue;
        await queueDelivery(this.options.client, this.queue, this.options.prefix, this.options.retentionMs, delivery, seq).catch((error: unknown) =>
          this.options.logger?.error({ err: error, job_id: job.id, event_id: delivery.event_id }, 'could not queue a webhook delivery'),
        );
      }
    });
    this.chains.set(job.id, next);
    void next.finally(() => {
      if (this.chains.get(job.id) === next) this.chains.delete(job.id);
    });
    return next;
  }

  async close(): Promise<void> {
    await Promise.all(this.chains.values());
    await this.queue.close().catch(() => undefined);
  }
}
