import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from '../mcp/clients.js';
import { createKey, postJob, removeDataDir, startServer, testConfig, workloadRunner, SPEC, type Server } from './support.js';

/**
 * Request timeouts: a client must send its request in time (REQUEST_TIMEOUT_MS, headers within
 * HEADERS_TIMEOUT_MS), so endless or stalled bodies cannot hold sockets; the answers that are meant
 * to last (SSE streams, MCP calls reporting progress) stay open past those bounds.
 */

const HEADERS_MS = 800;
const REQUEST_MS = 1_200;
/** Node checks the bounds every second (the app sets connectionsCheckingInterval); slack for a busy machine. */
const CUT_OFF_BY_MS = REQUEST_MS + 2 * 1_000 + 3_000;
/** Each job runs this long: well past the request timeout plus a check. */
const JOB_MS = REQUEST_MS + 2_500;

let server: Server;
let key: string;

beforeAll(async () => {
  const config = await testConfig({ HEADERS_TIMEOUT_MS: String(HEADERS_MS), REQUEST_TIMEOUT_MS: String(REQUEST_MS), SSE_HEARTBEAT_MS: '200' });
  server = await startServer(config, { runner: workloadRunner({ defaultMs: JOB_MS }) });
  key = await createKey(server, { name: 'timeouts' });
});
afterAll(async () => {
  await server?.close();
  if (server) await removeDataDir(server.config);
});

interface Cut {
  /** What the server wrote before closing. */
  text: string;
  ms: number;
}

/** Opens a raw socket, writes `head`, then trickles `drip` every 100 ms (so it is never idle) until the server closes it. */
function holdOpen(head: string, drip?: string): Promise<Cut> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket: Socket = connect(Number(url.port), url.hostname);
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection ${CUT_OFF_BY_MS} ms; it wrote: ${text}`));
    }, CUT_OFF_BY_MS);
    socket.on('connect', () => {
      socket.write(head);
      if (drip) timer = setInterval(() => socket.writable && socket.write(drip), 100);
    });
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ text, ms: Date.now() - started });
    });
  });
}

function expect408(cut: Cut): void {
  expect(cut.text).toMatch(/^HTTP\/1\.1 408 /);
  const id = /\r\nX-Request-Id: ([\w-]+)\r\n/i.exec(cut.text)?.[1];
  expect(id).toBeTruthy();
  const body = JSON.parse(cut.text.slice(cut.text.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string; request_id: string } };
  expect(body.error).toMatchObject({ code: 'INVALID_INPUT', request_id: id });
  expect(body.error.message).toContain(`the whole request within ${REQUEST_MS} ms`);
}

const host = (): string => new URL(server.url).host;

describe('a request that is never finished', () => {
  it('a chunked body that never ends is cut off with 408 (with a key)', async () => {
    const head = `POST /api/jobs HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n`;
    const cut = await holdOpen(head, '1\r\n \r\n');
    expect408(cut);
    expect(cut.ms).toBeGreaterThanOrEqual(REQUEST_MS - 100);
  });

  it('a body shorter than its Content-Length is cut off with 408', async () => {
    const head = `POST /api/jobs HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"tool":`;
    expect408(await holdOpen(head));
  });

  it('without a key, at /mcp: answered 401 at once, and the connection still does not outlive the timeout', async () => {
    const head = `POST /mcp HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"jsonrpc":"2.0",`;
    const cut = await holdOpen(head, ' ');
    expect(cut.text).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('headers that never end are cut off with 408', async () => {
    expect408(await holdOpen(`GET /health HTTP/1.1\r\nHost: ${host()}\r\n`, 'X-Slow: 1\r\n'));
  });
});

describe('what the HTTP parser refuses answers in the contract shape, with a request id', () => {
  it.each([
    ['bytes that are not HTTP', (): string => 'NOT HTTP AT ALL\r\n\r\n', 400],
    ['headers over 16 KB', (): string => `GET /health HTTP/1.1\r\nHost: ${host()}\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`, 431],
  ] as const)('%s', async (_label, head, status) => {
    const cut = await holdOpen(head());
    expect(cut.text).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    const id = /\r\nX-Request-Id: ([\w-]+)\r\n/i.exec(cut.text)?.[1];
    const body = JSON.parse(cut.text.slice(cut.text.indexOf('\r\n\r\n') + 4)) as { error: { code: string; request_id: string } };
    expect(body.error).toEqual(expect.objectContaining({ code: 'INVALID_INPUT', request_id: id }));
  });
});

describe('answers that last stay open past the request timeout', () => {
  it('an SSE stream follows a job for longer than REQUEST_TIMEOUT_MS to its end', async () => {
    const { job_id: jobId } = (await (await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC } })).json()) as { job_id: string };
    const started = Date.now();
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}/api/jobs/${jobId}/stream`, { headers: { authorization: `Bearer ${key}` } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    expect(Date.now() - started).toBeGreaterThan(REQUEST_MS + 1_000);
    expect(text).toContain('"type":"connected"');
    expect(text).toContain('"status":"completed"');
  });

  it('an MCP call reporting progress answers after longer than REQUEST_TIMEOUT_MS', async () => {
    const client = await httpClient('2025-11-25', `${server.url}/mcp`, key);
    try {
      const started = Date.now();
      const progress: number[] = [];
      const result = await client.callTool(
        { name: 'aios_full_pipeline', arguments: { spec: SPEC, phases: ['strategy'] } },
        { onprogress: (update) => progress.push(update.progress), timeout: 60_000 },
      );
      expect(Date.now() - started).toBeGreaterThan(REQUEST_MS + 1_000);
      expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
      expect(result.structuredContent).toMatchObject({ status: 'completed' });
      expect(progress.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
