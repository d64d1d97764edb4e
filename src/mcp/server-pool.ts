import type { McpServer } from '@modelcontextprotocol/server';
import type { Caller, McpEra as Era, Principal } from './server.js';

/** Idle servers kept per era: about the calls one process serves at once; more are built when needed and dropped after. */
const MAX_IDLE = 16;

/**
 * The caller a pooled server is lent to. Tool and resource handlers read the principal from here and
 * run through `run`, which counts them: a server goes back to the pool only once none of its
 * handlers still works, so a handler that outlives its exchange (the client went away) never
 * sees, or sends progress to, the next caller.
 */
class Lease implements Caller {
  current: Principal | undefined;
  running = 0;
  onIdle: (() => void) | undefined;

  principal(): Principal {
    if (!this.current) throw new Error('a pooled MCP server ran a handler while lent to no caller');
    return this.current;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      if (this.running === 0) this.onIdle?.();
    }
  }
}

interface Pooled {
  server: McpServer;
  lease: Lease;
  lent: boolean;
  /** Counts the loans, so a take-back scheduled during one loan does nothing to the next. */
  loan: number;
}

/**
 * MCP servers for stateless HTTP, reused across requests: building one (seven tools, three resource
 * templates, five prompts) cost more CPU than answering a call (issue 15 item 9). The SDK's HTTP
 * entry asks for a server per request and connects it to that request alone; a server closed after
 * its exchange may be connected again (`Server.connect`), so each is lent to one request at a
 * time, bound to that request's caller, and taken back once its exchange has closed and its
 * handlers are done. The definitions never change per caller, so any process still answers any
 * request.
 *
 * A server that answered a 2025-era `initialize` holds that client's capabilities and protocol
 * version: it is not reused. One the entry never connects (a `subscriptions/listen`, served by the
 * entry itself) is simply not returned.
 */
export class McpServerPool {
  private readonly idle: Record<Era, Pooled[]> = { legacy: [], modern: [] };

  constructor(private readonly build: (era: Era, caller: Caller) => McpServer) {}

  /** A server for one request of `era`, answering `principal`. */
  lend(era: Era, principal: Principal): McpServer {
    const pooled = this.idle[era].pop() ?? this.create(era);
    pooled.lent = true;
    pooled.loan += 1;
    pooled.lease.current = principal;
    return pooled.server;
  }

  private create(era: Era): Pooled {
    const lease = new Lease();
    const pooled: Pooled = { server: this.build(era, lease), lease, lent: false, loan: 0 };
    const takeBack = (loan: number) => {
      if (!pooled.lent || pooled.loan !== loan || pooled.server.isConnected() || lease.running > 0) return;
      pooled.lent = false;
      lease.current = undefined;
      // Deprecated accessors, but the only public view of what an `initialize` left on the instance.
      if (era === 'legacy' && (pooled.server.server.getClientVersion() !== undefined || pooled.server.server.getClientCapabilities() !== undefined)) return;
      if (this.idle[era].length < MAX_IDLE) this.idle[era].push(pooled);
    };
    // The entry's teardown of an exchange may close the server more than once within the same turn
    // of the event loop (transport, then server): lend it again only from the next turn.
    const later = () => setImmediate(takeBack, pooled.loan);
    pooled.server.server.onclose = later;
    lease.onIdle = later;
    return pooled;
  }
}
