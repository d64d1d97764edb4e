import type { Logger } from 'pino';
import { AiosError, type Phase, type PhaseEvent } from '../contract/index.js';
import { runTool } from '../agents/pipeline.js';
import type {
  EnqueueRequest,
  EnqueueResult,
  Job,
  JobEvent,
  JobPage,
  JobQueue,
  JobRunner,
  ListOptions,
  QueueHealth,
  Unsubscribe,
} from './port.js';
import { isFinal } from './port.js';
import {
  applyPhaseEvent,
  decodeCursor,
  encodeCursor,
  eventOf,
  finishJob,
  markCancelled,
  markCompleted,
  markFailed,
  newJob,
  toJobError,
} from './record.js';

export interface EmbeddedQueueOptions {
  /** Jobs run at once (`QUEUE_CONCURRENCY`). */
  concurrency: number;
  phaseTimeoutsMs: Record<Phase, number>;
  /** How long finished jobs stay findable: completed 1 h, failed (and cancelled) 24 h by default. */
  retention: { completedMs: number; failedMs: number };
  /** How long an `Idempotency-Key` is remembered; 24 h by default. */
  idempotencyTtlMs?: number;
  /** What runs a job; `runTool` unless a caller brings its own workload. */
  run?: JobRunner;
  /** Already tagged `[Queue]` by the caller. */
  logger?: Logger;
}

interface Entry {
  seq: number;
  job: Job;
  events: JobEvent[];
  listeners: Set<(event: JobEvent) => void>;
  controller?: AbortController;
  expiry?: NodeJS.Timeout;
}

interface IdempotencyRecord {
  fingerprint: string;
  jobId: string;
  /** The job as first accepted, answered again if the job itself has expired. */
  accepted: Job;
  expiresAt: number;
}

const DAY_MS = 86_400_000;

const defaultRunner: JobRunner = (tool, input, options) => runTool(tool, input, options);

