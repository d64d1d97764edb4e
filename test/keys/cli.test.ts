import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerKeys } from '../../src/cli/keys.js';
import { KeyStore } from '../../src/keys/store.js';

const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Runs `aios-mcp keys ...` in-process and returns what it printed. */
async function keys(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerKeys(program);
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(['node', 'aios-mcp', 'keys', ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  return out.join('');
}

describe('aios-mcp keys', () => {
  it('prints the webhook secret once at creation, and rotates it with a grace period', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'aios-cli-keys-'));
    dirs.push(dir);
    const created = JSON.parse(await keys('--data-dir', dir, 'create', 'lovable', '--json')) as { id: string; webhook_secret: string };
    expect(created.webhook_secret).toMatch(/^whsec_[\w-]{40,}$/);
    const open = () => KeyStore.open({ dataDir: dir, defaults: { perMinute: 60, perDay: 10_000 } });
    expect((await open()).webhookSecrets(created.id)).toEqual([created.webhook_secret]);

    const rotated = JSON.parse(await keys('--data-dir', dir, 'rotate-webhook-secret', created.id, '--grace', '3600', '--json')) as {
      webhook_secret: string;
      previous_valid_until: string;
    };
    expect(rotated.webhook_secret).not.toBe(created.webhook_secret);
    expect(Date.parse(rotated.previous_valid_until) - Date.now()).toBeGreaterThan(3_500_000);
    expect((await open()).webhookSecrets(created.id)).toEqual([rotated.webhook_secret, created.webhook_secret]);
    // The listing never shows a secret.
    expect(await keys('--data-dir', dir, 'list', '--json')).not.toContain(rotated.webhook_secret);

    const text = await keys('--data-dir', dir, 'rotate-webhook-secret', created.id, '--grace', '0');
    const newest = /whsec_[\w-]{40,}/.exec(text)![0];
    expect(text).toContain('The old secret no longer signs.');
    expect((await open()).webhookSecrets(created.id)).toEqual([newest]);

    expect(await keys('--data-dir', dir, 'rotate-webhook-secret', 'key_0000000000000000')).toContain('no API key with id key_0000000000000000');
    expect(process.exitCode).toBe(2);
  });

  it('creates, lists and revokes keys in the store the server reads', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'aios-cli-keys-'));
    dirs.push(dir);
    const created = await keys('--data-dir', dir, 'create', 'lovable', '--per-minute', '100');
    const secret = /aios_[\w-]{40,}/.exec(created)![0];
    const id = /key_[0-9a-f]{16}/.exec(created)![0];

    const store = await KeyStore.open({ dataDir: dir, defaults: { perMinute: 60, perDay: 10_000 } });
    expect(store.authenticate(secret)).toMatchObject({ id, name: 'lovable', requests_per_minute: 100 });

    const list = await keys('--data-dir', dir, 'list');
    expect(list).toContain(id);
    expect(list).toContain('100/min');
    expect(list).not.toContain(secret);

    expect(await keys('--data-dir', dir, 'revoke', id)).toContain(`Revoked ${id}`);
    await store.reload();
    expect(store.authenticate(secret)).toBeUndefined();

    const second = /aios_[\w-]{40,}/.exec(await keys('--data-dir', dir, 'create', 'rotated'))![0];
    expect(await keys('--data-dir', dir, 'revoke', second)).toContain('Revoked key_');
    await store.reload();
    expect(store.authenticate(second)).toBeUndefined();

    expect(await keys('--data-dir', dir, 'revoke', 'key_0000000000000000')).toContain('no API key with id');
    expect(process.exitCode).toBe(2);
  });
});
