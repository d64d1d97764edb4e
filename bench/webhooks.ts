import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import type { JobRunner } from '../src/jobs/port.js';
import { createLogger } from '../src/log.js';

/**
 * Webhook delivery figures, in a process of their own: a real server (buildApp on a socket) whose
 * jobs finish at once, posting to a real receiver on loopback that answers 200. Each job is one
 * `aios_strategize` run, so 4 deliveries (job.started, phase.started, phase.completed,
 * job.completed). Mode `embedded` (argv[2]) delivers in process; `redis` through BullMQ on
 * REDIS_URL (default the local Redis) under a key prefix of its own, removed afterwards.
 * Prints one JSON line: deliveries per second, the lag from each event to its arrival, and the jobs
 * whose events arrived out of their order (none expected).
 */
const mode = process.argv[2] === 'redis' ? 'redis' : 'embedded';
const JOBS = Number(process.argv[3] ?? 300);
const IN_FLIGHT = 10;
const KEY = 'aios_bench_webhook_key_0123456789abcdef';

const arrivals: number[] = [];
const lags: number[] = [];
/** Per job, the id of the last event it got; a job whose events arrive out of their order is counted. */
const lastEvent = new Map<string, number>();
const outOfOrder = new Set<string>();
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const now = Date.now();
    const { timestamp, job_id, event_id } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timestamp: string; job_id: string; event_id: string };
    const id = Number(event_id.slice(job_id.length + 1));
    if (id < (lastEvent.get(job_id) ?? 0)) outOfOrder.add(job_id);
    lastEvent.set(job_id, id);
    arrivals.push(now);
    lags.push(now - Date.parse(timestamp));
    response.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const dataDir = await mkdtemp(path.join(tmpdir(), 'aios-bench-webhooks-'));
const prefix = `bench-webhooks-${process.pid}`;
const config = loadConfig({
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  DATA_DIR: dataDir,
  AIOS_API_KEYS: JSON.stringify({ bench: KEY }),
  WEBHOOK_SECRET: 'whsec_bench_secret_0123456789abcdef',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_DAY: '100000000',
  // A cap the load never reaches: the figures are the deliveries', not the cap's refusals.
  MAX_ACTIVE_JOBS_PER_KEY: '100000',
  QUEUE_CONCURRENCY: '10',
  ...(mode === 'redis' ? { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix } : {}),
});
// No agents: the job ends at once, so the figures are the webhooks' own.
const instant: JobRunner = async (_tool, _input, options) => {
  options.onEvent({ type: 'phase_started', phase: 'strategy', at: new Date().toISOString() });
  options.onEvent({ type: 'phase_completed', phase: 'strategy', at: new Date().toISOString(), duration_ms: 0 });
  return { prd_markdown: '' };
};
const app = await buildApp(config, { logger: createLogger(config), runner: instant });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const body = JSON.stringify({ tool: 'aios_strategize', input: { spec: 'A CRM for sales reps: reps track leads and deals.' }, webhook_url: hook });

const started = Date.now();
let next = 0;
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (next < JOBS) {
      next += 1;
      const response = await fetch(`${base}/api/jobs`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body });
      if (response.status !== 202) throw new Error(`POST /api/jobs answered ${response.status}: ${await response.text()}`);
    }
  }),
);
const expected = JOBS * 4;
const deadline = Date.now() + 120_000;
while (arrivals.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
const seconds = (Math.max(...arrivals) - started) / 1000;

await app.close();
await new Promise<void>((resolve) => receiver.close(() => resolve()));
await rm(dataDir, { recursive: true, force: true });
if (mode === 'redis') {
  const client = new Redis(config.redisUrl!);
  let cursor = '0';
  do {
    const [nextCursor, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = nextCursor;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
  client.disconnect();
}

lags.sort((a, b) => a - b);
const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(lags.length * q))] ?? 0;
process.stdout.write(
  `${JSON.stringify({
    mode,
    jobs: JOBS,
    deliveries: arrivals.length,
    expected,
    seconds,
    deliveries_per_second: arrivals.length / seconds,
    lag_p50_ms: at(0.5),
    lag_p99_ms: at(0.99),
    jobs_out_of_order: outOfOrder.size,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
