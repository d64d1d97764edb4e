import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { redisFailure } from '../redis/failure.js';
import type { ApiKey } from './store.js';

/** What the `X-RateLimit-*` headers (and `Retry-After` on a 429) report. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the reported window resets. */
  reset: number;
  /** Seconds to wait, when refused. */
  retryAfter?: number;
}

type Window = 'minute' | 'day';
const WINDOW_SECONDS: Record<Window, number> = { minute: 60, day: 86_400 };

/**
 * Per-key request budgets, one a minute and one a day. Each key spends only its own budget.
 * Limiters are shared by keys with the same limit (rate-limiter-flexible keys its counters by
 * the key id); the memory store is the embedded mode's, and a Redis store can take its place.
 */
export class RateLimiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly create: (points: number, durationSeconds: number) => RateLimiterAbstract = memoryLimiter) {}

  /** Spends `calls` requests of the key's budgets (more than one for a JSON-RPC batch). */
  consume(key: Pick<ApiKey, 'id' | 'requests_per_minute' | 'requests_per_day'>, calls = 1): Promise<RateDecision> {
    // Both windows at once: one round trip on Redis instead of two. A request the minute window
    // refuses does not count against the day, so the day's points are given back then.
    // (Promise chains rather than async functions: this runs on every authenticated request.)
    return Promise.all([this.spend('minute', key.requests_per_minute, key.id, calls), this.spend('day', key.requests_per_day, key.id, calls)]).then(
      ([minute, day]) => {
        if (!minute.allowed) return this.giveBack('day', key.requests_per_day, key.id, calls).then(() => minute);
        if (!day.allowed) return day;
        // Report the window closer to running out.
        return day.remaining < minute.remaining ? day : minute;
      },
    );
  }

  private spend(window: Window, points: number, id: string, calls: number): Promise<RateDecision> {
    return this.limiter(window, points)
      .consume(id, calls)
      .then(
        (result) => decision(true, points, result),
        (rejection: unknown) => {
          if (rejection instanceof RateLimiterRes) return decision(false, points, rejection);
          // Only a shared store (Redis) can fail; the request is refused as Redis being away.
          throw redisFailure(rejection);
        },
      );
  }

  private giveBack(window: Window, points: number, id: string, calls: number): Promise<void> {
    return this.limiter(window, points)
      .reward(id, calls)
      .then(
        () => undefined,
        (error: unknown) => {
          throw redisFailure(error);
        },
      );
  }

  private limiter(window: Window, points: number): RateLimiterAbstract {
    const name = `${window}:${points}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = this.create(points, WINDOW_SECONDS[window]);
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}

function memoryLimiter(points: number, duration: number): RateLimiterAbstract {
  return new RateLimiterMemory({ points, duration });
}

/** Counters in Redis, so a key's budget is one budget across every instance. */
export function redisLimiter(client: Redis, prefix: string): (points: number, duration: number) => RateLimiterAbstract {
  return (points, duration) => new RateLimiterRedis({ storeClient: client, points, duration, keyPrefix: `${prefix}:rate:${duration}:${points}` });
}

function decision(allowed: boolean, limit: number, result: RateLimiterRes): RateDecision {
  const reset = Math.ceil((Date.now() + result.msBeforeNext) / 1000);
  return {
    allowed,
    limit,
    remaining: Math.max(0, result.remainingPoints),
    reset,
    ...(allowed ? {} : { retryAfter: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) }),
  };
}
