import type { Redis } from 'ioredis';
import { viaRedis } from '../redis/connection.js';
import type { WebhookEventName } from './events.js';

/** One attempt of one delivery, as `GET /api/jobs/:id/webhooks` lists it. */
export interface AttemptRecord {
  at: string;
  event: WebhookEventName;
  event_id: string;
  /** 1 for the first attempt, up to 4. */
  attempt: number;
  delivered: boolean;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  /** No attempt of this event follows: delivered, refused, or out of retries. */
  final: boolean;
}

/** What the job resource shows of its webhook: the latest attempt and what it means. */
export interface WebhookState {
  state: 'delivered' | 'retrying' | 'failed';
  event: WebhookEventName;
  attempt: number;
  status_code: number | null;
  error: string | null;
  at: string;
}

/** Attempts kept per job at most: a long pipeline sends a dozen events, each tried up to 4 times. */
export const MAX_ATTEMPTS_KEPT = 200;

/** Every webhook attempt of a job, kept as long as a failed job is (`JOB_RETENTION_FAILED_MS`). */
export interface DeliveryLog {
  add(jobId: string, record: AttemptRecord): Promise<void>;
  list(jobId: string): Promise<AttemptRecord[]>;
}

export function latestState(records: readonly AttemptRecord[]): WebhookState | null {
  const last = records.at(-1);
  if (!last) return null;
  return {
    state: last.delivered ? 'delivered' : last.final ? 'failed' : 'retrying',
    event: last.event,
    attempt: last.attempt,
    status_code: last.status_code,
    error: last.error,
    at: last.at,
  };
}

/** The embedded mode's log: in memory, each job's attempts dropped once the retention has passed. */
export class MemoryDeliveryLog implements DeliveryLog {
  private readonly records = new Map<string, { attempts: AttemptRecord[]; expiresAt: number }>();

  constructor(private readonly retentionMs: number) {}

  async add(jobId: string, record: AttemptRecord): Promise<void> {
    this.forgetExpired();
    const entry = this.records.get(jobId);
    const expiresAt = Date.now() + this.retentionMs;
    if (!entry) {
      this.records.set(jobId, { attempts: [record], expiresAt });
      return;
    }
    entry.attempts.push(record);
    if (entry.attempts.length > MAX_ATTEMPTS_KEPT) entry.attempts.shift();
    entry.expiresAt = expiresAt;
    // Most recently written last, so the expired ones are found at the front.
    this.records.delete(jobId);
    this.records.set(jobId, entry);
  }

  async list(jobId: string): Promise<AttemptRecord[]> {
    const entry = this.records.get(jobId);
    return entry && entry.expiresAt > Date.now() ? [...entry.attempts] : [];
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [jobId, entry] of this.records) {
      if (entry.expiresAt > now) break;
      this.records.delete(jobId);
    }
  }
}

/**
 * The Redis mode's log: a list per job, shared by every instance, expiring with the retention.
 * Written on a `worker` connection (a write waits out an outage); read for requests on a `request`
 * connection, so a read while Redis is away is `REDIS_CONNECTION_FAILED` at once.
 */
export class RedisDeliveryLog implements DeliveryLog {
  constructor(
    private readonly writer: Redis,
    private readonly reader: Redis,
    private readonly prefix: string,
    private readonly retentionMs: number,
  ) {}

  private key(jobId: string): string {
    return `${this.prefix}:webhooks:log:${jobId}`;
  }

  async add(jobId: string, record: AttemptRecord): Promise<void> {
    const key = this.key(jobId);
    await this.writer.multi().rpush(key, JSON.stringify(record)).ltrim(key, -MAX_ATTEMPTS_KEPT, -1).pexpire(key, this.retentionMs).exec();
  }

  async list(jobId: string): Promise<AttemptRecord[]> {
    const raw = await viaRedis(() => this.reader.lrange(this.key(jobId), 0, -1));
    return raw.map((line) => JSON.parse(line) as AttemptRecord);
  }
}
