import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineRecord } from './contract/index.js';
import { PackedOutput } from './jobs/output-store.js';
import { isFinal, type Job, type JobQueue, type QueueState } from './jobs/port.js';

/**
 * The Prometheus metrics of one app instance: the guide's "key metrics to monitor" (response
 * time, queue depth, error rate, memory) plus job and phase durations. Each app gets its own
 * registry, so two apps in one process (tests, a bench) never share or clash over a metric.
 */

/** Bounds include the guide's response-time thresholds (0.5 s good, 2 s critical). */
const HTTP_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];
/** From a fast embedded run (milliseconds) up to the longest phase time limit (15 min). */
const JOB_BUCKETS_S = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 900];

/** Past this, a scrape reports the queue as down rather than waiting on it. */
const HEALTH_BOUND_MS = 2_000;

/** Job ids already counted, so an event delivered twice (a reconnect replay) counts once. */
export const REMEMBERED_JOBS = 10_000;

/** Routes Fastify did not match (404s, malformed URLs) share one label: raw URLs would explode the series. */
export const UNMATCHED_ROUTE = 'unmatched';

interface QueueReading {
  ok: boolean;
  depth: Partial<Record<QueueState, number>>;
}

/** The queue's state for one scrape, bounded in time: a scrape must answer even when Redis does not. */
function readQueue(queue: JobQueue): Promise<QueueReading> {
  const down: QueueReading = { ok: false, depth: {} };
  const reading = (async (): Promise<QueueReading> => {
    const health = await queue.health();
    return health.ok ? { ok: true, depth: health.depth } : down;
  })();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(down), HEALTH_BOUND_MS);
    timer.unref();
    reading.then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      () => {
        clearTimeout(timer);
        resolve(down);
      },
    );
  });
}

function secondsBetween(from: string, to: string): number | undefined {
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : undefined;
}

