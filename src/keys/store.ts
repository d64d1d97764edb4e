import { randomBytes } from 'node:crypto';
import { watchFile, unwatchFile } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AiosError } from '../contract/index.js';
import type { ApiKeyStore } from './port.js';
import { generateKey, generateWebhookSecret, hashKey } from './secret.js';

/** An API key as the admin API and the CLI show it: never the key itself, only its first characters. */
export interface ApiKey {
  id: string;
  name: string;
  /** The key's first characters, so an operator can tell keys apart. */
  prefix: string;
  requests_per_minute: number;
  requests_per_day: number;
  created_at: string | null;
  revoked_at: string | null;
  /** `env` keys come from `AIOS_API_KEYS` and are changed there; `file` and `redis` keys are made at run time. */
  source: 'env' | 'file' | 'redis';
  /** Whether webhooks of this key's jobs are signed with its own secret (else with `WEBHOOK_SECRET`). */
  has_webhook_secret: boolean;
}

/** What a rotation answers: the new secret (shown once) and until when the old one still signs. */
export interface RotatedSecret {
  key: ApiKey;
  webhook_secret: string;
  previous_valid_until: string | null;
}

/** How long the old secret keeps signing after a rotation, unless the caller says otherwise: 24 hours. */
export const DEFAULT_ROTATION_GRACE_MS = 86_400_000;

/** A stored key with its webhook secret rotated: the new one signs, the old one too until the grace ends. */
export function rotatedKey(stored: StoredKey, graceMs: number, now = Date.now()): { stored: StoredKey; secret: string } {
  const secret = generateWebhookSecret();
  const next: StoredKey = { ...stored, webhook_secret: secret };
  delete next.previous_webhook_secret;
  delete next.previous_webhook_secret_until;
  if (stored.webhook_secret && graceMs > 0) {
    next.previous_webhook_secret = stored.webhook_secret;
    next.previous_webhook_secret_until = new Date(now + graceMs).toISOString();
  }
  return { stored: next, secret };
}

/** The secrets that sign a key's webhooks now: its own (newest first), none when it has none. */
export function webhookSecretsOf(stored: StoredKey | undefined, now = Date.now()): string[] {
  if (!stored?.webhook_secret) return [];
  const previousValid = stored.previous_webhook_secret && stored.previous_webhook_secret_until && Date.parse(stored.previous_webhook_secret_until) > now;
  return previousValid ? [stored.webhook_secret, stored.previous_webhook_secret!] : [stored.webhook_secret];
}

export const StoredKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  requests_per_minute: z.number().int().positive(),
  requests_per_day: z.number().int().positive(),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
  /** The key's webhook signing secret (kept readable: deliveries are signed with it). Absent on keys made before webhooks. */
  webhook_secret: z.string().optional(),
  /** The secret before the last rotation, still signing until `previous_webhook_secret_until`. */
  previous_webhook_secret: z.string().optional(),
  previous_webhook_secret_until: z.string().optional(),
});
export type StoredKey = z.infer<typeof StoredKeySchema>;

const KeyFileSchema = z.object({ version: z.literal(1), keys: z.array(StoredKeySchema) });

export const KeyNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[\w .@:-]+$/, 'may hold letters, digits, spaces and . _ - @ : only');

/** A key just made: the API key and its webhook signing secret, shown this once. */
export interface CreatedKey {
  key: ApiKey;
  secret: string;
  webhookSecret: string;
}

export interface CreateKeyRequest {
  name: string;
  requests_per_minute?: number | undefined;
  requests_per_day?: number | undefined;
}

export interface KeyStoreOptions {
  dataDir: string;
  /** name → key, from `AIOS_API_KEYS`. */
  envKeys?: Record<string, string>;
  /** Limits of keys that do not set their own. */
  defaults: { perMinute: number; perDay: number };
  /** Reload when another process (the `keys` CLI) changes the file. */
  watch?: boolean;
  /** Told when a reload after a change fails (the keys loaded before stay in force). */
  onReloadError?: (error: unknown) => void;
}

export const KEY_FILE = 'api-keys.json';

/**
 * API keys: those of `AIOS_API_KEYS` plus those made at run time, which persist as hashes in a
 * 0600 JSON file under the data directory so a restart loses none. Lookups are in memory.
 */
