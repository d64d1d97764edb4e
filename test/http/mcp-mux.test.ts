import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer, SUPPORTED_PROTOCOL_VERSIONS, type ServerContext } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MODERN_REVISION, McpMux, sharedRoute } from '../../src/http/mcp-mux.js';
import type { McpEra as Era } from '../../src/mcp/server.js';

/**
 * The multiplexing transport behind /mcp's shared servers (src/http/mcp-mux.ts), on real sockets
 * with a real SDK server: every request it carries is answered on its own response, whatever id its
 * client gave it, with its own progress; a request whose client goes away is cancelled and leaves
 * nothing behind.
 */

interface Waiting {
  started: number;
  aborted: number;
}
const waiting: Waiting = { started: 0, aborted: 0 };

function buildServer(era: Era): McpServer {
  const server = new McpServer(
    { name: 'mux-test', version: '1.0.0' },
    { capabilities: { tools: {} }, ...(era === 'modern' ? { supportedProtocolVersions: [...SUPPORTED_PROTOCOL_VERSIONS, MODERN_REVISION] } : {}) },
  );
  // Answers its value after a delay, with a progress notification per step: later calls may finish first.
  server.registerTool('count', { inputSchema: z.object({ value: z.string(), steps: z.number().int(), delay_ms: z.number().int() }) }, async ({ value, steps, delay_ms }, ctx: ServerContext) => {
    const token = ctx.mcpReq._meta?.progressToken;
    for (let step = 1; step <= steps; step++) {
      await new Promise((resolve) => setTimeout(resolve, delay_ms));
      if (token !== undefined) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: step, total: steps, message: value } });
    }
    const owner = (ctx.http?.authInfo as { clientId?: string } | undefined)?.clientId;
    return { content: [{ type: 'text', text: `${value} for ${owner}` }] };
  });
  // Runs until its call is cancelled.
  server.registerTool('wait', { inputSchema: z.object({}) }, async (_args, ctx: ServerContext) => {
    waiting.started++;
    const token = ctx.mcpReq._meta?.progressToken;
    if (token !== undefined) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: 1, message: 'waiting' } });
    await new Promise<void>((resolve) => ctx.mcpReq.signal.addEventListener('abort', () => resolve(), { once: true }));
    waiting.aborted++;
    return { content: [{ type: 'text', text: 'cancelled' }] };
  });
  return server;
}

const servers: Record<Era, McpServer> = { legacy: buildServer('legacy'), modern: buildServer('modern') };
let muxes: Record<Era, McpMux>;
let http: HttpServer;
let url: string;

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text);
}

beforeAll(async () => {
  muxes = { legacy: await McpMux.connect(servers.legacy, 'legacy'), modern: await McpMux.connect(servers.modern, 'modern') };
  http = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      const route = sharedRoute(req.method ?? 'GET', req.headers, body);
      if (!route) return void res.writeHead(421).end();
      // The headers /mcp has set by then (request id, rate limits) go out with the answer.
      muxes[route.era].serve(route, { token: 'redacted', clientId: String(req.headers['x-caller']), scopes: [] }, res, { 'x-request-id': `req-${String(req.headers['x-caller'])}` });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
});
afterAll(async () => {
  await Promise.all([servers.legacy.close(), servers.modern.close()]);
  await new Promise((resolve) => http.close(resolve));
});

const META = {
  'io.modelcontextprotocol/protocolVersion': MODERN_REVISION,
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** A tools/call as each era's client sends it, with the client's own id. */
function call(era: Era, id: number | string, name: string, args: Record<string, unknown>, caller: string, progressToken?: string, signal?: AbortSignal): Promise<Response> {
  const meta = { ...(era === 'modern' ? META : {}), ...(progressToken !== undefined ? { progressToken } : {}) };
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-caller': caller };
  if (era === 'modern') Object.assign(headers, { 'mcp-protocol-version': MODERN_REVISION, 'mcp-method': 'tools/call', 'mcp-name': name });
  else headers['mcp-protocol-version'] = '2025-11-25';
  const params = { name, arguments: args, ...(Object.keys(meta).length > 0 ? { _meta: meta } : {}) };
  return fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }), ...(signal ? { signal } : {}) });
}

interface Message {
  id?: number | string;
  method?: string;
  params?: { message?: string; progress?: number };
  result?: { content: Array<{ text: string }> };
}

/** The JSON-RPC messages of an answer: one JSON body, or the events of a stream. */
async function messagesOf(response: Response): Promise<Message[]> {
  const text = await response.text();
  if (response.headers.get('content-type')?.startsWith('application/json')) return [JSON.parse(text) as Message];
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)) as Message);
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

