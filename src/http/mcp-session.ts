import { LATEST_PROTOCOL_VERSION, PROTOCOL_VERSION_META_KEY, SUPPORTED_PROTOCOL_VERSIONS, type ClientCapabilities } from '@modelcontextprotocol/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AiosError } from '../contract/index.js';
import type { ClientAnswer, ClientCancel, ClientMessage, McpSession, McpSessions } from '../mcp/sessions.js';

/**
 * The 2025-revision sessions of `/mcp` (see mcp/sessions.ts), before the SDK sees a request:
 * - an `initialize` whose client declares `sampling` opens a session: its id goes back in the
 *   `Mcp-Session-Id` header; every other request without the header is served as before;
 * - a request naming a session that is unknown or expired gets 404, as the MCP spec says, so that
 *   the client initializes again; one that belongs to another API key is refused (403);
 * - `DELETE` ends the session; a POST of the client's answers (JSON-RPC responses) is handed to
 *   the calls waiting for them, here or in another process, and answered 202; so is its
 *   `notifications/cancelled`, which aborts the call it names as closing that call's request does.
 * Answers the session a request runs in, `undefined` when it has none, or `'answered'` when the
 * request was answered here; a request with nothing to do with sessions (most) is answered at
 * once, `undefined`, without a promise.
 */
export function sessionOf(sessions: McpSessions, request: FastifyRequest, reply: FastifyReply, owner: string): Promise<McpSession | undefined | 'answered'> | undefined {
  const id = request.headers['mcp-session-id'];
  if (typeof id !== 'string' || id === '') {
    const capabilities = request.method === 'POST' ? samplingInitialize(request.body) : undefined;
    return capabilities ? openSession(sessions, request, reply, owner, capabilities) : undefined;
  }
  return sessionNamed(sessions, id, request, reply, owner);
}

async function openSession(sessions: McpSessions, request: FastifyRequest, reply: FastifyReply, owner: string, capabilities: ClientCapabilities): Promise<undefined> {
  const version = (request.body as { params: { protocolVersion?: unknown } }).params.protocolVersion;
  const protocolVersion = typeof version === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(version) ? version : LATEST_PROTOCOL_VERSION;
  reply.header('mcp-session-id', (await sessions.open(owner, protocolVersion, capabilities)).id);
  return undefined;
}

async function sessionNamed(sessions: McpSessions, id: string, request: FastifyRequest, reply: FastifyReply, owner: string): Promise<McpSession | 'answered'> {
  const session = await sessions.find(id);
  if (!session) {
    // The SDK's own answer for an unknown session: the client starts a new one.
    await reply.code(404).send({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found: it ended or expired; initialize again' } });
    return 'answered';
  }
  if (session.owner !== owner) throw new AiosError('FORBIDDEN', 'this MCP session was opened with another API key; initialize a session of your own');
  if (request.method === 'DELETE') {
    await sessions.end(session.id);
    await reply.code(200).send();
    return 'answered';
  }
  const messages = request.method === 'POST' ? clientMessages(request.body) : undefined;
  if (messages) {
    for (const message of messages) await sessions.receive(session.id, message);
    await reply.code(202).send();
    return 'answered';
  }
  return session;
}

/** The capabilities of a 2025-era `initialize` whose client offers sampling; undefined for anything else. */
function samplingInitialize(body: unknown): ClientCapabilities | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { method, params } = body as { method?: unknown; params?: { capabilities?: ClientCapabilities; _meta?: Record<string, unknown> } };
  if (method !== 'initialize' || params?._meta?.[PROTOCOL_VERSION_META_KEY] !== undefined) return undefined;
  return params?.capabilities?.sampling === undefined ? undefined : params.capabilities;
}

function isAnswer(message: unknown): message is ClientAnswer {
  if (message === null || typeof message !== 'object') return false;
  const fields = message as Record<string, unknown>;
  return fields.jsonrpc === '2.0' && fields.method === undefined && (typeof fields.id === 'string' || typeof fields.id === 'number') && ('result' in fields || 'error' in fields);
}

function isCancel(message: unknown): message is ClientCancel {
  if (message === null || typeof message !== 'object') return false;
  const fields = message as Record<string, unknown>;
  const params = fields.params as Record<string, unknown> | undefined;
  return (
    fields.jsonrpc === '2.0' &&
    fields.method === 'notifications/cancelled' &&
    fields.id === undefined &&
    (typeof params?.requestId === 'string' || typeof params?.requestId === 'number') &&
    (params.reason === undefined || typeof params.reason === 'string')
  );
}

/** A POST made only of JSON-RPC responses and cancellations (one, or a 2025-03-26 batch of them). */
function clientMessages(body: unknown): ClientMessage[] | undefined {
  const messages = Array.isArray(body) ? body : [body];
  return messages.length > 0 && messages.every((message) => isAnswer(message) || isCancel(message)) ? messages : undefined;
}
