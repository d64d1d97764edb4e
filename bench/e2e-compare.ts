import { existsSync } from 'node:fs';
import path from 'node:path';
import { httpClient, median, oneJob, startCluster } from './e2e.js';

/**
 * Two builds' end-to-end latency on Redis, side by side, for judging a change on a shared machine:
 *
 *   node dist-bench/bench/e2e-compare.js <checkout A> <checkout B> [rounds] [workers]
 *
 * Each checkout needs `dist-bench/` built as `npm run bench` builds it (`npx tsc -p tsconfig.bench.json
 * && cp package.json dist-bench/`), and its `node_modules`. A round starts A's
 * deployment (a private Redis, `serve --no-worker`, `workers` worker processes), runs JOBS jobs one
 * at a time through node:http and stops it, then does the same with B; the order alternates. It
 * prints each round's added p50 (as the e2e bench reads it) and the median of B − A over the
 * rounds: a machine's drift moves two figures taken minutes apart by more than most changes.
 */

const JOBS = 40;
const WARM_UP = 10;

function cliOf(checkout: string): string {
  const built = path.resolve(checkout, 'dist-bench');
  if (!existsSync(path.join(built, 'src/cli.js')) || !existsSync(path.join(built, 'package.json'))) {
    throw new Error(`${built} is not built: run "npx tsc -p tsconfig.bench.json && cp package.json dist-bench/" in ${checkout}`);
  }
  return path.join(built, 'src/cli.js');
}

/** The added p50 of one deployment of `cli`, in ms. */
async function addedP50(cli: string, workers: number): Promise<number> {
  const cluster = await startCluster(cli, workers);
  const client = httpClient();
  try {
    for (let i = 0; i < WARM_UP; i++) await oneJob(client, cluster.url);
    const added: number[] = [];
    for (let i = 0; i < JOBS; i++) {
      const job = await oneJob(client, cluster.url);
      added.push(job.latencyMs - job.ownMs);
    }
    return median(added);
  } finally {
    client.close();
    await cluster.stop();
  }
}

const [a, b, roundsArg = '10', workersArg = '1'] = process.argv.slice(2);
if (!a || !b) {
  process.stderr.write('usage: node dist-bench/bench/e2e-compare.js <checkout A> <checkout B> [rounds] [workers]\n');
  process.exit(2);
}
const rounds = Number(roundsArg);
const workers = Number(workersArg);
const clis = [cliOf(a), cliOf(b)];
const figures: Array<{ a: number; b: number }> = [];
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? [0, 1] : [1, 0];
  const added: number[] = [];
  for (const which of order) added[which] = await addedP50(clis[which]!, workers);
  figures.push({ a: added[0]!, b: added[1]! });
  process.stderr.write(`round ${round + 1}: A ${added[0]!.toFixed(2)} ms, B ${added[1]!.toFixed(2)} ms\n`);
}
const differences = figures.map((f) => f.b - f.a);
const summary = {
  workers,
  rounds,
  jobs_per_round: JOBS,
  a_median_ms: median(figures.map((f) => f.a)),
  b_median_ms: median(figures.map((f) => f.b)),
  b_minus_a_median_ms: median(differences),
  rounds_b_faster: differences.filter((d) => d < 0).length,
};
process.stderr.write(
  `added p50 on Redis, ${workers} worker(s): A ${summary.a_median_ms.toFixed(2)} ms, B ${summary.b_median_ms.toFixed(2)} ms; ` +
    `B − A ${summary.b_minus_a_median_ms.toFixed(2)} ms (median of ${rounds} paired rounds), B faster in ${summary.rounds_b_faster}\n`,
);
process.stdout.write(`${JSON.stringify(summary)}\n`);
