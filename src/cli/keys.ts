import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { AiosError } from '../contract/index.js';
import { openKeyStore } from '../keys/open.js';
import type { ApiKeyStore } from '../keys/port.js';
import { KeyNameSchema, type ApiKey } from '../keys/store.js';

interface StoreFlags {
  dataDir?: string;
  json?: boolean;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
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
 * `aios-mcp keys create|list|revoke`: the same key store the server reads (Redis when REDIS_URL is set, else DATA_DIR/api-keys.json);
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
        const { key, secret } = await store.create({
          name: parsed.data,
          requests_per_minute: flags.perMinute,
          requests_per_day: flags.perDay,
        });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ ...key, key: secret }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`Created ${key.id} (${key.name}, ${key.requests_per_minute}/min, ${key.requests_per_day}/day).\n`);
        process.stdout.write(`Store this key now, it is shown only once:\n\n  ${secret}\n\n`);
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
}
