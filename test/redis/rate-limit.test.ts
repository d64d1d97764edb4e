import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter, redisLimiter } from '../../src/keys/rate-limit.js';
import { rateLimiterCases } from '../keys/rate-limit-cases.js';
import { TestRedis } from './redis-server.js';

let redis: TestRedis;
let client: Redis;
let prefixes = 0;

beforeAll(async () => {
  redis = await TestRedis.start();
  client = redis.client();
});
afterAll(async () => {
  client?.disconnect();
  await redis?.destroy();
});

describe('RateLimiter on Redis', () => {
  rateLimiterCases(() => new RateLimiter(redisLimiter(client, `limits-${++prefixes}`)));

  it('is one budget for every instance on the same Redis', async () => {
    const [first, second] = [1, 2].map(() => new RateLimiter(redisLimiter(client, 'shared-limits')));
    const key = { id: 'key_shared', requests_per_minute: 3, requests_per_day: 100 };
    expect((await first!.consume(key)).remaining).toBe(2);
    expect((await second!.consume(key)).remaining).toBe(1);
    expect((await first!.consume(key)).allowed).toBe(true);
    expect(await second!.consume(key)).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('answers REDIS_CONNECTION_FAILED when Redis is unreachable', async () => {
    const gone = redis.client();
    gone.disconnect();
    await expect(new RateLimiter(redisLimiter(gone, 'gone')).consume({ id: 'key_gone', requests_per_minute: 1, requests_per_day: 1 })).rejects.toMatchObject({
      code: 'REDIS_CONNECTION_FAILED',
    });
  });
});
