import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { MAX_SPEC_CHARS } from '../src/contract/index.js';
import { specOfWords } from '../test/fixtures/specs.js';
import { BENCH_KEY, startServerProcess, type MemoryBreakdown } from './server-process.js';

/**
 * The capacity figures of issue 15, in a process of their own. Prints one JSON line.
 *
 * Memory: 3,000 full-pipeline jobs posted to the real server (see capacity-server.ts: the agents
 * run on their worker threads, as `serve` runs them), all kept for their retention hour; its
 * resident memory once they have all completed (the agent thread still alive), once the idle
 * thread has ended, and its peak. Twice: with glibc malloc's defaults, then with the settings the
 * Dockerfile gives the process (MALLOC_SETTINGS), each run saying which it used, and where the
 * resident set then is (heap, Buffers, the rest); `node --expose-gc capacity.js memory` adds the
 * heap still live after a full collection.
 *
 * Event loop: the built CLI's `serve` (embedded queue, the real agents) given 4 full pipelines on
 * the largest spec allowed; `/health` is asked again and again, one at a time, while they run.
 * Once with the agents on worker threads (the default) and once on the main thread
 * (AGENT_THREADS=0, as before), for comparison.
 *
 * `capacity.js memory` or `capacity.js health` measures one of the two alone.
 */
const JOBS = 3_000;
const IN_FLIGHT = 20;
const LARGE_JOBS = 4;
const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const headers = { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' };

/** glibc malloc's settings in the Dockerfile (see docs/DEPLOYMENT.md): fewer arenas, large blocks mapped on their own. */
export const MALLOC_SETTINGS = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '65536' };
/** How long the bench server's idle agent thread lives (AGENT_THREAD_IDLE_MS), and how long the bench waits for it to end. */
const THREAD_IDLE_MS = 5_000;

export interface MemoryFigures {
  /** `glibc defaults`, or the MALLOC_* variables set for the server process. */
  malloc: string;
  jobs: number;
  seconds: number;
  /** Resident once every job has completed and the idle agent thread has ended. */
  rss_mb: number;
  /** Resident just after the last job completed, its agent thread still alive. */
  rss_thread_alive_mb: number;
  peak_rss_mb: number;
  /** Where `rss_mb` is, read just after it. */
  breakdown: MemoryBreakdown;
}

export interface CapacityFigures {
  memory: MemoryFigures[];
  health: Array<{ agents: string; large_jobs: number; answers: number; p50_ms: number; p99_ms: number; max_ms: number; seconds: number }>;
}

/** Job `n`'s idea: the same product each time, told apart by its number, so every output is its own. */
const idea = (n: number) =>
  `A CRM for sales reps, number ${n}: reps track leads, contacts and deals at companies; managers set quotas and see the pipeline by stage.`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

async function memory(malloc: Record<string, string> | undefined): Promise<MemoryFigures> {
  // The child inherits this process's environment: the MALLOC_* variables are set or removed explicitly.
  const env: Record<string, string> = { AGENT_THREAD_IDLE_MS: String(THREAD_IDLE_MS) };
  for (const name of Object.keys(MALLOC_SETTINGS)) delete process.env[name];
  const server = await startServerProcess('capacity-server.js', { ...env, ...malloc });
  try {
    const started = performance.now();
    let next = 0;
    const post = async () => {
      while (next < JOBS) {
        const n = next++;
        const response = await fetch(`${server.url}/api/jobs`, { method: 'POST', headers, body: JSON.stringify({ tool: 'aios_full_pipeline', input: { spec: idea(n) } }) });
        if (response.status !== 202) throw new Error(`POST /api/jobs answered ${response.status}: ${await response.text()}`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, post));
    // Done when none is queued or running (the summaries carry no outputs).
    for (;;) {
      const health = (await (await fetch(`${server.url}/health`)).json()) as { queue: { queued: number; processing: number } };
      if (health.queue.queued + health.queue.processing === 0) break;
      await sleep(100);
    }
    const seconds = (performance.now() - started) / 1000;
    // Files are written off the event loop: a moment for the last ones.
    await sleep(2_000);
    const threadAlive = await server.rssMb();
    await sleep(THREAD_IDLE_MS + 3_000);
    return {
      malloc: malloc ? Object.entries(malloc).map(([name, value]) => `${name}=${value}`).join(' ') : 'glibc defaults',
      jobs: JOBS,
      seconds,
      rss_mb: await server.rssMb(),
      rss_thread_alive_mb: threadAlive,
      peak_rss_mb: await server.peakRssMb(),
      breakdown: await server.memoryBreakdown(),
    };
  } finally {
    await server.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function healthUnderLoad(agentThreads: string | undefined): Promise<CapacityFigures['health'][number]> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'aios-bench-health-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'warn', AIOS_API_KEYS: JSON.stringify({ bench: BENCH_KEY }), ADMIN_API_KEY: 'bench-admin-0123456789abcdefghijkl', DATA_DIR: dataDir, ...(agentThreads ? { AGENT_THREADS: agentThreads } : {}) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let tries = 0; ; tries++) {
      try {
        await fetch(`${url}/health`);
        break;
      } catch (error) {
        if (tries > 200) throw error;
        await sleep(50);
      }
    }
    const started = performance.now();
    const text = specOfWords(30_000).slice(0, MAX_SPEC_CHARS);
    const spec = text.slice(0, text.lastIndexOf(' '));
    for (let i = 0; i < LARGE_JOBS; i++) {
      const response = await fetch(`${url}/api/jobs`, { method: 'POST', headers, body: JSON.stringify({ tool: 'aios_full_pipeline', input: { spec: `${spec.slice(0, -10)} ${i}` } }) });
      if (response.status !== 202) throw new Error(`POST /api/jobs answered ${response.status}`);
    }
    const times: number[] = [];
    for (;;) {
      const sent = performance.now();
      const health = (await (await fetch(`${url}/health`)).json()) as { queue: { queued: number; processing: number } };
      times.push(performance.now() - sent);
      if (health.queue.queued + health.queue.processing === 0) break;
      await sleep(5);
    }
    times.sort((a, b) => a - b);
    return {
      agents: agentThreads === '0' ? 'main thread' : 'worker threads',
      large_jobs: LARGE_JOBS,
      answers: times.length,
      p50_ms: quantile(times, 0.5),
      p99_ms: quantile(times, 0.99),
      max_ms: times.at(-1) ?? 0,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node dist-bench/bench/capacity.js memory` (or `health`) measures that part alone.
const only = process.argv[2];
if (only !== undefined && only !== 'memory' && only !== 'health') throw new Error(`capacity.js takes "memory" or "health", not "${only}"`);
const figures: Partial<CapacityFigures> = {
  ...(only === 'health' ? {} : { memory: [await memory(undefined), await memory(MALLOC_SETTINGS)] }),
  ...(only === 'memory' ? {} : { health: [await healthUnderLoad(undefined), await healthUnderLoad('0')] }),
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
