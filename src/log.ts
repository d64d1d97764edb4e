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

const SECRET_QUERY = /([?&](?:api_key|admin_key)=)[^&#]*/gi;

/** Hides `?api_key=` / `?admin_key=` values in a URL (EventSource clients must pass keys there). */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[Redacted]');
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
