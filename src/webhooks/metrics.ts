import { Counter, Histogram, type Registry } from 'prom-client';
import type { AttemptOutcome } from './attempt.js';

/** Up to the longest `WEBHOOK_TIMEOUT_MS` (120 s). */
const ATTEMPT_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** Webhook deliveries, failures and latency on the app's `/metrics`. */
export class WebhookMetrics {
  readonly attempts: Counter<'result'>;
  readonly deliveries: Counter<'outcome'>;
  readonly attemptDuration: Histogram<'result'>;

  constructor(registry: Registry) {
    this.attempts = new Counter({
      name: 'aios_webhook_attempts_total',
      help: 'Webhook POSTs made, by result (delivered: a 2xx answer; failed: anything else)',
      labelNames: ['result'] as const,
      registers: [registry],
    });
    this.deliveries = new Counter({
      name: 'aios_webhook_deliveries_total',
      help: 'Webhook events that reached an end, by outcome (delivered, or failed after every retry or refused)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    this.attemptDuration = new Histogram({
      name: 'aios_webhook_attempt_duration_seconds',
      help: 'Time from the start of a webhook POST to its answer (or its failure), by result',
      labelNames: ['result'] as const,
      buckets: ATTEMPT_BUCKETS_S,
      registers: [registry],
    });
  }

  observeAttempt(outcome: AttemptOutcome, final: boolean): void {
    const result = outcome.delivered ? 'delivered' : 'failed';
    this.attempts.inc({ result });
    this.attemptDuration.observe({ result }, outcome.duration_ms / 1000);
    if (final) this.deliveries.inc({ outcome: result });
  }
}
