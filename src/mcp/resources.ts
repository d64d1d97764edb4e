import { ProtocolError, ProtocolErrorCode, ResourceTemplate, type McpServer, type ReadResourceResult } from '@modelcontextprotocol/server';
import { ARTIFACT_TYPES, AiosError, ArtifactTypeSchema, TOOLS } from '../contract/index.js';
import { PERSONAS } from '../agents/personas.js';
import { artifactOf, findOwnedJob, statusOf } from '../jobs/access.js';
import type { Caller, McpDeps } from './server.js';

export const jobUri = (id: string): string => `aios://jobs/${id}`;
export const artifactUri = (id: string, type: string): string => `aios://jobs/${id}/artifacts/${type}`;

/** The agents as resources: who each is, what it takes and what it writes. */
const AGENTS = {
  analyst: { persona: PERSONAS.analyst, tool: 'aios_analyze' },
  pm: { persona: PERSONAS.pm, tool: 'aios_strategize' },
  architect: { persona: PERSONAS.architect, tool: 'aios_design_architecture' },
  'ux-design-expert': { persona: PERSONAS['ux-design-expert'], tool: 'aios_design_ux' },
  dev: { persona: PERSONAS.dev, tool: 'aios_generate_code' },
} as const;
export const AGENT_NAMES = Object.keys(AGENTS) as Array<keyof typeof AGENTS>;

function json(uri: string, value: unknown): ReadResourceResult {
  return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] };
}

/** Reads a template variable, which the SDK hands over as a string or a list of strings. */
function variable(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/**
 * A read error becomes a JSON-RPC error whose message starts with the contract code (`JOB_NOT_FOUND:
 * job … was not found`) and whose data carries it: what the caller got wrong is Invalid Params
 * (-32602, also what a resource miss is), only our own failures are Internal Error (-32603).
 */
async function guarded(read: () => Promise<ReadResourceResult>): Promise<ReadResourceResult> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof AiosError)) throw error;
    const code = error.status < 500 ? ProtocolErrorCode.InvalidParams : ProtocolErrorCode.InternalError;
    throw new ProtocolError(code, `${error.code}: ${error.message}`, { code: error.code, ...(error.details === undefined ? {} : { details: error.details }) });
  }
}

/** Registers the resources; the jobs are the caller's own (`caller`: see server.ts). */
export function registerResources(server: McpServer, deps: McpDeps, caller: Caller): void {
  const recentJobIds = (prefix: string) =>
    caller.run(async () => {
      const page = await deps.queue.list(caller.principal().owner, { limit: 20 });
      return page.jobs.map((job) => job.id).filter((id) => id.startsWith(prefix));
    });

  server.registerResource(
    'job',
    new ResourceTemplate('aios://jobs/{job_id}', {
      list: (ctx) =>
        caller.run(async () => {
          const page = await deps.queue.list(caller.principal(ctx).owner, { limit: 50 });
          return {
            resources: page.jobs.map((job) => ({
              uri: jobUri(job.id),
              name: `${job.tool} ${job.id}`,
              description: `${job.status}, ${job.progress}%`,
              mimeType: 'application/json',
            })),
          };
        }),
      complete: { job_id: recentJobIds },
    }),
    {
      title: 'Job status',
      description: 'A job’s status, per-phase state and progress (the aios_get_status shape). Subscribe to follow its changes.',
      mimeType: 'application/json',
    },
    async (uri, variables, ctx) =>
      caller.run(() =>
        guarded(async () => json(uri.href, statusOf(await findOwnedJob(deps.queue, caller.principal(ctx).owner, variable(variables.job_id), { output: false })))),
      ),
  );

  server.registerResource(
    'job-artifact',
    new ResourceTemplate('aios://jobs/{job_id}/artifacts/{type}', {
      list: undefined,
      complete: { job_id: recentJobIds, type: async (value) => ARTIFACT_TYPES.filter((type) => type.startsWith(value)) },
    }),
    {
      title: 'Job artifact',
      description: 'A finished phase’s output (strategy, architecture, ux, code) or all of them; ARTIFACT_NOT_READY until the job completes.',
      mimeType: 'application/json',
    },
    async (uri, variables, ctx) =>
      caller.run(() =>
        guarded(async () => {
          const type = ArtifactTypeSchema.safeParse(variable(variables.type));
          if (!type.success) {
            throw new AiosError('INVALID_INPUT', `type: must be one of ${ARTIFACT_TYPES.join(', ')}`, { field: 'type' });
          }
          const job = await findOwnedJob(deps.queue, caller.principal(ctx).owner, variable(variables.job_id));
          return json(uri.href, artifactOf(job, type.data, 'type'));
        }),
      ),
  );

  server.registerResource(
    'agent',
    new ResourceTemplate('aios://agents/{name}', {
      list: async () => ({
        resources: AGENT_NAMES.map((name) => ({
          uri: `aios://agents/${name}`,
          name: `@${name}`,
          title: `${AGENTS[name].persona.icon} ${AGENTS[name].persona.name}, ${AGENTS[name].persona.title}`,
          mimeType: 'application/json',
        })),
      }),
      complete: { name: async (value) => AGENT_NAMES.filter((name) => name.startsWith(value)) },
    }),
    { title: 'AIOS agent', description: 'One of the five agents: persona, principles, tool, inputs and what it writes.', mimeType: 'application/json' },
    async (uri, variables) =>
      guarded(async () => {
        const name = variable(variables.name);
        // Own keys only: `constructor`, `__proto__` or `toString` are no agents.
        const agent = Object.hasOwn(AGENTS, name) ? AGENTS[name as keyof typeof AGENTS] : undefined;
        if (!agent) throw new AiosError('INVALID_INPUT', `name: must be one of ${AGENT_NAMES.join(', ')}`, { field: 'name' });
        const inputs = Object.keys((TOOLS[agent.tool].input as unknown as { shape: Record<string, unknown> }).shape);
        return json(uri.href, { ...agent.persona, tool: agent.tool, inputs, engine: 'embedded' });
      }),
  );
}
