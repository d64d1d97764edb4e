import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Client, StreamableHTTPClientTransport, type Transport, type VersionNegotiationOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { BENCH_KEY, startServerProcess } from './server-process.js';

/**
 * The MCP figures (issue 4), in a process of their own: `tools/call aios_get_status` round trips
 * per second through the official client (`@modelcontextprotocol/client`), over Streamable HTTP
 * (/mcp on the real server, in its own process) and over stdio (the built `aios-mcp stdio`,
 * spawned), for the 2026-07-28 revision and the 2025 one. A fixed number of calls is kept in
 * flight. Over HTTP the client's own tools/call request is also replayed raw with autocannon, which
 * gives the server's rate without the client's cost. Prints one JSON line.
 */
const IN_FLIGHT = 8;
const SECONDS = 3;
const SPEC = 'A CRM for sales reps: reps track leads and deals, managers see the pipeline.';
const ERAS: Record<string, VersionNegotiationOptions> = {
  '2026-07-28': { mode: { pin: '2026-07-28' } },
  '2025 (legacy)': { mode: 'legacy' },
};
const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));

export interface CallFigures {
  transport: 'http' | 'stdio' | 'http raw';
  era: string;
  calls_per_second: number;
  p99_ms: number;
}

async function connect(era: VersionNegotiationOptions, transport: Transport): Promise<Client> {
  const client = new Client({ name: 'aios-bench', version: '1.0.0' }, { versionNegotiation: era });
  await client.connect(transport);
  return client;
}

/** Waits for a job made over MCP to finish (its get_status is what the benchmark then calls). */
async function finished(client: Client, jobId: string): Promise<void> {
  for (;;) {
    const { structuredContent } = await client.callTool({ name: 'aios_get_status', arguments: { job_id: jobId } });
    const status = (structuredContent as { status: string }).status;
    if (status === 'completed') return;
    if (status !== 'queued' && status !== 'processing') throw new Error(`benchmark job ended ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Keeps IN_FLIGHT get_status calls going for `seconds`; counts the ones that came back. */
async function hammer(client: Client, jobId: string, seconds: number): Promise<{ calls_per_second: number; p99_ms: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        const result = await client.callTool({ name: 'aios_get_status', arguments: { job_id: jobId } });
        if (result.isError) throw new Error(`aios_get_status failed: ${JSON.stringify(result.content)}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    calls_per_second: latencies.length / ((performance.now() - started) / 1000),
    p99_ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
  };
}

async function measure(transport: CallFigures['transport'], era: string, client: Client): Promise<CallFigures> {
  try {
    const accepted = await client.callTool({ name: 'aios_full_pipeline', arguments: { spec: SPEC, phases: ['strategy'] } });
    const jobId = (accepted.structuredContent as { job_id: string }).job_id;
    await finished(client, jobId);
    await hammer(client, jobId, 0.5);
    return { transport, era, ...(await hammer(client, jobId, SECONDS)) };
  } finally {
    await client.close();
  }
}

interface RecordedRequest {
  headers: Record<string, string>;
  body: string;
}

/** The same request as the client's last tools/call, sent by autocannon over CONNECTIONS = IN_FLIGHT sockets. */
async function replay(url: string, era: string, request: RecordedRequest): Promise<CallFigures> {
  const result = await autocannon({ url, method: 'POST', connections: IN_FLIGHT, duration: SECONDS, headers: request.headers, body: request.body });
  if (result.non2xx + result.errors + result.timeouts > 0) throw new Error(`raw tools/call replay: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { transport: 'http raw', era, calls_per_second: result.requests.total / result.duration, p99_ms: result.latency.p99 };
}

const figures: CallFigures[] = [];
const api = await startServerProcess('api-server.js');
try {
  for (const [era, negotiation] of Object.entries(ERAS)) {
    let recorded: RecordedRequest | undefined;
    const transport = new StreamableHTTPClientTransport(new URL(`${api.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${BENCH_KEY}` } },
      // Keeps the wire form of a tools/call (headers the era requires, the JSON-RPC body) for the raw replay.
      fetch: (url, init) => {
        if (typeof init?.body === 'string' && init.body.includes('"tools/call"')) {
          recorded = { headers: Object.fromEntries(new Headers(init.headers).entries()), body: init.body };
        }
        return fetch(url, init);
      },
    });
    figures.push(await measure('http', era, await connect(negotiation, transport)));
    if (!recorded) throw new Error('no tools/call request was seen to replay');
    figures.push(await replay(`${api.url}/mcp`, era, recorded));
  }
} finally {
  await api.close();
}
for (const [era, negotiation] of Object.entries(ERAS)) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'stdio'],
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' },
    stderr: 'inherit',
  });
  figures.push(await measure('stdio', era, await connect(negotiation, transport)));
}
process.stdout.write(`${JSON.stringify({ in_flight: IN_FLIGHT, seconds: SECONDS, figures })}\n`);
