import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { buildApp } from '../http/app.js';
import { KeyStore } from '../keys/store.js';
import { ensureUsableKeys } from '../keys/startup.js';
import { LOG_TAGS, createLogger, tagged } from '../log.js';

interface ServeFlags {
  port?: string;
  host?: string;
}

/** `aios-mcp serve` (= `npm start`): the REST API on PORT, with the embedded queue when no Redis is set. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the REST job API (PORT, default 3000; HOST)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'interface to listen on (overrides HOST; default 127.0.0.1, 0.0.0.0 in production)')
    .action(async (flags: ServeFlags) => {
      try {
        await serve(flags);
      } catch (error) {
        if (error instanceof ConfigError) {
          process.stderr.write(`aios-mcp serve: ${error.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
}

async function serve(flags: ServeFlags): Promise<void> {
  const config = loadConfig({
    ...process.env,
    ...(flags.port !== undefined ? { PORT: flags.port } : {}),
    ...(flags.host !== undefined ? { HOST: flags.host } : {}),
  });
  const logger = createLogger(config);
  const httpLog = tagged(logger, LOG_TAGS.http);
  const keys = await KeyStore.open({
    dataDir: config.dataDir,
    envKeys: config.apiKeys,
    defaults: config.rateLimit,
    watch: true,
    onReloadError: (error) => httpLog.error({ err: error }, 'could not reload the API key file; keeping the keys loaded before'),
  });
  // The key itself goes to the terminal, never to the logs.
  await ensureUsableKeys(config, keys, (text) => process.stdout.write(`${text}\n`));

  const app = await buildApp(config, { logger, keys });
  app.addHook('onClose', async () => keys.close());
  await app.listen({ port: config.port, host: config.host });
  httpLog.info(
    { port: config.port, host: config.host, env: config.nodeEnv, queue: 'embedded', concurrency: config.queueConcurrency },
    'ready: embedded queue, %d jobs at a time, %s mode',
    config.queueConcurrency,
    config.nodeEnv,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    httpLog.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        httpLog.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
