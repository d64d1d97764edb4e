import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE, KeyStore } from '../../src/keys/store.js';
import { ensureUsableKeys } from '../../src/keys/startup.js';
import { RateLimiter } from '../../src/keys/rate-limit.js';
import { rateLimiterCases } from './rate-limit-cases.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createKey, startServer, testConfig, removeDataDir } from '../http/support.js';

const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'aios-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const defaults = { perMinute: 60, perDay: 10_000 };

describe('KeyStore', () => {
  it('stores only a hash, in a file only its owner can read, and authenticates the key', async () => {
    const dir = await dataDir();
    const store = await KeyStore.open({ dataDir: dir, defaults });
    const { key, secret } = await store.create({ name: 'lovable', requests_per_minute: 100 });
    const file = await readFile(path.join(dir, KEY_FILE), 'utf8');
    expect(file).not.toContain(secret);
    expect(file).toContain(key.id);
    expect((await stat(path.join(dir, KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(store.authenticate(secret)).toMatchObject({ id: key.id, requests_per_minute: 100, requests_per_day: 10_000 });
    expect(store.authenticate(`${secret}x`)).toBeUndefined();
  });

  it('keeps keys across a reopen, and a revoked key stops working', async () => {
    const dir = await dataDir();
    const first = await KeyStore.open({ dataDir: dir, defaults });
    const { key, secret } = await first.create({ name: 'app' });
    const second = await KeyStore.open({ dataDir: dir, defaults });
    expect(second.authenticate(secret)?.id).toBe(key.id);
    await second.revoke(key.id);
    const third = await KeyStore.open({ dataDir: dir, defaults });
    expect(third.authenticate(secret)).toBeUndefined();
    expect(third.list()[0]?.revoked_at).toEqual(expect.any(String));
  });

  it('sees keys another process writes while it runs (the keys CLI next to a server)', async () => {
    const dir = await dataDir();
    const server = await KeyStore.open({ dataDir: dir, defaults, watch: true });
    const cli = await KeyStore.open({ dataDir: dir, defaults });
    const { key, secret } = await cli.create({ name: 'from-cli' });
    while (!server.authenticate(secret)) await new Promise((resolve) => setTimeout(resolve, 50));
    await cli.revoke(key.id);
    while (server.authenticate(secret)) await new Promise((resolve) => setTimeout(resolve, 50));
    server.close();
    expect(server.list().map((entry) => entry.name)).toEqual(['from-cli']);
  });

  it('takes AIOS_API_KEYS keys, which cannot be revoked at run time', async () => {
    const store = await KeyStore.open({ dataDir: await dataDir(), defaults, envKeys: { lovable: 'lovable-key-0123456789abcdef' } });
    expect(store.authenticate('lovable-key-0123456789abcdef')).toMatchObject({ id: 'env:lovable', source: 'env' });
    await expect(store.revoke('env:lovable')).rejects.toThrow(/AIOS_API_KEYS/);
  });

  it('refuses to start on a damaged key file rather than losing its keys', async () => {
    const dir = await dataDir();
    await writeFile(path.join(dir, KEY_FILE), '{ not json');
    await expect(KeyStore.open({ dataDir: dir, defaults })).rejects.toThrow(/not valid JSON/);
  });
});

describe('ensureUsableKeys', () => {
  it('makes and shows a development key once when there are none', async () => {
    const dir = await dataDir();
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir });
    const shown: string[] = [];
    const store = await KeyStore.open({ dataDir: dir, defaults });
    await ensureUsableKeys(config, store, (text) => shown.push(text));
    const secret = /aios_[\w-]+/.exec(shown.join(''))![0];
    expect(store.authenticate(secret)?.name).toBe('development');
    await ensureUsableKeys(config, await KeyStore.open({ dataDir: dir, defaults }), (text) => shown.push(text));
    expect(shown).toHaveLength(1);
  });

  it('fails in production without keys or an admin key, naming what to set', async () => {
    const dir = await dataDir();
    const store = await KeyStore.open({ dataDir: dir, defaults });
    const error = await ensureUsableKeys(loadConfig({ NODE_ENV: 'production', DATA_DIR: dir }), store, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/AIOS_API_KEYS[\s\S]*ADMIN_API_KEY/);
    await expect(
      ensureUsableKeys(
        loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, AIOS_API_KEYS: '{"a":"0123456789abcdef0123"}', ADMIN_API_KEY: 'admin-0123456789abcdef' }),
        await KeyStore.open({ dataDir: dir, defaults, envKeys: { a: '0123456789abcdef0123' } }),
        () => undefined,
      ),
    ).resolves.toBeUndefined();
  });
});

describe('RateLimiter', () => rateLimiterCases(() => new RateLimiter()));

describe('a restart', () => {
  it('keeps the keys made through the admin API (two app instances on one data dir)', async () => {
    const config = await testConfig();
    const first = await startServer(config);
    const key = await createKey(first, { name: 'survivor' });
    await first.close();
    const second = await startServer(config);
    const response = await fetch(`${second.url}/api/jobs`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    await second.close();
    await removeDataDir(config);
  });
});
