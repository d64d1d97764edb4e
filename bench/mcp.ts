import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Client, StreamableHTTPClientTransport, type Transport, type VersionNegotiationOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { BENCH_KEY, startServerProcess, type ServerProcess } from './server-process.js';

/**
 * The MCP figures (issue 4), in a process of their own: `tools/call aios_get_status` round trips
 * per second through the official client (`@modelcontextprotocol/client`), over Streamable HTTP
 * (/mcp on the real server, in its own process) and over stdio (the built `aios-mcp stdio`,
 * spawned), for the 2026-07-28 revision and the 2025 one. A fixed number of calls is kept in
 * flight. Over HTTP the client's own tools/call request is also replayed raw with autocannon, which
 * gives the server's rate without the client's cost, in rounds alternating with GET /api/jobs/:id of
 * the same job on the same server (issue 15 item 9: /mcp as a ratio of REST). Prints one JSON line.
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
  transport: 'http' | 'stdio';
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

async function measure(transport: CallFigures['transport'], era: string, client: Client): Promise<CallFigures & { job_id: string }> {
  try {
    const accepted = await client.callTool({ name: 'aios_full_pipeline', arguments: { spec: SPEC, phases: ['strategy'] } });
    const jobId = (accepted.structuredContent as { job_id: string }).job_id;
    await finished(client, jobId);
    await hammer(client, jobId, 0.5);
    return { transport, era, job_id: jobId, ...(await hammer(client, jobId, SECONDS)) };
  } finally {
    await client.close();
  }
}

interface RecordedRequest {
  headers: Record<string, string>;
  body: string;
}

/** Rounds of the /mcp ↔ REST comparison, each measuring both back to back, alternating which goes first. */
const ROUNDS = 4;
const ROUND_SECONDS = 1.5;

export interface ComparedFigures {
  era: string;
  /** Medians over the rounds: calls (or requests) per second, and the server's CPU time per call. */
  mcp: { calls_per_second: number; cpu_us_per_call: number; p99_ms: number };
  rest: { calls_per_second: number; cpu_us_per_call: number; p99_ms: number };
  /** Median over the rounds of /mcp calls/s ÷ REST req/s, each pair measured back to back (the aim: ≥ 0.3). */
  ratio: number;
  /** REST CPU per request ÷ /mcp CPU per call: the ratio if the server had a core to itself. */
  cpu_ratio: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(api: ServerProcess, options: Parameters<typeof autocannon>[0], what: string) {
  const before = await api.cpuMicros();
  const result = await autocannon({ connections: IN_FLIGHT, duration: ROUND_SECONDS, ...options });
  const cpuUs = (await api.cpuMicros()) - before;
  if (result.non2xx + result.errors + result.timeouts > 0) throw new Error(`${what}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { perSecond: result.requests.total / result.duration, cpuPerCall: cpuUs / Math.max(1, result.requests.total), p99: result.latency.p99 };
}

/**
 * The client's own tools/call aios_get_status (same headers and JSON-RPC body) replayed raw by
 * autocannon, against GET /api/jobs/:id of the same finished job on the same server: the server
 * alone, both ways of reading a status, in alternating rounds so both see the same machine.
 */
async function compare(api: ServerProcess, era: string, request: RecordedRequest, jobId: string): Promise<ComparedFigures> {
  const mcp: Array<Awaited<ReturnType<typeof timed>>> = [];
  const rest: Array<Awaited<ReturnType<typeof timed>>> = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const runMcp = () => timed(api, { url: `${api.url}/mcp`, method: 'POST', headers: request.headers, body: request.body }, 'raw tools/call replay');
    const runRest = () => timed(api, { url: `${api.url}/api/jobs/${jobId}`, headers: { authorization: `Bearer ${BENCH_KEY}` } }, 'REST read');
    let m: (typeof mcp)[number];
    let r: (typeof rest)[number];
    if (round % 2 === 0) {
      m = await runMcp();
      r = await runRest();
    } else {
      r = await runRest();
      m = await runMcp();
    }
    mcp.push(m);
    rest.push(r);
    ratios.push(m.perSecond / r.perSecond);
  }
  const figures = (rounds: typeof mcp) => ({
    calls_per_second: median(rounds.map((r) => r.perSecond)),
    cpu_us_per_call: median(rounds.map((r) => r.cpuPerCall)),
    p99_ms: Math.max(...rounds.map((r) => r.p99)),
  });
  const mcpFigures = figures(mcp);
  const restFigures = figures(rest);
  return { era, mcp: mcpFigures, rest: restFigures, ratio: median(ratios), cpu_ratio: restFigures.cpu_us_per_call / mcpFigures.cpu_us_per_call };
}

const figures: CallFigures[] = [];
const compared: ComparedFigures[] = [];
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
    const { job_id: jobId, ...http } = await measure('http', era, await connect(negotiation, transport));
    figures.push(http);
    if (!recorded) throw new Error('no tools/call request was seen to replay');
    compared.push(await compare(api, era, recorded, jobId));
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
  const { job_id: _jobId, ...stdio } = await measure('stdio', era, await connect(negotiation, transport));
  figures.push(stdio);
}
process.stdout.write(`${JSON.stringify({ in_flight: IN_FLIGHT, seconds: SECONDS, rounds: ROUNDS, round_seconds: ROUND_SECONDS, figures, compared })}\n`);
