import type { McpServer } from '@modelcontextprotocol/server';
import { serveStdio, type StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import type { Logger } from 'pino';
import type { JobQueue } from '../jobs/port.js';
import { buildMcpServer, type McpDeps, type SamplingDeps } from './server.js';
import { jobUri } from './resources.js';
import { acceptLegacySubscriptions, changedUris } from './updates.js';

/** The one caller of a stdio server: the local process that spawned it. */
export const LOCAL_OWNER = 'local';

interface Instance {
  server: McpServer;
  /** URIs a 2025-era client subscribed to; undefined on the 2026 era, whose listen router filters itself. */
  followed?: Set<string>;
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
      const server = buildMcpServer(deps, { owner: LOCAL_OWNER }, { subscribe: true, era: ctx.era });
      const instance: Instance = { server, ...(ctx.era === 'legacy' ? { followed: acceptLegacySubscriptions(server) } : {}) };
      instances.add(instance);
      server.server.onclose = () => instances.delete(instance);
      return server;
    },
    { onerror: (error) => logger.warn({ err: error }, 'stdio connection error: %s', error.message) },
  );
  return {
    close: async () => {
      unsubscribe();
      await handle.close();
    },
  };
}
