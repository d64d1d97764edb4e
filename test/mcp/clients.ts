import path from 'node:path';
import { Client, type ClientCapabilities } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { expect } from 'vitest';
import { ProductModelSchema } from '../../src/contract/index.js';
import { FLAT_IDEA, FLAT_MODEL } from '../fixtures/model-answers.js';

/** The two protocol eras the server speaks: the current stateless revision and the 2025 ones most clients still use. */
export const ERAS = {
  '2026-07-28': { mode: { pin: '2026-07-28' } },
  '2025-11-25': { mode: 'legacy' },
} as const;
export type Era = keyof typeof ERAS;

function client(era: Era, capabilities: ClientCapabilities = {}): Client {
  return new Client({ name: 'aios-test', version: '1.0.0' }, { versionNegotiation: ERAS[era] as never, capabilities });
}

/** What the server asks a client's model (`sampling/createMessage`). */
export interface SamplingRequest {
  systemPrompt?: string;
  messages: Array<{ role: string; content: { type: string; text?: string } }>;
}

/** How the client's model answers a request: a text, or 'never' (the request is held until the server withdraws it). */
export type ModelAnswer = string | 'never';

/** The model name a `samplingClient`'s answers carry. */
export const CLIENT_MODEL = 'client-model-7';

/**
 * A client that offers sampling (unless `answers` is undefined) with a handler playing its model:
 * the nth request gets `answers[n]`, the last one repeating. `requests` records what it was asked;
 * `held` settles when a request answered 'never' arrives, `withdrawn` with the reason the server
 * gave when it withdrew it (notifications/cancelled). Not yet connected.
 */
export function samplingClient(answers: ModelAnswer[] | undefined, era: Era = '2025-11-25'): { client: Client; requests: SamplingRequest[]; held: Promise<void>; withdrawn: Promise<unknown> } {
  const requests: SamplingRequest[] = [];
  let hold!: () => void;
  let withdraw!: (reason: unknown) => void;
  const held = new Promise<void>((resolve) => (hold = resolve));
  const withdrawn = new Promise<unknown>((resolve) => (withdraw = resolve));
  const c = client(era, answers ? { sampling: {} } : {});
  if (answers) {
    c.setRequestHandler('sampling/createMessage', async (request, ctx) => {
      requests.push(request.params as unknown as SamplingRequest);
      const answer = answers[Math.min(requests.length - 1, answers.length - 1)]!;
      if (answer === 'never') {
        const { signal } = ctx.mcpReq;
        hold();
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        withdraw(signal.reason);
        throw signal.reason;
      }
      return { model: CLIENT_MODEL, role: 'assistant' as const, content: { type: 'text' as const, text: answer } };
    });
  }
  return { client: c, requests, held, withdrawn };
}

/**
 * Calls aios_analyze with a `samplingClient` answering 'never', and cancels the call (the SDK's
 * AbortSignal: `notifications/cancelled`) once its model is asked; answers the reason the server
 * gave when it withdrew that request.
 */
export async function cancelWhileSampling(made: Pick<ReturnType<typeof samplingClient>, 'client' | 'held' | 'withdrawn'>): Promise<string> {
  const controller = new AbortController();
  const call = made.client.callTool({ name: 'aios_analyze', arguments: { spec: FLAT_IDEA } }, { signal: controller.signal });
  await made.held;
  controller.abort(new Error('the user stopped it'));
  await expect(call).rejects.toThrow('the user stopped it');
  return String(await made.withdrawn);
}

/** What an agent tool call answers, as the tests read it. */
export interface ToolAnswer {
  isError?: boolean;
  structuredContent: Record<string, unknown>;
  content: Array<{ text: string }>;
}

/** The call used the client's model (`model`): its reading (FLAT_MODEL) with no fallback, and its `prose` in the text. */
export function expectSampled(result: ToolAnswer, prose: string, model = `sampling:${CLIENT_MODEL}`): void {
  expect(result.isError).toBeFalsy();
  expect(result.structuredContent).toMatchObject({ engine: 'sampling', model, product_model: ProductModelSchema.parse(FLAT_MODEL) });
  expect(result.structuredContent.fallback).toBeUndefined();
  expect(result.content[0]!.text).toContain(prose);
}

/** A client of the built `aios-mcp stdio` command, as Claude Desktop or Cursor would spawn it. */
export function stdioClient(era: Era, env: Record<string, string> = {}, args = [path.resolve('dist/cli.js'), 'stdio']): Promise<Client> {
  return connectStdio(client(era), env, args);
}

/** Connects `c` to the built `aios-mcp stdio` command, spawned with only PATH and `env` set. */
export async function connectStdio(c: Client, env: Record<string, string> = {}, args = [path.resolve('dist/cli.js'), 'stdio']): Promise<Client> {
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
