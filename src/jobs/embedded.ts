import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AiosError, type JobPhase, type PhaseEvent } from '../contract/index.js';
import { runTool } from '../agents/on-demand.js';
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
import { OutputStore, PackedOutput, packOutput, removeStaleOutputDirs, unpackOutput } from './output-store.js';
import { agentRunnerFor } from './thread-runner.js';
import {
  applyPhaseEvent,
  decodeCursor,
  deliverEvent,
  encodeCursor,
  eventOf,
  finishJob,
  idempotencyConflict,
  isoTime,
  markCancelled,
  markCompleted,
  markFailed,
  newJob,
  shuttingDown,
  toJobError,
} from './record.js';

export interface EmbeddedQueueOptions {
  /** Jobs run at once (`QUEUE_CONCURRENCY`). */
  concurrency: number;
  phaseTimeoutsMs: Record<JobPhase, number>;
  /** How long finished jobs stay findable: completed 1 h, failed (and cancelled) 24 h by default. */
  retention: { completedMs: number; failedMs: number };
  /** How long an `Idempotency-Key` is remembered; 24 h by default. */
  idempotencyTtlMs?: number;
  /** What runs a job; `runTool` unless a caller brings its own workload. */
  run?: JobRunner;
  /** Called on close after the jobs are stopped: releases what runs them (agent threads). */
  releaseRunner?: () => Promise<void>;
  /**
   * Where finished jobs' outputs are kept: `memoryBytes` of them in memory (compressed), the oldest
   * beyond that in files under `dir` (see OutputStore). Without it, all stay in memory.
   */
  outputs?: { memoryBytes: number; dir: string };
  /** Jobs one owner may have queued or running at once; more is `RATE_LIMITED`. Unbounded when not set. */
  maxActivePerOwner?: number;
  /** Already tagged `[Queue]` by the caller. */
  logger?: Logger;
}

/**
 * One job and what follows it. Thousands are kept for their retention, so every field is set at
 * creation (an entry never changes shape) and a listener set exists only while someone listens.
 */
interface Entry {
  seq: number;
  job: Job;
  /**
   * The job's events while it runs; once it has ended, their JSON compressed (`packEvents`), read
   * back only to replay them: a pipeline's ~40 events weigh ~10 kB as objects, ~1 kB packed.
   */
  events: JobEvent[] | Buffer;
  listeners: Set<(event: JobEvent) => void> | undefined;
  controller: AbortController | undefined;
  /** Epoch ms after which the job is no longer found; set when it ends. */
  expiresAt: number;
}

interface IdempotencyRecord {
  fingerprint: string;
  jobId: string;
  /** The job as first accepted, answered again if the job itself has expired. */
  accepted: Job;
  expiresAt: number;
}

const DAY_MS = 86_400_000;
/** setTimeout's longest wait; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Finished jobs whose unpacked events are kept for the streams replaying them (a pipeline's ~10 kB each). */
const REPLAYED_KEPT = 16;

/** How long a caller over its job cap is asked to wait (`Retry-After`): about the time a small job takes. */
const ACTIVE_CAP_RETRY_SECONDS = 5;

/**
 * The embedded queue as the configuration sets it: QUEUE_CONCURRENCY, the phase time limits,
 * retention, the agents on threads (AGENT_THREADS) unless a caller brings its own runner, outputs
 * within EMBEDDED_OUTPUT_MEMORY_MB (the rest under DATA_DIR/job-outputs), MAX_ACTIVE_JOBS_PER_KEY.
 */
export function embeddedQueueFor(config: Config, logger?: Logger, run?: JobRunner): EmbeddedQueue {
  // The threads send large outputs compressed, as the output store keeps them.
  const runner = run ? undefined : agentRunnerFor(config, logger, { packOutputs: true });
  const outputsRoot = path.join(config.dataDir, 'job-outputs');
  void removeStaleOutputDirs(outputsRoot, logger);
  return new EmbeddedQueue({
    concurrency: config.queueConcurrency,
    phaseTimeoutsMs: config.phaseTimeoutsMs,
    retention: config.retention,
    run: run ?? runner!.run,
    ...(runner ? { releaseRunner: runner.close } : {}),
    outputs: { memoryBytes: config.embeddedOutputMemoryBytes, dir: path.join(outputsRoot, `${process.pid}-${randomBytes(4).toString('hex')}`) },
    maxActivePerOwner: config.maxActiveJobsPerKey,
    ...(logger ? { logger } : {}),
  });
}

