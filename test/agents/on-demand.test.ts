import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * An API process whose agents run on threads never loads them itself (~45 MB resident, ~20 MB of
 * heap it would keep for nothing): the built server (dist/, as `npm test` builds it first) starts,
 * answers, and runs a job on its agent thread, while a module hook in that process reports every
 * load of the agents' pipeline that does not come from the thread's entry.
 */
const HOOK = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.endsWith('/dist/agents/pipeline.js') && !String(context.parentURL).endsWith('/dist/jobs/agent-thread.js')) {
    process.stderr.write('AGENTS LOADED BY ' + context.parentURL + '\\n');
  }
  return resolved;
}`;

const SERVER = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}));
const { loadConfig } = await import(${JSON.stringify(path.resolve('dist/config.js'))});
const { buildApp } = await import(${JSON.stringify(path.resolve('dist/http/app.js'))});
const app = await buildApp(loadConfig({ PATH: process.env.PATH, LOG_LEVEL: 'warn', DATA_DIR: process.argv[2], AIOS_API_KEYS: JSON.stringify({ t: 'on-demand-test-key-0123456789' }), AGENT_THREADS: '1', RATE_LIMIT_PER_MINUTE: '100000' }));
const headers = { authorization: 'Bearer on-demand-test-key-0123456789' };
const health = await app.inject({ url: '/health' });
const posted = await app.inject({ method: 'POST', url: '/api/jobs', headers, payload: { tool: 'aios_strategize', input: { spec: 'A booking app for dog walkers: owners book walks, walkers see their day.' } } });
let job;
for (;;) {
  job = (await app.inject({ url: '/api/jobs/' + posted.json().job_id, headers })).json();
  if (job.status !== 'queued' && job.status !== 'processing') break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await app.close();
process.stdout.write(JSON.stringify({ health: health.statusCode, status: job.status, prd: typeof job.output?.prd_markdown, error: job.error }) + '\\n');
`;

describe('the agents on demand', () => {
  it('an API process whose agents run on threads answers and runs a job without loading the agents itself', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'aios-on-demand-'));
    try {
      const server = path.join(dataDir, 'server.mjs');
      await writeFile(server, SERVER);
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [server, dataDir], {
        env: { PATH: process.env.PATH ?? '' },
      });
      expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ health: 200, status: 'completed', prd: 'string', error: null });
      expect(stderr).not.toContain('AGENTS LOADED');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
