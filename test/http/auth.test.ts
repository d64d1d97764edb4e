import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_KEY,
  authed,
  createKey,
  getJob,
  postJob,
  removeDataDir,
  startServer,
  testConfig,
  workloadRunner,
  SPEC,
  type Server,
} from './support.js';

const ENV_KEY = 'env-key-for-the-auth-tests-0123456789';
let server: Server;

beforeAll(async () => {
  const config = await testConfig({ RATE_LIMIT_PER_MINUTE: '60', AIOS_API_KEYS: JSON.stringify({ lovable: ENV_KEY }) });
  server = await startServer(config, { runner: workloadRunner({ defaultMs: 1 }) });
});

afterAll(async () => {
  await server.close();
  await removeDataDir(server.config);
});

async function errorOf(response: Response): Promise<{ code: string; message: string; request_id: string }> {
  return ((await response.json()) as { error: { code: string; message: string; request_id: string } }).error;
}

describe('API keys', () => {
  it('answers 401 to no key, a wrong key and a revoked key, in the error shape', async () => {
    const none = await fetch(`${server.url}/api/jobs`);
    expect(none.status).toBe(401);
    const noneError = await errorOf(none);
    expect(noneError).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(noneError.request_id).toBe(none.headers.get('x-request-id'));

    expect((await fetch(`${server.url}/api/jobs`, authed('aios_not-a-real-key'))).status).toBe(401);

    const key = await createKey(server, { name: 'to-revoke' });
    expect((await fetch(`${server.url}/api/jobs`, authed(key))).status).toBe(200);
    const listed = (await (await fetch(`${server.url}/api/admin/keys`, { headers: { 'x-admin-key': ADMIN_KEY } })).json()) as {
      keys: Array<{ id: string; name: string }>;
    };
    const id = listed.keys.find((entry) => entry.name === 'to-revoke')!.id;
    const revoked = await fetch(`${server.url}/api/admin/keys/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(revoked.status).toBe(200);
    const after = await fetch(`${server.url}/api/jobs`, authed(key));
    expect(after.status).toBe(401);
    expect(await errorOf(after)).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('revoked') });
  });

  it('accepts keys from AIOS_API_KEYS, as a Bearer token or ?api_key=', async () => {
    expect((await fetch(`${server.url}/api/jobs`, authed(ENV_KEY))).status).toBe(200);
    expect((await fetch(`${server.url}/api/jobs?api_key=${ENV_KEY}`)).status).toBe(200);
  });

  it('hides one key’s job from another key (404 JOB_NOT_FOUND)', async () => {
    const owner = await createKey(server, { name: 'owner' });
    const stranger = await createKey(server, { name: 'stranger' });
    const { job_id: jobId } = (await (await postJob(server, owner, { tool: 'aios_strategize', input: { spec: SPEC } })).json()) as {
      job_id: string;
    };
    expect((await getJob(server, owner, jobId)).status).toBe(200);
    for (const path of [`/api/jobs/${jobId}`, `/api/jobs/${jobId}/stream`, `/api/jobs/${jobId}/artifacts/all`]) {
      const response = await fetch(`${server.url}${path}`, authed(stranger));
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('JOB_NOT_FOUND');
    }
    const cancel = await fetch(`${server.url}/api/jobs/${jobId}`, authed(stranger, { method: 'DELETE' }));
    expect(cancel.status).toBe(404);
    const mine = (await (await fetch(`${server.url}/api/jobs`, authed(stranger))).json()) as { jobs: unknown[] };
    expect(mine.jobs).toEqual([]);
  });
});

describe('admin routes', () => {
  it('answer 401 without the admin secret and 403 with a wrong one or an API key', async () => {
    const missing = await fetch(`${server.url}/api/admin/keys`);
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).code).toBe('UNAUTHORIZED');
    const wrong = await fetch(`${server.url}/api/admin/keys`, { headers: { 'x-admin-key': 'not-the-admin-secret' } });
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe('FORBIDDEN');
    expect((await fetch(`${server.url}/api/admin/keys`, authed(ENV_KEY))).status).toBe(403);
  });

  it('make a key shown once, list keys without secrets, and take the guide’s ?admin_key= form', async () => {
    // The guide's own command: curl -X POST .../api/admin/keys -H "Content-Type: application/json" -d '{...}' -G -d "admin_key=..."
    const guideUrl = `${server.url}/api/admin/keys?${encodeURIComponent('{"name":"my-app","requests_per_minute":100}')}&admin_key=${ADMIN_KEY}`;
    const created = await fetch(guideUrl, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; key: string; name: string; requests_per_minute: number; requests_per_day: number };
    expect(body).toMatchObject({ name: 'my-app', requests_per_minute: 100, requests_per_day: 10_000 });
    expect(body.key).toMatch(/^aios_[\w-]{40,}$/);

    const list = await (await fetch(`${server.url}/api/admin/keys?admin_key=${ADMIN_KEY}`)).text();
    expect(list).toContain(body.id);
    expect(list).not.toContain(body.key);
    expect(list).not.toContain(ENV_KEY);
    expect((await fetch(`${server.url}/api/jobs`, authed(body.key))).headers.get('x-ratelimit-limit')).toBe('100');
  });

  it('refuse a key without a name, naming the field', async () => {
    const response = await fetch(`${server.url}/api/admin/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify({ requests_per_minute: 'lots' }),
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/^name:/);
  });
});

describe('rate limits', () => {
  it('answer request 61 in a minute with 429, Retry-After and the X-RateLimit headers; other keys are unaffected', async () => {
    const busy = await createKey(server, { name: 'busy' });
    const calm = await createKey(server, { name: 'calm' });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let index = 1; index <= 61; index += 1) {
      last = await fetch(`${server.url}/api/jobs`, authed(busy));
      statuses.push(last.status);
      if (index === 1) {
        expect(last.headers.get('x-ratelimit-limit')).toBe('60');
        expect(last.headers.get('x-ratelimit-remaining')).toBe('59');
      }
      if (index < 61) await last.arrayBuffer();
    }
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await errorOf(last!)).code).toBe('RATE_LIMITED');
    expect(last!.headers.get('x-ratelimit-limit')).toBe('60');
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(last!.headers.get('x-ratelimit-reset'));
    const retryAfter = Number(last!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(reset).toBeGreaterThan(Date.now() / 1000);

    const other = await fetch(`${server.url}/api/jobs`, authed(calm));
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-remaining')).toBe('59');
  });
});

describe('requests', () => {
  it('carry an X-Request-Id, keeping a sane one the caller sent', async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await health.json()).toMatchObject({ status: 'healthy', queue: { mode: 'embedded' } });
    const echoed = await fetch(`${server.url}/api/jobs`, authed(ENV_KEY, { headers: { 'x-request-id': 'trace-123' } }));
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
  });
});
