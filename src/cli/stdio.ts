import type { Command } from 'commander';
import pino from 'pino';
import { engineSummary, enginesOf } from '../agents/engines/configured.js';
import { loadConfig } from '../config.js';
import { embeddedQueueFor } from '../jobs/embedded.js';
import { LOG_TAGS, createLogger, tagged } from '../log.js';
import { serveMcpStdio } from '../mcp/stdio.js';
import { closeOnSignals, reportingConfigErrors } from './process.js';

/** `aios-mcp stdio`: the MCP server for Claude Desktop, Cursor, the Inspector; stdout carries only JSON-RPC. */
export function registerStdio(program: Command): void {
  program
    .command('stdio')
    .description('serve MCP over stdin/stdout (for Claude Desktop, Claude Code, Cursor, the MCP Inspector); logs go to stderr')
    .action(() =>
      reportingConfigErrors('stdio', async () => {
        const config = loadConfig();
        const logger = createLogger(config, pino.destination(2));
        const queue = embeddedQueueFor(config, tagged(logger, LOG_TAGS.queue));
        const mcpLog = tagged(logger, LOG_TAGS.mcp);
        // The client's model can be sampled here: the tool calls run in this process, on its connection.
        const handle = await serveMcpStdio(queue, mcpLog, { engines: enginesOf(config), timeouts: config.phaseTimeoutsMs, connected: true });
        const engines = engineSummary(config);
        mcpLog.info({ concurrency: config.queueConcurrency, ...engines }, 'serving MCP on stdio; engine %s, model %s', engines.engine, engines.model);
        // A client stopping the server (SIGTERM, or Ctrl-C in a terminal) gets a clean close and exit 0.
        closeOnSignals(mcpLog, 'stdio server stopping', () => ({}), async () => {
          await handle.close();
          await queue.close();
        });
      }),
    );
}
