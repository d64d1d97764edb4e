import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AiosError } from '../contract/index.js';
import { disconnect, viaRedis } from '../redis/connection.js';
import { redisFailure } from '../redis/failure.js';
import type { EnqueueRequest, EnqueueResult, Job, JobEvent, JobPage, JobQueue, ListOptions, QueueHealth, Unsubscribe } from './port.js';
import { isFinal } from './port.js';
import { deliverEvent, eventOf, finishJob, idempotencyConflict, markCancelled, newJob, shuttingDown } from './record.js';
import { JobEventBus, RedisJobStore, type Recorder } from './redis-store.js';

/** The BullMQ queue every API and worker process of one deployment shares. */
export const QUEUE_NAME = 'aios-jobs';

/** What BullMQ carries: the job's id; the job itself is in the job store. */
export interface QueuedJobData {
  id: string;
  /** The job as queued, so that a worker starts it without reading it back (absent on entries of older versions). */
  job?: Job;
}

export interface RetryPolicy {
  /** Runs of a job at most, the first included (`QUEUE_ATTEMPTS`, 3). */
  attempts: number;
  /** First retry delay; doubled each time (`QUEUE_BACKOFF_MS`). */
  backoffMs: number;
}

export interface BullMqQueueOptions {
  /** A `request` connection: fails at once while Redis is down. */
  client: Redis;
  /** A `subscriber` connection for the cluster's job events. */
  subscriber: Redis;
  prefix: string;
  retention: { completedMs: number; failedMs: number };
  retry: RetryPolicy;
  idempotencyTtlMs?: number;
  /** Told of the events this process records (a cancel): queues their webhook deliveries. */
  recorded?: Recorder;
  /** Jobs one owner may have queued or running at once, across the cluster (`MAX_ACTIVE_JOBS_PER_KEY`); more is `RATE_LIMITED`. Unbounded when not set. */
  maxActivePerOwner?: number;
  /** Already tagged `[Queue]` by the caller. */
  logger?: Logger;
}

const DAY_MS = 86_400_000;

/** How long a caller over its job cap is asked to wait (`Retry-After`): about the time a small job takes. */
const ACTIVE_CAP_RETRY_SECONDS = 5;

/** BullMQ's `removeOnComplete/Fail` for a retention in ms (BullMQ counts ages in seconds). */
export function removalAfter(ms: number): { age: number } {
  return { age: Math.max(1, Math.ceil(ms / 1_000)) };
}

interface Follower {
  id: string;
  lastId: number;
  listener: (event: JobEvent) => void;
}

/**
 * The queue port on Redis: jobs are queued with BullMQ (run by `JobWorker`s in any process),
 * their records and events live in Redis, and every process sees every event through pub/sub,
 * so a stream on one instance follows a job posted on another and run on a third.
 * Any Redis failure on a request path is `REDIS_CONNECTION_FAILED` at once.
 */
export class BullMqQueue implements JobQueue {
  readonly store: RedisJobStore;
  private readonly queue: Queue<QueuedJobData>;
  private readonly bus: JobEventBus;
  /** Who follows which job, by job id: every event of the cluster passes here, most for jobs nobody here follows. */
  private readonly followers = new Map<string, Set<Follower>>();
  private readonly everyEvent = new Set<(event: JobEvent) => void>();
  private readonly idempotencyTtlMs: number;
  private closed = false;

  constructor(private readonly options: BullMqQueueOptions) {
    this.store = new RedisJobStore(options.client, options.prefix, options.recorded);
    this.idempotencyTtlMs = options.idempotencyTtlMs ?? DAY_MS;
    this.queue = new Queue<QueuedJobData>(QUEUE_NAME, {
      connection: options.client,
      prefix: `${options.prefix}:bull`,
      defaultJobOptions: {
        attempts: options.retry.attempts,
        backoff: { type: 'exponential', delay: options.retry.backoffMs },
        removeOnComplete: removalAfter(options.retention.completedMs),
        removeOnFail: removalAfter(options.retention.failedMs),
      },
    });
    this.queue.on('error', (error: Error) => options.logger?.debug({ err: error }, 'queue error: %s', error.message));
    this.bus = new JobEventBus(options.subscriber, this.store.channel, options.logger);
    this.bus.on((event) => this.dispatch(event));
    this.bus.onReconnect(() => this.catchUp());
  }

  async enqueue(request: EnqueueRequest): Promise<EnqueueResult> {
    if (this.closed) throw shuttingDown();
    return this.request(async () => {
      const job = newJob(request);
      if (request.idempotency) {
        const earlier = await this.store.claimIdempotency(
          request.owner,
          request.idempotency.key,
          { fingerprint: request.idempotency.fingerprint, jobId: job.id, accepted: job },
          this.idempotencyTtlMs,
        );
        if (earlier) {
          if (earlier.fingerprint !== request.idempotency.fingerprint) {
            throw idempotencyConflict(earlier.jobId);
          }
          return { job: (await this.store.get(earlier.jobId)) ?? earlier.accepted, created: false };
        }
      }
      // The record and the queue entry are sent together, on one connection: Redis makes them in
      // that order, so a worker never meets an entry before its record. Until a worker takes it,
      // the record expires like a failed job: should queueing fail with Redis unreachable (so no
      // cleanup either), no ghost stays behind for ever.
      // The owner's cap on jobs queued or running is checked in the same write, so it holds across
      // every API process; a refused job's queue entry is removed like a failed queueing's below.
      const cap = this.options.maxActivePerOwner !== undefined ? { limit: this.options.maxActivePerOwner, active: 0 } : undefined;
      const [created, queued] = await Promise.allSettled([
        this.store.commit(job, [eventOf(job)], 'create', this.options.retention.failedMs, cap),
        this.queue.add('run', { id: job.id, job }, { jobId: job.id }),
      ]);
      const full = created.status === 'fulfilled' && created.value === 'full' && cap;
      const failure = full
        ? {
            reason: new AiosError('RATE_LIMITED', `this key already has ${cap.active} jobs queued or running, the most it may have at once; wait for one to end`, {
              limit: cap.limit,
              active: cap.active,
              retry_after_seconds: ACTIVE_CAP_RETRY_SECONDS,
            }),
          }
        : [created, queued].find((result) => result.status === 'rejected');
      if (failure) {
        // Not accepted: leave nothing behind that a worker or a list could find. A worker that took
        // the entry meanwhile finds its record gone and drops it.
        if (queued.status === 'fulfilled') await this.queue.remove(job.id).catch(() => undefined);
        if (!full) await this.store.discard(job).catch(() => undefined);
        if (request.idempotency) await this.store.releaseIdempotency(request.owner, request.idempotency.key).catch(() => undefined);
        throw failure.reason;
      }
      this.options.logger?.info({ job_id: job.id, tool: job.tool }, 'job queued');
      return { job, created: true };
    });
  }

