import { randomBytes, randomUUID } from 'node:crypto';
import type { ClientCapabilities, JSONRPCErrorResponse, JSONRPCResultResponse } from '@modelcontextprotocol/server';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AiosError } from '../contract/index.js';
import { viaRedis } from '../redis/connection.js';

/**
 * Sessions of 2025-revision clients on `/mcp`, kept for one thing only: asking a client's own model
 * (`sampling/createMessage`) in the middle of its tool call. `/mcp` is otherwise stateless, so a
 * session is a small record any API process can read ({owner key id, protocol version, the
 * client's capabilities}) with a TTL refreshed on use, in memory (embedded mode) or in Redis
 * (several API processes behind a load balancer, no affinity). The client's answer is a separate
 * POST that may reach any process: it is handed to the call waiting for it in this process
 * directly, else published on Redis for the process that holds the call. A client's
 * `notifications/cancelled` for a call travels the same way, to abort the call it names.
 */

export interface McpSession {
  id: string;
  /** The API key id that opened it: no other key may use it. */
  owner: string;
  protocolVersion: string;
  capabilities: ClientCapabilities;
}

/** A client's answer to a request the server sent it. */
export type ClientAnswer = JSONRPCResultResponse | JSONRPCErrorResponse;

/** A client's word that it no longer wants the answer to its request `requestId` (a tool call). */
export interface ClientCancel {
  jsonrpc: '2.0';
  method: 'notifications/cancelled';
  params: { requestId: string | number; reason?: string };
}

/** What a client POSTs in a session for the server's calls: answers to its requests, and cancellations of its own. */
export type ClientMessage = ClientAnswer | ClientCancel;

/** Where the records live and how answers travel between processes. */
export interface SessionBackend {
  save(session: McpSession, ttlMs: number): Promise<void>;
  /** The record, its TTL refreshed; undefined when unknown or expired. */
  touch(id: string, ttlMs: number): Promise<McpSession | undefined>;
  remove(id: string): Promise<void>;
  /** Sends a message no call of this process waits for (an answer, a cancellation) to the other processes. */
  publish(sessionId: string, message: ClientMessage): Promise<void>;
  /** Messages published by other processes. */
  listen(listener: (sessionId: string, message: ClientMessage) => void): void;
  close(): void;
}

interface Waiter {
  sessionId: string;
  resolve(answer: ClientAnswer): void;
}

export class McpSessions {
  private readonly waiting = new Map<string, Waiter>();
  /** Tool calls running here, by session and request id (`callKey`), each aborted by its client's cancellation. */
  private readonly calls = new Map<string, AbortController>();

  constructor(
    private readonly backend: SessionBackend,
    readonly ttlMs: number,
  ) {
    backend.listen((sessionId, message) => this.deliver(sessionId, message));
  }

  /** Opens a session for `owner`; its id is random and unguessable (192 bits). */
  async open(owner: string, protocolVersion: string, capabilities: ClientCapabilities): Promise<McpSession> {
    const session: McpSession = { id: randomBytes(24).toString('base64url'), owner, protocolVersion, capabilities: kept(capabilities) };
    await this.backend.save(session, this.ttlMs);
    return session;
  }

  find(id: string): Promise<McpSession | undefined> {
    return this.backend.touch(id, this.ttlMs);
  }

  end(id: string): Promise<void> {
    return this.backend.remove(id);
  }

  /**
   * A new request id, unique across processes, and the client's answer to it; `signal` (the phase
   * limit, the client going away) ends the wait with its reason.
   */
  expect(sessionId: string, signal: AbortSignal): { id: string; answer: Promise<ClientAnswer> } {
    const id = `aios-${randomUUID()}`;
    const answer = new Promise<ClientAnswer>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const abort = () => {
        this.waiting.delete(id);
        reject(signal.reason);
      };
      signal.addEventListener('abort', abort, { once: true });
      this.waiting.set(id, {
        sessionId,
        resolve: (message) => {
          this.waiting.delete(id);
          signal.removeEventListener('abort', abort);
          resolve(message);
        },
      });
    });
    return { id, answer };
  }

  /**
   * Runs the client's call `requestId` of session `sessionId`; `work`'s signal aborts when the
   * client cancels the call (`notifications/cancelled`), POSTed to this process or another.
   */
  async hold<T>(sessionId: string, requestId: string | number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const key = callKey(sessionId, requestId);
    const controller = new AbortController();
    this.calls.set(key, controller);
    try {
      return await work(controller.signal);
    } finally {
      if (this.calls.get(key) === controller) this.calls.delete(key);
    }
  }

  /**
   * A client's message POSTed in `sessionId` (an answer to the server's request, or the
   * cancellation of one of its calls): to the call here it is for, else to the other processes.
   */
  async receive(sessionId: string, message: ClientMessage): Promise<void> {
    if (this.deliver(sessionId, message)) return;
    await this.backend.publish(sessionId, message);
  }

  close(): void {
    this.backend.close();
  }

  /** Whether a call here was what `message` is for; an answer from another session is dropped. */
  private deliver(sessionId: string, message: ClientMessage): boolean {
    if ('method' in message) {
      const call = this.calls.get(callKey(sessionId, message.params.requestId));
      call?.abort(new AiosError('AGENT_FAILURE', `the client cancelled the call${message.params.reason ? `: ${message.params.reason.slice(0, 200)}` : ''}`, { cancelled: true }));
      return call !== undefined;
    }
    const waiter = typeof message.id === 'string' ? this.waiting.get(message.id) : undefined;
    if (!waiter) return false;
    if (waiter.sessionId === sessionId) waiter.resolve(message);
    return true;
  }
}

