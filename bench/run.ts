import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CapacityFigures } from './capacity.js';
import type { CallFigures, ComparedFigures } from './mcp.js';
import type { HandlerFigures } from './mcp-handler.js';
import type { E2eFigures } from './e2e.js';
import type { PairFigures } from './rest.js';
import type { WordNetFigures } from './wordnet.js';

/**
 * `npm run bench`: runs each benchmark in its own process (servers in processes of their own)
 * and prints the figures next to their aims. It measures and never asserts: the machine is shared.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

/** Runs one section's script and returns the JSON of its last line. */
function section<T>(script: string, args: string[] = [], nodeOptions: string[] = []): T {
  const out = execFileSync(process.execPath, [...nodeOptions, `${here}${script}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

interface PipelineFigures {
  words: number;
  runs: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  peak_rss_mb: number;
}

interface RestFigures {
  connections: number;
  rounds: number;
  seconds_per_round: number;
  post: PairFigures;
  get: PairFigures;
  get_body_bytes: number;
  memory_jobs: number;
  startup_rss_mb: number;
  peak_rss_mb: number;
}

interface WebhookFigures {
  mode: string;
  jobs: number;
  deliveries: number;
  expected: number;
  seconds: number;
  deliveries_per_second: number;
  lag_p50_ms: number;
  lag_p99_ms: number;
  jobs_out_of_order: number;
  peak_rss_mb: number;
}

interface McpFigures {
  in_flight: number;
  seconds: number;
  rounds: number;
  round_seconds: number;
  figures: CallFigures[];
  compared: ComparedFigures[];
}

const pad = (value: string | number, width: number) => String(value).padStart(width);
const verdict = (met: boolean) => (met ? 'meets aim' : 'MISSES AIM');

console.log(`aios-lovable-mcp benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
console.log('Full pipeline (strategy → architecture → ux → code), embedded engine, one process per case:');
console.log('  spec words   runs   median ms   min ms   max ms   peak RSS MB');
for (const [words, runs] of [
  [300, 30],
  [5000, 10],
] as const) {
  const f = section<PipelineFigures>('pipeline.js', [String(words), String(runs)]);
  console.log(
    `  ${pad(f.words, 10)}   ${pad(f.runs, 4)}   ${pad(f.median_ms.toFixed(1), 9)}   ${pad(f.min_ms.toFixed(1), 6)}   ${pad(f.max_ms.toFixed(1), 6)}   ${pad(
      f.peak_rss_mb.toFixed(0),
      11,
    )}`,
  );
}

console.log(`
WordNet (src/agents/reader/wordnet.ts), one process per way of reading data records, over the same ~2,000 words (the spec
fixtures' words, nouns and verbs spread over the indexes, plurals, unknown words). "first call": the first nounSenses,
which loads index.noun. Per word, µs: the first time a word is asked (its records read and parsed) / asked again (memoised).
  records   words   first call ms   nounSenses µs   isA µs        derivedNouns µs   personNoun µs   RSS added MB (heap, buffers)`);
for (const records of ['file', 'memory']) {
  // --expose-gc: the memory figures are taken after a collection, so they count what stays.
  const f = section<WordNetFigures>('wordnet.js', [records], ['--expose-gc']);
  const pair = ([first, again]: [number, number]) => `${first.toFixed(1)} / ${again.toFixed(1)}`;
  console.log(
    `  ${f.records.padEnd(7)}   ${pad(f.words, 5)}   ${pad(f.first_call_ms.toFixed(1), 13)}   ${pad(pair(f.noun_senses_us), 13)}   ${pair(f.is_a_us).padEnd(11)}   ${pad(
      pair(f.derived_nouns_us),
      15,
    )}   ${pad(pair(f.person_noun_us), 13)}   ${f.rss_added_mb.toFixed(0)} (${f.heap_added_mb.toFixed(0)}, ${f.buffers_added_mb.toFixed(0)})`,
  );
}

const rest = section<RestFigures>('rest.js');
console.log(`
REST API vs bare node:http, side by side (autocannon, ${rest.connections} connections, ${rest.rounds} rounds of ${rest.seconds_per_round} s per case, each round
measuring both servers back to back, alternating which goes first; req/s and CPU are medians over the rounds):
  API: buildApp in its own process, NODE_ENV=production, LOG_LEVEL=warn, Bearer key checked, rate limiter on every
  request with a budget the load never reaches. Bare: node:http parsing and echoing the JSON, in its own process.
  POST /api/jobs {tool: aios_strategize, input: {spec}}: each one queues a real job whose runner completes at once
  (no agents: this measures the API, auth, limits, validation, queue bookkeeping); jobs are kept for their 1 h retention.
  GET /api/jobs/:id: one finished job of that instant workload (${rest.get_body_bytes} B body); bare answers a small JSON object.
  "ratio" is the median of the rounds' API ÷ bare req/s (the aim); "CPU ratio" is bare ÷ API server CPU time per request,
  what the ratio would be if neither server shared its core with the load generator.
                        bare req/s   API req/s   ratio   aim           CPU µs/req bare   API   CPU ratio   p99 ms bare   API`);
for (const [label, figures, aim] of [
  ['POST /api/jobs', rest.post, 0.5],
  ['GET /api/jobs/:id', rest.get, 0.6],
] as const) {
  console.log(
    `  ${label.padEnd(18)}   ${pad(figures.bare.requests_per_second.toFixed(0), 10)}   ${pad(figures.api.requests_per_second.toFixed(0), 9)}   ${pad(
      `${(figures.ratio * 100).toFixed(0)}%`,
      5,
    )}   ≥${aim * 100}% ${verdict(figures.ratio >= aim).padEnd(10)}   ${pad(figures.bare.cpu_us_per_request.toFixed(0), 15)}   ${pad(
      figures.api.cpu_us_per_request.toFixed(0),
      3,
    )}   ${pad(`${(figures.cpu_ratio * 100).toFixed(0)}%`, 9)}   ${pad(figures.bare.p99_ms, 11)}   ${pad(figures.api.p99_ms, 3)}`,
  );
  const failures = figures.api.non_2xx + figures.api.errors + figures.bare.non_2xx + figures.bare.errors;
  if (failures > 0) console.log(`  ! ${label}: ${failures} answers were not 2xx or failed: the figures above are not valid`);
}
console.log(
  `  Memory, on a fresh API server: peak RSS ${rest.peak_rss_mb.toFixed(0)} MB after ${rest.memory_jobs} POSTs whose jobs it keeps (${rest.startup_rss_mb.toFixed(
    0,
  )} MB after start-up); aim < 200 MB: ${verdict(
    rest.peak_rss_mb < 200,
  )}`,
);

const mcp = section<McpFigures>('mcp.js');
console.log(`
MCP tools/call aios_get_status round trips on a finished job, ${mcp.in_flight} calls in flight, ${mcp.seconds} s each after a warm-up:
  http:     the official client (@modelcontextprotocol/client) with StreamableHTTPClientTransport to /mcp of the real
            server (buildApp as above, its own process, Bearer key); the client's time is included.
  stdio:    the official client with StdioClientTransport spawning \`aios-mcp stdio\` (the built CLI).
  transport   protocol          calls/s   p99 ms`);
for (const f of mcp.figures) {
  console.log(`  ${f.transport.padEnd(9)}   ${f.era.padEnd(14)}   ${pad(f.calls_per_second.toFixed(0), 7)}   ${pad(f.p99_ms.toFixed(1), 6)}`);
}
console.log(`
/mcp against REST on the same server, the same finished job: that client's own tools/call aios_get_status request (same
headers and JSON-RPC body) replayed by autocannon, and GET /api/jobs/:id, ${mcp.in_flight} connections, ${mcp.rounds} rounds of ${mcp.round_seconds} s each
measuring both back to back (alternating which goes first); medians over the rounds. "ratio": /mcp calls/s ÷ REST req/s
(the aim); "CPU ratio": REST ÷ /mcp server CPU per call, the ratio if the server had a core to itself.
  protocol         /mcp calls/s   REST req/s   ratio   aim               CPU µs/call /mcp   REST   CPU ratio   p99 ms /mcp   REST`);
for (const c of mcp.compared) {
  console.log(
    `  ${c.era.padEnd(14)}   ${pad(c.mcp.calls_per_second.toFixed(0), 12)}   ${pad(c.rest.calls_per_second.toFixed(0), 10)}   ${pad(c.ratio.toFixed(2), 5)}   ≥0.3 ${verdict(
      c.ratio >= 0.3,
    ).padEnd(10)}   ${pad(c.mcp.cpu_us_per_call.toFixed(0), 16)}   ${pad(c.rest.cpu_us_per_call.toFixed(0), 4)}   ${pad(c.cpu_ratio.toFixed(2), 9)}   ${pad(
      c.mcp.p99_ms,
      11,
    )}   ${pad(c.rest.p99_ms, 4)}`,
  );
}

const handlerCpu = section<{ figures: HandlerFigures[] }>('mcp-handler.js');
console.log(`\nThe same call in process, no sockets or Fastify (steadier than the figures above on a shared machine): server CPU
µs per call through the SDK's HTTP entry (createMcpHandler, "entry": what /mcp uses for the requests it does not share)
and through the shared server of the era behind its multiplexing transport ("shared": what /mcp uses for this call)`);
for (const f of handlerCpu.figures) console.log(`  ${f.path.padEnd(7)}   ${f.era.padEnd(14)}   ${pad(f.cpu_us_per_call.toFixed(0), 6)}   (${f.calls} calls)`);

const capacity = section<CapacityFigures>('capacity.js');
console.log(`
Capacity (issue 15). Memory: ${capacity.memory[0]?.jobs ?? 0} full-pipeline jobs posted to the real server (buildApp, production, embedded queue,
EMBEDDED_OUTPUT_MEMORY_MB at its default, the real agents on their worker threads as serve runs them), all kept for their
retention hour; RSS once all completed and the idle agent thread has ended, and just after the last one (thread alive):
  malloc                                              s   RSS MB   thread alive MB   peak MB   aim RSS < 200 MB`);
for (const m of capacity.memory) {
  console.log(
    `  ${m.malloc.padEnd(46)}   ${pad(m.seconds.toFixed(0), 4)}   ${pad(m.rss_mb.toFixed(0), 6)}   ${pad(m.rss_thread_alive_mb.toFixed(0), 15)}   ${pad(
      m.peak_rss_mb.toFixed(0),
      7,
    )}   ${verdict(m.rss_mb < 200)}`,
  );
}
console.log(`/health while ${capacity.health[0]?.large_jobs ?? 0} full pipelines run on the largest spec allowed (the built CLI's serve, embedded queue, the real
agents), asked one at a time until they are done:
  agents           answers   p50 ms   p99 ms   max ms   jobs took s   aim p99 < 50 ms`);
for (const h of capacity.health) {
  console.log(
    `  ${h.agents.padEnd(14)}   ${pad(h.answers, 7)}   ${pad(h.p50_ms.toFixed(1), 6)}   ${pad(h.p99_ms.toFixed(1), 6)}   ${pad(h.max_ms.toFixed(0), 6)}   ${pad(
      h.seconds.toFixed(1),
      11,
    )}   ${h.agents === 'worker threads' ? verdict(h.p99_ms < 50) : '(before: for comparison)'}`,
  );
}

const e2e = section<{ figures: E2eFigures[] }>('e2e.js');
const first = e2e.figures[0];
console.log(`
End to end: POST /api/jobs (aios_strategize, the quiz idea) until its SSE stream says completed, through the built CLI in
processes of their own (NODE_ENV=production). jobs/s: ${first?.jobs ?? 0} jobs, ${first?.in_flight ?? 0} in flight, through fetch. Latency: ${
  first?.latency[0]?.jobs ?? 0
} jobs one at a time through
each of two clients, in turns: fetch (undici) and node:http on a keep-alive agent, a lean client that counts less of its own
time. "own" is the job's strategy phase; "added" the rest: what the API, the queue and the stream add to it, and the client's
own time (aim on Redis: under 5 ms p50, read on the node:http line).
  mode                 jobs/s   client      p50 ms   p99 ms   own p50 ms   added p50 ms`);
for (const f of e2e.figures) {
  for (const [index, l] of f.latency.entries()) {
    const aim = f.mode.startsWith('redis') && l.client === 'node:http' ? `  ${verdict(l.added_p50_ms < 5)}` : '';
    const head = index === 0 ? `${f.mode.padEnd(18)}   ${pad(f.jobs_per_second.toFixed(1), 6)}` : ' '.repeat(27);
    console.log(
      `  ${head}   ${l.client.padEnd(9)}   ${pad(l.p50_ms.toFixed(1), 6)}   ${pad(l.p99_ms.toFixed(1), 6)}   ${pad(l.own_p50_ms.toFixed(1), 10)}   ${pad(
        l.added_p50_ms.toFixed(1),
        12,
      )}${aim}`,
    );
  }
}
console.log(`  Where a job's time goes (node:http; medians, ms; server stamps are whole ms on one clock): POST answered |
  POST sent → job created (HTTP, auth, rate limit) | created → started (queue, pickup) | → phase started | the phase |
  → finished_at | finished_at → the stream's end at the client`);
for (const f of e2e.figures) {
  const stages = f.latency.find((l) => l.client === 'node:http')?.stages ?? {};
  console.log(`  ${f.mode.padEnd(18)}   ${Object.entries(stages).map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join('   ')}`);
}

console.log(`
Webhook deliveries: buildApp on a socket (its own process per mode) with jobs that end at once (no agents), 300 aios_strategize
jobs posted 10 at a time, each sending 4 signed events (job.started, phase.started, phase.completed, job.completed) to a
node:http receiver on loopback that answers 200. Lag: from the event's timestamp to its arrival, over every delivery, so it
includes the backlog the burst builds. Redis mode uses the local Redis (REDIS_URL) under a prefix of its own, removed after.
  mode        deliveries   seconds   deliveries/s   lag p50 ms   lag p99 ms   jobs out of order   peak RSS MB`);
for (const mode of ['embedded', 'redis']) {
  const f = section<WebhookFigures>('webhooks.js', [mode, '300']);
  console.log(
    `  ${f.mode.padEnd(8)}   ${pad(`${f.deliveries}/${f.expected}`, 10)}   ${pad(f.seconds.toFixed(1), 7)}   ${pad(f.deliveries_per_second.toFixed(0), 12)}   ${pad(
      f.lag_p50_ms,
      10,
    )}   ${pad(f.lag_p99_ms, 10)}   ${pad(f.jobs_out_of_order, 17)}   ${pad(f.peak_rss_mb.toFixed(0), 11)}`,
  );
}
