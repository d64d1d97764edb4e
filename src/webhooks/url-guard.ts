import { lookup as dnsLookup } from 'node:dns/promises';
import { AiosError } from '../contract/index.js';
import { isIpLiteral, judgeAddress } from './address.js';

/**
 * The SSRF guard: a webhook URL is checked when a job is submitted and again before every
 * delivery, against the addresses its host resolves to then (DNS can change between the two).
 * The delivery connects to the address checked here, never resolving the name again.
 */

export interface WebhookTarget {
  url: URL;
  /** The address the delivery connects to: the host itself, or the first address it resolved to. */
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has (the `dns.lookup` the system uses, by default). */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface UrlGuardOptions {
  /** `WEBHOOK_ALLOW_PRIVATE=true`: loopback and private targets allowed (local development). */
  allowPrivate: boolean;
  /** The field named in the error: `webhook_url` on jobs, `url` on the test route. */
  field?: string;
  resolve?: Resolver;
}

const MAX_URL_CHARS = 2_000;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function refuse(field: string, reason: string): AiosError {
  return new AiosError('INVALID_WEBHOOK_URL', `${field}: ${reason}`, { field, reason });
}

/** The URL's form, without any network look-up: http(s), no credentials, a host. */
export function parseWebhookUrl(raw: string, field = 'webhook_url'): URL {
  if (raw.length > MAX_URL_CHARS) throw refuse(field, `must be at most ${MAX_URL_CHARS} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(field, `"${raw.slice(0, 200)}" is not a URL; send an absolute http(s) URL such as https://example.com/hooks/aios`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse(field, `must be an http(s) URL, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '') throw refuse(field, 'must not carry credentials (user:password@); requests are signed instead');
  if (url.hostname === '') throw refuse(field, 'has no host');
  return url;
}

/**
 * Checks a webhook URL end to end: its form, then every address its host is or resolves to.
 * WHATWG URL parsing already turns every IPv4 spelling (decimal `2130706433`, hex `0x7f.1`,
 * short `127.1`) into dotted form, so the judged address is the one a connection would use.
 */
export async function checkWebhookUrl(raw: string, options: UrlGuardOptions): Promise<WebhookTarget> {
  const field = options.field ?? 'webhook_url';
  const url = parseWebhookUrl(raw, field);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIpLiteral(host)) {
    const verdict = judgeAddress(host, options.allowPrivate);
    if (verdict.refused) throw refuse(field, `${verdict.refused}; webhooks go to public addresses only`);
    return { url, address: verdict.address, family: verdict.family };
  }
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!options.allowPrivate && (name === 'localhost' || name.endsWith('.localhost'))) {
    throw refuse(field, `${host} is a loopback name; webhooks go to public addresses only`);
  }
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await (options.resolve ?? systemResolver)(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(field, `the host ${host} does not resolve${code ? ` (${code})` : ''}`);
  }
  if (addresses.length === 0) throw refuse(field, `the host ${host} does not resolve`);
  // Every address must pass: a name with one public and one private address could be used either way.
  const verdicts = addresses.map((entry) => judgeAddress(entry.address, options.allowPrivate));
  const refused = verdicts.find((verdict) => verdict.refused);
  if (refused) throw refuse(field, `the host ${host} resolves to ${refused.refused}; webhooks go to public addresses only`);
  const first = verdicts[0]!;
  return { url, address: first.address, family: first.family };
}
