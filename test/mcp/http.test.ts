import { request } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedQueue } from '../../src/jobs/embedded.js';
import { runTool } from '../../src/agents/pipeline.js';
import { createKey, removeDataDir, sleep, startServer, testConfig, workloadRunner, type Server } from '../http/support.js';
import { ERAS, alternatingFetch, httpClient, toolErrorOf, type Era } from './clients.js';
import { SPEC, mcpConformance, subscriptionConformance, waitForJob } from './suite.js';

let server: Server;
let key: string;
/** The same server, but every job starts 300 ms late, so a client can subscribe before it changes. */
let slowStart: Server;
let slowKey: string;

beforeAll(async () => {
  server = await startServer(await testConfig());
  key = await createKey(server, { name: 'mcp' });
  slowStart = await startServer(await testConfig(), {
    runner: async (tool, input, options) => {
      await sleep(300, options.signal);
      return runTool(tool, input, options);
    },
  });
  slowKey = await createKey(slowStart, { name: 'mcp' });
});
afterAll(async () => {
  for (const each of [server, slowStart]) {
    await each.close();
    await removeDataDir(each.config);
  }
});

for (const era of Object.keys(ERAS) as Era[]) {
  mcpConformance(`MCP over Streamable HTTP, protocol ${era}`, () => httpClient(era, `${server.url}/mcp`, key));
}
// Stateless 2025-era HTTP has no stream to carry unsolicited notifications: only the 2026 era subscribes there.
subscriptionConformance('MCP over Streamable HTTP, protocol 2026-07-28, subscriptions', () => httpClient('2026-07-28', `${slowStart.url}/mcp`, slowKey));

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json(): unknown;
}