export class AppMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'aios_http_request_duration_seconds',
    help: 'HTTP response time by route pattern, method and status code (SSE streams count their whole life)',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: HTTP_BUCKETS_S,
    registers: [this.registry],
  });

  readonly jobsFinished = new Counter({
    name: 'aios_jobs_finished_total',
    help: 'Jobs that reached a final status, by tool and status (completed, failed, cancelled)',
    labelNames: ['tool', 'status'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'aios_job_duration_seconds',
    help: 'Run time of finished jobs, from start to final status, by tool and status',
    labelNames: ['tool', 'status'] as const,
    buckets: JOB_BUCKETS_S,
    registers: [this.registry],
  });

  readonly jobWait = new Histogram({
    name: 'aios_job_wait_seconds',
    help: 'Time finished jobs spent queued before a worker started them, by tool',
    labelNames: ['tool'] as const,
    buckets: JOB_BUCKETS_S,
    registers: [this.registry],
  });

  readonly phaseDuration = new Histogram({
    name: 'aios_phase_duration_seconds',
    help: 'Run time of each phase of finished jobs, by tool, phase and phase status',
    labelNames: ['tool', 'phase', 'status'] as const,
    buckets: JOB_BUCKETS_S,
    registers: [this.registry],
  });

  readonly modelTokens = new Counter({
    name: 'aios_model_tokens_total',
    help: 'Language-model tokens used by finished jobs, by tool, phase, engine (llm, sampling) and kind (input, output); fallen-back attempts included',
    labelNames: ['tool', 'phase', 'engine', 'kind'] as const,
    registers: [this.registry],
  });

  readonly engineFallbacks = new Counter({
    name: 'aios_engine_fallbacks_total',
    help: 'Phases of finished jobs where a model was asked but the offline reading was used, by tool, phase and the engine that fell back',
    labelNames: ['tool', 'phase', 'from'] as const,
    registers: [this.registry],
  });

  readonly queueJobs: Gauge<'state'>;
  readonly queueUp: Gauge;

  /** Job ids already counted, and the same ids in a ring, so the oldest can be forgotten without a scan. */
  private readonly counted = new Set<string>();
  private readonly countedRing: Array<string | undefined> = new Array<string | undefined>(REMEMBERED_JOBS).fill(undefined);
  private countedAt = 0;
  /** One queue reading per scrape, shared by the queue gauges (the registry collects them together). */
  private queueReading: Promise<QueueReading> | undefined;

  constructor(private readonly queue: JobQueue) {
    // process_resident_memory_bytes, nodejs_eventloop_lag_*, nodejs_heap_*, GC and handles.
    collectDefaultMetrics({ register: this.registry });

    const read = () => this.readQueue();
    this.queueUp = new Gauge({
      name: 'aios_queue_up',
      help: '1 when the job queue (Redis in the Redis mode) answers, 0 when it does not',
      registers: [this.registry],
      async collect() {
        this.set((await read()).ok ? 1 : 0);
      },
    });
    this.queueJobs = new Gauge({
      name: 'aios_queue_jobs',
      help: 'Jobs in the queue by state (waiting, active; delayed and failed where the queue reports them)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      // Read at scrape time: the queue is the source of truth, shared by every instance on Redis.
      async collect() {
        const { depth } = await read();
        // No stale depth while the queue is unreachable: aios_queue_up says why it is missing.
        this.reset();
        for (const [state, count] of Object.entries(depth)) {
          if (count !== undefined) this.set({ state }, count);
        }
      },
    });
  }

  private readQueue(): Promise<QueueReading> {
    if (!this.queueReading) {
      this.queueReading = readQueue(this.queue).finally(() => {
        this.queueReading = undefined;
      });
    }
    return this.queueReading;
  }

  /** One answered request; `route` is Fastify's pattern (`/api/jobs/:id`), undefined when nothing matched. */
  observeRequest(method: string, route: string | undefined, statusCode: number, elapsedMs: number): void {
    this.httpRequestDuration.observe({ method, route: route ?? UNMATCHED_ROUTE, status_code: String(statusCode) }, elapsedMs / 1000);
  }

  /**
   * A job that reached a final status: counted once, with its run, wait and phase durations, and
   * from its `output` (a completed job's, when at hand) the model tokens and fallbacks of each phase.
   */
  observeJob(job: Job, output?: unknown): void {
    if (!isFinal(job.status) || this.counted.has(job.id)) return;
    this.remember(job.id);
    const { tool, status } = job;
    this.jobsFinished.inc({ tool, status });
    if (job.started_at) {
      const wait = secondsBetween(job.created_at, job.started_at);
      if (wait !== undefined) this.jobWait.observe({ tool }, wait);
      const run = job.finished_at ? secondsBetween(job.started_at, job.finished_at) : undefined;
      if (run !== undefined) this.jobDuration.observe({ tool, status }, run);
    }
    for (const [phase, state] of Object.entries(job.phases)) {
      if (state?.duration_ms !== undefined) this.phaseDuration.observe({ tool, phase, status: state.status }, state.duration_ms / 1000);
    }
    if (output !== undefined && output !== null) this.observeEngines(job, output);
  }

  /** Each phase's output says which engine made it and what it cost (CONTRACT section 7). */
  private observeEngines(job: Job, given: unknown): void {
    // An output kept packed carries its engine records apart, in its shape.
    const output = given instanceof PackedOutput ? given.records : given;
    const phases = Object.keys(job.phases);
    // A pipeline's output is keyed by phase; a one-phase tool's output is that phase's.
    const outputs = job.tool === 'aios_full_pipeline' ? (output as Record<string, unknown>) : Object.fromEntries(phases.map((phase) => [phase, output]));
    for (const phase of phases) {
      const record = outputs[phase] as Partial<EngineRecord> | undefined;
      if (!record || typeof record !== 'object') continue;
      const engine = record.fallback?.from ?? record.engine;
      if (record.tokens && engine && engine !== 'heuristic') {
        this.modelTokens.inc({ tool: job.tool, phase, engine, kind: 'input' }, record.tokens.input_tokens);
        this.modelTokens.inc({ tool: job.tool, phase, engine, kind: 'output' }, record.tokens.output_tokens);
      }
      if (record.fallback) this.engineFallbacks.inc({ tool: job.tool, phase, from: record.fallback.from });
    }
  }

  /**
   * Not `counted.values().next()` to find the oldest: V8's Set iterator steps over every deleted
   * slot before the first live one, which made each finished job cost ~7 µs with 10,000 remembered.
   */
  private remember(id: string): void {
    const oldest = this.countedRing[this.countedAt];
    if (oldest !== undefined) this.counted.delete(oldest);
    this.countedRing[this.countedAt] = id;
    this.countedAt = (this.countedAt + 1) % REMEMBERED_JOBS;
    this.counted.add(id);
  }
}
