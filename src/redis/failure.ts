import { AiosError } from '../contract/index.js';

/**
 * A Redis failure as callers see it (in a module without ioredis, so that the embedded mode's rate
 * limiter can name it without loading the client): 503 `REDIS_CONNECTION_FAILED`; contract errors pass through.
 */
export function redisFailure(error: unknown): AiosError {
  if (error instanceof AiosError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new AiosError('REDIS_CONNECTION_FAILED', 'the job store (Redis) is unreachable; retry shortly', { reason });
}
