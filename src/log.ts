import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/** The guide's log tags: operators grep for these (`railway logs -f | grep '[Queue]'`). */
export const LOG_TAGS = {
  http: '[HTTP Server]',
  queue: '[Queue]',
  webhook: '[Webhook]',
  mcp: '[MCP Server]',
} as const;

/** Secrets that may appear in what gets logged; pino replaces them with "[Redacted]". */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-admin-key"]',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-admin-key"]',
  'key',
  'api_key',
  'admin_key',
];

/** Query names that carry a secret once decoded: `api_key`, `admin_key`, and their array forms (`api_key[]`). */
const SECRET_NAME = /^(?:api_key|admin_key)(?:\[|$)/i;

/**
 * A query name as a server would read it, however it was spelled: `%XX` escapes decoded (a few
 * rounds, for double encoding; a malformed escape left as it is), `+` as a space, trimmed.
 */
function decodedName(raw: string): string {
  let name = raw.replace(/\+/g, ' ');
  for (let round = 0; round < 3 && name.includes('%'); round++) {
    name = name.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return name.trim();
}

/**
 * Hides the values of `api_key` / `admin_key` query parameters in a URL (EventSource clients must
 * pass keys there), judged by the decoded name, since the framework decodes names before reading
 * them: `?api%5Fkey=` and `?%61pi_key=` are the key too.
 */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const parts = url.slice(start + 1).split('&');
  let changed = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const equals = part.indexOf('=');
    const name = equals === -1 ? part : part.slice(0, equals);
    if (SECRET_NAME.test(decodedName(name))) {
      parts[i] = `${name}=[Redacted]`;
      changed = true;
    }
  }
  return changed ? `${url.slice(0, start + 1)}${parts.join('&')}` : url;
}

/** pino-pretty is a dev dependency: absent from a production install, so fall back to JSON. */
function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** JSON lines in production (and whenever output is not a terminal); readable lines on a terminal. */
export function createLogger(config: Pick<Config, 'logLevel' | 'nodeEnv'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url === undefined ? undefined : redactUrl(req.url),
        ip: req.ip,
      }),
    },
  };
  if (destination) return pino(options, destination);
  const pretty = config.nodeEnv !== 'production' && Boolean(process.stdout.isTTY) && prettyAvailable();
  if (pretty) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  return pino(options);
}

/** A child logger whose every message starts with one of the guide's tags. */
export function tagged(logger: Logger, tag: string): Logger {
  return logger.child({}, { msgPrefix: `${tag} ` });
}
