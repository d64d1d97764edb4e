import { createServer, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resolver } from '../../src/webhooks/url-guard.js';

/** Every spelling the issue lists that must never be a webhook target. */
export const REFUSED_URLS = [
  'http://127.0.0.1/hook',
  'http://localhost/hook',
  'http://[::1]/hook',
  'http://169.254.169.254/latest/meta-data',
  'http://10.0.0.5/hook',
  'http://172.16.0.1/hook',
  'http://192.168.1.1/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://[fd00::1]/hook',
  'http://0.0.0.0/hook',
  'http://2130706433/hook',
  'http://0x7f.1/hook',
  'ftp://x/hook',
  'http://user:pass@example.com/hook',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'gopher://example.com/',
  'http://100.64.0.1/hook',
  'http://[fe80::1]/hook',
  'http://224.0.0.1/hook',
  'http://127.1/hook',
  'http://0177.0.0.1/hook',
  'http://[::]/hook',
  'http://[::ffff:a9fe:a9fe]/hook',
  'http://app.localhost/hook',
  'not a url',
];

/** Stands in for DNS (no resolver but the machine's own is reachable from here): names → addresses. */
export function fakeDns(table: Record<string, string[]>): Resolver {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

/** One request a receiver got: raw body as sent, headers, when. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered (0: it never answered). */
  answered: number;
}

/** How a receiver answers a request: a status, 'hang' (never answers), or a redirect. */
export type Answer = number | 'hang' | { redirect: string };

/**
 * A real HTTP receiver on loopback. `answer(path, body, nth)` decides each answer; `nth` counts
 * the requests with the same path and event id (1 for the first attempt of an event).
 */
export async function startReceiver(answer: (path: string, body: string, nth: number) => Answer): Promise<{
  url: string;
  received: Received[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const server: HttpServer = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '/';
      const key = `${path} ${String(request.headers['x-aios-event-id'])}`;
      const nth = (counts.get(key) ?? 0) + 1;
      counts.set(key, nth);
      const decided = answer(path, body, nth);
      const entry: Received = { path, headers: request.headers, body, answered: 0 };
      received.push(entry);
      if (decided === 'hang') return;
      if (typeof decided === 'number') {
        entry.answered = decided;
        response.writeHead(decided).end('ok');
      } else {
        entry.answered = 302;
        response.writeHead(302, { location: decided.redirect }).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` until it holds (the deliveries' own pace, not a timing assertion). */
export async function eventually<T>(read: () => T | Promise<T>, holds: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms; last: ${JSON.stringify(value).slice(0, 2_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
