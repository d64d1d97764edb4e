import type { ApiKey, CreateKeyRequest } from './store.js';

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
  /** Makes a key; the returned secret is the only time it is ever seen. */
  create(request: CreateKeyRequest): Promise<{ key: ApiKey; secret: string }>;
  /** Revokes a key by id; undefined when there is no such key. */
  revoke(id: string): Promise<ApiKey | undefined>;
  close(): void;
}
