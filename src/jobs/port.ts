import type { AgentToolName, JobError, JobPhase, JobStatus, PhaseEvent, PhaseStatus } from '../contract/index.js';

/**
 * The queue port: what the HTTP and MCP layers need from a job queue. Two adapters implement it:
 * the embedded in-process queue (no Redis) and BullMQ on Redis; both keep the same semantics.
 */

export interface PhaseState {
  status: PhaseStatus;
  /** Percent of this phase done, 0..100. */
  percent: number;
  started_at?: string;
  duration_ms?: number;
}

/** A job as every adapter reports it (plain data, safe to serialise). */
export interface Job {
  id: string;
  tool: AgentToolName;
  /** The API key id that made the job; only that key can see it. */
  owner: string;
  status: JobStatus;
  /** Whole-job percent, 0..100. */
  progress: number;
  /** The phases this job runs, in order, with their state. */
  phases: Partial<Record<JobPhase, PhaseState>>;
  /** The phase running now (or the one that failed). */
  current_phase: JobPhase | null;
  /**
   * What the tool was called with, for the run. Nothing shows it to callers, so a queue may drop
   * it (null) once the job has ended rather than keep a long idea for the whole retention.
   */
  input: unknown;
  output: unknown;
  error: JobError | null;
  webhook_url: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** When a finished job stops being found (`JOB_NOT_FOUND` after). */
  expires_at: string | null;
}

export const FINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export function isFinal(status: JobStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/**
 * The JSON text an event was read from (Redis), when there was one: a stream sends it on as it
 * came instead of serialising the event again. A symbol, so JSON.stringify leaves it out.
 */
export const EVENT_JSON = Symbol('the event as JSON');

/**
 * One change of a job, as SSE `status_update` events carry it. Ids are per job, start at 1 and
 * grow by one, so a client that reconnects with `Last-Event-ID: n` is sent exactly the events after n.
 */
export interface JobEvent {
  id: number;
  type: 'status_update';
  job_id: string;
  status: JobStatus;
  progress: number;
  phase?: JobPhase;
  phase_status?: PhaseStatus;
  note?: string;
  /**
   * On `completed` only. For `subscribeAll` listeners of the embedded queue it may be a
   * `PackedOutput` (output-store.ts: JSON writes it as the output, `unpack()` makes the object).
   */
  output?: unknown;
  /** On `failed` only. */
  error?: JobError;
  at: string;
  [EVENT_JSON]?: string;
}

export interface EnqueueRequest {
  tool: AgentToolName;
  /** Already validated against the tool's input schema. */
  input: unknown;
  owner: string;
  webhookUrl?: string;
  /** `Idempotency-Key`: a repeat with the same fingerprint returns the first job. */
  idempotency?: { key: string; fingerprint: string };
}

export interface EnqueueResult {
  job: Job;
  /** False when an `Idempotency-Key` repeat returned an existing job. */
  created: boolean;
}

export interface ListOptions {
  status?: JobStatus;
  limit: number;
  /** Opaque, from a previous page's `next_cursor`. */
  cursor?: string;
}

export interface JobPage {
  jobs: Job[];
  next_cursor: string | null;
}

/** Queue states as BullMQ names them; the embedded queue has only the first two. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export interface QueueHealth {
  ok: boolean;
  mode: 'embedded' | 'redis';
  queued: number;
  processing: number;
  /** Jobs by state, for the metrics: the states this queue has (all four on BullMQ). */
  depth: Partial<Record<QueueState, number>>;
  /** Why the queue is not ok (Redis unreachable...), for `/health`. */
  problem?: string;
}

/** Stops a subscription; safe to call more than once. */
export type Unsubscribe = () => void;

/** Runs one tool; the default is `runTool` from the agents' pipeline. */
export type JobRunner = (
  tool: AgentToolName,
  input: unknown,
  options: { signal: AbortSignal; onEvent: (event: PhaseEvent) => void; timeouts: Record<JobPhase, number> },
) => Promise<unknown>;

export interface JobQueue {
  /** Queues a job (FIFO). Throws `IDEMPOTENCY_CONFLICT` when an idempotency key comes back with another body. */
  enqueue(request: EnqueueRequest): Promise<EnqueueResult>;
  /**
   * The job, or undefined when unknown or past its retention. With `{ output: false }` the job
   * may come without its output (`null`), which spares moving it from Redis when it is not needed.
   */
  get(id: string, options?: { output?: boolean }): Promise<Job | undefined>;
  /** The owner's jobs, newest first; their outputs may be left out (lists show summaries). */
  list(owner: string, options: ListOptions): Promise<JobPage>;
  /** Cancels a queued or running job; a finished job is returned unchanged. Undefined when unknown. */
  cancel(id: string): Promise<Job | undefined>;
  /**
   * Sends the job's events after `afterId` (0 = all), then every new one as it happens.
   * Resolves once the replay has been delivered. Undefined when the job is unknown.
   */
  subscribe(id: string, afterId: number, listener: (event: JobEvent) => void): Promise<Unsubscribe | undefined>;
  /**
   * Every job's events as they happen (no replay), for fan-out to subscribers that follow jobs
   * by URI (MCP resource subscriptions). Resolves once listening.
   */
  subscribeAll(listener: (event: JobEvent) => void): Promise<Unsubscribe>;
  health(): Promise<QueueHealth>;
  /** Stops taking jobs, cancels the running ones and releases timers. */
  close(): Promise<void>;
}
