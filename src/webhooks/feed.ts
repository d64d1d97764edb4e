import type { Logger } from 'pino';
import { isFinal, type Job, type JobEvent, type JobQueue, type Unsubscribe } from '../jobs/port.js';
import type { Delivery } from './delivery.js';
import { webhookEventName, webhookPayload } from './events.js';

/** Where the feed hands each delivery: the embedded dispatcher, or BullMQ on Redis. */
export interface DeliveryDispatcher {
  /**
   * Takes one delivery of a job. Called in the order of the job's events (`seq` is the event id);
   * resolves once the delivery is accepted (queued), not once it is delivered.
   */
  dispatch(delivery: Delivery, seq: number): Promise<void>;
  close(): Promise<void>;
}

interface Followed {
  /** The job's webhook, owner and tool, read once; null when the job has no webhook. */
  job: Promise<Pick<Job, 'webhook_url' | 'owner' | 'tool'> | null>;
  /** The job's events are handled one after the other, so their deliveries are accepted in order. */
  chain: Promise<void>;
}

/** Jobs followed at once at most; a job whose end this process never hears is forgotten after this many newer ones. */
const MAX_FOLLOWED = 10_000;

/**
 * Turns the queue's job events into webhook deliveries: for a job with a `webhook_url`, each
 * change worth telling (see `webhookEventName`) becomes a signed POST of its own. The embedded
 * mode's source of deliveries; on Redis the process that records an event queues its delivery
 * instead (`WebhookEnqueuer`), so none depends on an API process hearing it.
 */
export async function feedWebhooks(queue: JobQueue, publicUrl: string, dispatcher: DeliveryDispatcher, logger?: Logger): Promise<Unsubscribe> {
  const followed = new Map<string, Followed>();

  const handle = async (event: JobEvent, entry: Followed): Promise<void> => {
    const job = await entry.job;
    if (!job?.webhook_url || !webhookEventName(event, job.tool)) return;
    // The final event needs the job as it ended (phases done, run time) for pipeline.completed.
    const ended = isFinal(event.status) ? await queue.get(event.job_id, { output: event.output === undefined }) : undefined;
    const payload = webhookPayload(event, job.tool, publicUrl, ended);
    if (!payload) return;
    const delivery: Delivery = {
      job_id: event.job_id,
      owner: job.owner,
      url: job.webhook_url,
      event: payload.event,
      event_id: payload.event_id,
      body: JSON.stringify(payload),
    };
    await dispatcher.dispatch(delivery, event.id);
  };

  return queue.subscribeAll((event) => {
    let entry = followed.get(event.job_id);
    if (!entry) {
      entry = {
        job: queue.get(event.job_id, { output: false }).then(
          (job) => (job?.webhook_url ? { webhook_url: job.webhook_url, owner: job.owner, tool: job.tool } : null),
          (error: unknown) => {
            logger?.error({ err: error, job_id: event.job_id }, 'could not read a job to send its webhook');
            return null;
          },
        ),
        chain: Promise.resolve(),
      };
      followed.set(event.job_id, entry);
      if (followed.size > MAX_FOLLOWED) followed.delete(followed.keys().next().value!);
    }
    const current = entry;
    current.chain = current.chain
      .then(() => handle(event, current))
      .catch((error: unknown) => logger?.error({ err: error, job_id: event.job_id, event_id: event.id }, 'could not queue a webhook delivery'));
    if (isFinal(event.status)) followed.delete(event.job_id);
  });
}
