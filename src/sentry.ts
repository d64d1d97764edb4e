import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { JobEvent } from './jobs/port.js';
import { VERSION } from './version.js';

/**
 * Error tracking through Sentry (`SENTRY_DSN`): unexpected errors only (a 500, a job failed by a
 * bug, a crash), tagged with the request id or the job id. Nothing else is sent: no request
 * headers, bodies or URLs, no API keys or secrets, no idea text; nothing at all when the DSN is unset.
 */

/** What is known of where an unexpected error happened. */
export interface ErrorContext {
  request_id?: string;
  job_id?: string;
  method?: string;
  /** The route pattern (`/api/jobs/:id`), never the URL with its query (keys may ride in it). */
  route?: string;
  tool?: string;
  code?: string;
}

export interface ErrorTracker {
  capture(error: unknown, context: ErrorContext): void;
  /** A job that failed unexpectedly (`AGENT_FAILURE` not from a cancel, `INTERNAL_ERROR`). */
  jobFailed(event: JobEvent): void;
  /** Sends what is queued, waiting up to `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}

/** Job error codes that mean a bug or a crash rather than the caller's input or a time limit. */
const UNEXPECTED_JOB_CODES = new Set(['AGENT_FAILURE', 'INTERNAL_ERROR']);

/** Tags a Sentry event may carry: the context fields above, nothing else. */
const TAG_NAMES: ReadonlyArray<keyof ErrorContext> = ['request_id', 'job_id', 'method', 'route', 'tool', 'code'];

type SentrySdk = typeof import('@sentry/node');

/**
 * Sentry keeps one client a process, global: the trackers opened in one process (several apps,
 * as tests and embedders build them) share it, started by the first and closed by the last.
 */
let shared: { dsn: string; open: number } | undefined;

/** Starts Sentry when `SENTRY_DSN` is set (loading the SDK only then); undefined otherwise. */
export async function openErrorTracker(config: Pick<Config, 'sentryDsn' | 'nodeEnv'>, logger?: Logger): Promise<ErrorTracker | undefined> {
  if (!config.sentryDsn) return undefined;
  const Sentry = await import('@sentry/node');
  if (shared) {
    // Never the DSN itself in the log: it carries the project's key.
    if (shared.dsn !== config.sentryDsn) logger?.warn('another SENTRY_DSN is already in use in this process: errors go to that one');
    shared.open += 1;
  } else {
    start(Sentry, config.sentryDsn, config.nodeEnv);
    shared = { dsn: config.sentryDsn, open: 1 };
    logger?.info('error tracking on: unexpected errors go to Sentry');
  }
  return tracker(Sentry);
}

function start(Sentry: SentrySdk, dsn: string, environment: string): void {
  Sentry.initWithoutDefaultIntegrations({
    dsn,
    environment,
    release: `aios-lovable-mcp@${VERSION}`,
    sendClientReports: false,
    // Crashes: an uncaught exception or an unhandled rejection is reported before the process ends as before.
    integrations: [Sentry.onUncaughtExceptionIntegration(), Sentry.onUnhandledRejectionIntegration(), Sentry.linkedErrorsIntegration()],
    beforeSend(event) {
      // Only what this module put there: no request, user, server name, breadcrumbs or extra context.
      delete event.request;
      delete event.user;
      delete event.server_name;
      delete event.breadcrumbs;
      delete event.extra;
      const tags = event.tags ?? {};
      event.tags = Object.fromEntries(Object.entries(tags).filter(([name]) => (TAG_NAMES as readonly string[]).includes(name)));
      return event;
    },
  });
}

const tagged = (context: ErrorContext) =>
  Object.fromEntries(Object.entries(context).filter(([, value]) => typeof value === 'string' && value !== '')) as Record<string, string>;

/** One user of the shared client: closing it sends what is queued, and closes the client if it was the last. */
function tracker(Sentry: SentrySdk): ErrorTracker {
  let closed = false;
  return {
    capture(error, context) {
      Sentry.captureException(error, { tags: tagged(context) });
    },
    jobFailed(event) {
      if (event.status !== 'failed' || !event.error || !UNEXPECTED_JOB_CODES.has(event.error.code)) return;
      const failure = new Error(`job failed: ${event.error.code}${event.error.phase ? ` in ${event.error.phase}` : ''}: ${event.error.message}`);
      failure.name = 'JobFailure';
      // Reported once, where the job failed; a job's reports (a retried write) still make one issue.
      Sentry.captureException(failure, { tags: tagged({ job_id: event.job_id, code: event.error.code }), fingerprint: ['job-failure', event.job_id] });
    },
    async close(timeoutMs) {
      if (closed || !shared) return;
      closed = true;
      shared.open -= 1;
      if (shared.open > 0) {
        await Sentry.flush(timeoutMs);
        return;
      }
      shared = undefined;
      await Sentry.close(timeoutMs);
    },
  };
}
