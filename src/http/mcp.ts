import type { OutgoingHttpHeaders } from 'node:http';
import {
  PROTOCOL_VERSION_META_KEY,
  ProtocolErrorCode,
  SUPPORTED_PROTOCOL_VERSIONS,
  createMcpHandler,
  localhostAllowedHostnames,
  validateHostHeader,
  validateOriginHeader,
} from '@modelcontextprotocol/server';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Logger } from 'pino';
import { AiosError } from '../contract/index.js';
import type { JobQueue } from '../jobs/port.js';
import type { RateLimiter } from '../keys/rate-limit.js';
import { mcpServerFactory, sharedMcpServers, type McpDeps, type Principal, type SamplingDeps } from '../mcp/server.js';
import type { McpSession, McpSessions } from '../mcp/sessions.js';
import { changedUris } from '../mcp/updates.js';
import { BODY_LIMIT_BYTES, handleError, toAiosError } from './errors.js';
import { baseUrl } from './job-view.js';
import { applyRateDecision, presentedKey, runHook } from './auth.js';
import type { Webhooks } from '../webhooks/open.js';
import { MODERN_REVISION, McpMux, sharedRoute } from './mcp-mux.js';
import { nodeMcpHandler } from './mcp-node.js';
import { sessionOf } from './mcp-session.js';
import { mcpResource, resourceMetadataUrl } from './resource-metadata.js';

export interface McpRoutesOptions {
  queue: JobQueue;
  /** The API key and rate limit hook that guards /api too: the same keys and budgets. */
  authenticate: onRequestHookHandler;
  /** The same budgets: every call of an accepted JSON-RPC batch spends one request. */
  limiter: RateLimiter;
  publicUrl: string | undefined;
  /** Public hostnames the server answers to besides the localhost names (DNS rebinding guard). */
  allowedHosts: string[];
  logger: Logger;
  /** Checks a tool's `webhook_url` as REST does. */
  webhooks: Webhooks;
  /** The configured engines and phase limits, for calls that sample the client's model. */
  sampling?: SamplingDeps;
  /** 2025-revision sessions, opened for clients that offer sampling (see mcp-session.ts). */
  sessions?: McpSessions;
}

interface AuthInfoLike {
  clientId?: string;
  extra?: { baseUrl?: string; session?: McpSession };
}

/** The only MCP revision with JSON-RPC batches: added in 2025-03-26, removed in 2025-06-18. */
const BATCH_REVISION = '2025-03-26';
/** Every revision /mcp speaks: the stateless 2026 one and the 2025-era ones the SDK serves. */
const REVISIONS = ['2026-07-28', ...SUPPORTED_PROTOCOL_VERSIONS];

/** A /mcp request refused before any server sees it, answered as a JSON-RPC error with its own code. */
class McpRefusal extends AiosError {
  constructor(
    readonly rpcCode: number,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super('INVALID_INPUT', message, details);
  }
}

/**
 * The revision a batch is sent under: the MCP-Protocol-Version header, else one its messages name
 * (an initialize's protocolVersion, a 2026-era `_meta` envelope), else 2025-03-26, which the spec
 * says to assume when a client names none.
 */
function batchRevision(header: string | string[] | undefined, batch: unknown[]): string {
  if (typeof header === 'string' && header !== '') return header;
  for (const message of batch) {
    const params = (message as { params?: { protocolVersion?: unknown; _meta?: Record<string, unknown> } } | null)?.params;
    const named = params?._meta?.[PROTOCOL_VERSION_META_KEY] ?? params?.protocolVersion;
    if (typeof named === 'string') return named;
  }
  return BATCH_REVISION;
}

/**
 * Errors about the body of a /mcp request answer in JSON-RPC, as MCP clients read them: -32700 for
 * JSON that does not parse, -32600 for a request that is not acceptable (too deep, a batch where
 * the revision has none); the message starts with the contract code and `data` carries it with the
 * request id. Auth, Host and rate limit refusals keep the contract's REST shape (and the 401 challenge).
 */
function answerMcpError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const aios = toAiosError(error);
  if (aios.code !== 'INVALID_INPUT' && aios.code !== 'PAYLOAD_TOO_LARGE') return handleError(error, request, reply);
  request.log.info({ code: aios.code }, 'request refused: %s', aios.message);
  const rpcCode =
    error instanceof McpRefusal
      ? error.rpcCode
      : error instanceof SyntaxError || (error as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY'
        ? ProtocolErrorCode.ParseError
        : ProtocolErrorCode.InvalidRequest;
  return reply.code(aios.status).send({
    jsonrpc: '2.0',
    id: null,
    error: {
      code: rpcCode,
      message: `${aios.code}: ${aios.message}`,
      data: { code: aios.code, ...(aios.details === undefined ? {} : { details: aios.details }), request_id: request.id },
    },
  });
}

/** Refuses a Host that is neither a localhost name nor one of `allowedHosts` (DNS rebinding): 403 `FORBIDDEN`. */
export function hostGuard(allowedHosts: string[]): onRequestHookHandler {
  const allowed = [...localhostAllowedHostnames(), ...allowedHosts];
  return async (request) => {
    const host = validateHostHeader(request.headers.host, allowed);
    if (!host.ok) {
      throw new AiosError('FORBIDDEN', `Host "${request.headers.host ?? ''}" is not served here; set MCP_ALLOWED_HOSTS to the public hostname`, {
        reason: host.errorCode,
      });
    }
  };
}

