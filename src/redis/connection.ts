import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { redisFailure } from './failure.js';

/**
 * Redis connections, by what they serve:
 * - `request`: answers HTTP requests, so it fails at once while Redis is away (no offline queue,
 *   a short command timeout) and the caller gets `REDIS_CONNECTION_FAILED` instead of a hang;
 * - `worker`: runs jobs, so its commands wait for Redis to come back rather than fail (BullMQ's
 *   workers need `maxRetriesPerRequest: null` for their blocking commands anyway);
 * - `subscriber`: pub/sub only; it resubscribes by itself after a reconnect.
 * Every connection retries forever, at most every 2 s, so all processes recover on their own.
 */
export type ConnectionRole = 'request' | 'worker' | 'subscriber';

const REQUEST_TIMEOUT_MS = 2_000;

export function connectRedis(url: string, role: ConnectionRole, logger?: Logger): Redis {
  const options: RedisOptions = {
    connectionName: `aios-${role}`,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2_000),
    ...(role === 'request'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: REQUEST_TIMEOUT_MS, connectTimeout: REQUEST_TIMEOUT_MS }
      : { maxRetriesPerRequest: null }),
  };
  const client = new Redis(url, options);
  watchConnection(client, role, logger);
  return client;
}

/** Logs losing and regaining Redis once per outage; an unhandled 'error' event would end the process. */
function watchConnection(client: Redis, role: ConnectionRole, logger?: Logger): void {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger?.error({ role, err: error }, 'Redis connection lost (%s); retrying', error.message);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger?.info({ role }, 'Redis connection back');
  });
}

/** Runs a Redis operation for a request, turning any store failure into `REDIS_CONNECTION_FAILED`. */
export async function viaRedis<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw redisFailure(error);
  }
}

/** Ends a connection without waiting for replies that may never come (Redis may be down). */
export function disconnect(client: Redis): void {
  client.disconnect(false);
}
