import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { ADMIN_KEY, createKey, postJob, removeDataDir, startServer, testConfig, waitForStatus, workloadRunner, SPEC, type Server } from './support.js';

const lines: string[] = [];
let server: Server;

beforeAll(async () => {
  // trace: every line the service can write is checked for secrets.
  const config = await testConfig({ LOG_LEVEL: 'trace' });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  server = await startServer(config, { logger: createLogger(config, sink), runner: workloadRunner({ defaultMs: 1 }) });
});

afterAll(async () => {
  await server.close();
  await removeDataDir(server.config);
});

describe('logs', () => {
  it('carry the guide’s tags and never a key or the admin secret', async () => {
    const key = await createKey(server, { name: 'logged' });
    await fetch(`${server.url}/api/jobs?api_key=${key}`);
    await fetch(`${server.url}/api/admin/keys?admin_key=${ADMIN_KEY}`);
    const { job_id: jobId } = (await (await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC } })).json()) as { job_id: string };
    await waitForStatus(server, key, jobId, ['completed']);

    const text = lines.join('\n');
    expect(text).not.toContain(key);
    expect(text).not.toContain(ADMIN_KEY);
    expect(text).toContain('api_key=[Redacted]');
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain('[HTTP Server] GET /api/jobs 200');
    expect(messages).toContain('[Queue] job completed');
  });

  it('never hold a key or the admin secret sent in a query string, whatever its spelling', async () => {
    const key = await createKey(server, { name: 'spelled' });
    const keyNames = ['api_key', 'api%5Fkey', 'api%5fkey', '%61pi_key', '%61%70%69%5F%6B%65%79', 'API_KEY', 'api_key[]', 'api_key%5B%5D', 'api_key[0]', 'api%255Fkey', '+api_key'];
    const adminNames = ['admin_key', 'admin%5Fkey', '%61dmin_key', 'ADMIN_KEY', 'admin_key[]', 'admin%255Fkey'];
    const paths = ['/api/jobs', '/api/jobs/no-such-job', '/api/jobs/no-such-job/stream', '/mcp', '/metrics', '/api/admin/keys', '/no-such-route'];
    const statuses = new Set<number>();
    for (const path of paths) {
      for (const name of keyNames) {
        statuses.add((await fetch(`${server.url}${path}?${name}=${key}`)).status);
        statuses.add((await fetch(`${server.url}${path}?limit=5&${name}=${key}&${name}=${key}`)).status);
      }
      for (const name of adminNames) statuses.add((await fetch(`${server.url}${path}?${name}=${ADMIN_KEY}`)).status);
    }
    // A malformed %-escape beside the secret does not stop the redaction.
    statuses.add((await fetch(`${server.url}/api/admin/keys?%ZZ&admin%5Fkey=${ADMIN_KEY}`, { method: 'POST' })).status);
    statuses.add((await fetch(`${server.url}/api/jobs?%E0%A4%A=1&api%5Fkey=${key}`)).status);
    // Accepted and refused forms both went through.
    expect(statuses.has(200)).toBe(true);
    expect(statuses.has(401)).toBe(true);

    const text = lines.join('\n');
    expect(text).not.toContain(key);
    expect(text).not.toContain(ADMIN_KEY);
    expect(text).toContain('api%5Fkey=[Redacted]');
  });
});
