import type { ApiKey, CreateKeyRequest, CreatedKey, RotatedSecret } from './store.js';

/**
 * Where API keys live: a file under DATA_DIR (`KeyStore`, one machine) or Redis
 * (`RedisKeyStore`, shared by every instance). Both keep hashes only and answer lookups from
 * memory, so authenticating a request costs no round trip.
 */
export interface ApiKeyStore {
  /** Where the keys are kept, as an operator would look for them. */
  readonly location: string;
  /** The key a caller presented, or undefined when it is unknown or revoked. */
  authenticate(secret: string): ApiKey | undefined;
  list(): ApiKey[];
  /** Keys that can be used now. */
  activeCount(): number;
  /** Makes a key and its webhook signing secret; the returned secrets are the only time they are ever seen. */
  create(request: CreateKeyRequest): Promise<CreatedKey>;
  /** Revokes a key by id; undefined when there is no such key. */
  revoke(id: string): Promise<ApiKey | undefined>;
  /** Gives a key a new webhook secret; the old one keeps signing for `graceMs`. Undefined when there is no such key. */
  rotateWebhookSecret(id: string, graceMs: number): Promise<RotatedSecret | undefined>;
  /** The secrets that sign the webhooks of a key's jobs now, newest first; empty when it has none of its own. */
  webhookSecrets(id: string): string[];
  close(): void;
}
