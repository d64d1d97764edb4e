import type { Command } from 'commander';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config.js';
import { EmbeddedQueue } from '../jobs/embedded.js';
import { LOG_TAGS, createLogger, tagged } from '../log.js';
import { serveMcpStdio } from '../mcp/stdio.js';

/** `aios-mcp stdio`: the MCP server for Claude Desktop, Cursor, the Inspector; stdout carries only JSON-RPC. */
export function registerStdio(program: Command): void {
  program
    .command('stdio')
    .description('serve MCP over stdin/stdout (for Claude Desktop, Claude Code, Cursor, the MCP Inspector); logs go to stderr')
    .action(async () => {
      let config;
      try {
        config = loadConfig();
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        process.stderr.write(`aios-mcp stdio: ${error.message}\n`);
        process.exitCode = 1;
        return;
      }
      const logger = createLogger(config, pino.destination(2));
      const queue = new EmbeddedQueue({
        concurrency: config.queueConcurrency,
        phaseTimeoutsMs: config.phaseTimeoutsMs,
        retention: config.retention,
        logger: tagged(logger, LOG_TAGS.queue),
      });
      const mcpLog = tagged(logger, LOG_TAGS.mcp);
      await serveMcpStdio(queue, mcpLog);
      mcpLog.info({ concurrency: config.queueConcurrency }, 'serving MCP on stdio');
    });
}
