import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SPEC_CASES } from '../test/fixtures/specs.js';

/**
 * End-to-end jobs: `POST /api/jobs` (aios_strategize) until its SSE stream says `completed`, through
 * the built CLI in processes of their own, as an operator runs them: the embedded mode (`serve`),
 * and Redis mode with one and two `worker` processes behind `serve --no-worker`. A job's own run
 * time is its strategy phase's duration; the rest is what the API, the queue and the stream add,
 * and the client's own time: latency is measured through `fetch` (undici) and through a lean
 * `node:http` client, in turns, and split into stages by the job's own timestamps.
 */

const cli = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const KEY = 'bench-e2e-key-0123456789abcdefghij';
/** Throughput: jobs posted with several in flight (through fetch). Latency: one at a time, so jobs do not queue behind each other. */
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

/** Wall-clock time in ms with sub-ms precision, comparable with the servers' ISO timestamps. */
const wallNow = () => performance.timeOrigin + performance.now();

/** What the bench asks of an HTTP client: a JSON request, and a whole SSE stream as text. */
interface Client {
  name: string;
  json(method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  text(url: string): Promise<string>;
}

const HEADERS = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

/** `fetch` (undici), as a browser-like client would call the API. */
const fetchClient: Client = {
  name: 'fetch',
  async json(method, url, body) {
    const response = await fetch(url, { method, headers: HEADERS, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, body: await response.json() };
  },
  async text(url) {
    return (await fetch(url, { headers: HEADERS })).text();
  },
};

/** `node:http` on a keep-alive agent: a lean client, so that less of its own time is counted. */
export function httpClient(): Client & { close(): void } {
  const agent = new Agent({ keepAlive: true });
  const call = (method: string, url: string, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(url, { method, agent, headers: HEADERS }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    name: 'node:http',
    async json(method, url, body) {
      const { status, text } = await call(method, url, body === undefined ? undefined : JSON.stringify(body));
      return { status, body: JSON.parse(text) };
    },
    async text(url) {
      return (await call('GET', url)).text;
    },
    close: () => agent.destroy(),
  };
}

export interface JobTimes {
  latencyMs: number;
  ownMs: number;
  /** Client-side instants and the server's timestamps of the job, all as wall-clock ms. */
  marks: Record<string, number>;
}

export async function oneJob(client: Client, url: string): Promise<JobTimes> {
  const started = performance.now();
  const t0 = wallNow();
  const posted = await client.json('POST', `${url}/api/jobs`, { tool: 'aios_strategize', input: { spec: SPEC } });
  if (posted.status !== 202) throw new Error(`POST answered ${posted.status}: ${JSON.stringify(posted.body)}`);
  const { job_id } = posted.body as { job_id: string };
  const tPosted = wallNow();
  // The stream replays from the job's first event, so nothing is missed however late it opens.
  const text = await client.text(`${url}/api/jobs/${job_id}/stream`);
  const latencyMs = performance.now() - started;
  const tEnd = wallNow();
  if (!text.includes('"status":"completed"')) throw new Error(`job ${job_id} did not complete: ${text.slice(-300)}`);
  const job = (await client.json('GET', `${url}/api/jobs/${job_id}`)).body as {
    created_at: string;
    started_at: string;
    finished_at: string;
    phases: { strategy?: { duration_ms?: number; started_at?: string } };
  };
  const ownMs = job.phases.strategy?.duration_ms ?? 0;
  const phaseStart = Date.parse(job.phases.strategy?.started_at ?? job.started_at);
  return {
    latencyMs,
    ownMs,
    marks: {
      t0,
      tPosted,
      tEnd,
      created: Date.parse(job.created_at),
      started: Date.parse(job.started_at),
      phaseStart,
      phaseEnd: phaseStart + ownMs,
      finished: Date.parse(job.finished_at),
    },
  };
}

/** Latency of jobs run one at a time through one client: end to end, the job's own run, and the rest. */
export interface LatencyFigures {
  client: string;
  jobs: number;
  p50_ms: number;
  p99_ms: number;
  own_p50_ms: number;
  added_p50_ms: number;
  /**
   * Where a job's time goes, medians in ms, from the client's clock and the job's own timestamps
   * (whole ms, one clock for all processes): POST answered; POST sent → job created (HTTP, auth,
   * rate limit); created → started (queue and pickup); started → phase started; the phase; its end
   * → finished_at; finished_at → the stream's end at the client.
   */
  stages: Record<string, number>;
}

export interface E2eFigures {
  mode: string;
  jobs: number;
  in_flight: number;
  jobs_per_second: number;
  /** One per client, measured in turns so that both meet the same load on a shared machine. */
  latency: LatencyFigures[];
}

const STAGES: Array<[string, string, string]> = [
  ['post', 't0', 'tPosted'],
  ['to_created', 't0', 'created'],
  ['pickup', 'created', 'started'],
  ['to_phase', 'started', 'phaseStart'],
  ['phase', 'phaseStart', 'phaseEnd'],
  ['to_finished', 'phaseEnd', 'finished'],
  ['to_client', 'finished', 'tEnd'],
];

export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
export const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);

function latencyOf(client: string, jobs: JobTimes[]): LatencyFigures {
  const latencies = jobs.map((job) => job.latencyMs).sort((a, b) => a - b);
  return {
    client,
    jobs: jobs.length,
    p50_ms: quantile(latencies, 0.5),
    p99_ms: quantile(latencies, 0.99),
    own_p50_ms: median(jobs.map((job) => job.ownMs)),
    added_p50_ms: median(jobs.map((job) => job.latencyMs - job.ownMs)),
    stages: Object.fromEntries(STAGES.map(([name, from, to]) => [name, Number(median(jobs.map((job) => job.marks[to]! - job.marks[from]!)).toFixed(1))])),
  };
}

/** A running deployment: the API's URL, and how to stop all its processes. */
export interface Cluster {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the built CLI `cli` as an operator runs it: `serve` alone (embedded, `workers` null), or a
 * private Redis with `serve --no-worker` and `workers` `worker` processes.
 */
export async function startCluster(cli: string, workers: number | null): Promise<Cluster> {
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
    return { url: `http://127.0.0.1:${port}`, stop: () => stop(children.reverse()) };
  } catch (error) {
    await stop(children.reverse());
    throw error;
  }
}

async function measure(mode: string, workers: number | null): Promise<E2eFigures> {
  const cluster = await startCluster(cli, workers);
  try {
    const { url } = cluster;
    const http = httpClient();
    const clients = [fetchClient, http];
    for (let i = 0; i < 5; i++) for (const client of clients) await oneJob(client, url);

    const results: JobTimes[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < JOBS) {
          next += 1;
          results.push(await oneJob(fetchClient, url));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const alone = new Map<Client, JobTimes[]>(clients.map((client) => [client, []]));
    for (let i = 0; i < LATENCY_JOBS; i++) for (const client of clients) alone.get(client)!.push(await oneJob(client, url));
    http.close();
    return {
      mode,
      jobs: results.length,
      in_flight: IN_FLIGHT,
      jobs_per_second: results.length / seconds,
      latency: clients.map((client) => latencyOf(client.name, alone.get(client)!)),
    };
  } finally {
    await cluster.stop();
  }
}

const MODES: Array<[string, number | null]> = [
  ['embedded (serve)', null],
  ['redis, 1 worker', 1],
  ['redis, 2 workers', 2],
];
// `node e2e.js embedded redis` measures only the modes whose names start with those words.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2);
  const figures: E2eFigures[] = [];
  for (const [mode, workers] of MODES) if (only.length === 0 || only.some((word) => mode.startsWith(word))) figures.push(await measure(mode, workers));
  process.stdout.write(`${JSON.stringify({ figures })}\n`);
}
