import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import {
  PerRequestHTTPServerTransport,
  ProtocolErrorCode,
  SUPPORTED_PROTOCOL_VERSIONS,
  classifyInboundRequest,
  isJsonContentType,
  type AuthInfo,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type McpServer,
  type MessageClassification,
  type RequestId,
  type TransportSendOptions,
} from '@modelcontextprotocol/server';
import type { McpEra } from '../mcp/server.js';

/**
 * The hot path of `/mcp` (issue 15 item 9): one long-lived server per protocol era, connected once
 * to a transport that carries many HTTP exchanges at a time, in place of what the SDK's entry
 * (`createMcpHandler`) does for every request: a web `Request` and `Response`, a fresh transport, a
 * server connected to it and torn down after.
 *
 * Only plain requests take it (`sharedRoute`): one JSON-RPC request of a method whose handlers read
 * the caller from the request (`authInfo`), outside any 2025-era session, whose headers the SDK's
 * entry would accept as they are. Everything else (initialize, notifications, batches, posted
 * answers, GET and DELETE, `subscriptions/listen`, `server/discover`, completions, sessions, and any
 * request the entry would refuse or has to look at more closely) still goes through the entry, which
 * answers it as before. What a shared request gets is what the entry answers it:
 * - 2026-07-28: JSON for the answer alone (with the status the SDK gives errors raised while the
 *   request is dispatched), an event stream as soon as a notification for it (progress) comes first;
 * - 2025 revisions (stateless): an event stream holding the notifications and then the answer.
 * Clients' JSON-RPC ids collide, so each request is delivered under an id unique in this process
 * and its answer goes back under the client's own; a client that goes away has its call cancelled.
 */

/** The 2026 revision the modern shared server is bound to. */
export const MODERN_REVISION = '2026-07-28';

/** Methods served shared: their handlers take the caller from the request (completions get no request: not shared). */
const SHARED_METHODS = new Set(['tools/call', 'resources/read', 'resources/list', 'resources/templates/list', 'tools/list', 'prompts/list', 'prompts/get', 'ping']);

/** The params field the 2026 `Mcp-Name` header mirrors, per method (SEP-2243). */
const NAME_FIELD: Record<string, string | undefined> = { 'tools/call': 'name', 'prompts/get': 'name', 'resources/read': 'uri' };

/** The SDK's sentinel for a Base64-encoded `Mcp-Name`: such headers are left to the entry to decode. */
const ENCODED_NAME = '=?base64?';

/**
 * HTTP statuses of JSON-RPC errors the server raises while a request is being dispatched (before any
 * handler runs), as the SDK's per-request transport gives them (its `LADDER_ERROR_HTTP_STATUS`);
 * `MissingRequiredClientCapability` has its status whenever it comes. Other errors answer 200.
 */
const LADDER_STATUS: Record<number, number> = {
  [ProtocolErrorCode.ParseError]: 400,
  [ProtocolErrorCode.InvalidRequest]: 400,
  [ProtocolErrorCode.MethodNotFound]: 404,
  [ProtocolErrorCode.UnsupportedProtocolVersion]: 400,
  [ProtocolErrorCode.MissingRequiredClientCapability]: 400,
  // HeaderMismatch (SEP-2243)
  [-32020]: 400,
};

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/** As the SDK's transports: a comment frame this often keeps idle event streams open through proxies. */
const KEEP_ALIVE_MS = 15_000;

/** A request the shared servers answer: its era, the message, and (2026) the classification the SDK made. */
export interface SharedRoute {
  era: McpEra;
  message: JSONRPCRequest;
  classification?: MessageClassification;
}

const single = (value: string | string[] | undefined): string | undefined | null => (Array.isArray(value) ? null : value);

/**
 * Whether a /mcp request can be served by the shared servers, checked as the SDK's entry checks it
 * (the same classifier; the standard headers, Accept and Content-Type, the 2025 revision header);
 * `undefined` sends it to the entry, which answers it (refusals included) as it always did.
 */
