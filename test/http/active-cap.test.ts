import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, createKey, removeDataDir, startServer, testConfig, waitForStatus, workloadRunner, SPEC, type Server } from './support.js';

/**
 * Issue 15 item 7: one key may have MAX_ACTIVE_JOBS_PER_KEY jobs queued or running in the embedded
 * mode; one more is answered 429 RATE_LIMITED (the closest code the contract has) with Retry-After,
 * and a place frees when a job ends.
 */
let server: Server;
let key: string;

beforeAll(async () => {
  server = await startServer(await testConfig({ MAX_ACTIVE_JOBS_PER_KEY: '2' }), { runner: workloadRunner({ defaultMs: 400 }) });
  key = await createKey(server);
});
afterAll(async () => {
  await server.close();
  await removeDataDir(server.config);
});

const post = () => fetch(`${server.url}/api/jobs`, authed(key, { method: 'POST', body: JSON.stringify({ tool: 'aios_strategize', input: { spec: SPEC } }) }));

describe('MAX_ACTIVE_JOBS_PER_KEY', () => {
  it('answers the job past the cap 429 RATE_LIMITED with Retry-After; another key is not held back; an ended job frees a place', async () => {
    const first = (await (await post()).json()) as { job_id: string };
    expect((await post()).status).toBe(202);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED', details: { limit: 2, active: 2 } } });

    const other = await createKey(server, { name: 'other' });
    const posted = await fetch(`${server.url}/api/jobs`, authed(other, { method: 'POST', body: JSON.stringify({ tool: 'aios_strategize', input: { spec: SPEC } }) }));
    expect(posted.status).toBe(202);

    await waitForStatus(server, key, first.job_id, ['completed']);
    expect((await post()).status).toBe(202);
  });
});
