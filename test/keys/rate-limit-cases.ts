import { expect, it } from 'vitest';
import type { RateLimiter } from '../../src/keys/rate-limit.js';

/** What a rate limiter must do whichever store holds its counts (memory, Redis): `make` gives each case a limiter with counts of its own. */
export function rateLimiterCases(make: () => RateLimiter): void {
  it('refuses past the minute budget of one key without touching another', async () => {
    const limiter = make();
    const tight = { id: 'key_tight', requests_per_minute: 2, requests_per_day: 100 };
    const other = { id: 'key_other', requests_per_minute: 2, requests_per_day: 100 };
    expect((await limiter.consume(tight)).remaining).toBe(1);
    expect((await limiter.consume(tight)).allowed).toBe(true);
    const refused = await limiter.consume(tight);
    expect(refused).toMatchObject({ allowed: false, limit: 2, remaining: 0 });
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    expect((await limiter.consume(other)).allowed).toBe(true);
  });

  it('does not count requests the minute window refused against the day', async () => {
    const limiter = make();
    const key = { id: 'key_burst', requests_per_minute: 2, requests_per_day: 5 };
    await limiter.consume(key);
    await limiter.consume(key);
    for (let i = 0; i < 10; i++) expect((await limiter.consume(key)).allowed).toBe(false);
    // Only the two allowed requests were spent from the day: a day limiter alone has 3 left.
    const dayOnly = { ...key, requests_per_minute: 1_000 };
    expect(await limiter.consume(dayOnly)).toMatchObject({ allowed: true, remaining: 2, limit: 5 });
  });

  it('also enforces the day budget', async () => {
    const limiter = make();
    const key = { id: 'key_daily', requests_per_minute: 100, requests_per_day: 1 };
    expect((await limiter.consume(key)).allowed).toBe(true);
    expect(await limiter.consume(key)).toMatchObject({ allowed: false, limit: 1 });
  });
}
