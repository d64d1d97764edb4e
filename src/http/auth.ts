import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { AiosError } from '../contract/index.js';
import type { RateDecision, RateLimiter } from '../keys/rate-limit.js';
import { secretsMatch } from '../keys/secret.js';
import type { ApiKeyStore } from '../keys/port.js';
import type { ApiKey } from '../keys/store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's key, set by the API key hook on authenticated routes. */
    apiKey: ApiKey | null;
  }
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function queryParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The API key a request presents: `Authorization: Bearer`, or `?api_key=` for browsers' EventSource. */
export function presentedKey(request: FastifyRequest): string | undefined {
  return bearer(request) ?? queryParam(request, 'api_key');
}

/**
 * API key auth (`Authorization: Bearer`, or `?api_key=` for browsers' EventSource), then the
 * key's rate limits; the `X-RateLimit-*` headers go on every authenticated response.
 */
export function apiKeyHook(keys: ApiKeyStore, limiter: RateLimiter): onRequestHookHandler {
  // Callback style: an async hook costs this request path a promise and a turn of its own.
  return function authenticate(request, reply, done) {
    const presented = presentedKey(request);
    if (!presented) {
      done(new AiosError('UNAUTHORIZED', 'send your API key as "Authorization: Bearer <key>" (or ?api_key=<key> for EventSource)'));
      return;
    }
    const key = keys.authenticate(presented);
    if (!key) {
      done(new AiosError('UNAUTHORIZED', 'the API key is not valid or has been revoked'));
      return;
    }
    request.apiKey = key;
    limiter.consume(key).then((decision) => done(applyRateDecision(reply, decision)), done);
  };
}

/** Puts a rate decision's `X-RateLimit-*` headers on the reply; the RATE_LIMITED error when it refused. */
export function applyRateDecision(reply: FastifyReply, decision: RateDecision): AiosError | undefined {
  reply.header('x-ratelimit-limit', String(decision.limit));
  reply.header('x-ratelimit-remaining', String(decision.remaining));
  reply.header('x-ratelimit-reset', String(decision.reset));
  if (decision.allowed) return undefined;
  return new AiosError(
    'RATE_LIMITED',
    `rate limit of ${decision.limit} requests reached for this key; retry in ${decision.retryAfter} s or ask an admin for a higher limit`,
    { limit: decision.limit, reset: decision.reset, retry_after_seconds: decision.retryAfter },
  );
}

/** Admin routes: `ADMIN_API_KEY` as `X-Admin-Key`, `Authorization: Bearer`, or the guide's `?admin_key=`. */
export function adminHook(adminKey: string | undefined): onRequestHookHandler {
  return async function authorizeAdmin(request: FastifyRequest) {
    const header = request.headers['x-admin-key'];
    const presented = (typeof header === 'string' && header.length > 0 ? header : undefined) ?? bearer(request) ?? queryParam(request, 'admin_key');
    if (!presented) {
      throw new AiosError('UNAUTHORIZED', 'admin routes need the admin secret: send it as X-Admin-Key, Authorization: Bearer, or ?admin_key=');
    }
    if (!adminKey) throw new AiosError('FORBIDDEN', 'admin routes are off on this server: set ADMIN_API_KEY to turn them on');
    if (!secretsMatch(presented, adminKey)) throw new AiosError('FORBIDDEN', 'that is not the admin secret (ADMIN_API_KEY)');
  };
}

/** Runs a Fastify hook, callback or async style, as a promise. */
export function runHook(hook: onRequestHookHandler, app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => (error ? reject(error) : resolve());
    const result: unknown = hook.call(app, request, reply, done);
    if (result instanceof Promise) result.then(() => resolve(), reject);
  });
}
