import { randomUUID } from 'node:crypto';
import { AiosError, type JobError, type JobPhase, type Phase, type PhaseEvent } from '../contract/index.js';
import { phasesOf } from '../agents/phases.js';
import type { Logger } from 'pino';
import type { EnqueueRequest, Job, JobEvent } from './port.js';

/**
 * How a job record changes, independent of where it is kept: the Redis adapter and its workers
 * share these so that a job reads the same whichever process touched it last.
 */

/**
 * A new job id. `randomUUID()` joins its string from pieces that V8 keeps as a tree of about 490
 * bytes; reading a character flattens it to one string of about 60, which matters for ids that
 * thousands of retained jobs and their events hold.
 */
export function newJobId(): string {
  const id = randomUUID();
  id.charCodeAt(0);
  return id;
}

/** Recently formatted times, by millisecond: jobs made in the same millisecond share one string. */
const recentIso = new Map<number, string>();
const RECENT_ISO_LIMIT = 64;

/** `new Date(ms).toISOString()`, formatted once per millisecond value. */
export function isoTime(ms: number = Date.now()): string {
  let text = recentIso.get(ms);
  if (text === undefined) {
    if (recentIso.size >= RECENT_ISO_LIMIT) recentIso.clear();
    text = new Date(ms).toISOString();
    recentIso.set(ms, text);
  }
  return text;
}

export function newJob(request: EnqueueRequest): Job {
  const phases: Job['phases'] = {};
  for (const phase of phasesOf(request.tool, request.input as { phases?: Phase[] })) phases[phase] = { status: 'pending', percent: 0 };
  return {
    id: newJobId(),
    tool: request.tool,
    owner: request.owner,
    status: 'queued',
    progress: 0,
    phases,
    current_phase: null,
    input: request.input,
    output: null,
    error: null,
    webhook_url: request.webhookUrl ?? null,
    created_at: isoTime(),
    started_at: null,
    finished_at: null,
    expires_at: null,
  };
}

/** Back to the state of a job that has not started: a retry or a taken-over job runs from the start. */
export function resetJob(job: Job): void {
  job.status = 'queued';
  job.progress = 0;
  job.current_phase = null;
  job.started_at = null;
  for (const state of Object.values(job.phases)) {
    state.status = 'pending';
    state.percent = 0;
    delete state.started_at;
    delete state.duration_ms;
  }
}

/** Applies one pipeline event to the job; returns what its `status_update` adds. */
export function applyPhaseEvent(job: Job, event: PhaseEvent): Partial<JobEvent> | undefined {
  const state = job.phases[event.phase];
  if (!state) return undefined;
  switch (event.type) {
    case 'phase_started':
      state.status = 'processing';
      state.started_at = event.at;
      state.percent = 0;
      job.current_phase = event.phase;
      break;
    case 'phase_progress':
      state.percent = event.percent;
      break;
    case 'phase_completed':
      state.status = 'completed';
      state.percent = 100;
      state.duration_ms = event.duration_ms;
      break;
    case 'phase_failed':
      state.status = 'failed';
      state.duration_ms = event.duration_ms;
      break;
  }
  job.progress = progressOf(job);
  return {
    phase: event.phase,
    phase_status: state.status,
    ...(event.type === 'phase_progress' ? { note: event.note } : {}),
  };
}

export function markCompleted(job: Job, output: unknown): void {
  job.output = output;
  for (const state of Object.values(job.phases)) {
    state.status = 'completed';
    state.percent = 100;
  }
  job.progress = 100;
}

export function markFailed(job: Job, error: JobError): void {
  job.error = error;
  for (const state of Object.values(job.phases)) {
    if (state.status === 'pending') state.status = 'skipped';
    if (state.status === 'processing') state.status = 'failed';
  }
}

export function markCancelled(job: Job): void {
  for (const state of Object.values(job.phases)) {
    if (state.status === 'pending' || state.status === 'processing') state.status = 'cancelled';
  }
}

/**
 * Sets the final status and when the job stops being found. The input goes: only the run reads it,
 * and a long idea need not be kept (in memory or in Redis) for the whole retention.
 */
export function finishJob(job: Job, status: 'completed' | 'failed' | 'cancelled', retentionMs: number, now = Date.now()): void {
  job.status = status;
  job.input = null;
  job.finished_at = isoTime(now);
  job.expires_at = isoTime(now + retentionMs);
}

/**
 * The `status_update` event for the job as it is now, at `at` (now unless given). Its `id` is
 * `extra.id` when the caller numbers events itself, else left for the store to give.
 *
 * One literal with every field, absent ones undefined (JSON leaves them out): a retained job keeps
 * all its events, and an object that gains fields after it is made needs a second block of memory.
 */
export function eventOf(job: Job, extra: Partial<JobEvent> = {}, at: string = isoTime()): Omit<JobEvent, 'id'> & Partial<Pick<JobEvent, 'id'>> {
  return {
    id: extra.id,
    type: 'status_update',
    job_id: job.id,
    status: job.status,
    progress: job.progress,
    phase: extra.phase ?? job.current_phase ?? undefined,
    phase_status: extra.phase_status,
    note: extra.note,
    output: extra.output,
    error: extra.error,
    at,
  };
}

/** Whole-job percent: the mean of its phases' percents. */
export function progressOf(job: Job): number {
  const states = Object.values(job.phases);
  if (states.length === 0) return 0;
  const total = states.reduce((sum, state) => sum + (state.status === 'completed' ? 100 : state.percent), 0);
  return Math.round(total / states.length);
}

export function toJobError(cause: unknown, phase: JobPhase | null): JobError {
  if (cause instanceof AiosError) return cause.toJobError(phase ?? undefined);
  const message = cause instanceof Error ? cause.message : String(cause);
  return { code: 'AGENT_FAILURE', message, ...(phase ? { phase } : {}) };
}

/** List cursors: an opaque token for the position of the last job of a page. */
export function encodeCursor(seq: number): string {
  return Buffer.from(String(seq)).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const seq = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(seq) || seq < 1) {
    throw new AiosError('INVALID_INPUT', 'cursor: not a cursor this API handed out; pass next_cursor from the previous page', {
      field: 'cursor',
    });
  }
  return seq;
}

/** Hands `event` to `listener`; a listener that throws is logged and keeps the others from missing it. */
export function deliverEvent(listener: (event: JobEvent) => void, event: JobEvent, logger: Logger | undefined): void {
  try {
    listener(event);
  } catch (error) {
    logger?.error({ err: error, job_id: event.job_id }, 'event listener failed');
  }
}

/** What a queue answers to a job posted while it shuts down. */
export function shuttingDown(): AiosError {
  return new AiosError('INTERNAL_ERROR', 'the queue is shutting down; retry shortly');
}

/** What a queue answers to an `Idempotency-Key` used again with a different body. */
export function idempotencyConflict(jobId: string): AiosError {
  return new AiosError('IDEMPOTENCY_CONFLICT', 'this Idempotency-Key was already used with a different request body; use a new key for a new job', {
    job_id: jobId,
  });
}
