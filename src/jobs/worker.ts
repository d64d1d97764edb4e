import { hostname } from 'node:os';
import { Job as BullJob, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AiosError, type JobPhase } from '../contract/index.js';
import { disconnect } from '../redis/connection.js';
import { QUEUE_NAME, removalAfter, type QueuedJobData, type RetryPolicy } from './bullmq.js';
import type { Job, JobEvent, JobRunner } from './port.js';
import { isFinal } from './port.js';
import { applyPhaseEvent, eventOf, finishJob, markCompleted, markFailed, resetJob, toJobError } from './record.js';
import { RedisJobStore, listenForCancels, type CommitRefusal, type Recorder } from './redis-store.js';

export interface JobWorkerOptions {
  /** A `worker` connection: its commands wait for Redis rather than fail. */
  client: Redis;
  /** A `subscriber` connection, to hear cancellations made on any API process. */
  subscriber: Redis;
  prefix: string;
  /** Jobs this worker runs at once (`QUEUE_CONCURRENCY`). */
  concurrency: number;
  phaseTimeoutsMs: Record<JobPhase, number>;
  retention: { completedMs: number; failedMs: number };
  retry: RetryPolicy;
  /**
   * How long a job's lock lasts without renewal (`QUEUE_LOCK_MS`): a worker that dies leaves its
   * jobs to be taken over by another after about this long.
   */
  lockMs: number;
  /** What runs a job: `runTool`, or a caller's own workload (see `openWorker`). */
  run: JobRunner;
  /**
   * Told of every event this worker records, before it goes on: the webhook deliveries they call
   * for are queued, and a job failed by a bug is reported (once: here, where it failed).
   */
  recorded?: Recorder;
  /**
   * Told of a job's stored events when a run finds the job ended (a rerun of a job whose worker
   * died after writing its final event, or a job cancelled meanwhile): the webhook deliveries the
   * earlier process had not queued yet are queued. Never throws.
   */
  requeue?: Recorder;
  /** Already tagged `[Queue]` by the caller. */
  logger?: Logger;
}

/** Why a running job was stopped from outside its run. */
class Stopped extends Error {
  constructor(readonly why: 'cancelled' | 'gone' | 'shutdown') {
    super(
      {
        cancelled: 'the job was cancelled',
        gone: 'the job has expired, or ended in another worker',
        shutdown: 'the worker is shutting down; the job goes back to the queue',
      }[why],
    );
  }
}

/**
 * Which failures are worth another attempt: an unexpected error (`AGENT_FAILURE`, or anything not
 * a contract error, such as a lost Redis connection). Invalid input, a timeout and every other
 * contract error would fail the same way again, so they fail the job at once.
 */
export function isTransient(cause: unknown): boolean {
  if (!(cause instanceof AiosError)) return true;
  const details = cause.details as { cancelled?: boolean } | undefined;
  return cause.code === 'AGENT_FAILURE' && !details?.cancelled;
}

/**
 * Writes a running job's changes to the store. Every event is appended, in order; the record is
 * written as it is when its events go out, since only its latest state matters. Events met in one
 * stretch of work go out together, in one script call, at the next microtask; calls are not awaited
 * one by one, because Redis runs the commands of one connection in the order they were sent.
 * Holds: every change to the job between two writes comes with an event added here.
 */
class JobWriter {
  private pending: Omit<JobEvent, 'id'>[] = [];
  private scheduled = false;
  private inFlight = new Set<Promise<unknown>>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly store: RedisJobStore,
    private readonly job: Job,
    /** Told when the store refuses a write: the job has ended (cancelled...) or is gone. */
    private readonly onRefused: (why: CommitRefusal) => void,
  ) {}

  /** `hold` keeps the event for the next write instead of scheduling one (the job's end is near). */
  add(event: Omit<JobEvent, 'id'>, hold = false): void {
    this.pending.push(event);
    if (this.scheduled || hold) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** Sends the events not yet sent, with the record as it is now. */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    void this.send(this.pending.splice(0), 0);
  }

  /**
   * Writes the job's last change (`ttlMs` as for `commit`) after every event before it, and waits
   * for all the writes. Throws the first write that failed.
   */
  async finish(event: Omit<JobEvent, 'id'>, ttlMs: number): Promise<number | CommitRefusal> {
    this.pending.push(event);
    this.scheduled = false;
    const last = this.send(this.pending.splice(0), ttlMs);
    await this.settled();
    return last;
  }

  /** Waits for the writes sent so far; throws the first that failed. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    if (this.failure) throw this.failure.error;
  }

  private send(events: Omit<JobEvent, 'id'>[], ttlMs: number): Promise<number | CommitRefusal> {
    const written = this.store.commit(this.job, events, 'update', ttlMs);
    const tracked = written.then(
      (result) => {
        if (typeof result !== 'number') this.onRefused(result);
      },
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
    return written;
  }
}

/**
 * Runs queued jobs in this process: BullMQ hands it jobs (any number of workers, in any process,
 * share them), it runs each with the agents' pipeline and writes every change to the job store,
 * where all API processes see it. Stalled jobs of a dead worker are taken over by BullMQ's
 * stalled checks; a job runs from its start again, and its final status is written only once.
 */
