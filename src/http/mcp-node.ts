import type { IncomingMessage, ServerResponse } from 'node:http';
import type { createMcpHandler } from '@modelcontextprotocol/server';

/**
 * Serves the SDK's web-standard MCP handler (`handler.fetch`) on Node's request and response
 * directly, not through the SDK's Node adapter package, for less per request (issue 15 item 9):
 *
 * - the body Fastify has already parsed goes to the handler as `parsedBody`, and the web `Request`
 *   is made without one: the SDK reads `parsedBody` and never the request's body, so the body is
 *   neither serialised again nor parsed again;
 * - a plain JSON answer (every 2026-era call, and 2025-era answers without a stream) is written in
 *   one piece with its length, rather than chunk by chunk; event streams are still written as they
 *   come, honouring backpressure, so progress notifications reach the client while a call runs.
 */

type McpHandler = ReturnType<typeof createMcpHandler>;

export interface NodeMcpHandlerOptions {
  /** Told when the handler throws (the answer is then a JSON-RPC internal error, 500). */
  onerror?: (error: Error) => void;
}

/** Request headers the handler must not see: they describe a body the web Request does not carry. */
const BODY_HEADERS = new Set(['content-length', 'transfer-encoding', 'content-encoding']);

export function nodeMcpHandler(
  handler: McpHandler,
  options: NodeMcpHandlerOptions = {},
): (req: IncomingMessage & { auth?: unknown }, res: ServerResponse, parsedBody: unknown) => Promise<void> {
  return async (req, res, parsedBody) => {
    let finished = false;
    const abort = new AbortController();
    res.on('close', () => {
      if (!finished) abort.abort();
    });
    let response: Response;
    try {
      response = await handler.fetch(webRequest(req, abort.signal), {
        ...(req.auth !== undefined ? { authInfo: req.auth as never } : {}),
        ...(parsedBody !== undefined ? { parsedBody } : {}),
      });
    } catch (error) {
      try {
        options.onerror?.(error instanceof Error ? error : new Error(String(error)));
      } catch {
        // A failing observer does not change the answer.
      }
      response = Response.json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: requestIdOf(parsedBody) }, { status: 500 });
    }

    const headers: Record<string, string> = {};
    for (const [name, value] of response.headers) headers[name] = value;
    if (response.body === null) {
      finished = true;
      res.writeHead(response.status, headers).end();
      return;
    }
    if (!(headers['content-type'] ?? '').startsWith('text/event-stream')) {
      const body = Buffer.from(await response.arrayBuffer());
      headers['content-length'] = String(body.length);
      finished = true;
      res.writeHead(response.status, headers).end(body);
      return;
    }
    res.writeHead(response.status, headers);
    await stream(response.body, res, abort.signal);
    finished = true;
    res.end();
  };
}

function webRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':') || BODY_HEADERS.has(name)) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, signal });
}

/** Writes an event stream as it comes, waiting for the socket to drain when it is full; stops when the client goes. */
async function stream(body: ReadableStream<Uint8Array>, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const closed = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    for await (const chunk of body) {
      if (signal.aborted) break;
      if (!res.write(chunk)) await Promise.race([new Promise<void>((resolve) => res.once('drain', () => resolve())), closed]);
    }
  } catch {
    // The stream failed or the client went away: the response ends here.
  }
}

/** The id of a single JSON-RPC request, to answer its error with; null otherwise. */
function requestIdOf(body: unknown): string | number | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const { method, id } = body as { method?: unknown; id?: unknown };
  if (typeof method !== 'string') return null;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
