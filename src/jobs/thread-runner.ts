import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { runTool } from '../agents/on-demand.js';
import { AiosError, type AgentToolName, type JobPhase, type PhaseEvent } from '../contract/index.js';
import { configuredRunner } from '../agents/engines/configured.js';
import { fromWire, toWire, type AgentThreadData, type FromThread, type ToThread } from './thread-messages.js';
import { PackedOutput } from './output-store.js';
import type { JobRunner } from './port.js';

/**
 * Runs jobs' agents on worker threads (Node's `worker_threads`), so that the process's event loop
 * stays free for the API (`/health`, SSE, MCP) while agents work: the embedded queue and the Redis
 * worker inside `serve` use it. The main thread keeps the job: it hears the thread's phase events,
 * passes cancellation in (the thread's signal aborts), and keeps every phase's time limit
 * (`AGENT_TIMEOUT`) even when an agent holds its thread's loop and the thread's own timer cannot fire.
 *
 * The seam for engines that cannot run in a thread (MCP `sampling` asks the calling client for a
 * completion, which only the process holding that MCP connection can do): `runsInProcess` picks
 * the jobs that run on the main thread with `inProcess` instead, with the same signal, events and
 * limits. Agents in a thread may be async (a model call over fetch with the signal passed on);
 * a thread runs several jobs at once when its agents wait.
 */

export interface AgentThreadsOptions {
  /** Threads at most; each loads the agents (and WordNet) once, so this bounds their memory. */
  threads: number;
  /** An idle thread ends after this long, giving back what it holds (~80 MB resident), and is started again when a job comes. */
  idleMs?: number;
  /** How long past a phase's limit a thread may take to report it before it is stopped. */
  graceMs?: number;
  /** Jobs for which this is true run in this process with `inProcess` (see above). */
  runsInProcess?: (tool: AgentToolName, input: unknown) => boolean;
  inProcess?: JobRunner;
  /** The thread's entry; agent-thread.js next to this file by default. */
  entry?: URL;
  /** The engines' configuration (`AIOS_ENGINE`, `AIOS_MODEL`...): each thread builds its engines from it. */
  engine?: Config['engine'];
  /**
   * Large outputs come back as `PackedOutput`s, compressed in the thread, for a queue that keeps
   * them so (the embedded one); otherwise as objects (the Redis worker writes them as JSON).
   */
  packOutputs?: boolean;
  logger?: Logger;
}

interface Run {
  resolve(output: unknown): void;
  reject(error: unknown): void;
  onEvent(event: PhaseEvent): void;
  timeouts: Record<JobPhase, number>;
  /** Answered already (cancelled): what the thread still says about it is dropped. */
  settled: boolean;
  /** Fires when the running phase is past its limit and the thread has not said so. */
  watchdog: NodeJS.Timeout | undefined;
  phase: { name: JobPhase; started: number } | undefined;
  detach(): void;
}

interface AgentThread {
  worker: Worker;
  runs: Map<number, Run>;
  idle: NodeJS.Timeout | undefined;
}

const DEFAULT_IDLE_MS = 60_000;
const DEFAULT_GRACE_MS = 2_000;

/** The agent-thread entry beside this module: absent when the code runs from its TypeScript source (tests). */
export const AGENT_THREAD_ENTRY = new URL('./agent-thread.js', import.meta.url);

export class AgentThreads {
  private readonly threads = new Set<AgentThread>();
  private nextId = 0;
  private closed = false;
  private readonly entry: URL;
  private readonly idleMs: number;
  private readonly graceMs: number;

  constructor(private readonly options: AgentThreadsOptions) {
    this.entry = options.entry ?? AGENT_THREAD_ENTRY;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  }

