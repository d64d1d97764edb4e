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

/** Queues one delivery as a BullMQ job whose id is the event id, so queueing it twice makes it once. Resolves once it is queued, not once it is delivered. */
export async function queueDelivery(queue: Queue<QueuedDelivery>, delivery: QueuedDelivery): Promise<void> {
  await queue.add('deliver', delivery, { jobId: delivery.event_id });
}

/** The delivery one stored event of `job` calls for (`job` as it ended, for a final event), or undefined when none. */
export function deliveryOf(job: Job, event: JobEvent, publicUrl: string): QueuedDelivery | undefined {
  if (!job.webhook_url) return undefined;
  const payload = webhookPayload(event, job.tool, publicUrl, job);
  if (!payload) return undefined;
  return { job_id: job.id, owner: job.owner, url: job.webhook_url, event: payload.event, event_id: payload.event_id, body: JSON.stringify(payload), seq: event.id };
}

export interface WebhookEnqueuerOptions {
  /** A `worker` connection: its commands wait for Redis rather than fail. */
  client: Redis;
  prefix: string;
  /** How long ended deliveries are kept (`JOB_RETENTION_FAILED_MS`). */
  retentionMs: number;
  /** The base of the absolute URLs in payloads (`PUBLIC_URL`, else the API's own address). */
  publicUrl: string;
  logger?: Logger | undefined;
}

/**
 * The Redis mode's source of deliveries: the process that records a job's events (the worker
 * running the job, or the API process that cancels it) queues their webhook deliveries in the same
 * step, before it goes on. So an event gets its delivery even when no API process is listening;
 * whichever processes run delivery workers (`serve`) send it. A process queues a job's events one
 * after the other, in the order it recorded them; across processes the delivery worker keeps the
 * order (`DeliveryOrder`). The queueing follows the write, not inside it: a
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
    const deliveries = events.flatMap((event) => deliveryOf(job, event, this.options.publicUrl) ?? []);
    if (deliveries.length === 0) return this.chains.get(job.id) ?? Promise.resolve();
    const previous = this.chains.get(job.id) ?? Promise.resolve();
    const next = previous.then(async () => {
      for (const delivery of deliveries) {
        if (missingOnly && (await this.queue.getJob(delivery.event_id).catch(() => undefined))) continue;
        await queueDelivery(this.queue, delivery).catch((error: unknown) =>
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
