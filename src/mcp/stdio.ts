import { Transform, type Readable, type Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio, type StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import type { Logger } from 'pino';
import type { JobQueue } from '../jobs/port.js';
import { buildMcpServer, fixedCaller, type McpDeps, type SamplingDeps } from './server.js';
import { jobUri } from './resources.js';
import { acceptLegacySubscriptions, changedUris } from './updates.js';

/** The one caller of a stdio server: the local process that spawned it. */
export const LOCAL_OWNER = 'local';

interface Instance {
  server: McpServer;
  /** URIs a 2025-era client subscribed to; undefined on the 2026 era, whose listen router filters itself. */
  followed?: Set<string>;
}

/** Past this many bytes without a newline, a line is handed on as it is (the SDK bounds messages at 10 MB). */
const MAX_PENDING_LINE = 10 * 1024 * 1024;

/**
 * Passes stdin's lines on to the MCP transport, except lines that are not JSON: those are answered
 * on `stdout` with a JSON-RPC parse error (-32700), as JSON-RPC asks, where the SDK would drop them
 * without a word. Blank lines are skipped.
 */
export function answeringParseErrors(stdin: Readable, stdout: Writable): Readable {
  let pending = '';
  const lines = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      let end: number;
      while ((end = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, end + 1);
        pending = pending.slice(end + 1);
        const text = line.trim();
        if (text === '') continue;
        try {
          JSON.parse(text);
        } catch (error) {
          const message = `Parse error: a line on stdin is not JSON (${(error as Error).message}); send one JSON-RPC message per line`;
          stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message } })}\n`);
          continue;
        }
        this.push(line);
      }
      if (pending.length > MAX_PENDING_LINE) {
        this.push(pending);
        pending = '';
      }
      done();
    },
    flush(done) {
      if (pending.trim() !== '') this.push(pending);
      done();
    },
  });
  return stdin.pipe(lines);
}

/**
 * Serves MCP on this process's stdin/stdout. stdout carries only JSON-RPC: logs go to the logger,
 * which the caller points at stderr. No API key: whoever can spawn the process already has the machine.
 */
export async function serveMcpStdio(queue: JobQueue, logger: Logger, sampling?: SamplingDeps): Promise<StdioServerHandle> {
  const deps: McpDeps = {
    queue,
    ...(sampling ? { sampling } : {}),
    // There is no HTTP server to point at: hand out the resource that follows the job instead.
    jobUrls: (id) => ({ status_url: jobUri(id), stream_url: jobUri(id) }),
  };
  const instances = new Set<Instance>();
  const unsubscribe = await queue.subscribeAll((event) => {
    for (const instance of instances) {
      if (!instance.server.isConnected()) continue;
      for (const uri of changedUris(event)) {
        if (instance.followed && !instance.followed.has(uri)) continue;
        instance.server.server.sendResourceUpdated({ uri }).catch(() => undefined);
      }
    }
  });
  const handle = await serveStdio(
    (ctx) => {
      const server = buildMcpServer(deps, fixedCaller({ owner: LOCAL_OWNER }), { subscribe: true, era: ctx.era });
      const instance: Instance = { server, ...(ctx.era === 'legacy' ? { followed: acceptLegacySubscriptions(server) } : {}) };
      instances.add(instance);
      server.server.onclose = () => instances.delete(instance);
      return server;
    },
    {
      transport: new StdioServerTransport(answeringParseErrors(process.stdin, process.stdout), process.stdout),
      onerror: (error) => logger.warn({ err: error }, 'stdio connection error: %s', error.message),
    },
  );
  return {
    close: async () => {
      unsubscribe();
      await handle.close();
    },
  };
}