/** A call's key: its session, then its request id as sent (`1` and `"1"` are two ids). */
function callKey(sessionId: string, requestId: string | number): string {
  return `${sessionId} ${JSON.stringify(requestId)}`;
}

/** Room for what a client says of sampling, elicitation and roots; a record stays small whatever a client sends. */
const MAX_CAPABILITIES_CHARS = 4_096;

/** The capabilities the server may act on, bounded in size: a session costs the same for every client. */
function kept(capabilities: ClientCapabilities): ClientCapabilities {
  const { sampling, elicitation, roots } = capabilities;
  const picked: ClientCapabilities = { ...(sampling ? { sampling } : {}), ...(elicitation ? { elicitation } : {}), ...(roots ? { roots } : {}) };
  return JSON.stringify(picked).length <= MAX_CAPABILITIES_CHARS ? picked : { sampling: {} };
}

/** Sessions one process keeps at most; past it the longest unused go first (rate limits keep real use far below). */
const MAX_MEMORY_SESSIONS = 10_000;

/** One process (the embedded mode): records in a map, expired ones swept as new ones come, the longest unused dropped when full. */
export class MemorySessionBackend implements SessionBackend {
  private readonly records = new Map<string, { session: McpSession; expiresAt: number }>();
  private nextSweep = 0;

  save(session: McpSession, ttlMs: number): Promise<void> {
    const now = Date.now();
    if (now >= this.nextSweep) {
      for (const [id, record] of this.records) if (record.expiresAt <= now) this.records.delete(id);
      this.nextSweep = now + ttlMs;
    }
    if (this.records.size >= MAX_MEMORY_SESSIONS) this.records.delete(this.records.keys().next().value!);
    this.records.set(session.id, { session, expiresAt: now + ttlMs });
    return Promise.resolve();
  }

  touch(id: string, ttlMs: number): Promise<McpSession | undefined> {
    const record = this.records.get(id);
    const now = Date.now();
    if (!record || record.expiresAt <= now) {
      this.records.delete(id);
      return Promise.resolve(undefined);
    }
    record.expiresAt = now + ttlMs;
    // Most recently used last, so that a full map drops the longest unused.
    this.records.delete(id);
    this.records.set(id, record);
    return Promise.resolve(record.session);
  }

  remove(id: string): Promise<void> {
    this.records.delete(id);
    return Promise.resolve();
  }

  // Every call waits in this process: nothing to publish.
  publish(): Promise<void> {
    return Promise.resolve();
  }

  listen(): void {}

  close(): void {
    this.records.clear();
  }
}

/** Several processes on one Redis: a key per session (`<prefix>:mcp:session:<id>`, PX ttl) and one channel for clients' answers and cancellations. */
export class RedisSessionBackend implements SessionBackend {
  private readonly channel: string;
  private listener: ((from: string, message: string) => void) | undefined;

  constructor(
    private readonly options: { client: Redis; subscriber: Redis; prefix: string; logger?: Logger | undefined },
  ) {
    this.channel = `${options.prefix}:mcp:answers`;
  }

  private key(id: string): string {
    return `${this.options.prefix}:mcp:session:${id}`;
  }

  async save(session: McpSession, ttlMs: number): Promise<void> {
    await viaRedis(() => this.options.client.set(this.key(session.id), JSON.stringify(session), 'PX', ttlMs));
  }

  async touch(id: string, ttlMs: number): Promise<McpSession | undefined> {
    const raw = await viaRedis(() => this.options.client.getex(this.key(id), 'PX', ttlMs));
    return raw === null ? undefined : (JSON.parse(raw) as McpSession);
  }

  async remove(id: string): Promise<void> {
    await viaRedis(() => this.options.client.del(this.key(id)));
  }

  async publish(sessionId: string, message: ClientMessage): Promise<void> {
    await viaRedis(() => this.options.client.publish(this.channel, JSON.stringify([sessionId, message])));
  }

  listen(listener: (sessionId: string, message: ClientMessage) => void): void {
    this.listener = (from, raw) => {
      if (from !== this.channel) return;
      try {
        const [sessionId, message] = JSON.parse(raw) as [string, ClientMessage];
        listener(sessionId, message);
      } catch {
        // Not ours to read: every writer of this channel is this code.
      }
    };
    this.options.subscriber.on('message', this.listener);
    // Not awaited: with Redis down at start, the subscription is made when it comes up.
    this.options.subscriber.subscribe(this.channel).catch((error: unknown) => this.options.logger?.warn({ err: error }, 'could not subscribe to MCP sampling answers and cancellations yet'));
  }

  close(): void {
    if (this.listener) this.options.subscriber.off('message', this.listener);
    this.listener = undefined;
  }
}
