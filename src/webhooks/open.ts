import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config.js';
import { AiosError } from '../contract/index.js';
import type { JobQueue } from '../jobs/port.js';
import type { ApiKeyStore } from '../keys/port.js';
import { attemptDelivery } from './attempt.js';
import { WebhookSender, type SecretSource } from './delivery.js';
import { MemoryDeliveryLog, RedisDeliveryLog, latestState, type AttemptRecord, type DeliveryLog, type WebhookState } from './delivery-log.js';
import { EmbeddedDispatcher } from './embedded.js';
import { publicBase } from './events.js';
import { feedWebhooks, type DeliveryDispatcher } from './feed.js';
import { WebhookMetrics } from './metrics.js';
import { EVENT_ID_HEADER, signedHeaders } from './signature.js';
import { checkWebhookUrl, type Resolver } from './url-guard.js';

export interface WebhooksDeps {
  queue: JobQueue;
  keys: ApiKeyStore;
  /** Already tagged `[Webhook]`. */
  logger?: Logger;
  /** Redis mode: deliveries are BullMQ jobs on this Redis, sent by this process's delivery worker; otherwise in this process. */
  redisUrl?: string | undefined;
  /** Tests only: how host names resolve (a name that resolves to loopback without touching DNS). */
  resolve?: Resolver;
}

/** What `POST /api/webhooks/test` answers. */
export interface TestDelivery {
  webhook_url: string;
  delivered: boolean;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  timestamp: string;
}

/**
 * Deliveries in flight at once per process in the Redis mode. They mostly wait on receivers, so
 * many: a few receivers that never answer must not hold every slot for their whole timeout.
 */
const REDIS_DELIVERY_CONCURRENCY = 50;

/**
 * The webhooks of one API process: the submission check (URL guard and a signing secret), the
 * feed that turns job events into deliveries, the dispatcher that sends them, and their log.
 */
export class Webhooks {
  private constructor(
    private readonly config: Config,
    private readonly sender: WebhookSender,
    private readonly log: DeliveryLog,
    private readonly dispatcher: DeliveryDispatcher,
    /** Stops following job events and releases the log's connection. */
    private readonly stop: () => void,
    private readonly resolve: Resolver | undefined,
  ) {}

  static async open(config: Config, deps: WebhooksDeps): Promise<Webhooks> {
    const secrets: SecretSource = (owner) => {
      const own = deps.keys.webhookSecrets(owner);
      if (own.length > 0) return own;
      return config.webhookSecret ? [config.webhookSecret] : [];
    };
    let log: DeliveryLog;
    let dispatcher: DeliveryDispatcher;
    let sender: WebhookSender;
    let release: () => void = () => undefined;
    const senderOptions = {
      timeoutMs: config.webhookTimeoutMs,
      allowPrivate: config.webhookAllowPrivate,
      backoffMs: config.webhookBackoffMs,
      secrets,
      logger: deps.logger,
      ...(deps.resolve ? { resolve: deps.resolve } : {}),
    };
    if (deps.redisUrl) {
      // Loaded only in the Redis mode, like the job queue's BullMQ.
      const [{ connectRedis, disconnect }, { BullMqDispatcher }] = await Promise.all([import('../redis/connection.js'), import('./bullmq.js')]);
      const client = connectRedis(deps.redisUrl, 'worker', deps.logger);
      const reader = connectRedis(deps.redisUrl, 'request', deps.logger);
      release = () => disconnect(reader);
      log = new RedisDeliveryLog(client, reader, config.redisKeyPrefix, config.retention.failedMs);
      sender = new WebhookSender({ ...senderOptions, log });
      dispatcher = new BullMqDispatcher({
        client,
        workerClient: connectRedis(deps.redisUrl, 'worker', deps.logger),
        prefix: config.redisKeyPrefix,
        publicUrl: publicBase(config),
        sender,
        concurrency: REDIS_DELIVERY_CONCURRENCY,
        retentionMs: config.retention.failedMs,
        lockMs: config.queueLockMs,
        logger: deps.logger,
      });
    } else {
      log = new MemoryDeliveryLog(config.retention.failedMs);
      sender = new WebhookSender({ ...senderOptions, log });
      dispatcher = new EmbeddedDispatcher(sender);
    }
    // On Redis the process that records a job's event queues its delivery (see WebhookEnqueuer);
    // here the dispatcher's worker sends them. Embedded, this process turns its queue's events into deliveries.
    const stopFeed = deps.redisUrl ? () => undefined : await feedWebhooks(deps.queue, publicBase(config), dispatcher, deps.logger);
    return new Webhooks(config, sender, log, dispatcher, () => {
      stopFeed();
      release();
    }, deps.resolve);
  }

  /** Counts deliveries, failures and latency on this registry (the app's `/metrics`). */
  observe(registry: Registry): void {
    this.sender.options.metrics = new WebhookMetrics(registry);
  }

  /**
   * The submission check of a job's `webhook_url`, on REST and MCP alike: the URL guard, and a
   * secret to sign with. Answers the URL as it will be called; throws `INVALID_WEBHOOK_URL`.
   */
  async check(url: string, owner: string, field = 'webhook_url'): Promise<string> {
    const target = await checkWebhookUrl(url, { allowPrivate: this.config.webhookAllowPrivate, field, ...(this.resolve ? { resolve: this.resolve } : {}) });
    if (this.sender.secretsOf(owner).length === 0) {
      throw new AiosError(
        'INVALID_WEBHOOK_URL',
        `${field}: there is no secret to sign webhooks with: this key has none of its own (keys from AIOS_API_KEYS, or made before webhooks); rotate one with POST /api/admin/keys/:id/webhook-secret, or set WEBHOOK_SECRET`,
        { field, reason: 'no signing secret' },
      );
    }
    return target.url.toString();
  }

  /** Every attempt of a job's webhook, oldest first. */
  attempts(jobId: string): Promise<AttemptRecord[]> {
    return this.log.list(jobId);
  }

  /** The latest attempt of a job's webhook, as the job resource shows it; null before the first. */
  async state(jobId: string): Promise<WebhookState | null> {
    return latestState(await this.log.list(jobId));
  }

  /** `POST /api/webhooks/test`: signs and sends one `webhook.test` event, once, and says how it went. */
  async test(url: string, owner: string): Promise<TestDelivery> {
    const checked = await this.check(url, owner, 'url');
    const timestamp = new Date().toISOString();
    const eventId = `test.${randomUUID()}`;
    const body = JSON.stringify({ event: 'webhook.test', event_id: eventId, message: 'A test event from aios-lovable-mcp: the webhook is reachable and signed.', timestamp });
    const outcome = await attemptDelivery(checked, body, { ...signedHeaders(this.sender.secretsOf(owner), body), [EVENT_ID_HEADER]: eventId }, {
      timeoutMs: this.config.webhookTimeoutMs,
      allowPrivate: this.config.webhookAllowPrivate,
      ...(this.resolve ? { resolve: this.resolve } : {}),
    });
    this.sender.options.metrics?.observeAttempt(outcome, true);
    const fields = { event: 'webhook.test', status_code: outcome.status_code, ms: outcome.duration_ms };
    if (outcome.delivered) this.sender.options.logger?.info(fields, 'webhook.test delivered');
    else this.sender.options.logger?.warn({ ...fields, error: outcome.error }, 'webhook.test not delivered: %s', outcome.error);
    return { webhook_url: checked, delivered: outcome.delivered, status_code: outcome.status_code, error: outcome.error, duration_ms: outcome.duration_ms, timestamp };
  }

  async close(): Promise<void> {
    this.stop();
    await this.dispatcher.close();
  }
}
