import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SPEC_CASES } from '../test/fixtures/specs.js';

/**
 * End-to-end jobs: `POST /api/jobs` (aios_strategize) until its SSE stream says `completed`, through
 * the built CLI in processes of their own, as an operator runs them: the embedded mode (`serve`),
 * and Redis mode with one and two `worker` processes behind `serve --no-worker`. A job's own run
 * time is its strategy phase's duration; what the queue and the API add is the rest.
 */

const cli = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const KEY = 'bench-e2e-key-0123456789abcdefghij';
/** Throughput: jobs posted with several in flight. Latency: one at a time, so jobs do not queue behind each other. */
const JOBS = 60;
const IN_FLIGHT = 4;
const LATENCY_JOBS = 30;
const SPEC = SPEC_CASES.find((c) => c.id === 'quiz')!.input.spec!;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Resolves once the process prints `text` (its ready line). */
function printed(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${child.spawnargs.join(' ')} exited (${code}) before "${text}"`)));
  });
}

function stop(children: ChildProcess[]): Promise<void> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  ).then(() => undefined);
}

async function oneJob(url: string): Promise<{ latencyMs: number; ownMs: number }> {
  const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
  const started = performance.now();
  const response = await fetch(`${url}/api/jobs`, { method: 'POST', headers, body: JSON.stringify({ tool: 'aios_strategize', input: { spec: SPEC } }) });
  if (response.status !== 202) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  const { job_id } = (await response.json()) as { job_id: string };
  // The stream replays from the job's first event, so nothing is missed however late it opens.
  const stream = await fetch(`${url}/api/jobs/${job_id}/stream`, { headers });
  const text = await stream.text();
  const latencyMs = performance.now() - started;
  if (!text.includes('"status":"completed"')) throw new Error(`job ${job_id} did not complete: ${text.slice(-300)}`);
  const job = (await (await fetch(`${url}/api/jobs/${job_id}`, { headers })).json()) as { phases: { strategy?: { duration_ms?: number } } };
  return { latencyMs, ownMs: job.phases.strategy?.duration_ms ?? 0 };
}

export interface E2eFigures {
  mode: string;
  jobs: number;
  in_flight: number;
  jobs_per_second: number;
  latency_jobs: number;
  p50_ms: number;
  p99_ms: number;
  own_p50_ms: number;
  added_p50_ms: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function measure(mode: string, workers: number | null): Promise<E2eFigures> {
  const children: ChildProcess[] = [];
  try {
    const port = await freePort();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      AIOS_API_KEYS: JSON.stringify({ bench: KEY }),
      ADMIN_API_KEY: 'bench-admin-0123456789abcdefghij',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_DAY: '100000000',
      DATA_DIR: fileURLToPath(new URL('../e2e-data', import.meta.url)),
      HOST: '127.0.0.1',
    };
    if (workers !== null) {
      const redisPort = await freePort();
      const redis = start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {});
      children.push(redis);
      await printed(redis, 'Ready to accept connections');
      env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
    }
    const api = start(process.execPath, [cli, 'serve', '--port', String(port), ...(workers === null ? [] : ['--no-worker'])], env);
    children.push(api);
    await printed(api, 'ready: ');
    for (let i = 0; i < (workers ?? 0); i++) {
      const worker = start(process.execPath, [cli, 'worker'], env);
      children.push(worker);
      await printed(worker, 'worker ready');
    }
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 5; i++) await oneJob(url);

    const results: Array<{ latencyMs: number; ownMs: number }> = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < JOBS) {
          next += 1;
          results.push(await oneJob(url));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const alone: Array<{ latencyMs: number; ownMs: number }> = [];
    for (let i = 0; i < LATENCY_JOBS; i++) alone.push(await oneJob(url));
    const latencies = alone.map((r) => r.latencyMs).sort((a, b) => a - b);
    const own = alone.map((r) => r.ownMs).sort((a, b) => a - b);
    const added = alone.map((r) => r.latencyMs - r.ownMs).sort((a, b) => a - b);
    return {
      mode,
      jobs: results.length,
      in_flight: IN_FLIGHT,
      jobs_per_second: results.length / seconds,
      latency_jobs: alone.length,
      p50_ms: quantile(latencies, 0.5),
      p99_ms: quantile(latencies, 0.99),
      own_p50_ms: quantile(own, 0.5),
      added_p50_ms: quantile(added, 0.5),
    };
  } finally {
    await stop(children.reverse());
  }
}

const figures = [await measure('embedded (serve)', null), await measure('redis, 1 worker', 1), await measure('redis, 2 workers', 2)];
process.stdout.write(`${JSON.stringify({ figures })}\n`);
