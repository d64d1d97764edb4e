import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { problems } from './config-problems.js';

describe('loadConfig', () => {
  it('gives the contract defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      queueConcurrency: 5,
      redisUrl: undefined,
      apiKeys: {},
      webhookTimeoutMs: 10_000,
      logLevel: 'info',
      rateLimit: { perMinute: 60, perDay: 10_000 },
      retention: { completedMs: 3_600_000, failedMs: 86_400_000 },
      phaseTimeoutsMs: { analysis: 300_000, strategy: 600_000, architecture: 300_000, ux: 480_000, code: 900_000 },
      sseHeartbeatMs: 15_000,
    });
  });

  it('reads the guide’s variables', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      QUEUE_CONCURRENCY: '10',
      REDIS_HOST: 'redis.internal',
      REDIS_PORT: '6380',
      AIOS_API_KEYS: '{"lovable":"aios_0123456789abcdef"}',
      ADMIN_API_KEY: 'admin_secret_key_12345',
      AGENT_TIMEOUT_CODE_MS: '1000',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      queueConcurrency: 10,
      redisUrl: 'redis://redis.internal:6380',
      apiKeys: { lovable: 'aios_0123456789abcdef' },
      phaseTimeoutsMs: { code: 1000 },
    });
    expect(loadConfig({ REDIS_URL: 'redis://redis:6379', REDIS_HOST: 'ignored' }).redisUrl).toBe('redis://redis:6379');
  });

  it('names every bad variable with how to fix it', () => {
    const found = problems({
      PORT: '99999',
      QUEUE_CONCURRENCY: 'many',
      AIOS_API_KEYS: '{lovable: key}',
      LOG_LEVEL: 'loud',
      NODE_ENV: 'staging',
      REDIS_URL: 'http://redis',
      ADMIN_API_KEY: 'short',
    });
    expect(found.join('\n')).toMatch(/PORT must be a whole number from 0 to 65535, got "99999"/);
    expect(found.join('\n')).toMatch(/QUEUE_CONCURRENCY must be a whole number/);
    expect(found.join('\n')).toMatch(/AIOS_API_KEYS must be JSON/);
    expect(found.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(found.join('\n')).toMatch(/NODE_ENV must be development, production or test/);
    expect(found.join('\n')).toMatch(/REDIS_URL must use redis: or rediss:/);
    expect(found.join('\n')).toMatch(/ADMIN_API_KEY must be at least 16 characters/);
    expect(problems({ AIOS_API_KEYS: '["a"]' })[0]).toMatch(/JSON object of name → key/);
    expect(problems({ AIOS_API_KEYS: '{"lovable":"short"}' })[0]).toMatch(/AIOS_API_KEYS\.lovable must be a string of at least 16/);
  });

  it('bounds receiving a request by default, headers first', () => {
    expect(loadConfig({}).timeouts).toEqual({ headersMs: 10_000, requestMs: 30_000 });
    expect(loadConfig({ HEADERS_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '5000' }).timeouts).toEqual({ headersMs: 2_000, requestMs: 5_000 });
    expect(problems({ HEADERS_TIMEOUT_MS: '9000', REQUEST_TIMEOUT_MS: '5000' })[0]).toMatch(/HEADERS_TIMEOUT_MS \(9000\) must not be over REQUEST_TIMEOUT_MS \(5000\)/);
    expect(problems({ REQUEST_TIMEOUT_MS: '0' })[0]).toMatch(/REQUEST_TIMEOUT_MS must be a whole number from 100/);
  });
});
