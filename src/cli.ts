#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { registerAnalyze } from './cli/analyze.js';
import { registerKeys } from './cli/keys.js';
import { registerRun } from './cli/run.js';
import { registerServe } from './cli/serve.js';
import { registerStdio } from './cli/stdio.js';
import { registerWorker } from './cli/worker.js';
import { VERSION } from './version.js';

// A .env in the working directory fills in variables the environment does not set (docker compose reads it too).
if (existsSync('.env')) process.loadEnvFile('.env');

const program = new Command()
  .name('aios-mcp')
  .description('A product team of five AIOS agents (analyst, PM, architect, UX designer, developer) for AI app builders.')
  .version(VERSION);

registerAnalyze(program);
registerRun(program);
registerServe(program);
registerKeys(program);
registerStdio(program);
registerWorker(program);

await program.parseAsync(process.argv);
