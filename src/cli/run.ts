import type { Command } from 'commander';

/** `aios-mcp run "<spec>"`: runs the pipeline on this machine and writes the documents and the app. */
export function registerRun(program: Command): void {
  program.command('run').description('run the agents on a product idea and write their documents and code');
}