export class JobWorker {
  private readonly worker: Worker<QueuedJobData>;
  private readonly store: RedisJobStore;
  private readonly running = new Map<string, AbortController>();
  /** Jobs handed to the processor and not yet returned from it. */
  private taken = 0;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: JobWorkerOptions) {
    this.store = new RedisJobStore(options.client, options.prefix, options.recorded);
    listenForCancels(options.subscriber, this.store.cancelChannel, (id) => this.running.get(id)?.abort(new Stopped('cancelled')), options.logger);
    this.worker = new Worker<QueuedJobData>(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: options.client,
      prefix: `${options.prefix}:bull`,
      // Shown as the job's `processedBy` in BullMQ tools: which machine and process ran it.
      name: `${hostname()}:${process.pid}`,
      // Raised as jobs start, up to QUEUE_CONCURRENCY: see `fitSlots`.
      concurrency: 1,
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      // A job is taken over at most twice (a crash, then a Redis outage) before it is failed.
      maxStalledCount: 2,
      removeOnComplete: removalAfter(options.retention.completedMs),
      removeOnFail: removalAfter(options.retention.failedMs),
      // Short polls so that a worker stops promptly on shutdown.
      drainDelay: 1,
    });
    this.worker.on('error', (error: Error) => options.logger?.debug({ err: error }, 'worker error: %s', error.message));
    this.worker.on('stalled', (id: string) => {
      options.logger?.warn({ job_id: id }, 'job stalled (its worker stopped); another worker takes it over');
      this.failIfGivenUp(id).catch((error: unknown) => options.logger?.error({ err: error, job_id: id }, 'could not check a stalled job'));
    });
  }

  /** Resolves once the worker is connected and taking jobs. */
  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /** Jobs running now. */
  get active(): number {
    return this.running.size;
  }

  /**
   * Stops taking jobs and lets the running ones finish for up to `graceMs`; those still running
   * then are stopped and handed back to the queue, where another worker starts them again.
   */
  close(graceMs: number): Promise<void> {
    this.closing ??= (async () => {
      const finished = this.worker.close();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const first = await Promise.race([finished.then(() => 'done' as const), graceOver]);
      clearTimeout(timer);
      if (first === 'timeout') {
        this.options.logger?.warn({ running: this.running.size }, 'shutdown: handing unfinished jobs back to the queue');
        for (const controller of this.running.values()) controller.abort(new Stopped('shutdown'));
        await finished;
      }
      disconnect(this.options.subscriber);
      disconnect(this.options.client);
    })();
    return this.closing;
  }

  /**
   * A job that stalled too often is failed by BullMQ itself, without its processor running:
   * its record must end too, or callers would see it `processing` until it expires.
   */
  private async failIfGivenUp(id: string): Promise<void> {
    const bullJob = await BullJob.fromId<QueuedJobData>(this.worker, id);
    if (!bullJob || !(await bullJob.isFailed())) return;
    const job = await this.store.get(bullJob.data.id, false);
    if (!job || isFinal(job.status)) return;
    const error = toJobError(
      new AiosError('AGENT_FAILURE', 'the job was stopped too many times (its workers died or lost Redis); post it again', { stalled: true }),
      job.current_phase,
    );
    markFailed(job, error);
    finishJob(job, 'failed', this.options.retention.failedMs);
    await this.store.commit(job, [eventOf(job, { error })], 'update', this.options.retention.failedMs);
  }

  /**
   * BullMQ's worker keeps fetching until it holds `concurrency` jobs, and only then starts the first
   * it took: an idle worker would pay one more round trip (a fetch that finds nothing) on every
   * pickup. So it may hold one job more than it runs, up to QUEUE_CONCURRENCY: it starts a job as
   * soon as it has it, and waits for the next while that one runs. The processor is called before
   * BullMQ's loop goes on, so the limit is raised in time (a test holds two jobs running at once).
   */
  private fitSlots(): void {
    this.worker.concurrency = Math.min(this.options.concurrency, this.taken + 1);
  }

  private async process(bullJob: BullJob<QueuedJobData>, token: string | undefined): Promise<string> {
    this.taken += 1;
    this.fitSlots();
    try {
      const result = await this.runJob(bullJob, token);
      if (result === 'skipped' || result === 'cancelled') await this.requeueEnded(bullJob.data.id);
      return result;
    } finally {
      this.taken -= 1;
      this.fitSlots();
    }
  }

  /**
   * The job has ended without this run: its last writer may have died between the write of an
   * event and the queueing of its delivery, so the deliveries of its stored events are queued
   * where missing (idempotent by event id).
   */
  private async requeueEnded(id: string): Promise<void> {
    if (!this.options.requeue) return;
    try {
      const job = await this.store.get(id);
      if (!job || !isFinal(job.status)) return;
      await this.options.requeue(job, await this.store.eventsAfter(id, 0));
    } catch (error) {
      this.options.logger?.error({ err: error, job_id: id }, 'could not queue the missing webhook deliveries of an ended job');
    }
  }

  private async runJob(bullJob: BullJob<QueuedJobData>, token: string | undefined): Promise<string> {
    const { id } = bullJob.data;
    // The record as queued spares a read; what may have happened to it since (a cancel, a worker
    // that finished it and then lost its lock, its expiry) gets its first write refused below.
    const job = bullJob.data.job ?? (await this.store.get(id, false));
    if (!job || isFinal(job.status)) return 'skipped';

    const attempt = bullJob.attemptsMade + 1;
    if (job.status !== 'queued') resetJob(job);
    job.status = 'processing';
    job.started_at = new Date().toISOString();
    const takenOver = bullJob.stalledCounter > 0 && attempt === 1;
    const note = attempt > 1 ? `attempt ${attempt} of ${this.options.retry.attempts}` : takenOver ? 'taken over from a worker that stopped' : undefined;

    const controller = new AbortController();
    this.running.set(id, controller);
    // A refused write means the job was cancelled, has expired, or was finished by a worker that
    // then lost its lock: that stops the run. The start itself is written while the job runs, not
    // waited for; should it be refused, the run stops at its next step and its output is dropped.
    const writer = new JobWriter(this.store, job, (why) => controller.abort(new Stopped(why === 'final' ? 'cancelled' : 'gone')));
    writer.add(eventOf(job, note ? { note } : {}));
    writer.flush();
    this.options.logger?.info({ job_id: id, tool: job.tool, attempt, running: this.running.size }, 'job started');
    const lastPhase = Object.keys(job.phases).at(-1);
    try {
      const output = await this.options.run(job.tool, job.input, {
        signal: controller.signal,
        onEvent: (event) => {
          if (controller.signal.aborted) return;
          const extra = applyPhaseEvent(job, event);
          // The last phase's end is held for the job's end, which follows at once: one write, one
          // event message and one stream write fewer on the way to the final event.
          if (extra) writer.add(eventOf(job, extra), event.type === 'phase_completed' && event.phase === lastPhase);
        },
        timeouts: this.options.phaseTimeoutsMs,
      });
      if (controller.signal.aborted) throw controller.signal.reason;
      // The progress not yet written (the last phase's end) goes out in the same write as the job's end.
      markCompleted(job, output);
      finishJob(job, 'completed', this.options.retention.completedMs);
      const written = await writer.finish(eventOf(job, { output }), this.options.retention.completedMs);
      // Cancelled in the last instant: the cancel stands, the output is dropped.
      if (typeof written !== 'number') return written === 'final' ? 'cancelled' : 'skipped';
      this.options.logger?.info({ job_id: id, tool: job.tool }, 'job completed');
      return 'completed';
    } catch (cause) {
      writer.flush();
      await writer.settled().catch(() => undefined);
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : cause;
      return await this.failed(bullJob, token, job, reason, attempt);
    } finally {
      this.running.delete(id);
    }
  }

  private async failed(bullJob: BullJob<QueuedJobData>, token: string | undefined, job: Job, cause: unknown, attempt: number): Promise<string> {
    if (cause instanceof Stopped && cause.why !== 'shutdown') {
      this.options.logger?.info({ job_id: job.id }, 'job stopped: %s', cause.message);
      return cause.why === 'cancelled' ? 'cancelled' : 'skipped';
    }
    if (cause instanceof Stopped) {
      resetJob(job);
      await this.store.commit(job, [eventOf(job, { note: 'back in the queue: its worker shut down' })], 'update');
      await bullJob.moveToWait(token);
      throw new WaitingError();
    }
    const error = toJobError(cause, job.current_phase);
    if (isTransient(cause) && attempt < this.options.retry.attempts) {
      resetJob(job);
      await this.store.commit(job, [eventOf(job, { note: `attempt ${attempt} failed (${error.message}); retrying` })], 'update');
      this.options.logger?.warn({ job_id: job.id, attempt, code: error.code }, 'job attempt failed, retrying: %s', error.message);
      throw cause instanceof Error ? cause : new Error(error.message);
    }
    markFailed(job, error);
    finishJob(job, 'failed', this.options.retention.failedMs);
    await this.store.commit(job, [eventOf(job, { error })], 'update', this.options.retention.failedMs);
    this.options.logger?.warn({ job_id: job.id, tool: job.tool, code: error.code, phase: error.phase }, 'job failed: %s', error.message);
    // Failed for good: BullMQ must not try again.
    throw new UnrecoverableError(error.message);
  }
}
