import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import type { JobRunner } from '../src/jobs/port.js';
import { BENCH_KEY, serveBenchmarkChild } from './server-process.js';

/**
 * The real REST + MCP server (`buildApp`, production settings, warnings-only logs) for the load
 * benchmarks. Its jobs run an instant workload, not the agents, so the figures measure the API:
 * auth, rate limiting, validation, the queue's bookkeeping and serialisation.
 */
/** Completes at once with a small output, so a job made under load costs the API and not the agents. */
const instant: JobRunner = async (tool) => ({ tool, instant: true });

const dataDir = mkdtempSync(path.join(tmpdir(), 'aios-bench-'));
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
process.on('SIGTERM', () => process.exit(0));

const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATA_DIR: dataDir,
  AIOS_API_KEYS: JSON.stringify({ bench: BENCH_KEY }),
  ADMIN_API_KEY: 'bench-admin-0123456789abcdefghijkl',
  // Every request still goes through the limiter; the budget is set so the load never reaches it.
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_DAY: '100000000',
});
const app = await buildApp(config, { runner: instant });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (address && typeof address !== 'string') serveBenchmarkChild(address.port);
