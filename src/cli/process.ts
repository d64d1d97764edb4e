import type { Logger } from 'pino';
import { ConfigError } from '../config.js';

/** Runs `aios-mcp <command>`; a bad configuration is printed as such and ends it with exit code 1. */
export async function reportingConfigErrors(command: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`aios-mcp ${command}: ${error.message}\n`);
    process.exitCode = 1;
  }
}

/**
 * On the first SIGINT or SIGTERM: logs `message` with the signal and what `fields` says then, runs
 * `close` (which gives running jobs SHUTDOWN_TIMEOUT_MS), and exits 0, or 1 if closing failed.
 */
export function closeOnSignals(logger: Logger, message: string, fields: () => Record<string, unknown>, close: () => Promise<void>): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, ...fields() }, message);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, `${message}: failed`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
