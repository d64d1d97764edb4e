import { runPipeline } from '../src/agents/pipeline.js';
import { specOfWords } from '../test/fixtures/specs.js';

/**
 * One benchmark case in its own process, so its peak memory is its own: runs the full pipeline
 * on a spec of N words, `runs` times after a warm-up, and prints a JSON line.
 */
const words = Number(process.argv[2] ?? 300);
const runs = Number(process.argv[3] ?? 20);
const spec = specOfWords(words);

await runPipeline({ spec });
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  await runPipeline({ spec });
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
process.stdout.write(
  `${JSON.stringify({ words, runs, median_ms: median, min_ms: times[0], max_ms: times.at(-1), peak_rss_mb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