  /** The `JobRunner` the queues take. */
  readonly run: JobRunner = (tool, input, options) => {
    if (this.options.runsInProcess?.(tool, input)) return (this.options.inProcess ?? runTool)(tool, input, options);
    if (this.closed) return Promise.reject(new AiosError('AGENT_FAILURE', 'the server is shutting down'));
    options.signal.throwIfAborted();
    const thread = this.pick();
    const id = ++this.nextId;
    const cancelled = new SharedArrayBuffer(4);
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = () => {
        // Answered at once; the thread stops the run at its next step and its last word is dropped.
        Atomics.store(new Int32Array(cancelled), 0, 1);
        this.settle(run, () => reject(options.signal.reason));
        thread.worker.postMessage({ type: 'abort', id, reason: toWire(options.signal.reason) } satisfies ToThread);
      };
      const run: Run = {
        resolve,
        reject,
        onEvent: options.onEvent,
        timeouts: options.timeouts,
        settled: false,
        watchdog: undefined,
        phase: undefined,
        detach: () => options.signal.removeEventListener('abort', onAbort),
      };
      thread.runs.set(id, run);
      options.signal.addEventListener('abort', onAbort, { once: true });
      thread.worker.postMessage({ type: 'run', id, tool, input, timeouts: options.timeouts, cancelled, pack: this.options.packOutputs ?? false } satisfies ToThread);
    });
  };

  /** Threads running now (for tests and logs). */
  get size(): number {
    return this.threads.size;
  }

  /** Runs the threads hold now, cancelled ones that have not left their thread yet included. */
  get pending(): number {
    let count = 0;
    for (const thread of this.threads) count += thread.runs.size;
    return count;
  }

  /** Stops every thread; runs still going fail with `AGENT_FAILURE`. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.threads].map((thread) => this.stop(thread, new AiosError('AGENT_FAILURE', 'the server is shutting down'))));
  }

  /** An idle thread, else a new one while under the limit, else the one with the fewest runs. */
  private pick(): AgentThread {
    let least: AgentThread | undefined;
    for (const thread of this.threads) {
      if (thread.runs.size === 0) return this.wake(thread);
      if (!least || thread.runs.size < least.runs.size) least = thread;
    }
    if (!least || this.threads.size < this.options.threads) return this.wake(this.spawn());
    return least;
  }

  private wake(thread: AgentThread): AgentThread {
    clearTimeout(thread.idle);
    thread.idle = undefined;
    // A thread with work holds the process open, as a pending timer would; an idle one does not.
    thread.worker.ref();
    return thread;
  }

  private spawn(): AgentThread {
    const worker = new Worker(this.entry, { name: 'aios-agents', workerData: { engine: this.options.engine } satisfies AgentThreadData });
    const thread: AgentThread = { worker, runs: new Map(), idle: undefined };
    this.threads.add(thread);
    worker.on('message', (message: FromThread) => this.onMessage(thread, message));
    worker.on('error', (error) => {
      this.options.logger?.error({ err: error }, 'agent thread failed: %s', error.message);
      void this.stop(thread, new AiosError('AGENT_FAILURE', `the agent thread running this job failed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (!this.threads.has(thread)) return;
      this.threads.delete(thread);
      this.failAll(thread, new AiosError('AGENT_FAILURE', `the agent thread running this job stopped (exit code ${code})`));
    });
    this.options.logger?.debug({ threads: this.threads.size }, 'agent thread started');
    return thread;
  }

  private onMessage(thread: AgentThread, message: FromThread): void {
    const run = thread.runs.get(message.id);
    if (!run) return;
    if (run.settled && message.type !== 'event') {
      // A cancelled run leaves its thread: stopped at a step (`failed`), or it had finished its last one.
      this.options.logger?.debug(
        { outcome: message.type, ...(message.type === 'failed' ? { reason: message.error.message } : {}) },
        'a cancelled run left its agent thread',
      );
    }
    switch (message.type) {
      case 'event':
        this.watch(thread, run, message.event);
        if (!run.settled) run.onEvent(message.event);
        return;
      case 'done': {
        const output = 'packed' in message ? new PackedOutput(Buffer.from(message.packed.buffer, message.packed.byteOffset, message.packed.byteLength), message.records) : message.output;
        this.finish(thread, message.id, run, () => run.resolve(output));
        return;
      }
      case 'failed':
        this.finish(thread, message.id, run, () => run.reject(fromWire(message.error)));
        return;
    }
  }

  /**
   * Follows the running phase: past its limit plus the grace, the thread has not been able to say
   * `AGENT_TIMEOUT` itself (an agent holds its loop), so the thread is stopped.
   */
  private watch(thread: AgentThread, run: Run, event: PhaseEvent): void {
    if (event.type === 'phase_progress') return;
    clearTimeout(run.watchdog);
    run.watchdog = undefined;
    if (event.type !== 'phase_started') {
      run.phase = undefined;
      return;
    }
    const limit = run.timeouts[event.phase];
    run.phase = { name: event.phase, started: performance.now() };
    run.watchdog = setTimeout(() => this.overdue(thread, run), limit + this.graceMs);
    run.watchdog.unref();
  }

  private overdue(thread: AgentThread, run: Run): void {
    const phase = run.phase;
    if (!phase) return;
    const limit = run.timeouts[phase.name];
    const error = new AiosError('AGENT_TIMEOUT', `the ${phase.name} phase ran past its limit of ${limit} ms`, { phase: phase.name, limit_ms: limit });
    this.options.logger?.warn({ phase: phase.name, limit_ms: limit }, 'an agent held its thread past its phase limit; stopping the thread');
    if (!run.settled) {
      run.onEvent({
        type: 'phase_failed',
        phase: phase.name,
        at: new Date().toISOString(),
        duration_ms: Math.round(performance.now() - phase.started),
        error: { code: error.code, message: error.message },
      });
    }
    this.settle(run, () => run.reject(error));
    void this.stop(thread, new AiosError('AGENT_FAILURE', 'the agent thread running this job was stopped: another job in it ran past its time limit; post it again'));
  }

  private finish(thread: AgentThread, id: number, run: Run, answer: () => void): void {
    thread.runs.delete(id);
    clearTimeout(run.watchdog);
    this.settle(run, answer);
    if (thread.runs.size === 0 && this.threads.has(thread)) {
      thread.worker.unref();
      thread.idle = setTimeout(() => {
        this.options.logger?.debug({ idle_ms: this.idleMs, threads: this.threads.size - 1 }, 'idle agent thread ended');
        void this.stop(thread, new AiosError('AGENT_FAILURE', 'idle agent thread stopped'));
      }, this.idleMs);
      thread.idle.unref();
    }
  }

  private settle(run: Run, answer: () => void): void {
    if (run.settled) return;
    run.settled = true;
    run.detach();
    // The watchdog stays until the thread reports: a cancelled run that holds its thread is still bounded.
    answer();
  }

  private failAll(thread: AgentThread, error: AiosError): void {
    for (const run of thread.runs.values()) {
      clearTimeout(run.watchdog);
      this.settle(run, () => run.reject(error));
    }
    thread.runs.clear();
  }

  private async stop(thread: AgentThread, error: AiosError): Promise<void> {
    if (!this.threads.delete(thread)) return;
    clearTimeout(thread.idle);
    this.failAll(thread, error);
    await thread.worker.terminate();
  }
}

/**
 * What runs the agents of the queue in this process (`AGENT_THREADS`): worker threads, or the main
 * thread when it is 0 or when the code runs from its TypeScript source (there is no built thread
 * entry to start then; the test suite runs that way).
 *
 * An engine that must run where the caller's MCP connection is (`sampling`) is routed here: pass
 * `runsInProcess` (which jobs) and `inProcess` (a runner that can reach that connection) to
 * `AgentThreads`. Model calls over fetch (`llm`) run in the threads: the abort reaches their signal.
 */
export function agentRunnerFor(
  config: Pick<Config, 'agentThreads' | 'agentThreadIdleMs' | 'engine'>,
  logger?: Logger,
  options: Pick<AgentThreadsOptions, 'packOutputs'> = {},
): { run: JobRunner; close(): Promise<void> } {
  if (config.agentThreads === 0 || !existsSync(fileURLToPath(AGENT_THREAD_ENTRY))) {
    return { run: configuredRunner(config), close: async () => undefined };
  }
  const threads = new AgentThreads({ threads: config.agentThreads, idleMs: config.agentThreadIdleMs, engine: config.engine, ...options, ...(logger ? { logger } : {}) });
  return { run: threads.run, close: () => threads.close() };
}
