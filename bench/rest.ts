import autocannon, { type Result } from 'autocannon';
import { BENCH_KEY, startServerProcess, type ServerProcess } from './server-process.js';

/**
 * The REST figures (issue 3), in a process of their own: authenticated `POST /api/jobs` and
 * `GET /api/jobs/:id` on the real server against a bare `node:http` JSON echo, with the same
 * connections and duration, in short rounds that alternate between the two (and which goes first),
 * so both see the same machine. Besides requests per second, each server's CPU time per request is
 * read from the process itself: on two shared cores the load generator competes with the server,
 * and the bare server's throughput is often the generator's limit rather than its own.
 * Memory is measured apart, on a fresh API server given a set number of jobs, so the figure does
 * not depend on how many jobs a faster or slower run happened to make. Prints one JSON line.
 */
const CONNECTIONS = 10;
const ROUNDS = 6;
const SECONDS = 2;
/** Jobs posted to the memory server (about what 8 s of POSTs made in earlier versions of this bench). */
const MEMORY_JOBS = 30_000;
const HEADERS = { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' };
const JOB_BODY = JSON.stringify({ tool: 'aios_strategize', input: { spec: 'A CRM for sales reps: reps track leads and deals, managers see the pipeline.' } });

export interface LoadFigures {
  /** Median over the rounds. */
  requests_per_second: number;
  p99_ms: number;
  /** Median over the rounds of the server's CPU time divided by the requests it answered. */
  cpu_us_per_request: number;
  /** Answers other than 2xx, and socket errors or time-outs: both should be 0. */
  non_2xx: number;
  errors: number;
}

export interface PairFigures {
  bare: LoadFigures;
  api: LoadFigures;
  /** Median over the rounds of API req/s ÷ bare req/s, each pair measured back to back. */
  ratio: number;
  /** Bare CPU per request ÷ API CPU per request: the throughput ratio if each server had a core to itself. */
  cpu_ratio: number;
}

interface Round {
  result: Result;
  cpuUs: number;
}

const perSecond = (round: Round) => round.result.requests.total / round.result.duration;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function load(server: ServerProcess, url: string, method: 'GET' | 'POST', seconds: number): Promise<Round> {
  const before = await server.cpuMicros();
  const result = await autocannon({ url, method, connections: CONNECTIONS, duration: seconds, headers: HEADERS, ...(method === 'POST' ? { body: JOB_BODY } : {}) });
  return { result, cpuUs: (await server.cpuMicros()) - before };
}

function combine(rounds: Round[]): LoadFigures {
  return {
    requests_per_second: median(rounds.map(perSecond)),
    p99_ms: Math.max(...rounds.map((r) => r.result.latency.p99)),
    cpu_us_per_request: median(rounds.map((r) => r.cpuUs / Math.max(1, r.result.requests.total))),
    non_2xx: rounds.reduce((sum, r) => sum + r.result.non2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.result.errors + r.result.timeouts, 0),
  };
}

function pair(bare: Round[], api: Round[]): PairFigures {
  const figures = { bare: combine(bare), api: combine(api) };
  const ratios = api.map((round, index) => perSecond(round) / perSecond(bare[index]!));
  return { ...figures, ratio: median(ratios), cpu_ratio: figures.bare.cpu_us_per_request / figures.api.cpu_us_per_request };
}

/** A small finished job to GET: made through the API like any other, with the instant workload. */
async function finishedJob(api: ServerProcess): Promise<string> {
  const created = await fetch(`${api.url}/api/jobs`, { method: 'POST', headers: HEADERS, body: JOB_BODY });
  const { job_id } = (await created.json()) as { job_id: string };
  for (;;) {
    const job = (await (await fetch(`${api.url}/api/jobs/${job_id}`, { headers: HEADERS })).json()) as { status: string };
    if (job.status === 'completed') return job_id;
    if (job.status !== 'queued' && job.status !== 'processing') throw new Error(`benchmark job ended ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Throughput and CPU per request, POST and GET, each round measuring both servers back to back. */
async function speed(): Promise<{ post: PairFigures; get: PairFigures; getBodyBytes: number }> {
  const bare = await startServerProcess('bare-server.js');
  const api = await startServerProcess('api-server.js');
  try {
    const jobId = await finishedJob(api);
    const getBodyBytes = (await (await fetch(`${api.url}/api/jobs/${jobId}`, { headers: HEADERS })).arrayBuffer()).byteLength;
    const servers = { bare, api };
    const targets = {
      bare: { POST: `${bare.url}/api/jobs`, GET: `${bare.url}/api/jobs/${jobId}` },
      api: { POST: `${api.url}/api/jobs`, GET: `${api.url}/api/jobs/${jobId}` },
    };
    // Warm-up (JIT, connection pools), not counted.
    for (const side of ['bare', 'api'] as const) for (const method of ['POST', 'GET'] as const) await load(servers[side], targets[side][method], method, 1);

    const runs = { POST: { bare: [] as Round[], api: [] as Round[] }, GET: { bare: [] as Round[], api: [] as Round[] } };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['bare', 'api'] as const) : (['api', 'bare'] as const);
      for (const method of ['POST', 'GET'] as const) {
        for (const side of order) runs[method][side].push(await load(servers[side], targets[side][method], method, SECONDS));
      }
    }
    return { post: pair(runs.POST.bare, runs.POST.api), get: pair(runs.GET.bare, runs.GET.api), getBodyBytes };
  } finally {
    await Promise.all([bare.close(), api.close()]);
  }
}

/** Peak RSS of a fresh API server that keeps MEMORY_JOBS finished jobs. */
async function memory(): Promise<{ jobs: number; startupRssMb: number; peakRssMb: number }> {
  const api = await startServerProcess('api-server.js');
  try {
    const startupRssMb = await api.peakRssMb();
    // `amount` ends on autocannon's one-second tick, so this run says nothing about speed.
    const flood = await autocannon({ url: `${api.url}/api/jobs`, method: 'POST', connections: CONNECTIONS, amount: MEMORY_JOBS, headers: HEADERS, body: JOB_BODY });
    return { jobs: flood['2xx'], startupRssMb, peakRssMb: await api.peakRssMb() };
  } finally {
    await api.close();
  }
}

const { post, get, getBodyBytes } = await speed();
const kept = await memory();
const figures = {
  connections: CONNECTIONS,
  rounds: ROUNDS,
  seconds_per_round: SECONDS,
  post,
  get,
  get_body_bytes: getBodyBytes,
  memory_jobs: kept.jobs,
  startup_rss_mb: kept.startupRssMb,
  peak_rss_mb: kept.peakRssMb,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