/** The in-process queue: FIFO, `concurrency` jobs at a time, nothing to install. Jobs live in memory. */
export class EmbeddedQueue implements JobQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: string[] = [];
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly everyEvent = new Set<(event: JobEvent) => void>();
  private readonly run: JobRunner;
  private readonly idempotencyTtlMs: number;
  private running = 0;
  private seq = 0;
  private closed = false;

  constructor(private readonly options: EmbeddedQueueOptions) {
    this.run = options.run ?? defaultRunner;
    this.idempotencyTtlMs = options.idempotencyTtlMs ?? DAY_MS;
  }

  async enqueue(request: EnqueueRequest): Promise<EnqueueResult> {
    if (this.closed) throw new AiosError('INTERNAL_ERROR', 'the queue is shutting down; retry shortly');
    const idempotencyId = request.idempotency ? `${request.owner}\u0000${request.idempotency.key}` : undefined;
    if (idempotencyId && request.idempotency) {
      const earlier = this.idempotency.get(idempotencyId);
      if (earlier && earlier.expiresAt > Date.now()) {
        if (earlier.fingerprint !== request.idempotency.fingerprint) {
          throw new AiosError(
            'IDEMPOTENCY_CONFLICT',
            'this Idempotency-Key was already used with a different request body; use a new key for a new job',
            { job_id: earlier.jobId },
          );
        }
        const current = this.live(earlier.jobId);
        return { job: current ? snapshot(current.job) : earlier.accepted, created: false };
      }
    }

    const job = newJob(request);
    const entry: Entry = { seq: ++this.seq, job, events: [], listeners: new Set() };
    this.entries.set(job.id, entry);
    this.waiting.push(job.id);
    if (idempotencyId && request.idempotency) {
      // Re-inserting keeps the map in time order, which the sweep relies on.
      this.idempotency.delete(idempotencyId);
      this.idempotency.set(idempotencyId, {
        fingerprint: request.idempotency.fingerprint,
        jobId: job.id,
        accepted: snapshot(job),
        expiresAt: Date.now() + this.idempotencyTtlMs,
      });
      this.forgetOldIdempotencyKeys();
    }
    this.emit(entry, {});
    this.options.logger?.info({ job_id: job.id, tool: job.tool, queued: this.waiting.length }, 'job queued');
    // The caller is answered with the job as accepted, even when a free slot starts it at once.
    const accepted = snapshot(job);
    this.pump();
    return { job: accepted, created: true };
  }

  async get(id: string): Promise<Job | undefined> {
    const entry = this.live(id);
    return entry ? snapshot(entry.job) : undefined;
  }

  async list(owner: string, options: ListOptions): Promise<JobPage> {
    const before = options.cursor ? decodeCursor(options.cursor) : Number.POSITIVE_INFINITY;
    const page: Entry[] = [];
    let more = false;
    const all = [...this.entries.values()];
    for (let index = all.length - 1; index >= 0; index -= 1) {
      const entry = all[index]!;
      if (entry.seq >= before || entry.job.owner !== owner) continue;
      if (this.expired(entry)) continue;
      if (options.status && entry.job.status !== options.status) continue;
      if (page.length === options.limit) {
        more = true;
        break;
      }
      page.push(entry);
    }
    const last = page.at(-1);
    return { jobs: page.map((entry) => snapshot(entry.job)), next_cursor: more && last ? encodeCursor(last.seq) : null };
  }

  async cancel(id: string): Promise<Job | undefined> {
    const entry = this.live(id);
    if (!entry) return undefined;
    const { job } = entry;
    if (isFinal(job.status)) return snapshot(job);
    const wasRunning = job.status === 'processing';
    const index = this.waiting.indexOf(id);
    if (index >= 0) this.waiting.splice(index, 1);
    markCancelled(job);
    this.finish(entry, 'cancelled', {});
    // The runner stops at its next step; its slot frees when its promise settles.
    entry.controller?.abort(new AiosError('AGENT_FAILURE', 'the job was cancelled', { cancelled: true }));
    this.options.logger?.info({ job_id: id, was_running: wasRunning }, 'job cancelled');
    return snapshot(job);
  }

  async subscribe(id: string, afterId: number, listener: (event: JobEvent) => void): Promise<Unsubscribe | undefined> {
    const entry = this.live(id);
    if (!entry) return undefined;
    for (const event of entry.events) if (event.id > afterId) listener(event);
    entry.listeners.add(listener);
    return () => {
      entry.listeners.delete(listener);
    };
  }

  async subscribeAll(listener: (event: JobEvent) => void): Promise<Unsubscribe> {
    this.everyEvent.add(listener);
    return () => {
      this.everyEvent.delete(listener);
    };
  }

  async health(): Promise<QueueHealth> {
    return { ok: !this.closed, mode: 'embedded', queued: this.waiting.length, processing: this.running };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    for (const entry of this.entries.values()) {
      clearTimeout(entry.expiry);
      entry.controller?.abort(new AiosError('AGENT_FAILURE', 'the server is shutting down'));
      entry.listeners.clear();
    }
  }

  /** Starts queued jobs in arrival order while slots are free. */
  private pump(): void {
    while (!this.closed && this.running < this.options.concurrency && this.waiting.length > 0) {
      const entry = this.entries.get(this.waiting.shift()!);
      if (entry && entry.job.status === 'queued') this.start(entry);
    }
  }

  private start(entry: Entry): void {
    const { job } = entry;
    const controller = new AbortController();
    entry.controller = controller;
    this.running += 1;
    job.status = 'processing';
    job.started_at = new Date().toISOString();
    this.emit(entry, {});
    this.options.logger?.info({ job_id: job.id, tool: job.tool, running: this.running }, 'job started');

    let outcome: Promise<unknown>;
    try {
      outcome = this.run(job.tool, job.input, {
        signal: controller.signal,
        onEvent: (event) => this.onPhaseEvent(entry, event),
        timeouts: this.options.phaseTimeoutsMs,
      });
    } catch (error) {
      outcome = Promise.reject(error);
    }
    outcome
      .then(
        (output) => {
          if (isFinal(job.status)) return;
          markCompleted(job, output);
          this.finish(entry, 'completed', { output });
          this.options.logger?.info({ job_id: job.id, tool: job.tool }, 'job completed');
        },
        (cause: unknown) => {
          if (isFinal(job.status)) return;
          const error = toJobError(cause, job.current_phase);
          markFailed(job, error);
          this.finish(entry, 'failed', { error });
          this.options.logger?.warn({ job_id: job.id, tool: job.tool, code: error.code, phase: error.phase }, 'job failed: %s', error.message);
        },
      )
      .finally(() => {
        this.running -= 1;
        delete entry.controller;
        this.pump();
      });
  }

  private onPhaseEvent(entry: Entry, event: PhaseEvent): void {
    if (isFinal(entry.job.status)) return;
    const change = applyPhaseEvent(entry.job, event);
    if (change) this.emit(entry, change);
  }

  private finish(entry: Entry, status: 'completed' | 'failed' | 'cancelled', extra: Partial<JobEvent>): void {
    const { job } = entry;
    const now = Date.now();
    const retention = status === 'completed' ? this.options.retention.completedMs : this.options.retention.failedMs;
    finishJob(job, status, retention, now);
    this.emit(entry, extra);
    entry.listeners.clear();
    entry.expiry = setTimeout(() => this.entries.delete(job.id), retention);
    entry.expiry.unref();
  }

  private emit(entry: Entry, extra: Partial<JobEvent>): void {
    const event: JobEvent = { id: entry.events.length + 1, ...eventOf(entry.job, extra) };
    entry.events.push(event);
    for (const listener of [...entry.listeners, ...this.everyEvent]) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger?.error({ err: error, job_id: entry.job.id }, 'event listener failed');
      }
    }
  }

  /** The entry, unless unknown or past its retention (a timer may not have fired yet). */
  private live(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry || this.expired(entry)) return undefined;
    return entry;
  }

  private expired(entry: Entry): boolean {
    if (!entry.job.expires_at || Date.parse(entry.job.expires_at) > Date.now()) return false;
    clearTimeout(entry.expiry);
    this.entries.delete(entry.job.id);
    return true;
  }

  private forgetOldIdempotencyKeys(): void {
    const now = Date.now();
    for (const [key, record] of this.idempotency) {
      // Records are inserted in time order, so the first live one ends the sweep.
      if (record.expiresAt > now) break;
      this.idempotency.delete(key);
    }
  }
}

function snapshot(job: Job): Job {
  return {
    ...job,
    phases: Object.fromEntries(Object.entries(job.phases).map(([phase, state]) => [phase, { ...state }])),
    error: job.error ? { ...job.error } : null,
  };
}