/**
 * Streamable HTTP at `/mcp`, for Lovable and other remote clients: both protocol eras
 * (2026-07-28 and the 2025 revisions) from one server definition, stateless, so any process
 * can answer any request (2025-era clients that offer sampling get a session, which every process
 * reads: mcp-session.ts). Bearer API keys and rate limits as on /api; Host and Origin are
 * checked against DNS rebinding.
 */
export const mcpRoutes: FastifyPluginAsync<McpRoutesOptions> = async (app, options) => {
  const allowed = [...localhostAllowedHostnames(), ...options.allowedHosts];
  const deps: McpDeps = {
    queue: options.queue,
    checkWebhookUrl: (url, owner) => options.webhooks.check(url, owner),
    ...(options.sampling ? { sampling: options.sampling } : {}),
    ...(options.sessions ? { sessions: options.sessions } : {}),
    jobUrls: (id, principal) => {
      const status_url = `${principal.baseUrl ?? ''}/api/jobs/${id}`;
      return { status_url, stream_url: `${status_url}/stream` };
    },
  };
  const principalOf = (authInfo: unknown): Principal => {
    const info = authInfo as AuthInfoLike | undefined;
    // The route below only calls the servers for an authenticated key, so clientId is always set here.
    return {
      owner: info?.clientId ?? '',
      ...(info?.extra?.baseUrl ? { baseUrl: info.extra.baseUrl } : {}),
      ...(info?.extra?.session ? { session: info.extra.session } : {}),
    };
  };
  // Plain requests go to one long-lived server per era (mcp-mux.ts); the rest to the SDK's entry.
  const shared = sharedMcpServers(deps, principalOf, MODERN_REVISION);
  const muxes = { legacy: await McpMux.connect(shared.legacy, 'legacy'), modern: await McpMux.connect(shared.modern, 'modern') };
  for (const server of Object.values(shared)) server.server.onerror = (error) => options.logger.warn({ err: error }, 'MCP request error: %s', error.message);
  const handler = createMcpHandler(
    mcpServerFactory(deps, principalOf),
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
    await Promise.all([handler.close(), shared.legacy.close(), shared.modern.close()]);
  });

  const guardOrigin: onRequestHookHandler = async (request) => {
    const origin = validateOriginHeader(request.headers.origin, allowed);
    if (!origin.ok) throw new AiosError('FORBIDDEN', `Origin "${request.headers.origin ?? ''}" may not call this server`, { reason: 'invalid_origin' });
  };

  const authenticate: onRequestHookHandler = async function (request, reply) {
    try {
      await runHook(options.authenticate, this, request, reply);
    } catch (error) {
      // MCP clients read the challenge to know that a bearer token is what is missing, and where
      // this resource's metadata is (RFC 9728), so they need not guess at OAuth discovery.
      if (error instanceof AiosError && error.code === 'UNAUTHORIZED') {
        const metadata = resourceMetadataUrl(mcpResource(request, options.publicUrl));
        // RFC 6750 section 3.1: `invalid_token` only for a key that was sent and is wrong; none sent, no error.
        const wrong = presentedKey(request) ? `, error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"` : '';
        reply.header('www-authenticate', `Bearer realm="aios-mcp", resource_metadata="${metadata}"${wrong}`);
      }
      throw error;
    }
  };

  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    onRequest: [hostGuard(options.allowedHosts), guardOrigin, authenticate],
    errorHandler: answerMcpError,
    handler: async (request, reply) => {
      const key = request.apiKey;
      if (!key) throw new AiosError('UNAUTHORIZED', 'send your API key as "Authorization: Bearer <key>"');
      const named = request.headers['mcp-protocol-version'];
      if (typeof named === 'string' && named !== '' && !REVISIONS.includes(named)) {
        throw new McpRefusal(ProtocolErrorCode.UnsupportedProtocolVersion, `MCP-Protocol-Version "${named.slice(0, 40)}" is not a revision this server speaks: use one of ${REVISIONS.join(', ')}`, {
          supported: REVISIONS,
        });
      }
      if (Array.isArray(request.body)) {
        const revision = batchRevision(named, request.body);
        if (revision !== BATCH_REVISION) {
          throw new McpRefusal(
            ProtocolErrorCode.InvalidRequest,
            `JSON-RPC batches are not part of MCP ${revision} (only ${BATCH_REVISION} had them); send one message per request`,
            { protocol_version: revision },
          );
        }
        // One request was spent by the auth hook; a batch costs one per message, as if sent apart.
        if (request.body.length > 1) {
          const refused = applyRateDecision(reply, await options.limiter.consume(key, request.body.length - 1));
          if (refused) throw refused;
        }
      }
      const pending = options.sessions ? sessionOf(options.sessions, request, reply, key.id) : undefined;
      const session = pending ? await pending : undefined;
      if (session === 'answered') return reply;
      const authInfo = {
        token: 'redacted',
        clientId: key.id,
        scopes: [],
        extra: { baseUrl: baseUrl(request, options.publicUrl), ...(session ? { session } : {}) },
      };
      // The answer is written on the raw response, with the headers set so far (request id, rate limits).
      // As Fastify's own replies pass them to writeHead.
      const headers = reply.getHeaders() as OutgoingHttpHeaders;
      reply.hijack();
      const route = session ? undefined : sharedRoute(request.method, request.headers, request.body);
      if (route) {
        muxes[route.era].serve(route, authInfo, reply.raw, headers);
        return;
      }
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) reply.raw.setHeader(name, value);
      (request.raw as typeof request.raw & { auth?: unknown }).auth = authInfo;
      await serve(request.raw, reply.raw, request.body);
    },
  });
};
