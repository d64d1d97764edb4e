import type { Framework } from './framework.js';
import { file } from './source.js';

/**
 * Requests that fail in seconds and say so: a time limit on every Supabase request, one retry
 * after a quick failure, error messages a person can act on, and the error state with a Retry
 * button that pages show instead of their rows (never "nothing here yet" when the load failed).
 */

/** `lib/network.ts`. */
export const NETWORK_SOURCE = `/** How long one request to Supabase may take before the app stops waiting and says so. */
export const REQUEST_TIMEOUT_MS = 8_000;

/** fetch that gives up after \`ms\` milliseconds; uploads to Storage keep no limit. */
export function fetchWithin(ms: number): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/storage/v1/object')) return fetch(input, init);
    const timeout = AbortSignal.timeout(ms);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

/**
 * supabase-js's fetch (\`global.fetch\`): an unreachable server shows an error in seconds, not
 * after the browser's own minute.
 */
export const fetchWithTimeout = fetchWithin(REQUEST_TIMEOUT_MS);

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return typeof error === 'string' ? error : '';
}

/** The request ran out of time (supabase-js reports it as "TimeoutError: signal timed out"). */
export function isTimeout(error: unknown): boolean {
  return /TimeoutError|timed out/i.test(messageOf(error));
}

/** The server could not be reached at all (each browser words it its own way). */
export function isUnreachable(error: unknown): boolean {
  return /Failed to fetch|NetworkError|Load failed|fetch failed|ERR_CONNECTION|ECONNREFUSED|ENOTFOUND/i.test(messageOf(error));
}

/** What a person reads when a request failed. */
export function describeError(error: unknown): string {
  if (isTimeout(error)) return 'The server took too long to answer. Check your connection, then try again.';
  if (isUnreachable(error)) return 'The server could not be reached. Check your connection, then try again.';
  return messageOf(error) || 'Something went wrong.';
}

/**
 * TanStack Query's retry rule: once after a quick failure; a request that already waited out its
 * time limit is not repeated unasked, so the error and its Retry button show at once.
 */
export function retryOnce(failureCount: number, error: unknown): boolean {
  return failureCount < 1 && !isTimeout(error);
}
`;

/** `lib/network.test.ts`. */
export const NETWORK_TEST = `import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeError, fetchWithin, retryOnce } from './network';

describe('describeError', () => {
  it('says in words that the server is unreachable or slow, and passes other messages on', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
    expect(describeError({ message: 'TimeoutError: signal timed out' })).toMatch(/took too long/);
    expect(describeError({ message: 'new row violates row-level security policy' })).toBe('new row violates row-level security policy');
    expect(describeError(undefined)).toBe('Something went wrong.');
  });
});

describe('retryOnce', () => {
  it('retries a quick failure once and a timed-out request never', () => {
    expect(retryOnce(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(retryOnce(1, new TypeError('Failed to fetch'))).toBe(false);
    expect(retryOnce(0, { message: 'TimeoutError: signal timed out' })).toBe(false);
  });
});

describe('fetchWithin', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('gives up on a request that never answers, with an error describeError words as a timeout', async () => {
    // A server that never answers: the request ends only when its signal aborts.
    vi.stubGlobal('fetch', (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    );
    const started = Date.now();
    const error: unknown = await fetchWithin(50)('https://abcd1234.supabase.co/rest/v1/items').catch((reason: unknown) => reason);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(describeError({ message: \`\${(error as Error).name}: \${(error as Error).message}\` })).toMatch(/took too long/);
  });
});
`;

/** `components/ErrorState.tsx`: what failed, in words, and a Retry button. */
export function renderErrorState(framework: Framework): string {
  return file(
    framework.directive,
    `import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/network';`,
    `interface ErrorStateProps {
  /** What could not be done: "Could not load recipes". */
  title: string;
  error: unknown;
  onRetry: () => void;
  /** True while the retry runs (a query that never loaded shows its loading state instead). */
  retrying?: boolean;
}

/** A load that failed: never shown as an empty list. */
export function ErrorState({ title, error, onRetry, retrying = false }: ErrorStateProps) {
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-destructive/40 p-4">
      <p className="font-medium text-destructive">{title}</p>
      <p className="text-sm text-muted-foreground">{describeError(error)}</p>
      <Button type="button" variant="outline" size="sm" disabled={retrying} onClick={onRetry}>
        {retrying ? 'Retrying…' : 'Retry'}
      </Button>
    </div>
  );
}`,
  );
}
