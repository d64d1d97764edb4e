import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { AiosError, AnalyzeInputSchema, parseInput } from '../contract/index.js';
import { cliEngines, engineOption, reportFallbacks } from './engines.js';
import { progressReporter, readSpecText, reportError } from './run.js';

interface AnalyzeFlags {
  specFile?: string;
  name?: string;
  json?: boolean;
  modelOut?: string;
  engine?: 'auto' | 'heuristic' | 'llm';
}

/** `aios-mcp analyze "<idea>"`: the analyst's product model and project brief, here. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('read a product idea into the product model and write the project brief (the @analyst)')
    .argument('[spec...]', 'the product idea in free text (quote it)')
    .option('-f, --spec-file <file>', 'read the product idea from a file ("-" for standard input)')
    .option('-n, --name <name>', 'the product name (otherwise read from the idea)')
    .option('--json', 'print the whole result (product_model, brief_markdown, engine) as JSON instead of the brief')
    .option('--model-out <file>', 'also write the product model as JSON, to correct and pass to `run --product-model`')
    .addOption(engineOption())
    .addHelpText(
      'after',
      `
The brief goes to standard output. The product model is what every other agent builds on: who
signs in (roles), what the product keeps (entities and their attributes), how records relate and
who may do what. Correct it and build from it:

  $ aios-mcp analyze "A booking app for hair salons: customers book appointments with stylists" --model-out model.json
  $ aios-mcp run --product-model model.json --out ./salon`,
    )
    .action(async (words: string[], flags: AnalyzeFlags) => {
      try {
        await analyzeCommand(words, flags);
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}

async function analyzeCommand(words: string[], flags: AnalyzeFlags): Promise<void> {
  const spec = await readSpecText(words, flags.specFile);
  const input = parseInput(AnalyzeInputSchema, { spec, ...(flags.name ? { product_name: flags.name } : {}), ...(flags.engine ? { engine: flags.engine } : {}) }, '');
  const engines = cliEngines();
  // Loaded here, not with the command line (see run.ts).
  const [{ analystAgent }, { runPhase }] = await Promise.all([import('../agents/analyst.js'), import('../agents/pipeline.js')]);
  const progress = progressReporter();
  const output = await runPhase(analystAgent, input, { onEvent: progress, engines }).finally(() => progress.stop());
  reportFallbacks({ analysis: output });
  if (flags.modelOut) {
    const target = path.resolve(flags.modelOut);
    try {
      await writeFile(target, `${JSON.stringify(output.product_model, null, 2)}\n`);
    } catch (error) {
      throw new AiosError('INVALID_INPUT', `--model-out: cannot write ${target} (${(error as NodeJS.ErrnoException).code})`);
    }
    process.stderr.write(`Wrote the product model to ${target}\n`);
  }
  process.stdout.write(flags.json ? `${JSON.stringify(output, null, 2)}\n` : output.brief_markdown);
}