export class KeyStore implements ApiKeyStore {
  readonly file: string;
  private readonly keys: KeyIndex;
  private watching = false;

  private constructor(private readonly options: KeyStoreOptions) {
    this.file = path.join(options.dataDir, KEY_FILE);
    this.keys = new KeyIndex(options.envKeys, options.defaults, 'file');
  }

  get location(): string {
    return this.file;
  }

  static async open(options: KeyStoreOptions): Promise<KeyStore> {
    const store = new KeyStore(options);
    await store.reload();
    if (options.watch) store.watch();
    return store;
  }

  authenticate(secret: string): ApiKey | undefined {
    return this.keys.authenticate(secret);
  }

  list(): ApiKey[] {
    return this.keys.list();
  }

  activeCount(): number {
    return this.keys.activeCount();
  }

  /** Makes a key; the returned secrets are the only time they are ever seen. */
  async create(request: CreateKeyRequest): Promise<CreatedKey> {
    const { secret, webhookSecret, stored } = newStoredKey(request, this.options.defaults);
    // Re-read first so keys another process wrote meanwhile are kept.
    await this.reload();
    await this.save([...this.keys.stored, stored]);
    return { key: toApiKey(stored), secret, webhookSecret };
  }

  /** Revokes a key by id; undefined when there is no such key. */
  async revoke(id: string): Promise<ApiKey | undefined> {
    this.keys.refuseEnvRevoke(id);
    await this.reload();
    const target = this.keys.stored.find((key) => key.id === id);
    if (!target) return undefined;
    if (!target.revoked_at) {
      await this.save(this.keys.stored.map((key) => (key.id === id ? { ...key, revoked_at: new Date().toISOString() } : key)));
    }
    return this.keys.find(id);
  }

  async rotateWebhookSecret(id: string, graceMs: number): Promise<RotatedSecret | undefined> {
    this.keys.refuseEnvChange(id, 'rotate its webhook secret', 'set WEBHOOK_SECRET instead, which signs for every key without a secret of its own');
    await this.reload();
    const target = this.keys.stored.find((key) => key.id === id);
    if (!target) return undefined;
    const { stored, secret } = rotatedKey(target, graceMs);
    await this.save(this.keys.stored.map((key) => (key.id === id ? stored : key)));
    return { key: toApiKey(stored), webhook_secret: secret, previous_valid_until: stored.previous_webhook_secret_until ?? null };
  }

  webhookSecrets(id: string): string[] {
    return webhookSecretsOf(this.keys.storedById(id));
  }

  close(): void {
    if (this.watching) unwatchFile(this.file);
    this.watching = false;
  }

