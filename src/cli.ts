#!/usr/bin/env node
import { Command } from 'commander';
import { registerRun } from './cli/run.js';

const program = new Command()
  .name('aios-mcp')
  .description('A product team of four AIOS agents (PM, architect, UX designer, developer) for AI app builders.')
  .version('0.1.0');

registerRun(program);

await program.parseAsync(process.argv);
