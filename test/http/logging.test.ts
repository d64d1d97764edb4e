import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { ADMIN_KEY, createKey, postJob, removeDataDir, startServer, testConfig, waitForStatus, workloadRunner, SPEC, type Server } from './support.js';

const lines: string[] = [];
let server: Server;

beforeAll(async () => {
  const config = await testConfig({ LOG_LEVEL: 'info' });
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
});
