import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
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

/** Requests counted in a window so far, this one included, and the ms until the window resets. */
export interface WindowCount {
  count: number;
  msLeft: number;
}

/**
 * Where a key's request counts live. `spend` counts a request against the key's minute window
 * and, when the minute allows it, its day window: a request the minute refuses does not count
 * against the day. `day` is absent when it was not spent.
 */
export interface RateCounters {
  spend(id: string, perMinute: number, perDay: number): Promise<{ minute: WindowCount; day?: WindowCount }>;
}

const MINUTE_SECONDS = 60;
const DAY_SECONDS = 86_400;

/**
 * Per-key request budgets, one a minute and one a day. Each key spends only its own budget.
 * The counts are in memory in the embedded mode, in Redis (one budget across every instance) otherwise.
 */
export class RateLimiter {
  constructor(private readonly counters: RateCounters = memoryCounters()) {}

  async consume(key: Pick<ApiKey, 'id' | 'requests_per_minute' | 'requests_per_day'>): Promise<RateDecision> {
    const { minute, day } = await this.counters.spend(key.id, key.requests_per_minute, key.requests_per_day);
    const byMinute = decision(key.requests_per_minute, minute);
    if (!byMinute.allowed || !day) return byMinute;
    const byDay = decision(key.requests_per_day, day);
    if (!byDay.allowed) return byDay;
    // Report the window closer to running out.
    return byDay.remaining < byMinute.remaining ? byDay : byMinute;
  }
}

/** Counts in this process, for the embedded mode. Limiters are shared by keys with the same limit. */
export function memoryCounters(): RateCounters {
  const limiters = new Map<string, RateLimiterMemory>();
  const count = async (seconds: number, points: number, id: string): Promise<WindowCount> => {
    const name = `${seconds}:${points}`;
    let limiter = limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterMemory({ points, duration: seconds });
      limiters.set(name, limiter);
    }
    try {
      const result = await limiter.consume(id);
      return { count: result.consumedPoints, msLeft: result.msBeforeNext };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { count: rejection.consumedPoints, msLeft: rejection.msBeforeNext };
      throw rejection;
    }
  };
  return {
    async spend(id, perMinute, perDay) {
      const minute = await count(MINUTE_SECONDS, perMinute, id);
      if (minute.count > perMinute) return { minute };
      return { minute, day: await count(DAY_SECONDS, perDay, id) };
    },
  };
}

/**
 * Both windows in one script call, so a request costs one round trip. A window is a counter that
 * expires when the window ends; its key names the window and the limit, as rate-limiter-flexible
 * named it before, so counts carry over an upgrade.
 *
 * KEYS: minute counter, day counter. ARGV: the minute's limit, the minute's and the day's seconds.
 * Returns the minute's count and ms left, then the day's when it was spent.
 */
const SPEND_SCRIPT = `
local function spend(key, seconds)
  redis.call('SET', key, 0, 'EX', seconds, 'NX')
  local count = redis.call('INCRBY', key, 1)
  local ttl = redis.call('PTTL', key)
  if ttl == -1 then
    redis.call('EXPIRE', key, seconds)
    ttl = 1000 * seconds
  end
  return {count, ttl}
end
local minute = spend(KEYS[1], ARGV[2])
if minute[1] > tonumber(ARGV[1]) then return minute end
local day = spend(KEYS[2], ARGV[3])
return {minute[1], minute[2], day[1], day[2]}
`;

/** Counts in Redis, so a key's budget is one budget across every instance. */
export function redisCounters(client: Redis, prefix: string): RateCounters {
  const keyOf = (seconds: number, points: number, id: string) => `${prefix}:rate:${seconds}:${points}:${id}`;
  return {
    async spend(id, perMinute, perDay) {
      let reply: number[];
      try {
        reply = (await client.eval(
          SPEND_SCRIPT,
          2,
          keyOf(MINUTE_SECONDS, perMinute, id),
          keyOf(DAY_SECONDS, perDay, id),
          perMinute,
          MINUTE_SECONDS,
          DAY_SECONDS,
        )) as number[];
      } catch (error) {
        // The request is refused as Redis being away.
        throw redisFailure(error);
      }
      const [minuteCount, minuteMs, dayCount, dayMs] = reply;
      const minute = { count: minuteCount!, msLeft: minuteMs! };
      return dayCount === undefined ? { minute } : { minute, day: { count: dayCount, msLeft: dayMs! } };
    },
  };
}

function decision(limit: number, { count, msLeft }: WindowCount): RateDecision {
  const allowed = count <= limit;
  return {
    allowed,
    limit,
    remaining: Math.max(0, limit - count),
    reset: Math.ceil((Date.now() + msLeft) / 1000),
    ...(allowed ? {} : { retryAfter: Math.max(1, Math.ceil(msLeft / 1000)) }),
  };
}
