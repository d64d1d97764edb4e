import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

/** The two protocol eras the server speaks: the current stateless revision and the 2025 ones most clients still use. */
export const ERAS = {
  '2026-07-28': { mode: { pin: '2026-07-28' } },
  '2025-11-25': { mode: 'legacy' },
} as const;
export type Era = keyof typeof ERAS;

function client(era: Era): Client {
  return new Client({ name: 'aios-test', version: '1.0.0' }, { versionNegotiation: ERAS[era] as never });
}

/** A client of the built `aios-mcp stdio` command, as Claude Desktop or Cursor would spawn it. */
export async function stdioClient(era: Era, env: Record<string, string> = {}, args = [path.resolve('dist/cli.js'), 'stdio']): Promise<Client> {
  const c = client(era);
  await c.connect(
    new StdioClientTransport({
      command: process.execPath,
      args,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stderr: 'pipe',
    }),
  );
  return c;
}

/** A client of `/mcp` on a running server, with the API key as a bearer token. */
export async function httpClient(era: Era, url: string, key: string | undefined, headers: Record<string, string> = {}): Promise<Client> {
  const c = client(era);
  await c.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } },
    }),
  );
  return c;
}

/**
 * A `fetch` that sends each request to the next of `bases` in turn (same path and query), as a load
 * balancer without affinity would; `hits` counts the requests each one got.
 */
export function alternatingFetch(bases: string[]): { fetch: typeof fetch; hits: number[] } {
  const hits = bases.map(() => 0);
  let turn = 0;
  const alternating: typeof fetch = (input, init) => {
    const index = turn++ % bases.length;
    hits[index]! += 1;
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetch(`${bases[index]}${url.pathname}${url.search}`, init);
  };
  return { fetch: alternating, hits };
}

/** The `{code, message, details?}` of a tool error: the JSON of its second text block (errors carry no structuredContent). */
export function toolErrorOf(result: object): { code: string; message: string; details?: unknown } {
  const tool = result as { isError?: unknown; content?: unknown; structuredContent?: unknown };
  if (tool.isError !== true) throw new Error(`not a tool error: ${JSON.stringify(result).slice(0, 300)}`);
  if (tool.structuredContent !== undefined) throw new Error('a tool error must not carry structuredContent (the output schema does not describe it)');
  const blocks = tool.content as Array<{ type: string; text?: string }>;
  return (JSON.parse(blocks[1]?.text ?? 'null') as { error: { code: string; message: string; details?: unknown } }).error;
}
