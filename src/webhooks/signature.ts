import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures (CONTRACT section 4): `X-AIOS-Signature: sha256=<hex HMAC-SHA256(secret,
 * timestamp + "." + raw body)>` with `X-AIOS-Timestamp` in unix seconds. While a key's secret is
 * being rotated the header carries one signature per valid secret, comma-separated, so receivers
 * holding either secret accept it. This module imports nothing else of the service: it is what
 * receivers import (`import { verifyWebhook } from 'aios-lovable-mcp/webhooks'`).
 */

export const SIGNATURE_HEADER = 'x-aios-signature';
export const TIMESTAMP_HEADER = 'x-aios-timestamp';
export const EVENT_ID_HEADER = 'x-aios-event-id';

/** Receivers reject timestamps further than this from their clock (5 minutes). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** `sha256=<hex>` for one secret. */
export function signatureOf(secret: string, timestamp: number | string, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return `sha256=${hmac.digest('hex')}`;
}

/** The headers of one signed delivery: every secret signs (the new one first during a rotation). */
export function signedHeaders(secrets: readonly string[], rawBody: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'X-AIOS-Timestamp': String(timestamp),
    'X-AIOS-Signature': secrets.map((secret) => signatureOf(secret, timestamp, rawBody)).join(', '),
  };
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(bag).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : bag[key];
  return Array.isArray(value) ? value.join(', ') : value;
}

export interface VerifyOptions {
  /** Seconds a timestamp may be away from now; 300 by default. */
  toleranceSeconds?: number;
  /** Now, in unix seconds (for tests). */
  now?: number;
}

/**
 * True when a delivery is genuine: its timestamp is within 5 minutes of now and one of its
 * signatures is the HMAC of `timestamp.rawBody` under `secret`. Pass the body exactly as
 * received (before any JSON parsing); comparisons take constant time.
 */
export function verifyWebhook(rawBody: string | Uint8Array, headers: HeaderBag, secret: string, options: VerifyOptions = {}): boolean {
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const signatures = header(headers, SIGNATURE_HEADER);
  if (!timestamp || !signatures || !/^\d{1,12}$/.test(timestamp) || secret === '') return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, rawBody));
  let matched = false;
  for (const candidate of signatures.split(',')) {
    const given = Buffer.from(candidate.trim());
    // Every candidate is compared, so the time taken does not tell which one matched.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}