/** A POST to /mcp through node:http, which (unlike fetch) lets a test send any Host header. */
function rawPost(headers: Record<string, string>, body: unknown = { jsonrpc: '2.0', id: 1, method: 'tools/list' }, base = server.url): Promise<RawResponse> {
  const url = new URL(`${base}/mcp`);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: () => JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('/mcp guards', () => {
  it.each(Object.keys(ERAS) as Era[])('a %s client without a key, or with a wrong one, is refused', async (era) => {
    await expect(httpClient(era, `${server.url}/mcp`, undefined)).rejects.toThrow();
    await expect(httpClient(era, `${server.url}/mcp`, 'aios_wrong_key_0123456789abcdef')).rejects.toThrow();
  });

  it('answers 401 with a WWW-Authenticate challenge, in the contract error shape', async () => {
    for (const headers of [{}, { authorization: "Bearer not-a-key" }] as Array<Record<string, string>>) {
      const response = await rawPost(headers);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('refuses a foreign Host or Origin with 403 (DNS rebinding)', async () => {
    const host = await rawPost({ authorization: `Bearer ${key}`, host: 'evil.example.com' });
    expect(host.status).toBe(403);
    expect(host.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const origin = await rawPost({ authorization: `Bearer ${key}`, origin: 'https://evil.example.com' });
    expect(origin.status).toBe(403);
    const local = await rawPost({ authorization: `Bearer ${key}`, origin: 'http://localhost:5173' });
    expect(local.status).toBe(200);
  });

  it('answers to a public hostname once it is configured', async () => {
    const config = await testConfig({ MCP_ALLOWED_HOSTS: 'mcp.example.com' });
    const other = await startServer(config);
    try {
      const otherKey = await createKey(other);
      expect((await rawPost({ authorization: `Bearer ${otherKey}`, host: 'mcp.example.com' }, undefined, other.url)).status).toBe(200);
      expect((await rawPost({ authorization: `Bearer ${otherKey}`, host: 'evil.example.com' }, undefined, other.url)).status).toBe(403);
    } finally {
      await other.close();
      await removeDataDir(config);
    }
  });

  it('bounds the request size: over 1 MB is 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await rawPost({ authorization: `Bearer ${key}` }, { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'aios_strategize', arguments: { spec: 'x'.repeat(1_100_000) } } });
    expect(response.status).toBe(413);
    expect(response.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600, data: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it.each(['banana', '2099-01-01'])('an MCP-Protocol-Version of %s is refused as an unsupported revision, naming the ones served', async (version) => {
    const response = await rawPost({ authorization: `Bearer ${key}`, 'mcp-protocol-version': version });
    expect(response.status).toBe(400);
    const body = response.json() as { error: { code: number; message: string; data: { code: string; details: { supported: string[] } } } };
    expect(body.error).toMatchObject({ code: -32022, data: { code: 'INVALID_INPUT' } });
    expect(body.error.message).toBe(`INVALID_INPUT: MCP-Protocol-Version "${version}" is not a revision this server speaks: use one of ${body.error.data.details.supported.join(', ')}`);
    expect(body.error.data.details.supported).toEqual(expect.arrayContaining(['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26']));
    expect(body.error.message).not.toContain('_meta');
  });

  it('answers malformed JSON with JSON-RPC -32700 and deep nesting with -32600, both carrying INVALID_INPUT', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${key}` },
        body,
      });
    const malformed = await post('{"jsonrpc":"2.0","id":1,"method":');
    expect(malformed.status).toBe(400);
    const requestId = malformed.headers.get('x-request-id');
    expect(await malformed.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700, data: { code: 'INVALID_INPUT', request_id: requestId } } });
    const deep = await post(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"aios_strategize","arguments":{"spec":${'['.repeat(10_000)}${']'.repeat(10_000)}}}}`);
    expect(deep.status).toBe(400);
    const body = (await deep.json()) as { error: { code: number; message: string; data: { code: string } } };
    expect(body.error).toMatchObject({ code: -32600, data: { code: 'INVALID_INPUT' } });
    expect(body.error.message).toBe('INVALID_INPUT: (body): the JSON nests deeper than 64 levels; no valid request does');
    // The server goes on serving.
    expect((await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }))).status).toBe(200);
  });

  it('spends the same rate limit as the REST API', async () => {
    const config = await testConfig({ RATE_LIMIT_PER_MINUTE: '3' });
    const limited = await startServer(config);
    try {
      const limitedKey = await createKey(limited);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${limited.url}/mcp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${limitedKey}` },
          body: JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/list' }),
        });
        statuses.push(response.status);
        if (i === 0) expect(response.headers.get('x-ratelimit-remaining')).toBe('2');
        if (response.status === 429) expect(response.headers.get('retry-after')).toBeTruthy();
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
      await removeDataDir(config);
    }
  });
});

describe('JSON-RPC batches on /mcp', () => {
  const calls = (count: number) =>
    Array.from({ length: count }, (_, i) => ({ jsonrpc: '2.0', id: i + 1, method: 'tools/call', params: { name: 'aios_get_status', arguments: { job_id: `no-job-${i}` } } }));

  async function postBatch(target: Server, batchKey: string, batch: unknown[], version?: string): Promise<Response> {
    return fetch(`${target.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${batchKey}`,
        ...(version ? { 'mcp-protocol-version': version } : {}),
      },
      body: JSON.stringify(batch),
    });
  }

  it.each(['2025-06-18', '2025-11-25', '2026-07-28'])('are refused under %s, which has none, and no call runs', async (version) => {
    const batchKey = await createKey(server, { name: `batch-${version}` });
    const batch = [{ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'aios_full_pipeline', arguments: { spec: SPEC } } }, ...calls(2)];
    const response = await postBatch(server, batchKey, batch, version);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: number; message: string; data: { code: string } } };
    expect(body.error).toMatchObject({ code: -32600, data: { code: 'INVALID_INPUT' } });
    expect(body.error.message).toContain(`JSON-RPC batches are not part of MCP ${version}`);
    const listed = (await (await fetch(`${server.url}/api/jobs`, { headers: { authorization: `Bearer ${batchKey}` } })).json()) as { jobs: unknown[] };
    expect(listed.jobs).toEqual([]);
  });

  it('are served under 2025-03-26 (or no revision named), each call spending one request of the budget', async () => {
    const config = await testConfig({ RATE_LIMIT_PER_MINUTE: '12' });
    const limited = await startServer(config);
    try {
      const limitedKey = await createKey(limited);
      const served = await postBatch(limited, limitedKey, calls(5), '2025-03-26');
      expect(served.status).toBe(200);
      expect(served.headers.get('x-ratelimit-remaining')).toBe('7');
      const unnamed = await postBatch(limited, limitedKey, calls(5));
      expect(unnamed.status).toBe(200);
      expect(unnamed.headers.get('x-ratelimit-remaining')).toBe('2');
      // Three calls with two requests left: refused whole, as three requests would be.
      const over = await postBatch(limited, limitedKey, calls(3), '2025-03-26');
      expect(over.status).toBe(429);
      expect(((await over.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
      await removeDataDir(config);
    }
  });
});

describe('jobs seen through MCP', () => {
  it('an artifact of a job still running is ARTIFACT_NOT_READY; another key cannot see the job', async () => {
    const config = await testConfig();
    const slow = await startServer(config, { runner: workloadRunner({ defaultMs: 400 }) });
    try {
      const [keyA, keyB] = [await createKey(slow, { name: 'a' }), await createKey(slow, { name: 'b' })];
      const a = await httpClient('2026-07-28', `${slow.url}/mcp`, keyA);
      const b = await httpClient('2025-11-25', `${slow.url}/mcp`, keyB);
      const accepted = (await a.callTool({ name: 'aios_full_pipeline', arguments: { spec: SPEC, phases: ['strategy'] } })).structuredContent as {
        job_id: string;
        status_url: string;
      };
      expect(accepted.status_url).toBe(`${slow.url}/api/jobs/${accepted.job_id}`);
      const early = await a.callTool({ name: 'aios_get_artifact', arguments: { job_id: accepted.job_id, artifact_type: 'strategy' } });
      expect(toolErrorOf(early)).toMatchObject({ code: 'ARTIFACT_NOT_READY' });
      const foreign = await b.callTool({ name: 'aios_get_status', arguments: { job_id: accepted.job_id } });
      expect(toolErrorOf(foreign)).toMatchObject({ code: 'JOB_NOT_FOUND' });
      await waitForJob(a, accepted.job_id);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await slow.close();
      await removeDataDir(config);
    }
  });

  it('a client whose requests alternate between two servers completes a pipeline (no session affinity)', async () => {
    // Two app instances on one queue and one key store, as two processes on one Redis will be.
    const config = await testConfig();
    const queue = new EmbeddedQueue({ concurrency: 2, phaseTimeoutsMs: config.phaseTimeoutsMs, retention: config.retention });
    const first = await startServer(config, { queue });
    const sharedKey = await createKey(first);
    const second = await startServer(config, { queue });
    try {
      const { fetch: alternating, hits } = alternatingFetch([first.url, second.url]);
      for (const era of Object.keys(ERAS) as Era[]) {
        const client = new Client({ name: 'alternating', version: '1' }, { versionNegotiation: ERAS[era] as never });
        await client.connect(
          new StreamableHTTPClientTransport(new URL(`${first.url}/mcp`), {
            fetch: alternating,
            requestInit: { headers: { authorization: `Bearer ${sharedKey}` } },
          }),
        );
        const accepted = (await client.callTool({ name: 'aios_full_pipeline', arguments: { spec: SPEC } })).structuredContent as { job_id: string };
        expect((await waitForJob(client, accepted.job_id)).status).toBe('completed');
        const all = await client.callTool({ name: 'aios_get_artifact', arguments: { job_id: accepted.job_id, artifact_type: 'all' } });
        expect(Object.keys(all.structuredContent as object).sort()).toEqual(['architecture', 'code', 'strategy', 'ux']);
        await client.close();
      }
      expect(hits[0]).toBeGreaterThan(2);
      expect(hits[1]).toBeGreaterThan(2);
    } finally {
      await first.close();
      await second.close();
      await queue.close();
      await removeDataDir(config);
    }
  });
});