  /** Reads the file (absent = no keys yet) and rebuilds the lookup table. */
  async reload(): Promise<void> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      raw = '';
    }
    if (raw.trim() === '') {
      this.keys.replace([]);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new Error(`${this.file} is not valid JSON; fix or remove it (keys in it would be lost)`);
    }
    const result = KeyFileSchema.safeParse(parsed);
    if (!result.success) {
      throw new Error(`${this.file} is not an API key file this version understands: ${result.error.issues[0]?.message ?? ''}`);
    }
    this.keys.replace(result.data.keys);
  }

  /** Writes atomically (temp file, then rename), readable by the owner only. */
  private async save(keys: StoredKey[]): Promise<void> {
    await mkdir(this.options.dataDir, { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, `${JSON.stringify({ version: 1, keys }, null, 2)}\n`, { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, this.file);
    this.keys.replace(keys);
  }

  private watch(): void {
    this.watching = true;
    watchFile(this.file, { interval: 1_000, persistent: false }, () => {
      this.reload().catch((error: unknown) => this.options.onReloadError?.(error));
    });
  }
}

/**
 * What both stores hold in memory: the keys of `AIOS_API_KEYS` and the stored ones, indexed by the
 * digest of their secret, so a request is authenticated without touching the file or Redis.
 */
export class KeyIndex {
  private readonly envKeys: ApiKey[];
  /** The digests of the `AIOS_API_KEYS` secrets, in the order of `envKeys`. */
  private readonly envHashes: string[];
  private byHash = new Map<string, ApiKey>();
  /** Every key as `list` shows it: the `AIOS_API_KEYS` ones, then the stored ones. */
  private all: ApiKey[] = [];
  private storedKeys: StoredKey[] = [];

  constructor(
    envKeys: Record<string, string> | undefined,
    defaults: { perMinute: number; perDay: number },
    private readonly source: ApiKey['source'],
  ) {
    const entries = Object.entries(envKeys ?? {});
    this.envKeys = entries.map(([name, secret]) => ({
      id: `env:${name}`,
      name,
      prefix: secret.slice(0, 9),
      requests_per_minute: defaults.perMinute,
      requests_per_day: defaults.perDay,
      created_at: null,
      revoked_at: null,
      source: 'env',
      has_webhook_secret: false,
    }));
    this.envHashes = entries.map(([, secret]) => hashKey(secret));
    this.replace([]);
  }

  /** The active key a presented secret belongs to, or undefined when it is unknown or revoked. */
  authenticate(secret: string): ApiKey | undefined {
    // The map is keyed by the digest, not the secret, so lookup timing says nothing usable about the key.
    const found = this.byHash.get(hashKey(secret));
    return found && !found.revoked_at ? found : undefined;
  }

  /** The stored keys as last loaded, oldest first. */
  get stored(): readonly StoredKey[] {
    return this.storedKeys;
  }

  list(): ApiKey[] {
    return [...this.all];
  }

  find(id: string): ApiKey | undefined {
    return this.all.find((key) => key.id === id);
  }

  /** Keys that can be used now. */
  activeCount(): number {
    return this.all.filter((key) => !key.revoked_at).length;
  }

  /** `AIOS_API_KEYS` is the operator's to change: its keys cannot be revoked at run time. */
  refuseEnvRevoke(id: string): void {
    this.refuseEnvChange(id, 'revoke it', 'remove it there and restart');
  }

  /** Refuses a run-time change to an `AIOS_API_KEYS` key, saying what to do instead. */
  refuseEnvChange(id: string, what: string, instead: string): void {
    if (this.envKeys.some((key) => key.id === id)) {
      throw new AiosError('INVALID_INPUT', `id: ${id} comes from AIOS_API_KEYS, so this service cannot ${what}; ${instead}`, { field: 'id' });
    }
  }

  /** A stored key by id (with its webhook secrets), undefined for unknown and `AIOS_API_KEYS` keys. */
  storedById(id: string): StoredKey | undefined {
    return this.storedKeys.find((key) => key.id === id);
  }

  /** Takes the stored keys as now loaded. */
  replace(stored: StoredKey[]): void {
    const storedKeys = stored.map((key) => toApiKey(key, this.source));
    const byHash = new Map<string, ApiKey>();
    this.envKeys.forEach((key, index) => byHash.set(this.envHashes[index]!, key));
    stored.forEach((key, index) => byHash.set(key.hash, storedKeys[index]!));
    this.all = [...this.envKeys, ...storedKeys];
    this.storedKeys = stored;
    this.byHash = byHash;
  }
}

/** A new key: the secret (shown once) and what is stored of it (a hash and its first characters). */
export function newStoredKey(
  request: CreateKeyRequest,
  defaults: { perMinute: number; perDay: number },
): { secret: string; webhookSecret: string; stored: StoredKey } {
  const secret = generateKey();
  const webhookSecret = generateWebhookSecret();
  return {
    secret,
    webhookSecret,
    stored: {
      id: `key_${randomBytes(8).toString('hex')}`,
      name: request.name,
      prefix: secret.slice(0, 9),
      hash: hashKey(secret),
      requests_per_minute: request.requests_per_minute ?? defaults.perMinute,
      requests_per_day: request.requests_per_day ?? defaults.perDay,
      created_at: new Date().toISOString(),
      revoked_at: null,
      webhook_secret: webhookSecret,
    },
  };
}

export function toApiKey(stored: StoredKey, source: ApiKey['source'] = 'file'): ApiKey {
  return {
    id: stored.id,
    name: stored.name,
    prefix: stored.prefix,
    requests_per_minute: stored.requests_per_minute,
    requests_per_day: stored.requests_per_day,
    created_at: stored.created_at,
    revoked_at: stored.revoked_at,
    source,
    has_webhook_secret: Boolean(stored.webhook_secret),
  };
}
