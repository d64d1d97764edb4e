import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authed, createKey, removeDataDir, startServer, testConfig, waitForStatus, workloadRunner, SPEC, type Server } from './support.js';

/**
 * Issue 15 item 9: /mcp hands the body Fastify parsed to the MCP SDK as it is, never serialising it
 * again (the SDK's Node adapter did, on every request), and answers a plain JSON result in one piece
 * with its length. The requests are the wire form the official client sends, in both eras.
 */
let server: Server;
let key: string;
let jobId: string;

beforeAll(async () => {
  server = await startServer(await testConfig(), { runner: workloadRunner({ defaultMs: 5 }) });
  key = await createKey(server);
  const posted = await fetch(`${server.url}/api/jobs`, authed(key, { method: 'POST', body: JSON.stringify({ tool: 'aios_strategize', input: { spec: SPEC } }) }));
  jobId = ((await posted.json()) as { job_id: string }).job_id;
  await waitForStatus(server, key, jobId, ['completed']);
});
afterAll(async () => {
  await server.close();
  await removeDataDir(server.config);
});

const ERAS = {
  '2026-07-28': {
    headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'aios_get_status' },
    meta: `,"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"raw","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}`,
  },
  '2025-11-25': { headers: { 'mcp-protocol-version': '2025-11-25' }, meta: '' },
};

describe('/mcp on Node', () => {
  for (const [era, wire] of Object.entries(ERAS)) {
    it(`${era}: answers tools/call without serialising the parsed request again`, async () => {
      // Written as text here, so that any JSON.stringify of a tools/call request below is the server's.
      const body = `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"aios_get_status","arguments":{"job_id":"${jobId}"}${wire.meta}}}`;
      const stringify = vi.spyOn(JSON, 'stringify');
      let response: Response;
      try {
        response = await fetch(`${server.url}/mcp`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...wire.headers },
          body,
        });
        const requests = stringify.mock.calls.filter(([value]) => (value as { method?: unknown } | null)?.method === 'tools/call');
        expect(requests).toEqual([]);
      } finally {
        stringify.mockRestore();
      }
      expect(response.status).toBe(200);
      const text = await response.text();
      const json = text.startsWith('{') ? text : text.split('\n').find((line) => line.startsWith('data: '))!.slice('data: '.length);
      expect(JSON.parse(json)).toMatchObject({ id: 7, result: { structuredContent: { job_id: jobId, status: 'completed' } } });
      if (response.headers.get('content-type')?.startsWith('application/json')) expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    });
  }
});
