import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import ora, { type Ora } from 'ora';
import {
  AiosError,
  PHASES,
  PipelineInputSchema,
  STACK_PRESETS,
  STYLES,
  parseInput,
  type JobPhase,
  type PhaseEvent,
  type PipelineInput,
  type PipelineOutput,
} from '../contract/index.js';
import { cliEngines, engineOption, reportFallbacks } from './engines.js';
import { DATABASE_TESTS_PATH, MIGRATION_PATH } from '../agents/project-layout.js';

interface RunFlags {
  specFile?: string;
  productModel?: string;
  name?: string;
  phases?: string[];
  stack?: string;
  style?: string;
  out?: string;
  json?: boolean;
  engine?: 'auto' | 'heuristic' | 'llm';
}

const PHASE_LABELS: Record<JobPhase, string> = {
  analysis: '🔍 @analyst    analysis',
  strategy: '📋 @pm         strategy',
  architecture: '🏛️  @architect  architecture',
  ux: '🎨 @ux-design-expert ux',
  code: '💻 @dev        code',
};

/** `aios-mcp run "<spec>"`: runs the agents on this machine and writes their documents and the app. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run the agents on a product idea and write their documents and code')
    .argument('[spec...]', 'the product idea in free text (quote it)')
    .option('-f, --spec-file <file>', 'read the product idea from a file ("-" for standard input)')
    .option('-m, --product-model <file>', 'build on this product model (JSON, e.g. from `aios-mcp analyze --model-out`) instead of reading the idea')
    .option('-n, --name <name>', 'the product name (otherwise read from the idea)')
    .addOption(
      new Option('-p, --phases <phase...>', `phases to run, always in pipeline order (default: all)`).choices([...PHASES]),
    )
    .addOption(new Option('-s, --stack <preset>', 'stack preset').choices([...STACK_PRESETS]).default('vite-react'))
    .addOption(new Option('--style <style>', 'visual style of the design tokens').choices([...STYLES]))
    .option('-o, --out <dir>', 'where to write the documents and the app (default: ./aios-output)')
    .option('--json', 'print the whole result as JSON on standard output (files are written only with --out)')
    .addOption(engineOption())
    .addHelpText(
      'after',
      `
What it writes under --out:
  docs/PRD.md                        the @pm's product requirements document
  docs/ARCHITECTURE.md               the @architect's full-stack architecture
  docs/UX.md                         the @ux-design-expert's UI/UX specification
  supabase/migrations/*_init.sql     the database migration (tables, keys, row level security)
  supabase/tests/access.test.sql     pgTAP tests of who may do what (npx supabase test db)
  package.json, src/...              the @dev's application (npm install && npm run dev)

Progress goes to standard error: a spinner per phase on a terminal, plain lines otherwise.

Examples:
  $ aios-mcp run "A booking app for hair salons: customers book appointments with stylists"
  $ aios-mcp run --spec-file idea.md --phases strategy architecture --out ./salon
  $ aios-mcp analyze --spec-file idea.md --model-out model.json   # then correct model.json
  $ aios-mcp run --product-model model.json --out ./salon
  $ aios-mcp run "Quiz app for teachers" --style playful --json > result.json`,
    )
    .action(async (words: string[], flags: RunFlags) => {
      try {
        await run(words, flags);
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}

async function run(words: string[], flags: RunFlags): Promise<void> {
  const spec = await readSpecText(words, flags.specFile);
  const productModel = flags.productModel === undefined ? undefined : await readJsonFile('--product-model', flags.productModel);
  const input: PipelineInput = parseInput(
    PipelineInputSchema,
    {
      ...(spec.trim() || productModel === undefined ? { spec } : {}),
      ...(productModel === undefined ? {} : { product_model: productModel }),
      ...(flags.name ? { product_name: flags.name } : {}),
      ...(flags.phases ? { phases: flags.phases } : {}),
      ...(flags.stack ? { stack_preference: flags.stack } : {}),
      ...(flags.style ? { style_preference: flags.style } : {}),
      ...(flags.engine ? { engine: flags.engine } : {}),
    },
    '',
  );

  const engines = cliEngines();
  // Loaded here, not with the command line: `serve` and `worker` never load the agents on their main thread.
  const { runPipeline } = await import('../agents/pipeline.js');
  const progress = progressReporter();
  const started = performance.now();
  const output = await runPipeline(input, { onEvent: progress, engines }).finally(() => progress.stop());
  reportFallbacks(output);
  const totalMs = performance.now() - started;

  const outDir = flags.out ?? (flags.json ? undefined : 'aios-output');
  const written = outDir ? await writeOutput(path.resolve(outDir), output) : [];

  if (flags.json) {
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  const name = output.strategy?.product_name ?? input.product_name ?? input.product_model?.name ?? 'your product';
  process.stdout.write(`\n${name}: ${Object.keys(output).length} phase(s) in ${totalMs.toFixed(0)} ms\n`);
  if (outDir) {
    process.stdout.write(`Wrote ${written.length} files under ${path.resolve(outDir)}:\n`);
    for (const file of summarise(written)) process.stdout.write(`  ${file}\n`);
    if (output.code) process.stdout.write(`\nNext: cd ${outDir} && npm install && npm run dev (see README.md there)\n`);
  }
}

/** A JSON file named by an option; a missing or malformed one is `INVALID_INPUT` naming the option. */
export async function readJsonFile(option: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new AiosError('INVALID_INPUT', `${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AiosError('INVALID_INPUT', `${option}: ${file} is not JSON (${(error as Error).message})`);
  }
}

export async function readSpecText(words: string[], specFile: string | undefined): Promise<string> {
  if (specFile) {
    if (specFile === '-') return readStdin();
    try {
      return await readFile(specFile, 'utf8');
    } catch (error) {
      throw new AiosError('INVALID_INPUT', `--spec-file: cannot read ${specFile} (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  return words.join(' ');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Spinners on a terminal, one plain line per event otherwise (CI logs, pipes). */
export function progressReporter(): ((event: PhaseEvent) => void) & { stop(): void } {
  const tty = Boolean(process.stderr.isTTY);
  let spinner: Ora | undefined;
  const report = (event: PhaseEvent) => {
    const label = PHASE_LABELS[event.phase];
    if (!tty) {
      if (event.type === 'phase_started') process.stderr.write(`[${event.phase}] started\n`);
      if (event.type === 'phase_completed') process.stderr.write(`[${event.phase}] done in ${event.duration_ms.toFixed(0)} ms\n`);
      if (event.type === 'phase_failed') process.stderr.write(`[${event.phase}] failed: ${event.error.code} ${event.error.message}\n`);
      return;
    }
    if (event.type === 'phase_started') spinner = ora({ text: label, stream: process.stderr }).start();
    if (event.type === 'phase_progress' && spinner) spinner.text = `${label}  ${event.percent}% ${event.note}`;
    if (event.type === 'phase_completed') spinner?.succeed(`${label}  ${event.duration_ms.toFixed(0)} ms`);
    if (event.type === 'phase_failed') spinner?.fail(`${label}  ${event.error.code}: ${event.error.message}`);
  };
  return Object.assign(report, { stop: () => spinner?.stop() });
}

/** Writes the documents, the migration and the app's files; returns the paths written, relative to `dir`. */
export async function writeOutput(dir: string, output: PipelineOutput): Promise<string[]> {
  const files = new Map<string, string>();
  if (output.strategy) files.set('docs/PRD.md', output.strategy.prd_markdown);
  if (output.architecture) {
    files.set('docs/ARCHITECTURE.md', output.architecture.architecture_markdown);
    files.set(MIGRATION_PATH, output.architecture.migration_sql);
    files.set(DATABASE_TESTS_PATH, output.architecture.database_tests_sql);
  }
  if (output.ux) files.set('docs/UX.md', output.ux.ux_markdown);
  if (output.code) {
    // The app carries the same migration and database tests at the same paths.
    for (const file of output.code.files) files.set(file.path, file.content);
  }

  const root = path.resolve(dir);
  for (const [relative, content] of files) {
    const target = path.resolve(root, relative);
    if (!target.startsWith(root + path.sep)) throw new AiosError('AGENT_FAILURE', `refusing to write outside ${root}: ${relative}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return [...files.keys()].sort();
}

/** Lists documents and top-level folders rather than every generated file. */
function summarise(files: string[]): string[] {
  const shown = new Map<string, number>();
  for (const file of files) {
    const key = file.startsWith('docs/') || !file.includes('/') ? file : `${file.split('/')[0]}/`;
    shown.set(key, (shown.get(key) ?? 0) + 1);
  }
  return [...shown].map(([key, count]) => (key.endsWith('/') ? `${key} (${count} files)` : key));
}

export function reportError(error: unknown): number {
  if (error instanceof AiosError) {
    process.stderr.write(`error ${error.code}: ${error.message}\n`);
    return error.code === 'INVALID_INPUT' ? 2 : 1;
  }
  process.stderr.write(`error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  return 1;
}
