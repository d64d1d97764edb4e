import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { VERSION } from '../version.js';
import { checkWebhookUrl, type Resolver } from './url-guard.js';

/** One POST of a webhook: what the delivery log records of it. */
export interface AttemptOutcome {
  delivered: boolean;
  /** The receiver's status, when it answered. */
  status_code: number | null;
  /** Why it was not delivered: a refused URL, a network error, a timeout, a non-2xx answer. */
  error: string | null;
  duration_ms: number;
  /** True when retrying cannot help (the URL is refused by the guard). */
  permanent: boolean;
}

export interface AttemptOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: Resolver;
}

/** How much of a receiver's answer is read before the connection is dropped: only its status matters. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs `body` to `url` once. The URL is checked again first, against what its host resolves to
 * now, and the connection goes to the address checked (a custom `lookup`), so a name that changes
 * between the check and the connection cannot lead inside. Redirects are not followed: a 3xx is
 * a failed attempt like any other non-2xx. The whole attempt, answer included, ends by `timeoutMs`.
 */
export async function attemptDelivery(url: string, body: string, headers: Record<string, string>, options: AttemptOptions): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let target;
  try {
    target = await checkWebhookUrl(url, { allowPrivate: options.allowPrivate, ...(options.resolve ? { resolve: options.resolve } : {}) });
  } catch (error) {
    return { delivered: false, status_code: null, error: (error as Error).message, duration_ms: elapsed(), permanent: true };
  }
  const { address, family } = target;
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    // Node asks for every address when it may race IPv4 and IPv6 (autoSelectFamily).
    if ((lookupOptions as { all?: boolean }).all) (callback as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<AttemptOutcome, 'duration_ms' | 'permanent'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, duration_ms: elapsed(), permanent: false });
    };
    const request = client.request(target.url, {
      method: 'POST',
      lookup: pinned,
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': `aios-lovable-mcp/${VERSION} (webhook)`,
        ...headers,
      },
    });
    const timer = setTimeout(() => {
      finish({ delivered: false, status_code: null, error: `no answer within ${options.timeoutMs} ms (WEBHOOK_TIMEOUT_MS)` });
      request.destroy();
    }, options.timeoutMs);
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) response.destroy();
      });
      const done = () => {
        if (status >= 200 && status < 300) finish({ delivered: true, status_code: status, error: null });
        else if (status >= 300 && status < 400) finish({ delivered: false, status_code: status, error: `answered ${status} (a redirect, not followed)` });
        else finish({ delivered: false, status_code: status, error: `answered ${status}` });
      };
      response.on('end', done);
      response.on('close', done);
      response.on('error', done);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish({ delivered: false, status_code: null, error: error.code ? `${error.code}: ${error.message}` : error.message });
    });
    request.end(body);
  });
}
