import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import type { JobRunner } from '../src/jobs/port.js';
import { BENCH_KEY, serveBenchmarkChild } from './server-process.js';

/**
 * The real server (`buildApp`) as the benchmark children run it: production settings,
 * warnings-only logs, a data directory of its own removed on exit, the bench key, and a rate-limit
 * budget and a job cap the load never reaches (every request still goes through the limiter). `env` adds or
 * overrides variables; `runner` is what its jobs run: the agents on their threads, as `serve` runs them, when undefined.
 */
export async function serveBenchApp(runner: JobRunner | undefined, env: Record<string, string> = {}): Promise<void> {
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
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_DAY: '100000000',
    MAX_ACTIVE_JOBS_PER_KEY: '100000',
    ...env,
  });
  const app = await buildApp(config, runner ? { runner } : {});
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address && typeof address !== 'string') serveBenchmarkChild(address.port);
}
