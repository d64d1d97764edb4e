import { APICallError } from 'ai';

/** How a model call is retried: only a rate limit (429) or a server error (5xx) is worth another try. */
export interface RetryPolicy {
  /** Tries after the first. */
  retries: number;
  /** The first wait, doubled each time; a server's Retry-After wins when it says longer. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseMs: 1_000, maxMs: 20_000 };

/** A 429 or a 5xx from the provider; anything else (a 400, a refused key, a network error) would fail the same way again. */
export function isRetryable(error: unknown): error is APICallError {
  if (!APICallError.isInstance(error)) return false;
  const status = error.statusCode;
  return status === 429 || (status !== undefined && status >= 500 && status <= 599);
}

/** Retry-After in seconds or as a date, when the provider sent one. */
function retryAfterMs(error: APICallError): number | undefined {
  const header = error.responseHeaders?.['retry-after'] ?? error.responseHeaders?.['Retry-After'];
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `call`, again after a growing wait when it fails with a 429 or a 5xx; the signal ends the waits too. */
export async function withRetries<T>(call: () => Promise<T>, signal: AbortSignal, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (signal.aborted || attempt >= policy.retries || !isRetryable(error)) throw error;
      const backoff = policy.baseMs * 2 ** attempt;
      await sleep(Math.min(policy.maxMs, Math.max(backoff, retryAfterMs(error) ?? 0)), signal);
    }
  }
}
