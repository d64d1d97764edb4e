import { createMcpHandler, localhostAllowedHostnames, validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';
import type { FastifyPluginAsync, onRequestHookHandler } from 'fastify';
import type { Logger } from 'pino';
import { AiosError } from '../contract/index.js';
import type { JobQueue } from '../jobs/port.js';
import { mcpServerFactory, type Principal } from '../mcp/server.js';
import { changedUris } from '../mcp/updates.js';
import { BODY_LIMIT_BYTES } from './errors.js';
import { baseUrl } from './job-view.js';
import { runHook } from './auth.js';
import { nodeMcpHandler } from './mcp-node.js';

export interface McpRoutesOptions {
  queue: JobQueue;
  /** The API key and rate limit hook that guards /api too: the same keys and budgets. */
  authenticate: onRequestHookHandler;
  publicUrl: string | undefined;
  /** Public hostnames the server answers to besides the localhost names (DNS rebinding guard). */
  allowedHosts: string[];
  logger: Logger;
}

interface AuthInfoLike {
  clientId?: string;
  extra?: { baseUrl?: string };
}

/**
 * Streamable HTTP at `/mcp`, for Lovable and other remote clients: both protocol eras
 * (2026-07-28 and the 2025 revisions) from one server definition, stateless, so any process
 * can answer any request. Bearer API keys and rate limits as on /api; Host and Origin are
 * checked against DNS rebinding.
 */
export const mcpRoutes: FastifyPluginAsync<McpRoutesOptions> = async (app, options) => {
  const allowed = [...localhostAllowedHostnames(), ...options.allowedHosts];
  const handler = createMcpHandler(
    mcpServerFactory(
      {
        queue: options.queue,
        jobUrls: (id, principal) => {
          const status_url = `${principal.baseUrl ?? ''}/api/jobs/${id}`;
          return { status_url, stream_url: `${status_url}/stream` };
        },
      },
      (authInfo): Principal => {
        const info = authInfo as AuthInfoLike | undefined;
        // The route below only calls the handler for an authenticated key, so clientId is always set here.
        return { owner: info?.clientId ?? '', ...(info?.extra?.baseUrl ? { baseUrl: info.extra.baseUrl } : {}) };
      },
    ),
    {
      maxRequestBodySize: BODY_LIMIT_BYTES,
      onerror: (error) => options.logger.warn({ err: error }, 'MCP request error: %s', error.message),
    },
  );
  // The body Fastify parsed goes to the SDK as it is (see mcp-node.ts).
  const serve = nodeMcpHandler(handler, {
    onerror: (error) => options.logger.error({ err: error }, 'MCP handler failed: %s', error.message),
  });
  // 2026-era clients follow jobs on `subscriptions/listen` streams; the SDK filters each stream by its URIs.
  const stopFanOut = await options.queue.subscribeAll((event) => {
    for (const uri of changedUris(event)) handler.notify.resourceUpdated(uri);
  });
  app.addHook('onClose', async () => {
    stopFanOut();
    await handler.close();
  });

  const guardHostAndOrigin: onRequestHookHandler = async (request) => {
    const host = validateHostHeader(request.headers.host, allowed);
    if (!host.ok) {
      throw new AiosError('FORBIDDEN', `Host "${request.headers.host ?? ''}" is not served here; set MCP_ALLOWED_HOSTS to the public hostname`, {
        reason: host.errorCode,
      });
    }
    const origin = validateOriginHeader(request.headers.origin, allowed);
    if (!origin.ok) throw new AiosError('FORBIDDEN', `Origin "${request.headers.origin ?? ''}" may not call this server`, { reason: 'invalid_origin' });
  };

  const authenticate: onRequestHookHandler = async function (request, reply) {
    try {
      await runHook(options.authenticate, this, request, reply);
    } catch (error) {
      // MCP clients read the challenge to know that a bearer token is what is missing.
      if (error instanceof AiosError && error.code === 'UNAUTHORIZED') {
        reply.header('www-authenticate', `Bearer realm="aios-mcp", error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`);
      }
      throw error;
    }
  };

  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    onRequest: [guardHostAndOrigin, authenticate],
    handler: async (request, reply) => {
      const key = request.apiKey;
      if (!key) throw new AiosError('UNAUTHORIZED', 'send your API key as "Authorization: Bearer <key>"');
      (request.raw as typeof request.raw & { auth?: unknown }).auth = {
        token: 'redacted',
        clientId: key.id,
        scopes: [],
        extra: { baseUrl: baseUrl(request, options.publicUrl) },
      };
      // The SDK writes the response itself; carry over the headers set so far (request id, rate limits).
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
      reply.hijack();
      await serve(request.raw, reply.raw, request.body);
    },
  });
};
