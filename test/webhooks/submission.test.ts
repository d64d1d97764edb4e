import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { ConfigError, loadConfig } from '../../src/config.js';
import { verifyWebhook } from '../../src/webhooks/signature.js';
import { ADMIN_KEY, SPEC, authed, postJob, removeDataDir, startServer, testConfig, workloadRunner, type Server } from '../http/support.js';
import { httpClient, stdioClient, toolErrorOf } from '../mcp/clients.js';
import { REFUSED_URLS, eventually, fakeDns, startReceiver, type Received } from './support.js';

/** The URL guard at submission (REST and MCP), the signing secrets and their rotation, on a real server. */

async function admin(server: Server, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('the webhook URL guard at submission (guard on)', () => {
  let rebindLookups = 0;
  let server: Server;
  let key: string;
  let mcp: Client;

  beforeAll(async () => {
    server = await startServer(await testConfig(), {
      runner: workloadRunner({ defaultMs: 5 }),
      // Stands in for DNS, which cannot be reached from here: a public-looking name that resolves to loopback.
      webhookResolver: async (hostname) => {
        // A name that is public when the job is posted and loopback afterwards (DNS rebinding).
        if (hostname === 'rebind.example') return [{ address: rebindLookups++ === 0 ? '93.184.215.14' : '127.0.0.1', family: 4 }];
        return fakeDns({ 'loopback.example': ['127.0.0.1'], 'example.com': ['93.184.215.14'] })(hostname);
      },
    });
    key = (await admin(server, 'POST', '/api/admin/keys', { name: 'guard' })).json.key as string;
    mcp = await httpClient('2026-07-28', `${server.url}/mcp`, key);
  });

  afterAll(async () => {
    await mcp.close();
    await server.close();
    await removeDataDir(server.config);
  });

  const urls = [...REFUSED_URLS, 'https://loopback.example/hook'];

  it.each(urls)('REST refuses %s with INVALID_WEBHOOK_URL and queues nothing', async (url) => {
    const response = await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC }, webhook_url: url });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; details: { reason: string } } };
    expect(body.error.code).toBe('INVALID_WEBHOOK_URL');
    expect(body.error.message).toMatch(/^webhook_url: /);
    const test = await fetch(`${server.url}/api/webhooks/test`, authed(key, { method: 'POST', body: JSON.stringify({ url }) }));
    expect(((await test.json()) as { error: { code: string } }).error.code).toBe('INVALID_WEBHOOK_URL');
  });

  it('REST checks webhook_url given inside the pipeline input too', async () => {
    const response = await postJob(server, key, { tool: 'aios_full_pipeline', input: { spec: SPEC, webhook_url: 'http://10.0.0.5/hook' } });
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INVALID_WEBHOOK_URL');
  });

  it.each(urls)('MCP aios_full_pipeline refuses %s as a tool error INVALID_WEBHOOK_URL', async (url) => {
    const result = await mcp.callTool({ name: 'aios_full_pipeline', arguments: { spec: SPEC, webhook_url: url } });
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({ code: 'INVALID_WEBHOOK_URL' });
    expect((result.content as Array<{ text: string }>)[0]!.text).toMatch(/^INVALID_WEBHOOK_URL: webhook_url: /);
  });

  it('the guard runs again at each delivery: a name that turns to loopback after submission is refused, not retried', async () => {
    const response = await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC }, webhook_url: 'https://rebind.example/hook' });
    expect(response.status).toBe(202);
    const { job_id } = (await response.json()) as { job_id: string };
    const attempts = await eventually(
      async () => ((await (await fetch(`${server.url}/api/jobs/${job_id}/webhooks`, authed(key))).json()) as { attempts: Array<{ event: string; attempt: number; error: string; final: boolean; status_code: number | null }> }).attempts,
      (list) => list.some((attempt) => attempt.event === 'job.completed'),
      'every event tried',
    );
    expect(attempts.map((attempt) => [attempt.event, attempt.attempt, attempt.final, attempt.status_code])).toEqual([
      ['job.started', 1, true, null],
      ['phase.started', 1, true, null],
      ['phase.completed', 1, true, null],
      ['job.completed', 1, true, null],
    ]);
    expect(attempts[0]!.error).toContain('resolves to 127.0.0.1 is a loopback address');
  });

  it('a public URL is accepted on REST and MCP and kept on the job', async () => {
    const response = await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC }, webhook_url: 'https://example.com/hooks/aios' });
    expect(response.status).toBe(202);
    const { job_id } = (await response.json()) as { job_id: string };
    const job = (await (await fetch(`${server.url}/api/jobs/${job_id}`, authed(key))).json()) as { webhook_url: string };
    expect(job.webhook_url).toBe('https://example.com/hooks/aios');
    const result = await mcp.callTool({ name: 'aios_full_pipeline', arguments: { spec: SPEC, webhook_url: 'https://example.com/hooks/aios' } });
    expect(result.isError).toBeFalsy();
  });
});

