import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import type { ApiKeyStore } from './port.js';

/**
 * Makes sure the server can be used and is not left open: in production both API keys and the
 * admin secret must be set; elsewhere, with no key at all, a development key is made and shown
 * once (it persists in the key file, so later starts do not make another).
 */
export async function ensureUsableKeys(config: Config, keys: ApiKeyStore, show: (text: string) => void): Promise<void> {
  const active = keys.activeCount();
  if (config.nodeEnv === 'production') {
    const problems: string[] = [];
    if (active === 0) {
      problems.push('no API keys: set AIOS_API_KEYS (JSON such as {"lovable":"<key>"}) or run `aios-mcp keys create <name>`');
    }
    if (!config.adminApiKey) problems.push('ADMIN_API_KEY is not set: set it to a long random secret for the admin routes');
    if (problems.length > 0) throw new ConfigError(problems);
    return;
  }
  if (active > 0) return;
  const { key, secret, webhookSecret } = await keys.create({ name: 'development' });
  show(
    [
      '',
      `No API keys were configured, so a development key was made (id ${key.id}, stored hashed in ${keys.location}).`,
      'It is shown only this once:',
      '',
      `  ${secret}`,
      '',
      `Webhooks of its jobs are signed with this secret (check them with verifyWebhook): ${webhookSecret}`,
      '',
      `Try: curl -H "Authorization: Bearer ${secret}" http://localhost:${config.port}/api/jobs`,
      '',
    ].join('\n'),
  );
}