  async get(id: string, options?: { output?: boolean }): Promise<Job | undefined> {
    return this.request(() => this.store.get(id, options?.output ?? true));
  }

  async list(owner: string, options: ListOptions): Promise<JobPage> {
    return this.request(() => this.store.list(owner, options));
  }

  async cancel(id: string): Promise<Job | undefined> {
    return this.request(async () => {
      for (;;) {
        const job = await this.store.get(id);
        if (!job || isFinal(job.status)) return job;
        const wasRunning = job.status === 'processing';
        markCancelled(job);
        finishJob(job, 'cancelled', this.options.retention.failedMs);
        const result = await this.store.commit(job, [eventOf(job)], 'update', this.options.retention.failedMs);
        // A worker moved the job on meanwhile: read it again and decide on what it is now.
        if (typeof result !== 'number') continue;
        // A waiting job leaves the queue now (a locked, just-started one stays: its worker sees the final
        // record at its next write). A running one is stopped by its worker, which hears the event and
        // ends its BullMQ job itself; removing that one here could race the worker and lose its history.
        if (!wasRunning) await this.queue.remove(id).catch(() => undefined);
        this.options.logger?.info({ job_id: id, was_running: wasRunning }, 'job cancelled');
        return job;
      }
    });
  }

  async subscribe(id: string, afterId: number, listener: (event: JobEvent) => void): Promise<Unsubscribe | undefined> {
    return this.request(async () => {
      // Listen first and replay second, so no event falls between the two; ids drop repeats.
      const held: JobEvent[] = [];
      const follower: Follower = { id, lastId: afterId, listener: (event) => held.push(event) };
      const deliver = (event: JobEvent) => {
        if (event.id <= follower.lastId) return;
        follower.lastId = event.id;
        listener(event);
      };
      this.follow(follower);
      try {
        const events = await this.store.eventsOfJob(id, afterId);
        if (!events) {
          this.unfollow(follower);
          return undefined;
        }
        for (const event of events) deliver(event);
      } catch (error) {
        this.unfollow(follower);
        throw error;
      }
      for (const event of held.splice(0)) deliver(event);
      follower.listener = deliver;
      return () => {
        this.unfollow(follower);
      };
    });
  }

  async subscribeAll(listener: (event: JobEvent) => void): Promise<Unsubscribe> {
    this.everyEvent.add(listener);
    return () => {
      this.everyEvent.delete(listener);
    };
  }

  async health(): Promise<QueueHealth> {
    try {
      if (this.options.client.status !== 'ready') throw new Error(`the connection is ${this.options.client.status}`);
      await this.options.client.ping();
      const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
      const depth = {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
      };
      return { ok: !this.closed, mode: 'redis', queued: depth.waiting + depth.delayed, processing: depth.active, depth };
    } catch (error) {
      return { ok: false, mode: 'redis', queued: 0, processing: 0, depth: {}, problem: redisFailure(error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.followers.clear();
    this.everyEvent.clear();
    await this.queue.close().catch(() => undefined);
    disconnect(this.options.subscriber);
    disconnect(this.options.client);
  }

  /**
   * Runs a request's Redis work, or refuses it at once while Redis is away (BullMQ would wait
   * for the connection; a caller should hear `REDIS_CONNECTION_FAILED` now instead).
   */
  private request<T>(operation: () => Promise<T>): Promise<T> {
    if (this.options.client.status !== 'ready') {
      return Promise.reject(redisFailure(new Error(`the connection is ${this.options.client.status}`)));
    }
    return viaRedis(operation);
  }

  private follow(follower: Follower): void {
    const followers = this.followers.get(follower.id);
    if (followers) followers.add(follower);
    else this.followers.set(follower.id, new Set([follower]));
  }

  private unfollow(follower: Follower): void {
    const followers = this.followers.get(follower.id);
    if (followers?.delete(follower) && followers.size === 0) this.followers.delete(follower.id);
  }

  private dispatch(event: JobEvent): void {
    const followers = this.followers.get(event.job_id);
    if (followers) for (const follower of [...followers]) deliverEvent(follower.listener, event, this.options.logger);
    for (const listener of [...this.everyEvent]) deliverEvent(listener, event, this.options.logger);
  }

  /** After Redis comes back, sends each follower the events published while it was away. */
  private catchUp(): void {
    for (const follower of [...this.followers.values()].flatMap((followers) => [...followers])) {
      this.store.eventsAfter(follower.id, follower.lastId).then(
        (events) => {
          for (const event of events) follower.listener(event);
        },
        (error: unknown) => this.options.logger?.warn({ err: error, job_id: follower.id }, 'could not catch up on job events'),
      );
    }
  }
}