/** The in-process queue: FIFO, `concurrency` jobs at a time, nothing to install. Jobs live in memory. */
export class EmbeddedQueue implements JobQueue {
  private readonly entries = new Map<string, Entry>();
  /**
   * Each owner's entries in the order they were made, so a page of one owner's jobs is read
   * without walking everyone's. Swept entries leave it in batches (`gone` counts them).
   */
  private readonly byOwner = new Map<string, { entries: Entry[]; gone: number }>();
  private readonly waiting: string[] = [];
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  /**
   * Idempotency keys in the order they expire, read from `idempotencyHead`. Not the map's own
   * order: V8 walks every deleted slot before a map's first live entry, so finding the oldest
   * by iterating a map that keeps losing its head costs more the longer the server runs.
   */
  private readonly idempotencyOrder: Array<{ key: string; expiresAt: number }> = [];
  private idempotencyHead = 0;
  private readonly everyEvent = new Set<(event: JobEvent) => void>();
  /**
   * Finished jobs in the order they ended, one line per retention: each line's expiry times only
   * grow, so one timer for the earliest head frees them all, without a timer per job.
   */
  private readonly ended = { completed: [] as Entry[], failed: [] as Entry[] };
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly run: JobRunner;
  private readonly idempotencyTtlMs: number;
  /** Finished jobs' outputs: a finished job's record holds none (`output: null`). */
  private readonly outputs: OutputStore;
  /** Jobs queued or running, by owner. */
  private readonly active = new Map<string, number>();
  /**
   * The events of the finished jobs replayed last, unpacked: streams opened on one job share its
   * event objects, so that each event is framed once for all of them (see stream.ts), as it is live.
   */
  private readonly replayed = new Map<string, JobEvent[]>();
  private running = 0;
  private pumpScheduled = false;
  private seq = 0;
  private closed = false;