describe.each(['modern', 'legacy'] as const)('the multiplexing transport, %s era', (era) => {
  it('answers each of many calls made at once with the same JSON-RPC id on its own response', async () => {
    const values = Array.from({ length: 24 }, (_, index) => `v${index}`);
    // Later calls wait less, so answers come back in another order than the calls went out.
    const responses = await Promise.all(values.map((value, index) => call(era, 1, 'count', { value, steps: 1, delay_ms: 48 - 2 * index }, `key-${index % 3}`)));
    for (const [index, response] of responses.entries()) {
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe(`req-key-${index % 3}`);
      const messages = await messagesOf(response);
      expect(messages).toEqual([{ jsonrpc: '2.0', id: 1, result: expect.objectContaining({ content: [{ type: 'text', text: `v${index} for key-${index % 3}` }] }) }]);
    }
    expect(muxes[era].inFlight).toBe(0);
  });

  it('sends each call its own progress, on its own stream, before its answer', async () => {
    const [a, b] = await Promise.all([call(era, 'same', 'count', { value: 'a', steps: 3, delay_ms: 5 }, 'k', 'token'), call(era, 'same', 'count', { value: 'b', steps: 3, delay_ms: 7 }, 'k', 'token')]);
    for (const [value, response] of [['a', a], ['b', b]] as const) {
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      expect(response.headers.get('x-request-id')).toBe('req-k');
      const messages = await messagesOf(response);
      expect(messages.map((message) => message.method ?? 'answer')).toEqual(['notifications/progress', 'notifications/progress', 'notifications/progress', 'answer']);
      expect(messages.slice(0, 3).map((message) => [message.params?.message, message.params?.progress])).toEqual([
        [value, 1],
        [value, 2],
        [value, 3],
      ]);
      expect(messages[3]).toMatchObject({ id: 'same', result: { content: [{ text: `${value} for k` }] } });
    }
  });

  it('cancels a call whose client goes away, and keeps nothing of it', async () => {
    const before = { ...waiting };
    // One that streams (progress asked) and one that would answer in one piece.
    const streaming = new AbortController();
    const response = await call(era, 5, 'wait', {}, 'k', 'token', streaming.signal);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('waiting');
    const plain = new AbortController();
    const pending = call(era, 5, 'wait', {}, 'k', undefined, plain.signal).catch((error: unknown) => error);
    await until(() => waiting.started === before.started + 2);
    expect(muxes[era].inFlight).toBe(2);
    streaming.abort();
    plain.abort();
    await pending;
    await until(() => waiting.aborted === before.aborted + 2);
    expect(muxes[era].inFlight).toBe(0);
  });
});

describe('which requests the shared servers take', () => {
  const modern = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': MODERN_REVISION, 'mcp-method': 'tools/call', 'mcp-name': 'count' };
  const body = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'count', arguments: {}, _meta: META } };

  it('a plain call of either era', () => {
    expect(sharedRoute('POST', modern, body)?.era).toBe('modern');
    expect(sharedRoute('POST', { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, { ...body, params: { name: 'count' } })?.era).toBe('legacy');
  });

  it('leaves to the SDK entry what it must check or refuse, and what needs a connection or session', () => {
    const cases: Array<[string, Record<string, string>, unknown]> = [
      ['a missing Mcp-Name', { ...modern, 'mcp-name': '' }, body],
      ['an Mcp-Name for another tool', { ...modern, 'mcp-name': 'wait' }, body],
      ['an Mcp-Method for another method', { ...modern, 'mcp-method': 'tools/list' }, body],
      ['a revision header that differs from the envelope', { ...modern, 'mcp-protocol-version': '2025-11-25' }, body],
      ['a non-JSON content type', { ...modern, 'content-type': 'text/plain' }, body],
      ['a 2025 call that does not accept event streams', { 'content-type': 'application/json', accept: 'application/json' }, { ...body, params: { name: 'count' } }],
      ['a 2025 revision the SDK does not speak', { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '1999-01-01' }, { ...body, params: { name: 'count' } }],
      ['a session', { ...modern, 'mcp-session-id': 'abc' }, body],
      ['initialize', { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }],
      ['a completion (its handlers get no request)', { ...modern, 'mcp-method': 'completion/complete' }, { ...body, method: 'completion/complete' }],
      ['subscriptions/listen', { ...modern, 'mcp-method': 'subscriptions/listen' }, { ...body, method: 'subscriptions/listen' }],
      ['a notification', modern, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } }],
      ['a batch', modern, [body]],
    ];
    for (const [what, headers, request] of cases) expect(sharedRoute('POST', headers, request), what).toBeUndefined();
    expect(sharedRoute('GET', modern, undefined)).toBeUndefined();
  });
});
