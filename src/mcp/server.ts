import { McpServer, SUPPORTED_PROTOCOL_VERSIONS, type McpServerFactory, type ServerContext } from '@modelcontextprotocol/server';
import type { Engines } from '../agents/engines/port.js';
import type { JobPhase } from '../contract/index.js';
import type { JobQueue } from '../jobs/port.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import type { McpSession, McpSessions } from './sessions.js';
import { registerTools } from './tools.js';
import { McpServerPool } from './server-pool.js';
import { VERSION } from '../version.js';

/** The two protocol eras one server definition serves: the 2025 revisions (legacy) and 2026-07-28 (modern). */
export type McpEra = 'legacy' | 'modern';

/** Who is calling: the owner of the jobs they make (an API key id over HTTP, `local` on stdio). */
export interface Principal {
  owner: string;
  /** Base URL of the REST API for the job URLs handed out; absent on stdio. */
  baseUrl?: string;
  /** The 2025-revision HTTP session the call came in (clients that offer sampling have one). */
  session?: McpSession;
}

/**
 * Who a server is answering, as its tool and resource handlers see it. A stdio server has one
 * caller for good (`fixedCaller`); a pooled HTTP server is lent to one request's caller at a time
 * (server-pool.ts); a shared HTTP server reads each request's caller from the request's context
 * (`requestCaller`). Handlers read `principal(ctx)` inside `run`, which keeps a pooled server from
 * being lent to anyone else until they are done. Completions get no context: `ctx` is then absent.
 */
export interface Caller {
  principal(ctx?: ServerContext): Principal;
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** The caller of a server that only ever answers one principal (stdio). */
export function fixedCaller(principal: Principal): Caller {
  return { principal: () => principal, run: (work) => work() };
}

/**
 * The caller of a server shared by all HTTP requests at once (http/mcp-mux.ts): each request's
 * principal comes with it, as the `authInfo` its transport delivered the request with.
 */
export function requestCaller(principalOf: (authInfo: unknown) => Principal): Caller {
  return {
    principal: (ctx) => {
      if (!ctx?.http?.authInfo) throw new Error('a shared MCP server ran a handler that has no request context (completions are not served shared)');
      return principalOf(ctx.http.authInfo);
    },
    run: (work) => work(),
  };
}

/** What a call needs to run here with the client's model as its sampler. */
export interface SamplingDeps {
  /** The configured engines (`AIOS_ENGINE`, the model): `auto` samples only when no model is configured. */
  engines: Engines;
  timeouts: Record<JobPhase, number>;
  /** The transport keeps a connection (stdio), so 2025-era clients can be asked mid-call; stateless HTTP does not. */
  connected: boolean;
}

export interface McpDeps {
  queue: JobQueue;
  /** Where a job can be followed outside MCP. */
  jobUrls(id: string, principal: Principal): { status_url: string; stream_url: string };
  /**
   * Checks a `webhook_url` as REST does (the URL guard, a signing secret) and answers the URL to
   * call; throws `INVALID_WEBHOOK_URL`. Absent where no webhooks are sent (stdio).
   */
  checkWebhookUrl?(url: string, owner: string): Promise<string>;
  /** Set where the client's model can be asked (MCP sampling: see sampling.ts). */
  sampling?: SamplingDeps;
  /** Where 2025-revision HTTP calls in a session wait for the client's answers. */
  sessions?: McpSessions;
}

export const SERVER_INFO = { name: 'aios-lovable-mcp', title: 'AIOS product team', version: VERSION } as const;

const INSTRUCTIONS = `Five AIOS agents turn a product idea into documents and code:
aios_analyze (@analyst: the product model and the project brief), aios_strategize (@pm: requirements and PRD),
aios_design_architecture (@architect: data model, SQL migration, security), aios_design_ux (@ux-design-expert: flows,
pages, design tokens), aios_generate_code (@dev: a React + Supabase app). aios_full_pipeline runs the last four in order
as a job; follow it with aios_get_status or the aios://jobs/{job_id} resource, then read each phase with aios_get_artifact.
Pass the idea as \`spec\` (free text), or as product_name + description. To control what gets built, call aios_analyze
first, correct its product_model (or write one yourself) and pass it as \`product_model\` to the other tools.`;

/**
 * Builds one MCP server instance answering `caller`: the same definition serves every protocol era
 * and transport. `subscribe` says whether resource changes can reach its callers (not on stateless
 * 2025-era HTTP, which has no stream to carry them).
 */
export function buildMcpServer(deps: McpDeps, caller: Caller, options: { subscribe: boolean; era?: McpEra; modernRevision?: string }): McpServer {
  const server = new McpServer(SERVER_INFO, {
    // A server bound to the 2026 revision by its transport must list it (see http/mcp-mux.ts).
    ...(options.modernRevision ? { supportedProtocolVersions: [...SUPPORTED_PROTOCOL_VERSIONS, options.modernRevision] } : {}),
    // The lists never change while a server runs (and a stateless one could not say so): no listChanged.
    capabilities: {
      tools: { listChanged: false },
      resources: { subscribe: options.subscribe, listChanged: false },
      prompts: { listChanged: false },
      completions: {},
    },
    instructions: INSTRUCTIONS,
  });
  registerTools(server, deps, caller, options.era);
  registerResources(server, deps, caller);
  registerPrompts(server);
  return server;
}

/**
 * The factory the SDK's HTTP entry calls per request: a server of the request's era from a pool,
 * lent to the request's caller; 2026-era clients follow resources on `subscriptions/listen`.
 */
export function mcpServerFactory(deps: McpDeps, principalOf: (authInfo: unknown) => Principal): McpServerFactory {
  const pool = new McpServerPool((era, caller) => buildMcpServer(deps, caller, { subscribe: era === 'modern', era }));
  return (ctx) => pool.lend(ctx.era, principalOf(ctx.authInfo));
}

/**
 * One server per era, shared by every HTTP request the multiplexing transport serves (http/mcp-mux.ts):
 * each handler acts for the principal its request carries.
 */
export function sharedMcpServers(deps: McpDeps, principalOf: (authInfo: unknown) => Principal, modernRevision: string): Record<McpEra, McpServer> {
  const caller = requestCaller(principalOf);
  return {
    legacy: buildMcpServer(deps, caller, { subscribe: false, era: 'legacy' }),
    modern: buildMcpServer(deps, caller, { subscribe: true, era: 'modern', modernRevision }),
  };
}