  constructor(private readonly options: EmbeddedQueueOptions) {
    this.run = options.run ?? runTool;
    this.idempotencyTtlMs = options.idempotencyTtlMs ?? DAY_MS;
    this.outputs = new OutputStore({
      memoryBytes: options.outputs?.memoryBytes ?? Number.POSITIVE_INFINITY,
      ...(options.outputs ? { dir: options.outputs.dir } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** Bytes of finished outputs held in memory now; how many are in files, and on their way (for tests). */
  get outputMemory(): { bytes: number; inFiles: number; moving: number } {
    return { bytes: this.outputs.memoryBytes, ...this.outputs.counts };
  }

  async enqueue(request: EnqueueRequest): Promise<EnqueueResult> {
    if (this.closed) throw shuttingDown();
    const idempotencyId = request.idempotency ? `${request.owner}\u0000${request.idempotency.key}` : undefined;
    if (idempotencyId && request.idempotency) {
      const earlier = this.idempotency.get(idempotencyId);
      if (earlier && earlier.expiresAt > Date.now()) {
        if (earlier.fingerprint !== request.idempotency.fingerprint) {
          throw idempotencyConflict(earlier.jobId);
        }
        const current = this.live(earlier.jobId);
        return { job: current ? snapshot(current.job) : earlier.accepted, created: false };
      }
    }

    const cap = this.options.maxActivePerOwner;
    const active = this.active.get(request.owner) ?? 0;
    if (cap !== undefined && active >= cap) {
      throw new AiosError('RATE_LIMITED', `this key already has ${active} jobs queued or running, the most it may have at once; wait for one to end`, {
        limit: cap,
        active,
        retry_after_seconds: ACTIVE_CAP_RETRY_SECONDS,
      });
    }
    this.active.set(request.owner, active + 1);

    const job = newJob(request);
    const entry: Entry = { seq: ++this.seq, job, events: [], listeners: undefined, controller: undefined, expiresAt: Number.POSITIVE_INFINITY };
    this.entries.set(job.id, entry);
    const own = this.byOwner.get(job.owner);
    if (own) own.entries.push(entry);
    else this.byOwner.set(job.owner, { entries: [entry], gone: 0 });
    this.waiting.push(job.id);
    if (idempotencyId && request.idempotency) {
      const expiresAt = Date.now() + this.idempotencyTtlMs;
      this.idempotency.set(idempotencyId, { fingerprint: request.idempotency.fingerprint, jobId: job.id, accepted: snapshot(job), expiresAt });
      this.idempotencyOrder.push({ key: idempotencyId, expiresAt });
      this.forgetOldIdempotencyKeys();
    }
    this.emit(entry, {}, job.created_at);
    this.options.logger?.info({ job_id: job.id, tool: job.tool, queued: this.waiting.length }, 'job queued');
    // The caller is answered with the job as accepted; it starts on the next turn of the event
    // loop, so that the answer goes out before an agent's first stretch of work holds the loop.
    const accepted = snapshot(job);
    this.schedulePump();
    return { job: accepted, created: true };
  }

  async get(id: string, options?: { output?: boolean }): Promise<Job | undefined> {
    const entry = this.live(id);
    if (!entry) return undefined;
    if (entry.job.status !== 'completed' || options?.output === false) return snapshot(entry.job);
    const output = await this.outputs.get(id);
    // Expired while it was read back: not found, as it would be a moment later.
    if (!this.live(id)) return undefined;
    return { ...entry.job, output: output ?? null };
  }

  async list(owner: string, options: ListOptions): Promise<JobPage> {
    const before = options.cursor ? decodeCursor(options.cursor) : Number.POSITIVE_INFINITY;
    const page: Entry[] = [];
    let more = false;
    const own = this.byOwner.get(owner)?.entries ?? [];
    // Newest first, from the last entry made before the cursor (the list is in `seq` order).
    for (let index = lastBefore(own, before); index >= 0; index -= 1) {
      const entry = own[index]!;
      // Swept entries are past their retention too.
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
    const events = this.eventsOf(entry);
    // A completed job's last event carries its output, kept apart from the event: read it back first.
    const last = events.at(-1);
    let output: unknown;
    if (last && last.id > afterId && last.status === 'completed') output = await this.outputs.get(id);
    for (const event of events) {
      if (event.id <= afterId) continue;
      listener(event === last && last.status === 'completed' ? { ...event, output: output ?? null } : event);
    }
    if (isFinal(entry.job.status)) return () => undefined;
    const listeners = (entry.listeners ??= new Set());
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }

  async subscribeAll(listener: (event: JobEvent) => void): Promise<Unsubscribe> {
    this.everyEvent.add(listener);
    return () => {
      this.everyEvent.delete(listener);
    };
  }

  async health(): Promise<QueueHealth> {
    const queued = this.waiting.length;
    return { ok: !this.closed, mode: 'embedded', queued, processing: this.running, depth: { waiting: queued, active: this.running } };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    clearTimeout(this.sweepTimer);
    for (const entry of this.entries.values()) {
      entry.controller?.abort(new AiosError('AGENT_FAILURE', 'the server is shutting down'));
      entry.listeners = undefined;
    }
    await this.options.releaseRunner?.();
    await this.outputs.close();
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
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
    job.started_at = isoTime();
    this.emit(entry, {}, job.started_at);
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
        entry.controller = undefined;
        this.pump();
      });
  }

  private onPhaseEvent(entry: Entry, event: PhaseEvent): void {
    if (isFinal(entry.job.status)) return;
    const change = applyPhaseEvent(entry.job, event);
    if (change) this.emit(entry, change, 'at' in event ? event.at : undefined);
  }

  private finish(entry: Entry, status: 'completed' | 'failed' | 'cancelled', extra: Partial<JobEvent>): void {
    const { job } = entry;
    const now = Date.now();
    const retention = status === 'completed' ? this.options.retention.completedMs : this.options.retention.failedMs;
    finishJob(job, status, retention, now);
    entry.expiresAt = now + retention;
    const left = (this.active.get(job.owner) ?? 1) - 1;
    if (left > 0) this.active.set(job.owner, left);
    else this.active.delete(job.owner);
    // An output that came packed is unpacked for the job's own listeners (a stream sends it), once;
    // with none, the event carries it packed (the metrics read its engine records, JSON writes it whole).
    const output = extra.output instanceof PackedOutput && entry.listeners?.size ? { ...extra, output: extra.output.unpack() } : extra;
    // The output leaves the record for the output store, which bounds its memory; it is stored
    // before the event goes out, so that a listener reading the job on it (SSE, webhooks) finds it.
    if (status === 'completed') {
      this.outputs.put(job.id, job.output);
      job.output = null;
    }
    this.emit(entry, output, job.finished_at ?? undefined);
    entry.listeners = undefined;
    // The events are packed without the output (their last one is given it back when replayed).
    const events = entry.events as JobEvent[];
    if (status === 'completed') {
      // `null` holds the output's place in the event, where a replay puts it back.
      events[events.length - 1] = { ...events.at(-1)!, output: null };
    }
    entry.events = packEvents(events);
    const line = status === 'completed' ? this.ended.completed : this.ended.failed;
    line.push(entry);
    if (line.length === 1) this.scheduleSweep();
  }

  /** The job's events: as they are while it runs, unpacked (once for its concurrent replays) once it has ended. */
  private eventsOf(entry: Entry): JobEvent[] {
    if (Array.isArray(entry.events)) return entry.events;
    let events = this.replayed.get(entry.job.id);
    if (!events) {
      events = unpackEvents(entry.events);
      this.replayed.set(entry.job.id, events);
      if (this.replayed.size > REPLAYED_KEPT) this.replayed.delete(this.replayed.keys().next().value!);
    }
    return events;
  }

  /** Adds the job's next event, at `at` (now unless given), and hands it to whoever listens. */
  private emit(entry: Entry, extra: Partial<JobEvent>, at?: string): void {
    // Only a job that has not ended has events to add, kept as objects (see `finish`).
    const events = entry.events as JobEvent[];
    const event = eventOf(entry.job, { ...extra, id: events.length + 1 }, at) as JobEvent;
    events.push(event);
    if (entry.listeners) for (const listener of [...entry.listeners]) deliverEvent(listener, event, this.options.logger);
    for (const listener of this.everyEvent) deliverEvent(listener, event, this.options.logger);
  }

  /** Drops the jobs past their retention, then waits for the next one to expire. */
  private sweep(): void {
    this.sweepTimer = undefined;
    const now = Date.now();
    for (const line of [this.ended.completed, this.ended.failed]) {
      let expired = 0;
      while (expired < line.length && line[expired]!.expiresAt <= now) {
        this.drop(line[expired]!);
        expired += 1;
      }
      line.splice(0, expired);
    }
    this.scheduleSweep();
  }

  private drop(entry: Entry): void {
    this.entries.delete(entry.job.id);
    this.outputs.delete(entry.job.id);
    const own = this.byOwner.get(entry.job.owner);
    if (!own) return;
    own.gone += 1;
    // Compacted once half are gone, so each entry is copied a bounded number of times.
    if (own.gone * 2 < own.entries.length) return;
    own.entries = own.entries.filter((kept) => this.entries.get(kept.job.id) === kept);
    own.gone = 0;
    if (own.entries.length === 0) this.byOwner.delete(entry.job.owner);
  }

  private scheduleSweep(): void {
    if (this.closed) return;
    const next = Math.min(this.ended.completed[0]?.expiresAt ?? Infinity, this.ended.failed[0]?.expiresAt ?? Infinity);
    if (next === Infinity) return;
    clearTimeout(this.sweepTimer);
    // At least a second apart (jobs ending close together are dropped together), and within what a timer can wait.
    this.sweepTimer = setTimeout(() => this.sweep(), Math.min(MAX_TIMER_MS, Math.max(1_000, next - Date.now())));
    this.sweepTimer.unref();
  }

  /** The entry, unless unknown or past its retention (the sweep may not have dropped it yet). */
  private live(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry || this.expired(entry)) return undefined;
    return entry;
  }

  private expired(entry: Entry): boolean {
    return entry.expiresAt <= Date.now();
  }

  private forgetOldIdempotencyKeys(): void {
    const now = Date.now();
    const order = this.idempotencyOrder;
    while (this.idempotencyHead < order.length && order[this.idempotencyHead]!.expiresAt <= now) {
      const { key } = order[this.idempotencyHead]!;
      this.idempotencyHead += 1;
      // The key may have been used again since: only its expired record goes.
      const record = this.idempotency.get(key);
      if (record && record.expiresAt <= now) this.idempotency.delete(key);
    }
    if (this.idempotencyHead > 1024 && this.idempotencyHead * 2 > order.length) {
      order.splice(0, this.idempotencyHead);
      this.idempotencyHead = 0;
    }
  }
}

/** A finished job's events as the queue keeps them: their JSON, compressed as outputs are. */
function packEvents(events: JobEvent[]): Buffer {
  return packOutput(JSON.stringify(events));
}

function unpackEvents(packed: Buffer): JobEvent[] {
  return unpackOutput(packed) as JobEvent[];
}

/** The index of the last entry whose `seq` is below `before` (entries are in `seq` order), -1 if none. */
function lastBefore(entries: Entry[], before: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle]!.seq < before) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * The job as callers may keep it: a copy while it can still change, the record itself once it has
 * ended (nothing writes to a finished job again, and reads of finished jobs are most of the traffic).
 */
function snapshot(job: Job): Job {
  if (isFinal(job.status)) return job;
  const phases: Job['phases'] = {};
  for (const phase in job.phases) phases[phase as JobPhase] = { ...job.phases[phase as JobPhase]! };
  return { ...job, phases, error: job.error ? { ...job.error } : null };
}
