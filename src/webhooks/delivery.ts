import type { Logger } from 'pino';
import type { WebhookEventName } from './events.js';
import type { Resolver } from './url-guard.js';
import { attemptDelivery, type AttemptOutcome } from './attempt.js';
import type { DeliveryLog } from './delivery-log.js';
import type { WebhookMetrics } from './metrics.js';
import { EVENT_ID_HEADER, signedHeaders } from './signature.js';

/** One event on its way to a job's webhook: everything an attempt needs, the same on every retry. */
export interface Delivery {
  job_id: string;
  /** The API key that made the job: its secret signs the delivery. */
  owner: string;
  url: string;
  event: WebhookEventName;
  event_id: string;
  /** The JSON body, fixed when the event happened so every retry sends the same bytes. */
  body: string;
}

/** A job's webhook gets the first attempt and up to 3 retries (CONTRACT section 4). */
export const WEBHOOK_ATTEMPTS = 4;

/** The secrets that sign a key's webhooks (newest first); empty when there is none to sign with. */
export type SecretSource = (owner: string) => string[];

export interface WebhookSenderOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** First retry delay; doubled each retry (`WEBHOOK_BACKOFF_MS`). */
  backoffMs: number;
  secrets: SecretSource;
  log: DeliveryLog;
  metrics?: WebhookMetrics | undefined;
  /** Already tagged `[Webhook]`. */
  logger?: Logger | undefined;
  resolve?: Resolver;
}

/**
 * Exponential backoff with jitter: retry n waits between half and one and a half times
 * `base * 2^(n-1)`, so receivers that failed together are not all retried at the same instant.
 */
export function retryDelayMs(retry: number, baseMs: number): number {
  const nominal = baseMs * 2 ** Math.max(0, retry - 1);
  return Math.round(nominal / 2 + Math.random() * nominal);
}

/** Signs and sends one attempt of a delivery, then logs, counts and records it. */
export class WebhookSender {
  constructor(readonly options: WebhookSenderOptions) {}

  /** The secrets that sign `owner`'s webhooks now, newest first; empty when there is none. */
  secretsOf(owner: string): string[] {
    return this.options.secrets(owner);
  }

  async attempt(delivery: Delivery, attempt: number): Promise<AttemptOutcome> {
    const secrets = this.options.secrets(delivery.owner);
    const outcome: AttemptOutcome =
      secrets.length === 0
        ? {
            delivered: false,
            status_code: null,
            error: 'no signing secret: the key has none of its own and WEBHOOK_SECRET is not set',
            duration_ms: 0,
            permanent: true,
          }
        : await attemptDelivery(delivery.url, delivery.body, { ...signedHeaders(secrets, delivery.body), [EVENT_ID_HEADER]: delivery.event_id }, {
            timeoutMs: this.options.timeoutMs,
            allowPrivate: this.options.allowPrivate,
            ...(this.options.resolve ? { resolve: this.options.resolve } : {}),
          });
    const final = outcome.delivered || outcome.permanent || attempt >= WEBHOOK_ATTEMPTS;
    const { logger, metrics } = this.options;
    metrics?.observeAttempt(outcome, final);
    const fields = { job_id: delivery.job_id, event: delivery.event, event_id: delivery.event_id, attempt, status_code: outcome.status_code, ms: outcome.duration_ms };
    if (outcome.delivered) logger?.info(fields, '%s delivered (attempt %d)', delivery.event, attempt);
    else if (final) logger?.warn({ ...fields, error: outcome.error }, '%s not delivered, giving up after attempt %d: %s', delivery.event, attempt, outcome.error);
    else logger?.info({ ...fields, error: outcome.error }, '%s attempt %d failed, retrying: %s', delivery.event, attempt, outcome.error);
    await this.options.log
      .add(delivery.job_id, {
        at: new Date().toISOString(),
        event: delivery.event,
        event_id: delivery.event_id,
        attempt,
        delivered: outcome.delivered,
        status_code: outcome.status_code,
        error: outcome.error,
        duration_ms: outcome.duration_ms,
        final,
      })
      .catch((error: unknown) => logger?.error({ err: error, job_id: delivery.job_id }, 'could not record a webhook attempt'));
    return outcome;
  }
}
