import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { connectRedis, disconnect, viaRedis } from '../redis/connection.js';
import type { ApiKeyStore } from './port.js';
import {
  KeyIndex,
  StoredKeySchema,
  newStoredKey,
  rotatedKey,
  toApiKey,
  webhookSecretsOf,
  type ApiKey,
  type CreateKeyRequest,
  type CreatedKey,
  type RotatedSecret,
  type StoredKey,
} from './store.js';

export interface RedisKeyStoreOptions {
  url: string;
  /** Hear keys made or revoked by other instances (servers); off for one-off commands (the `keys` CLI). */
  watch: boolean;
  prefix: string;
  envKeys?: Record<string, string>;
  defaults: { perMinute: number; perDay: number };
  logger?: Logger;
}

/**
 * API keys in Redis, shared by every instance: a hash of key id → the stored key (its SHA-256
 * hash, never the key). Each instance keeps a copy in memory, reloaded when any instance changes
 * a key (pub/sub) and after a reconnect, so requests are authenticated without a round trip and
 * keep being authenticated while Redis is away.
 */
export class RedisKeyStore implements ApiKeyStore {
  readonly location: string;
  private readonly hashKey: string;
  private readonly channel: string;
  private readonly keys: KeyIndex;
  private readonly client: Redis;
  private readonly subscriber: Redis | undefined;

  private constructor(private readonly options: RedisKeyStoreOptions) {
    this.client = connectRedis(options.url, 'request', options.logger);
    this.subscriber = options.watch ? connectRedis(options.url, 'subscriber', options.logger) : undefined;
    this.hashKey = `${options.prefix}:keys`;
    this.channel = `${options.prefix}:keys:changed`;
    this.location = `Redis hash ${this.hashKey}`;
    this.keys = new KeyIndex(options.envKeys, options.defaults, 'redis');
  }

  /** Opens the store; waits for Redis when it is not up yet (a process started before its Redis). */
  static async open(options: RedisKeyStoreOptions): Promise<RedisKeyStore> {
    const store = new RedisKeyStore(options);
    for (let attempt = 0; ; attempt += 1) {
      if (store.client.status !== 'ready') await readyOrAfter(store.client, 1_000);
      try {
        await store.reload();
        break;
      } catch (error) {
        if (attempt === 0) options.logger?.warn({ err: error }, 'waiting for Redis to load the API keys');
      }
    }
    const { subscriber } = store;
    if (subscriber) {
      const reload = () =>
        store.reload().catch((error: unknown) => options.logger?.error({ err: error }, 'could not reload the API keys; keeping those loaded before'));
      subscriber.on('message', (channel: string) => {
        if (channel === store.channel) reload();
      });
      subscriber.on('ready', reload);
      subscriber.subscribe(store.channel).catch(() => undefined);
    }
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

  async create(request: CreateKeyRequest): Promise<CreatedKey> {
    const { secret, webhookSecret, stored } = newStoredKey(request, this.options.defaults);
    await this.write(stored);
    return { key: toApiKey(stored, 'redis'), secret, webhookSecret };
  }

  async rotateWebhookSecret(id: string, graceMs: number): Promise<RotatedSecret | undefined> {
    this.keys.refuseEnvChange(id, 'rotate its webhook secret', 'set WEBHOOK_SECRET instead, which signs for every key without a secret of its own');
    const raw = await viaRedis(() => this.client.hget(this.hashKey, id));
    if (!raw) return undefined;
    const { stored, secret } = rotatedKey(StoredKeySchema.parse(JSON.parse(raw)), graceMs);
    await this.write(stored);
    return { key: toApiKey(stored, 'redis'), webhook_secret: secret, previous_valid_until: stored.previous_webhook_secret_until ?? null };
  }

  webhookSecrets(id: string): string[] {
    return webhookSecretsOf(this.keys.storedById(id));
  }

  async revoke(id: string): Promise<ApiKey | undefined> {
    this.keys.refuseEnvRevoke(id);
    const raw = await viaRedis(() => this.client.hget(this.hashKey, id));
    if (!raw) return undefined;
    const stored = StoredKeySchema.parse(JSON.parse(raw));
    if (!stored.revoked_at) await this.write({ ...stored, revoked_at: new Date().toISOString() });
    else await this.reload();
    return this.keys.find(id);
  }

  close(): void {
    disconnect(this.client);
    if (this.subscriber) disconnect(this.subscriber);
  }

  async reload(): Promise<void> {
    const all = await this.client.hgetall(this.hashKey);
    const stored: StoredKey[] = [];
    for (const [id, raw] of Object.entries(all)) {
      const parsed = StoredKeySchema.safeParse(JSON.parse(raw));
      if (parsed.success) stored.push(parsed.data);
      else this.options.logger?.error({ key_id: id }, 'an API key in Redis is not in a shape this version understands; it is ignored');
    }
    stored.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    this.keys.replace(stored);
  }

  private async write(stored: StoredKey): Promise<void> {
    await viaRedis(async () => {
      await this.client.hset(this.hashKey, stored.id, JSON.stringify(stored));
      await this.client.publish(this.channel, stored.id);
    });
    await this.reload().catch(() => undefined);
  }
}

function readyOrAfter(client: Redis, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.once('ready', done);
  });
}
