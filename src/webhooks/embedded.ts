import { WEBHOOK_ATTEMPTS, retryDelayMs, type Delivery, type WebhookSender } from './delivery.js';
import type { DeliveryDispatcher } from './feed.js';

/**
 * The embedded mode's deliveries: in this process, each job's one after the other (a job's final
 * event never overtakes an earlier one), retried with backoff on timers. They live as long as the
 * process: a restart loses the deliveries not yet made, as it loses the embedded queue's jobs.
 */
export class EmbeddedDispatcher implements DeliveryDispatcher {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private closed = false;

  constructor(private readonly sender: WebhookSender) {}

  async dispatch(delivery: Delivery): Promise<void> {
    if (this.closed) return;
    const previous = this.chains.get(delivery.job_id) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(delivery));
    this.chains.set(delivery.job_id, next);
    void next.finally(() => {
      if (this.chains.get(delivery.job_id) === next) this.chains.delete(delivery.job_id);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wait of this.waits) {
      clearTimeout(wait.timer);
      wait.resolve();
    }
    this.waits.clear();
  }

  private async deliver(delivery: Delivery): Promise<void> {
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS && !this.closed; attempt += 1) {
      const outcome = await this.sender.attempt(delivery, attempt);
      if (outcome.delivered || outcome.permanent) return;
      if (attempt < WEBHOOK_ATTEMPTS) await this.sleep(retryDelayMs(attempt, this.sender.options.backoffMs));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wait = {
        timer: setTimeout(() => {
          this.waits.delete(wait);
          resolve();
        }, ms),
        resolve,
      };
      this.waits.add(wait);
    });
  }
}
