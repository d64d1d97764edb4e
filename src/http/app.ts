import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Config } from '../config.js';
import { AiosError } from '../contract/index.js';
import { enginesOf } from '../agents/engines/configured.js';
import { embeddedQueueFor } from '../jobs/embedded.js';
import type { JobQueue, JobRunner } from '../jobs/port.js';
import { openKeyStore } from '../keys/open.js';
import type { ApiKeyStore } from '../keys/port.js';
import { RateLimiter } from '../keys/rate-limit.js';
import { LOG_TAGS, createLogger, redactUrl, tagged } from '../log.js';
import { adminRoutes } from './admin.js';
import { artifactRoutes } from './artifacts.js';
import { apiKeyHook } from './auth.js';
import { BODY_LIMIT_BYTES, answerClientError, handleError, handleNotFound } from './errors.js';
import { healthRoutes } from './health.js';
import { assertJsonDepth } from './json-body.js';
import { jobRoutes } from './jobs.js';
import { McpSessions, MemorySessionBackend, RedisSessionBackend } from '../mcp/sessions.js';
import { hostGuard, mcpRoutes } from './mcp.js';
import { metricsRoutes } from './metrics.js';
import { resourceMetadataRoutes } from './resource-metadata.js';
import { streamRoutes } from './stream.js';
import { webhookRoutes } from './webhooks.js';
import { errorTracking } from './error-tracking.js';
import { openErrorTracker } from '../sentry.js';
import { VERSION } from '../version.js';
import { Webhooks } from '../webhooks/open.js';
import type { Resolver } from '../webhooks/url-guard.js';

export interface AppDeps {
  logger?: Logger;
  /** The job queue; when not given, BullMQ on `config.redisUrl` or else the embedded one (closed with the app). */
  queue?: JobQueue;
  /** What the queue's in-process runner (embedded queue or Redis worker) runs; `runTool` by default. */
  runner?: JobRunner;
  /** Redis mode: also run jobs in this process (`serve`; off with `serve --no-worker`). On by default. */
  worker?: boolean;
  /** The key store; when not given, the one the config selects (Redis or the file), closed with the app. */
  keys?: ApiKeyStore;
  rateLimiter?: RateLimiter;
  /** Reload the key file when the `keys` CLI changes it (on for `serve`). */
  watchKeys?: boolean;
  /** Tests only: how webhook host names resolve, in place of DNS. */
  webhookResolver?: Resolver;
}

