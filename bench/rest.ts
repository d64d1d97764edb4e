import autocannon, { type Result } from 'autocannon';
import { BENCH_KEY, startServerProcess, type ServerProcess } from './server-process.js';

/**
 * The REST figures (issue 3), in a process of their own: authenticated `POST /api/jobs` and
 * `GET /api/jobs/:id` on the real server against a bare `node:http` JSON echo, side by side with
 * the same connections and duration, interleaved round by round so both see the same machine.
 * Prints one JSON line.
 */
const CONNECTIONS = 10;
const SECONDS = 4;
const ROUNDS = 2;
const HEADERS = { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' };
const JOB_BODY = JSON.stringify({ tool: 'aios_strategize', input: { spec: 'A CRM for sales reps: reps track leads and deals, managers see the pipeline.' } });

export interface LoadFigures {
  requests_per_second: number;
  p99_ms: number;
  /** Answers other than 2xx, and socket errors or time-outs: both should be 0. */
  non_2xx: number;
  errors: number;
}

function load(url: string, method: 'GET' | 'POST', seconds: number): Promise<Result> {
  return autocannon({ url, method, connections: CONNECTIONS, duration: seconds, headers: HEADERS, ...(method === 'POST' ? { body: JOB_BODY } : {}) });
}

function combine(results: Result[]): LoadFigures {
  const seconds = results.reduce((sum, r) => sum + r.duration, 0);
  return {
    requests_per_second: results.reduce((sum, r) => sum + r.requests.total, 0) / seconds,
    p99_ms: Math.max(...results.map((r) => r.latency.p99)),
    non_2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
  };
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

const bare = await startServerProcess('bare-server.js');
const api = await startServerProcess('api-server.js');
try {
  const startupRssMb = await api.peakRssMb();
  const jobId = await finishedJob(api);
  const getBodyBytes = (await (await fetch(`${api.url}/api/jobs/${jobId}`, { headers: HEADERS })).arrayBuffer()).byteLength;
  const targets = {
    bare: { POST: `${bare.url}/api/jobs`, GET: `${bare.url}/api/jobs/${jobId}` },
    api: { POST: `${api.url}/api/jobs`, GET: `${api.url}/api/jobs/${jobId}` },
  };
  // Warm-up (JIT, connection pools), not counted.
  for (const side of ['bare', 'api'] as const) for (const method of ['POST', 'GET'] as const) await load(targets[side][method], method, 1);

  const runs = { POST: { bare: [] as Result[], api: [] as Result[] }, GET: { bare: [] as Result[], api: [] as Result[] } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const method of ['POST', 'GET'] as const) {
      for (const side of ['bare', 'api'] as const) runs[method][side].push(await load(targets[side][method], method, SECONDS));
    }
  }
  const figures = {
    connections: CONNECTIONS,
    seconds: SECONDS * ROUNDS,
    post: { bare: combine(runs.POST.bare), api: combine(runs.POST.api) },
    get: { bare: combine(runs.GET.bare), api: combine(runs.GET.api) },
    get_body_bytes: getBodyBytes,
    jobs_made: runs.POST.api.reduce((sum, r) => sum + r['2xx'], 0),
    startup_rss_mb: startupRssMb,
    peak_rss_mb: await api.peakRssMb(),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  await Promise.all([bare.close(), api.close()]);
}
