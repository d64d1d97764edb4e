import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `npm run bench`: runs each benchmark in its own process and prints the figures. */
const here = fileURLToPath(new URL('.', import.meta.url));

interface PipelineFigures {
  words: number;
  runs: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  peak_rss_mb: number;
}

function pipelineCase(words: number, runs: number): PipelineFigures {
  const out = execFileSync(process.execPath, [`${here}pipeline.js`, String(words), String(runs)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as PipelineFigures;
}

console.log(`aios-lovable-mcp benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
console.log('Full pipeline (strategy → architecture → ux → code), embedded engine, one process per case:');
console.log('  spec words   runs   median ms   min ms   max ms   peak RSS MB');
for (const [words, runs] of [
  [300, 30],
  [5000, 10],
] as const) {
  const f = pipelineCase(words, runs);
  console.log(
    `  ${String(f.words).padStart(10)}   ${String(f.runs).padStart(4)}   ${f.median_ms.toFixed(1).padStart(9)}   ${f.min_ms
      .toFixed(1)
      .padStart(6)}   ${f.max_ms.toFixed(1).padStart(6)}   ${f.peak_rss_mb.toFixed(0).padStart(11)}`,
  );
}