/** A caller's `X-Request-Id` is kept when it is a sane token; otherwise a new one is made. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}

/** Builds the REST API (not listening): tests inject or listen on port 0, `aios-mcp serve` listens on PORT. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const logger = deps.logger ?? createLogger(config);
  // SENTRY_DSN: 500s and unexpected job failures go to Sentry.
  const tracker = await openErrorTracker(config, tagged(logger, LOG_TAGS.http));
  // BullMQ and ioredis load only in the Redis mode.
  const redis =
    config.redisUrl && !deps.queue
      ? (await import('../redis/mode.js')).openRedisMode(config, tagged(logger, LOG_TAGS.queue), {
          worker: deps.worker ?? true,
          tracker,
          ...(deps.runner ? { runner: deps.runner } : {}),
        })
      : undefined;
  const queue =
    deps.queue ??
    redis?.queue ??
    embeddedQueueFor(config, tagged(logger, LOG_TAGS.queue), deps.runner);
  const httpLog = tagged(logger, LOG_TAGS.http);
  const keys = deps.keys ?? (await openKeyStore(config, { watch: deps.watchKeys ?? Boolean(config.redisUrl), logger: httpLog }));
  const limiter = deps.rateLimiter ?? redis?.limiter ?? new RateLimiter();
  const webhooks = await Webhooks.open(config, {
    queue,
    keys,
    logger: tagged(logger, LOG_TAGS.webhook),
    redisUrl: redis ? config.redisUrl : undefined,
    ...(deps.webhookResolver ? { resolve: deps.webhookResolver } : {}),
  });

  // 2025-revision /mcp sessions (clients that offer sampling) live where every API process reads them.
  const sessions = new McpSessions(
    redis
      ? new RedisSessionBackend({ ...redis.connections, prefix: config.redisKeyPrefix, logger: tagged(logger, LOG_TAGS.mcp) })
      : new MemorySessionBackend(),
    config.mcpSessionTtlMs,
  );

  const app = Fastify({
    loggerInstance: httpLog as FastifyBaseLogger,
    // Replaced by the one-line-a-request hook below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // A client must send its request in time, so one that never ends its body cannot hold a socket;
    // answers are not bounded (SSE streams, MCP calls reporting progress). Node checks the bounds
    // every connectionsCheckingInterval (30 s by default): check at least every second.
    requestTimeout: config.timeouts.requestMs,
    http: { headersTimeout: config.timeouts.headersMs, connectionsCheckingInterval: Math.min(1_000, config.timeouts.headersMs) },
    clientErrorHandler: (error, socket) => answerClientError(error, socket, config.timeouts),
    genReqId: (req) => requestId(req.headers['x-request-id']),
    requestIdHeader: false,
    // Router-level failures (a bad URL, an over-long path segment) come before any hook: answer them here.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      const refused =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new AiosError('INVALID_INPUT', 'a path segment is over 100 characters: job ids are at most 100')
          : new AiosError('INVALID_INPUT', 'the URL is malformed');
      return handleError(refused, request, reply);
    },
  });

  // Route schemas are the contract's zod schemas: one source for validation and types.
  app.setValidatorCompiler<z.ZodType>(({ schema }) => (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: result.error };
  });
  // An empty JSON body (a DELETE sent with Content-Type, the guide's `curl -G` admin command) is no body;
  // routes that need one say so by their schema.
  const defaultJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      assertJsonDepth(body as string);
    } catch (error) {
      return done(error as Error);
    }
    defaultJson(request, body as string, done);
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  app.decorateRequest('apiKey', null);

  // Hooks that do not wait on anything take a callback: an async hook costs a promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // One line a request, secrets cut from the URL.
  app.addHook('onResponse', (request, reply, done) => {
    // Skip building the line at all when info is off (LOG_LEVEL=warn under load).
    if (httpLog.isLevelEnabled('info')) {
      const url = redactUrl(request.url);
      request.log.info(
        { method: request.method, url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
        '%s %s %d',
        request.method,
        url.split('?')[0],
        reply.statusCode,
      );
    }
    done();
  });
  app.addHook('onClose', async () => {
    sessions.close();
    await webhooks.close();
    if (redis) await redis.close(config.shutdownTimeoutMs);
    else if (!deps.queue) await queue.close();
    if (!deps.keys) keys.close();
  });

  // On Redis a job's failure is reported by the worker where it failed; otherwise here, as this queue's events tell.
  if (tracker) await app.register(errorTracking, { tracker, ...(redis ? {} : { queue }) });
  // First, so its timing hook covers every route registered after it.
  await app.register(metricsRoutes, { queue, adminApiKey: config.adminApiKey, metricsToken: config.metricsToken });
  await app.register(healthRoutes, { queue, version: VERSION });
  await app.register(adminRoutes, { keys, adminApiKey: config.adminApiKey });
  const authenticate = apiKeyHook(keys, limiter);
  // Everything else under /api needs an API key and spends its rate limit.
  await app.register(async (api) => {
    api.addHook('onRequest', authenticate);
    await api.register(jobRoutes, { queue, publicUrl: config.publicUrl, pollingIntervalMs: config.pollingIntervalMs, webhooks });
    await api.register(streamRoutes, { queue, heartbeatMs: config.sseHeartbeatMs });
    await api.register(artifactRoutes, { queue });
    await api.register(webhookRoutes, { queue, webhooks });
  });
  // Where /mcp's 401 sends MCP clients (RFC 9728): public, behind /mcp's Host check.
  await app.register(resourceMetadataRoutes, { publicUrl: config.publicUrl, documentationUrl: config.mcpDocumentationUrl, guardHost: hostGuard(config.mcpAllowedHosts) });
  // MCP over Streamable HTTP: the same keys and budgets as /api.
  await app.register(mcpRoutes, {
    queue,
    authenticate,
    limiter,
    publicUrl: config.publicUrl,
    allowedHosts: config.mcpAllowedHosts,
    logger: tagged(logger, LOG_TAGS.mcp),
    webhooks,
    // A call that samples the client's model runs in this process, which holds the call.
    sampling: { engines: enginesOf(config), timeouts: config.phaseTimeoutsMs, connected: false },
    sessions,
  });

  return app;
}