describe('webhook signing secrets', () => {
  let server: Server;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver(() => 200);
    server = await startServer(
      await testConfig({ WEBHOOK_ALLOW_PRIVATE: 'true', AIOS_API_KEYS: JSON.stringify({ fromenv: 'aios_env_key_0123456789abcdef' }) }),
      // Stands in for DNS: this name exists nowhere else, so a delivery can only reach it through the address checked.
      { runner: workloadRunner({ defaultMs: 5 }), webhookResolver: fakeDns({ 'receiver.test-only.example': ['127.0.0.1'] }) },
    );
  });

  it('a delivery connects to the address the guard checked, never resolving the name again', async () => {
    const created = (await admin(server, 'POST', '/api/admin/keys', { name: 'pinned' })).json as { key: string };
    const port = new URL(receiver.url).port;
    const response = await fetch(`${server.url}/api/webhooks/test`, authed(created.key, { method: 'POST', body: JSON.stringify({ url: `http://receiver.test-only.example:${port}/pinned` }) }));
    expect(await response.json()).toMatchObject({ delivered: true, status_code: 200 });
    const sent = receiver.received.at(-1)!;
    expect(sent.path).toBe('/pinned');
    expect(sent.headers.host).toBe(`receiver.test-only.example:${port}`);
  });

  afterAll(async () => {
    await server.close();
    await receiver.close();
    await removeDataDir(server.config);
  });

  async function sendTest(key: string): Promise<Received> {
    const before = receiver.received.length;
    const response = await fetch(`${server.url}/api/webhooks/test`, authed(key, { method: 'POST', body: JSON.stringify({ url: `${receiver.url}/hook` }) }));
    expect(((await response.json()) as { delivered: boolean }).delivered).toBe(true);
    return receiver.received[before]!;
  }

  it('rotation keeps the old and the new secret valid during the grace period, then only the new one', async () => {
    const created = (await admin(server, 'POST', '/api/admin/keys', { name: 'rotating' })).json as { id: string; key: string; webhook_secret: string; has_webhook_secret: boolean };
    expect(created.webhook_secret).toMatch(/^whsec_/);
    const listed = (await admin(server, 'GET', '/api/admin/keys')).json.keys as Array<Record<string, unknown>>;
    // Shown once: never in a listing.
    expect(JSON.stringify(listed)).not.toContain(created.webhook_secret);
    expect(listed.find((entry) => entry.id === created.id)).toMatchObject({ has_webhook_secret: true });

    const first = await sendTest(created.key);
    expect(verifyWebhook(first.body, first.headers, created.webhook_secret)).toBe(true);

    const rotated = await admin(server, 'POST', `/api/admin/keys/${created.id}/webhook-secret`, { grace_seconds: 1 });
    expect(rotated.status).toBe(200);
    const newSecret = rotated.json.webhook_secret as string;
    expect(newSecret).not.toBe(created.webhook_secret);
    expect(Date.parse(rotated.json.previous_valid_until as string)).toBeGreaterThan(Date.now());

    const during = await sendTest(created.key);
    expect(verifyWebhook(during.body, during.headers, newSecret)).toBe(true);
    expect(verifyWebhook(during.body, during.headers, created.webhook_secret)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const after = await sendTest(created.key);
    expect(verifyWebhook(after.body, after.headers, newSecret)).toBe(true);
    expect(verifyWebhook(after.body, after.headers, created.webhook_secret)).toBe(false);
  });

  it('a key without a secret of its own and no WEBHOOK_SECRET is refused at submission, saying how to fix it', async () => {
    const response = await postJob(server, 'aios_env_key_0123456789abcdef', { tool: 'aios_strategize', input: { spec: SPEC }, webhook_url: `${receiver.url}/hook` });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('INVALID_WEBHOOK_URL');
    expect(error.message).toContain('WEBHOOK_SECRET');
    const rotate = await admin(server, 'POST', '/api/admin/keys/env:fromenv/webhook-secret', {});
    expect(rotate.status).toBe(400);
    expect(rotate.json).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('WEBHOOK_SECRET signs for keys without their own', async () => {
    const other = await startServer(
      await testConfig({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_SECRET: 'whsec_fallback_0123456789abcdef', AIOS_API_KEYS: JSON.stringify({ fromenv: 'aios_env_key_0123456789abcdef' }) }),
      { runner: workloadRunner({ defaultMs: 5 }) },
    );
    try {
      const response = await fetch(`${other.url}/api/webhooks/test`, authed('aios_env_key_0123456789abcdef', { method: 'POST', body: JSON.stringify({ url: `${receiver.url}/fallback` }) }));
      expect(((await response.json()) as { delivered: boolean }).delivered).toBe(true);
      const sent = receiver.received.at(-1)!;
      expect(verifyWebhook(sent.body, sent.headers, 'whsec_fallback_0123456789abcdef')).toBe(true);
    } finally {
      await other.close();
      await removeDataDir(other.config);
    }
  });

  it('WEBHOOK_ALLOW_PRIVATE=true is refused at start-up in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE: 'true' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
    expect(loadConfig({ NODE_ENV: 'development', WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE must be true or false/);
  });
});

describe('webhooks over stdio', () => {
  it('stdio sends no webhooks, so webhook_url is refused there with INVALID_WEBHOOK_URL', async () => {
    const client = await stdioClient('2026-07-28');
    try {
      const result = await client.callTool({ name: 'aios_full_pipeline', arguments: { spec: SPEC, webhook_url: 'https://example.com/hook' } });
      expect(result.isError).toBe(true);
      expect(toolErrorOf(result)).toMatchObject({ code: 'INVALID_WEBHOOK_URL', details: { reason: 'no webhooks over stdio' } });
    } finally {
      await client.close();
    }
  });
});
