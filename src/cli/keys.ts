import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { AiosError } from '../contract/index.js';
import { openKeyStore } from '../keys/open.js';
import type { ApiKeyStore } from '../keys/port.js';
import { DEFAULT_ROTATION_GRACE_MS, KeyNameSchema, type ApiKey } from '../keys/store.js';

interface StoreFlags {
  dataDir?: string;
  json?: boolean;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return number;
}

function wholeSeconds(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 30 * 86_400) throw new InvalidArgumentError('must be a whole number of seconds from 0 to 2592000 (30 days)');
  return number;
}

const opened: ApiKeyStore[] = [];

/** The store the server uses: Redis when configured, else the file under DATA_DIR. Closed when the command ends. */
async function openStore(flags: StoreFlags): Promise<ApiKeyStore> {
  const config = loadConfig({ ...process.env, ...(flags.dataDir ? { DATA_DIR: flags.dataDir } : {}) });
  const store = await openKeyStore(config, { watch: false });
  opened.push(store);
  return store;
}


function row(key: ApiKey): string {
  const state = key.revoked_at ? `revoked ${key.revoked_at}` : 'active';
  return [key.id.padEnd(22), key.name.padEnd(20), `${key.prefix}…`.padEnd(12), `${key.requests_per_minute}/min`.padEnd(11), `${key.requests_per_day}/day`.padEnd(13), key.source.padEnd(5), state].join(' ');
}

/** Runs an action, turning the errors a user can cause into a message and an exit code. */
function guarded<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      for (const store of opened.splice(0)) store.close();
      if (error instanceof ConfigError || error instanceof AiosError) {
        process.stderr.write(`aios-mcp keys: ${error.message}\n`);
        process.exitCode = error instanceof AiosError && error.code === 'INVALID_INPUT' ? 2 : 1;
        return;
      }
      throw error;
    }
    // A Redis store holds connections that would keep the command running.
    for (const store of opened.splice(0)) store.close();
  };
}

/**
 * `aios-mcp keys create|list|revoke|rotate-webhook-secret`: the same key store the server reads (Redis when REDIS_URL is set, else DATA_DIR/api-keys.json);
 * a running server picks changes up within a couple of seconds.
 */
export function registerKeys(program: Command): void {
  const keys = program
    .command('keys')
    .description('manage API keys (stored hashed under DATA_DIR; the server sees changes while running)')
    .option('-d, --data-dir <dir>', 'data directory (overrides DATA_DIR, default ./data)');

  keys
    .command('create')
    .description('make an API key and print it once')
    .argument('<name>', 'who the key is for, e.g. lovable')
    .option('--per-minute <n>', 'requests a minute (default RATE_LIMIT_PER_MINUTE, 60)', positiveInteger)
    .option('--per-day <n>', 'requests a day (default RATE_LIMIT_PER_DAY, 10000)', positiveInteger)
    .option('--json', 'print the key as JSON')
    .action(
      guarded(async (name: string, flags: { perMinute?: number; perDay?: number; json?: boolean }) => {
        const parsed = KeyNameSchema.safeParse(name);
        if (!parsed.success) throw new AiosError('INVALID_INPUT', `name: ${parsed.error.issues[0]?.message ?? 'not valid'}`);
        const store = await openStore(keys.opts<StoreFlags>());
        const { key, secret, webhookSecret } = await store.create({
          name: parsed.data,
          requests_per_minute: flags.perMinute,
          requests_per_day: flags.perDay,
        });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ ...key, key: secret, webhook_secret: webhookSecret }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`Created ${key.id} (${key.name}, ${key.requests_per_minute}/min, ${key.requests_per_day}/day).\n`);
        process.stdout.write(`Store this key now, it is shown only once:\n\n  ${secret}\n\n`);
        process.stdout.write(`Webhooks of this key's jobs are signed with this secret (verifyWebhook), also shown only once:\n\n  ${webhookSecret}\n\n`);
      }),
    );

  keys
    .command('list')
    .description('list keys (never the keys themselves, only their first characters)')
    .option('--json', 'print the list as JSON')
    .action(
      guarded(async (flags: { json?: boolean }) => {
        const store = await openStore(keys.opts<StoreFlags>());
        const list = store.list();
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        if (list.length === 0) {
          process.stdout.write('No API keys yet: `aios-mcp keys create <name>` makes one.\n');
          return;
        }
        for (const key of list) process.stdout.write(`${row(key)}\n`);
      }),
    );

  keys
    .command('revoke')
    .description('revoke a key by id (see `keys list`) or by the key itself; requests with it get 401 from then on')
    .argument('<id-or-key>', 'the key id, e.g. key_0123456789abcdef, or the key (as the guide\'s revokeKey takes)')
    .action(
      guarded(async (idOrKey: string) => {
        const store = await openStore(keys.opts<StoreFlags>());
        const id = store.list().some((key) => key.id === idOrKey) ? idOrKey : (store.authenticate(idOrKey)?.id ?? idOrKey);
        const key = await store.revoke(id);
        // Never echo what may be a secret.
        const shown = /^(key_|env:)/.test(id) ? id : 'that value';
        if (!key) throw new AiosError('INVALID_INPUT', `no API key with id ${shown}; \`aios-mcp keys list\` shows them`);
        process.stdout.write(`Revoked ${key.id} (${key.name}).\n`);
      }),
    );

  keys
    .command('rotate-webhook-secret')
    .description('give a key a new webhook signing secret; the old one keeps signing during the grace period')
    .argument('<id>', 'the key id, e.g. key_0123456789abcdef (see `keys list`)')
    .option('--grace <seconds>', 'how long the old secret keeps signing (default 86400, 24 hours; 0 ends it now)', wholeSeconds)
    .option('--json', 'print the result as JSON')
    .action(
      guarded(async (id: string, flags: { grace?: number; json?: boolean }) => {
        const store = await openStore(keys.opts<StoreFlags>());
        const rotated = await store.rotateWebhookSecret(id, (flags.grace ?? DEFAULT_ROTATION_GRACE_MS / 1_000) * 1_000);
        const shown = /^(key_|env:)/.test(id) ? id : 'that value';
        if (!rotated) throw new AiosError('INVALID_INPUT', `no API key with id ${shown}; \`aios-mcp keys list\` shows them`);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(rotated, null, 2)}\n`);
          return;
        }
        const until = rotated.previous_valid_until ? `The old secret keeps signing until ${rotated.previous_valid_until}.` : 'The old secret no longer signs.';
        process.stdout.write(`New webhook secret for ${rotated.key.id} (${rotated.key.name}), shown only once:\n\n  ${rotated.webhook_secret}\n\n${until}\n`);
      }),
    );
}
