import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ApiKeyStore } from './port.js';
import { KeyStore } from './store.js';

/**
 * The key store the configuration selects: Redis when it is configured (every instance shares
 * the keys), otherwise the file under DATA_DIR. `watch` follows changes made by other processes.
 */
export async function openKeyStore(config: Config, options: { watch: boolean; logger?: Logger }): Promise<ApiKeyStore> {
  if (config.redisUrl) {
    // Loaded only in the Redis mode: the embedded mode never pays for ioredis.
    const { RedisKeyStore } = await import('./redis-store.js');
    return RedisKeyStore.open({
      url: config.redisUrl,
      watch: options.watch,
      prefix: config.redisKeyPrefix,
      envKeys: config.apiKeys,
      defaults: config.rateLimit,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }
  return KeyStore.open({
    dataDir: config.dataDir,
    envKeys: config.apiKeys,
    defaults: config.rateLimit,
    watch: options.watch,
    onReloadError: (error) => options.logger?.error({ err: error }, 'could not reload the API key file; keeping the keys loaded before'),
  });
}
