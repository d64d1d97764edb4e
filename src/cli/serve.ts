import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { engineSummary } from '../agents/engines/configured.js';
import { buildApp } from '../http/app.js';
import { openKeyStore } from '../keys/open.js';
import { ensureUsableKeys } from '../keys/startup.js';
import { LOG_TAGS, createLogger, tagged } from '../log.js';
import { closeOnSignals, reportingConfigErrors } from './process.js';

interface ServeFlags {
  port?: string;
  host?: string;
  /** `--no-worker` sets it false: this process only answers requests (Redis mode). */
  worker: boolean;
}

/** `aios-mcp serve` (= `npm start`): the REST API on PORT, with the embedded queue when no Redis is set. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the REST job API and MCP at /mcp (PORT, default 3000; HOST)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'interface to listen on (overrides HOST; default 127.0.0.1, 0.0.0.0 in production)')
    .option('--no-worker', 'with Redis: only answer requests, leaving jobs to `aios-mcp worker` processes')
    .action((flags: ServeFlags) => reportingConfigErrors('serve', () => serve(flags)));
}

async function serve(flags: ServeFlags): Promise<void> {
  const config = loadConfig({
    ...process.env,
    ...(flags.port !== undefined ? { PORT: flags.port } : {}),
    ...(flags.host !== undefined ? { HOST: flags.host } : {}),
  });
  const logger = createLogger(config);
  const httpLog = tagged(logger, LOG_TAGS.http);
  const keys = await openKeyStore(config, { watch: true, logger: httpLog });
  // The key itself goes to the terminal, never to the logs.
  await ensureUsableKeys(config, keys, (text) => process.stdout.write(`${text}\n`));

  const redis = Boolean(config.redisUrl);
  const app = await buildApp(config, { logger, keys, worker: flags.worker });
  app.addHook('onClose', async () => keys.close());
  await app.listen({ port: config.port, host: config.host });
  const queueMode = !redis ? 'embedded queue' : flags.worker ? 'Redis queue with a worker in this process' : 'Redis queue, no worker here';
  // The model's name, never its key.
  const engines = engineSummary(config);
  httpLog.info(
    { port: config.port, host: config.host, env: config.nodeEnv, queue: redis ? 'redis' : 'embedded', worker: !redis || flags.worker, concurrency: config.queueConcurrency, ...engines },
    'ready: %s, %d jobs at a time, %s mode; engine %s, model %s',
    queueMode,
    config.queueConcurrency,
    config.nodeEnv,
    engines.engine,
    engines.model,
  );

  // Running jobs get SHUTDOWN_TIMEOUT_MS to finish, then go back to the queue (Redis mode).
  closeOnSignals(httpLog, 'shutting down', () => ({ grace_ms: config.shutdownTimeoutMs }), () => app.close());
}