export function sharedRoute(httpMethod: string, headers: IncomingHttpHeaders, body: unknown): SharedRoute | undefined {
  if (httpMethod !== 'POST' || body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const method = (body as { method?: unknown }).method;
  if (typeof method !== 'string' || !SHARED_METHODS.has(method) || headers['mcp-session-id'] !== undefined) return undefined;
  const contentType = single(headers['content-type']);
  const protocolVersionHeader = single(headers['mcp-protocol-version']);
  const mcpMethodHeader = single(headers['mcp-method']);
  const mcpNameHeader = single(headers['mcp-name']);
  if (contentType === null || protocolVersionHeader === null || mcpMethodHeader === null || mcpNameHeader === null) return undefined;
  if (!isJsonContentType(contentType ?? null)) return undefined;
  const outcome = classifyInboundRequest({
    httpMethod,
    body,
    ...(protocolVersionHeader !== undefined ? { protocolVersionHeader } : {}),
    ...(mcpMethodHeader !== undefined ? { mcpMethodHeader } : {}),
    ...(mcpNameHeader !== undefined ? { mcpNameHeader } : {}),
  });
  if (outcome.kind === 'modern') {
    if (outcome.messageKind !== 'request' || outcome.classification.revision !== MODERN_REVISION) return undefined;
    // The entry's standard-header rung, where it passes as sent; anything else it answers itself.
    if (protocolVersionHeader !== MODERN_REVISION || mcpMethodHeader !== method) return undefined;
    const field = NAME_FIELD[method];
    if (field !== undefined) {
      const named = (outcome.message.params as Record<string, unknown> | undefined)?.[field];
      if (typeof named !== 'string' || mcpNameHeader !== named || named.startsWith(ENCODED_NAME)) return undefined;
    }
    return { era: 'modern', message: outcome.message, classification: outcome.classification };
  }
  if (outcome.kind !== 'legacy' || outcome.reason !== 'no-claim') return undefined;
  // What the SDK's stateless 2025 transport refuses (406, a revision it does not speak) stays its to answer.
  const accept = single(headers.accept);
  if (typeof accept !== 'string' || !accept.includes('application/json') || !accept.includes('text/event-stream')) return undefined;
  if (protocolVersionHeader !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(protocolVersionHeader)) return undefined;
  // `no-claim` is the classifier's answer for a body it has checked to be one JSON-RPC request (its strict schema: nothing else in it).
  return { era: 'legacy', message: body as JSONRPCRequest };
}

/** The part of Node's `ServerResponse` an exchange is answered on. */
export type ExchangeResponse = Pick<ServerResponse, 'writeHead' | 'write' | 'end' | 'on' | 'headersSent'>;

interface Exchange {
  /** The id the client gave the request, which its answer carries back. */
  clientId: RequestId;
  res: ExchangeResponse;
  /** An event stream has been started on the response. */
  streaming: boolean;
  /** The request is being handed to the server: errors sent now come from the SDK's own checks. */
  dispatching: boolean;
  /** Headers the answer carries besides its own (the request id, rate limits). */
  headers: OutgoingHttpHeaders | undefined;
}

/**
 * The transport of one shared server: many HTTP exchanges at once, each a request delivered with
 * its caller's `authInfo` and answered on its own response. It extends the SDK's per-request
 * transport only so that connecting a server binds it to the 2026 revision (what `Server.connect`
 * does for that class); it shares none of that class's single-exchange behaviour.
 */
export class McpMux extends PerRequestHTTPServerTransport {
  private readonly exchanges = new Map<number, Exchange>();
  private nextId = 1;
  private keepAlive: NodeJS.Timeout | undefined;

  constructor(private readonly era: McpEra) {
    super({ classification: era === 'modern' ? { era, revision: MODERN_REVISION } : { era } });
  }

  /** Connects `server` to a new multiplexing transport of `era`. */
  static async connect(server: McpServer, era: McpEra): Promise<McpMux> {
    const mux = new McpMux(era);
    await server.connect(mux);
    return mux;
  }

  override async start(): Promise<void> {
    this.keepAlive = setInterval(() => {
      for (const exchange of this.exchanges.values()) if (exchange.streaming) exchange.res.write(': keepalive\n\n');
    }, KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  /** Calls in flight (for tests and shutdown). */
  get inFlight(): number {
    return this.exchanges.size;
  }

  /**
   * Delivers one routed request to the server; the answer is written on `res`, with `headers` (given
   * here rather than set on `res` one by one, which costs a check and a copy each).
   */
  serve(route: SharedRoute, authInfo: AuthInfo, res: ExchangeResponse, headers?: OutgoingHttpHeaders): void {
    const id = this.nextId++;
    const exchange: Exchange = { clientId: route.message.id, res, streaming: false, dispatching: true, headers };
    this.exchanges.set(id, exchange);
    const extra = route.classification ? { classification: route.classification } : {};
    res.on('close', () => {
      if (this.exchanges.get(id) !== exchange) return;
      // The client went away before its answer: the call is cancelled, as the SDK's entry aborts it.
      this.exchanges.delete(id);
      this.onmessage?.({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'the client closed the request' } }, extra);
    });
    // The 2025 stateless transport answers every request on an event stream.
    if (this.era === 'legacy') this.startStream(exchange);
    try {
      this.onmessage?.({ ...route.message, id }, { authInfo, ...extra });
    } catch (error) {
      // As the SDK's entry when serving throws: a JSON-RPC internal error (500), reported.
      this.exchanges.delete(id);
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      const failure: JSONRPCMessage = { jsonrpc: '2.0', error: { code: ProtocolErrorCode.InternalError, message: 'Internal server error' }, id: route.message.id };
      if (exchange.streaming) res.end(frame(failure));
      else answerJson(exchange, 500, failure);
    } finally {
      exchange.dispatching = false;
    }
  }

  override async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    // What the server sends is well formed: an answer is what has no method (the SDK's guards parse with zod).
    const answer = !('method' in message);
    const id = answer ? message.id : options?.relatedRequestId;
    const exchange = typeof id === 'number' ? this.exchanges.get(id) : undefined;
    if (exchange === undefined) {
      // A notification for no request (or one gone) has nowhere to go; an answer for none is a fault.
      if (answer) this.onerror?.(new Error(`an answer for an unknown or finished request: ${String(id)}`));
      return;
    }
    if (!answer) {
      if (!exchange.streaming) this.startStream(exchange);
      exchange.res.write(frame(message));
      return;
    }
    this.exchanges.delete(id as number);
    const outgoing = { ...message, id: exchange.clientId };
    if (exchange.streaming) {
      exchange.res.end(frame(outgoing));
      return;
    }
    const code = 'error' in message ? message.error.code : undefined;
    const ladder = code !== undefined && (exchange.dispatching || code === ProtocolErrorCode.MissingRequiredClientCapability) ? LADDER_STATUS[code] : undefined;
    answerJson(exchange, ladder ?? 200, outgoing);
  }

  override async close(): Promise<void> {
    clearInterval(this.keepAlive);
    const open = [...this.exchanges.values()];
    this.exchanges.clear();
    // As the SDK's entry when its transport closes before an answer: 499 with no body, or the stream ends.
    for (const { res, streaming, headers } of open) {
      if (streaming) res.end();
      else if (!res.headersSent) res.writeHead(499, headers).end();
    }
    this.onclose?.();
  }

  private startStream(exchange: Exchange): void {
    exchange.streaming = true;
    exchange.res.writeHead(200, exchange.headers ? { ...exchange.headers, ...SSE_HEADERS } : SSE_HEADERS);
  }
}

/** A JSON-RPC message as a whole JSON answer, with its length. */
function answerJson({ res, headers }: Exchange, status: number, message: JSONRPCMessage): void {
  const body = JSON.stringify(message);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}

/** One SSE event holding a JSON-RPC message, as the SDK's transports write it. */
function frame(message: JSONRPCMessage): string {
  return `event: message\ndata: ${JSON.stringify(message)}\n\n`;
}
