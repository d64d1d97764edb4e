import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport, type Transport, type VersionNegotiationOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { FLAT_IDEA, FLAT_MODEL, FLAT_PROSE } from '../test/fixtures/model-answers.js';
import { BENCH_KEY, startServerProcess } from './server-process.js';

/**
 * `node dist-bench/bench/sampling.js`: what sampling the client's own model costs by transport.
 * The official client, with a handler that answers at once (the product model, then the brief's
 * prose), calls aios_analyze one call at a time: over /mcp on the 2025 revision (a session: the
 * requests ride the call's event stream, the answers are POSTed back), over /mcp on 2026-07-28
 * (input_required rounds, each a new POST carrying the answers so far) and over stdio (2025). The
 * agents' own work is the same in every row, so the differences are the transports'. Prints one
 * JSON line; measures, never asserts.
 */
const CALLS = 8;
const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));

interface Row {
  transport: 'http' | 'stdio';
  era: string;
  median_ms: number;
  min_ms: number;
  /** Requests the client's model answered per call. */
  samples_per_call: number;
}

async function measure(label: Pick<Row, 'transport' | 'era'>, negotiation: VersionNegotiationOptions, transport: Transport): Promise<Row> {
  const client = new Client({ name: 'aios-bench-sampling', version: '1.0.0' }, { versionNegotiation: negotiation, capabilities: { sampling: {} } });
  let asked = 0;
  // Each call asks twice, both answers valid: the reading, then the brief's prose.
  client.setRequestHandler('sampling/createMessage', () => {
    asked += 1;
    return { model: 'bench-model', role: 'assistant' as const, content: { type: 'text' as const, text: JSON.stringify(asked % 2 === 1 ? FLAT_MODEL : FLAT_PROSE) } };
  });
  await client.connect(transport);
  try {
    const times: number[] = [];
    // One warm-up call, then CALLS measured ones.
    for (let i = 0; i <= CALLS; i++) {
      const started = performance.now();
      const result = await client.callTool({ name: 'aios_analyze', arguments: { spec: FLAT_IDEA, engine: 'sampling' } });
      const engine = (result.structuredContent as { engine?: string } | undefined)?.engine;
      if (engine !== 'sampling') throw new Error(`the call was not sampled: ${JSON.stringify(result).slice(0, 300)}`);
      if (i > 0) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { ...label, median_ms: Math.round(times[Math.floor(times.length / 2)]!), min_ms: Math.round(times[0]!), samples_per_call: asked / (CALLS + 1) };
  } finally {
    await client.close();
  }
}

const api = await startServerProcess('api-server.js');
const rows: Row[] = [];
try {
  const http = () => new StreamableHTTPClientTransport(new URL(`${api.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${BENCH_KEY}` } } });
  rows.push(await measure({ transport: 'http', era: '2025-11-25 (session)' }, { mode: 'legacy' }, http()));
  rows.push(await measure({ transport: 'http', era: '2026-07-28 (input_required)' }, { mode: { pin: '2026-07-28' } }, http()));
} finally {
  await api.close();
}
rows.push(
  await measure({ transport: 'stdio', era: '2025-11-25' }, { mode: 'legacy' }, new StdioClientTransport({ command: process.execPath, args: [CLI, 'stdio'], env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' }, stderr: 'ignore' })),
);
console.log(JSON.stringify({ calls: CALLS, rows }));
