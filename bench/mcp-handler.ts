import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  createMcpHandler,
} from '@modelcontextprotocol/server';
import { MODERN_REVISION, McpMux, sharedRoute, type ExchangeResponse } from '../src/http/mcp-mux.js';
import { EmbeddedQueue } from '../src/jobs/embedded.js';
import { mcpServerFactory, sharedMcpServers } from '../src/mcp/server.js';

/**
 * CPU per `tools/call aios_get_status` in this process, without sockets or Fastify: the part of a
 * /mcp call that the MCP SDK and src/mcp spend, steadier on a shared machine than the socket
 * benchmark (mcp.ts). Two paths: `entry`, the SDK's HTTP entry (`createMcpHandler`) with our server
 * factory (what /mcp uses for the requests it does not share), and `shared`, the routing check and
 * the long-lived server of the era behind its multiplexing transport (src/http/mcp-mux.ts: what /mcp
 * uses for plain calls like this one), answering on an in-memory response. Each call is awaited,
 * then the event loop turns once, as between two HTTP requests.
 * `node dist-bench/bench/mcp-handler.js [calls]` prints one JSON line.
 */
const CALLS = Number(process.argv[2] ?? 3000);
const WARM_UP = 300;
const OWNER = 'bench';

const queue = new EmbeddedQueue({
  concurrency: 1,
  phaseTimeoutsMs: { analysis: 60_000, strategy: 60_000, architecture: 60_000, ux: 60_000, code: 60_000 },
  retention: { completedMs: 3_600_000, failedMs: 3_600_000 },
  run: async (tool) => ({ tool, instant: true }),
});
const { job } = await queue.enqueue({ tool: 'aios_analyze', input: { spec: 'A CRM for sales reps' }, owner: OWNER });
while ((await queue.get(job.id))?.status !== 'completed') await new Promise((resolve) => setTimeout(resolve, 10));

const deps = { queue, jobUrls: (id: string) => ({ status_url: `/api/jobs/${id}`, stream_url: `/api/jobs/${id}/stream` }) };
const handler = createMcpHandler(mcpServerFactory(deps, () => ({ owner: OWNER })));
const shared = sharedMcpServers(deps, () => ({ owner: OWNER }), MODERN_REVISION);
const muxes = { legacy: await McpMux.connect(shared.legacy, 'legacy'), modern: await McpMux.connect(shared.modern, 'modern') };
const authInfo = { token: 'redacted', clientId: OWNER, scopes: [] };
const ERAS = {
  '2026-07-28': {
    headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'aios_get_status' },
    meta: { [PROTOCOL_VERSION_META_KEY]: '2026-07-28', [CLIENT_INFO_META_KEY]: { name: 'bench', version: '1' }, [CLIENT_CAPABILITIES_META_KEY]: {} },
  },
  '2025 (legacy)': { headers: { 'mcp-protocol-version': '2025-11-25' }, meta: undefined },
};

type Path = 'entry' | 'shared';

/** An in-memory response: what the shared path writes, collected until `end`. */
function memoryResponse(done: (text: string) => void): ExchangeResponse {
  let text = '';
  const response = {
    headersSent: false,
    writeHead: () => response,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    end: (chunk?: string) => {
      done(text + (chunk ?? ''));
      return response;
    },
    on: () => response,
  };
  return response as unknown as ExchangeResponse;
}

async function call(path: Path, era: keyof typeof ERAS): Promise<void> {
  const { headers, meta } = ERAS[era];
  const allHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers };
  const parsedBody = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'aios_get_status', arguments: { job_id: job.id }, ...(meta ? { _meta: meta } : {}) } };
  let text: string;
  if (path === 'entry') {
    const request = new Request('http://127.0.0.1/mcp', { method: 'POST', headers: allHeaders });
    text = await (await handler.fetch(request, { authInfo, parsedBody })).text();
  } else {
    const route = sharedRoute('POST', allHeaders, parsedBody);
    if (!route) throw new Error(`${era}: the call was not routed to the shared server`);
    text = await new Promise<string>((resolve) => muxes[route.era].serve(route, authInfo, memoryResponse(resolve)));
  }
  if (!text.includes('"completed"')) throw new Error(`${path} ${era}: unexpected answer ${text.slice(0, 300)}`);
  await new Promise((resolve) => setImmediate(resolve));
}

export interface HandlerFigures {
  path: Path;
  era: string;
  calls: number;
  cpu_us_per_call: number;
}

const figures: HandlerFigures[] = [];
for (const path of ['entry', 'shared'] as const) {
  for (const era of Object.keys(ERAS) as Array<keyof typeof ERAS>) {
    for (let i = 0; i < WARM_UP; i++) await call(path, era);
    const before = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) await call(path, era);
    const used = process.cpuUsage(before);
    figures.push({ path, era, calls: CALLS, cpu_us_per_call: (used.user + used.system) / CALLS });
  }
}
await Promise.all([handler.close(), shared.legacy.close(), shared.modern.close()]);
await queue.close();
process.stdout.write(`${JSON.stringify({ figures })}\n`);
