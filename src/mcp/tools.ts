import { inputRequired, type CallToolResult, type InputRequiredResult, type McpServer, type ServerContext } from '@modelcontextprotocol/server';
import {
  AiosError,
  GetArtifactInputSchema,
  GetStatusInputSchema,
  PipelineInputSchema,
  TOOLS,
  parseInput,
  type AnalyzeOutput,
  type ArchitectureOutput,
  type CodeOutput,
  type JobPhase,
  type Phase,
  type PipelineAccepted,
  type EngineChoice,
  type PhaseEvent,
  type StrategizeOutput,
  type UxOutput,
} from '../contract/index.js';
import { InputNeeded, type Engines } from '../agents/engines/port.js';
import { runTool } from '../agents/on-demand.js';
import { orderPhases } from '../agents/phases.js';
import { PERSONAS } from '../agents/personas.js';
import { artifactOf, findOwnedJob, statusOf } from '../jobs/access.js';
import { followJob } from '../jobs/follow.js';
import type { Job, JobEvent } from '../jobs/port.js';
import { advertised, described } from './schema.js';
import { acceptedText, codeText, statusText } from './text.js';
import type { Caller, McpDeps, McpEra, Principal, SamplingDeps } from './server.js';
import { jobUri } from './resources.js';
import { canSample, nextRound, replayPort, roundAnswers, samplingPort, sessionPort } from './sampling.js';

/** A rough figure for clients that plan their polling: the embedded engine takes well under a second a phase. */
function estimateSeconds(phases: readonly Phase[]): number {
  return Math.max(1, Math.ceil(phases.length * 0.5));
}

/** Said by every tool that builds on the product model; the schema's field descriptions say how to fill it. */
const BUILDS_ON_MODEL = ' Builds on `product_model` when given (aios_analyze\'s draft, corrected, or your own reading) instead of reading `spec`.';

const AGENT_TOOL_INFO = {
  aios_analyze: {
    persona: PERSONAS.analyst,
    title: 'Analyze the idea: product model and brief',
    description:
      'The @analyst agent (Atlas 🔍) reads a product idea into the product model the other agents build on, and writes the AIOS project brief with its assumptions and open questions. Cheap: check the model, correct it, pass it as `product_model` to the other tools. ' +
      'You may also write the model yourself: roles are kinds of people who sign in; people who never sign in (patients, guests) are entities; entities are the records kept, with typed attributes; names are snake_case, entities singular. ' +
      'Relationships: in one-to-many `from` is the "one" side (project → task); many-to-many `through` names the join entity (declare it to give it columns); `as` names a person column (assignee). ' +
      'Access: which role may create/read/update/delete which entity\'s rows: all, own, related (through `via`) or none.',
  },
  aios_strategize: {
    persona: PERSONAS.pm,
    title: 'Strategize: requirements and PRD',
    description:
      'The @pm agent (Morgan 📋) writes functional requirements with MoSCoW priorities, non-functional requirements, constraints, personas, epics with stories and acceptance criteria, and the PRD in the AIOS template; it returns the product model it planned from.' +
      BUILDS_ON_MODEL,
  },
  aios_design_architecture: {
    persona: PERSONAS.architect,
    title: 'Design the architecture, data model and SQL',
    description:
      'The @architect agent (Aria 🏛️) designs the stack, the data model (tables, keys, relationships), the endpoints, auth and row level security, and writes a PostgreSQL/Supabase migration and the AIOS full-stack architecture document.' +
      BUILDS_ON_MODEL,
  },
  aios_design_ux: {
    persona: PERSONAS['ux-design-expert'],
    title: 'Design the UX and design tokens',
    description:
      'The @ux-design-expert agent (Uma 🎨) writes user flows, pages with routes and shadcn/ui components, design tokens for light and dark modes whose text colours all meet WCAG 2.1 AA, and the AIOS UI/UX specification.' +
      BUILDS_ON_MODEL,
  },
  aios_generate_code: {
    persona: PERSONAS.dev,
    title: 'Generate the app',
    description:
      'The @dev agent (Dex 💻) generates a React + Vite + TypeScript + Tailwind + shadcn/ui + Supabase project (or Next.js): typed Supabase client and types, a data hook per table, forms, a page per route, and the migration.' +
      BUILDS_ON_MODEL,
  },
} as const;

type AgentTool = keyof typeof AGENT_TOOL_INFO;

/**
 * A tool error a client (and its model) can act on: the contract code first, then what to do; a
 * second text block holds `{"error": {code, message, details?}}` as JSON for programs. No
 * `structuredContent`: a tool's output schema does not describe an error, and clients built on the
 * v1 SDK validate it even with `isError`, so they would throw instead of showing the error.
 */
export function toolError(error: unknown): CallToolResult {
  const aios = error instanceof AiosError ? error : new AiosError('INTERNAL_ERROR', 'the tool failed unexpectedly; try again');
  const body = { code: aios.code, message: aios.message, ...(aios.details === undefined ? {} : { details: aios.details }) };
  return {
    isError: true,
    content: [
      { type: 'text', text: `${aios.code}: ${aios.message}` },
      { type: 'text', text: JSON.stringify({ error: body }) },
    ],
  };
}

function markdownOf(phase: JobPhase, output: unknown): string {
  switch (phase) {
    case 'analysis':
      return (output as AnalyzeOutput).brief_markdown;
    case 'strategy':
      return (output as StrategizeOutput).prd_markdown;
    case 'architecture':
      return (output as ArchitectureOutput).architecture_markdown;
    case 'ux':
      return (output as UxOutput).ux_markdown;
    case 'code':
      return codeText(output as CodeOutput);
  }
}

const PROGRESS_GAP_MS = 25;

/**
 * Sends MCP progress notifications for a job's events when the client asked for them, in order;
 * `flush` waits until all have been written, so none arrives after the tool's result.
 */
type ProgressEvent = Pick<JobEvent, 'progress' | 'phase' | 'phase_status' | 'status' | 'note'>;

function progressSender(ctx: ServerContext): { send: (event: ProgressEvent) => void; flush: () => Promise<void> } | undefined {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return undefined;
  let last = -1;
  let pending = Promise.resolve();
  const send = (event: ProgressEvent) => {
    // Progress must only increase; a repeat of the same percent says nothing new.
    if (event.progress <= last) return;
    last = event.progress;
    const message = [event.phase, event.phase_status ?? event.status, event.note].filter(Boolean).join(': ');
    // Nothing once the call is over (the client went away): a pooled server may be answering someone else by then.
    pending = pending
      .then(() =>
        ctx.mcpReq.signal.aborted ? undefined : ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: event.progress, total: 100, message } }),
      )
      .catch(() => undefined);
  };
  // Clients built on the official SDK dispatch notifications a microtask late but settle a response
  // at once, so progress read in the same chunk as the result is dropped: leave a short gap.
  const flush = async () => {
    await pending;
    await new Promise((resolve) => setTimeout(resolve, PROGRESS_GAP_MS));
  };
  return { send, flush };
}

async function runAsJob(deps: McpDeps, principal: Principal, tool: AgentTool | 'aios_full_pipeline', input: unknown, ctx: ServerContext): Promise<Job> {
  const { job } = await deps.queue.enqueue({ tool, input, owner: principal.owner });
  const progress = progressSender(ctx);
  const finished = await followJob(deps.queue, job.id, { signal: ctx.mcpReq.signal, ...(progress ? { onEvent: progress.send } : {}) });
  await progress?.flush();
  return finished;
}

/** Whether a call's engine choice would take the client's model: asked for, or `auto` with no model configured here. */
function wantsSampling(choice: EngineChoice, engines: Engines): boolean {
  return choice === 'sampling' || (choice === 'auto' && !engines.llm);
}

/** A phase event as the progress of a one-phase tool call. */
function progressOf(event: PhaseEvent): ProgressEvent | undefined {
  if (event.type === 'phase_progress') return { progress: event.percent, phase: event.phase, phase_status: 'processing', status: 'processing', note: event.note };
  if (event.type === 'phase_completed') return { progress: 100, phase: event.phase, phase_status: 'completed', status: 'processing' };
  return undefined;
}

/**
 * Runs an agent tool here, in the process that holds the client's connection, with the client's
 * model as the sampler: a queued job may run in another process (a Redis worker) that cannot
 * reach the client. The phase time limit, the client's cancellation and progress hold as in a job.
 */
async function runSampled(
  server: McpServer,
  deps: McpDeps & { sampling: SamplingDeps },
  principal: Principal,
  tool: AgentTool,
  input: unknown,
  ctx: ServerContext,
  era: McpEra,
): Promise<CallToolResult | InputRequiredResult> {
  const { sampling } = deps;
  const phase = TOOLS[tool].phase;
  const progress = progressSender(ctx);
  // 2025 revisions: ask mid-call on the connection, or on the call's stream in an HTTP session.
  // 2026-07-28: replay the answers so far, ask for the next one.
  const rounds = era === 'modern' ? roundAnswers(ctx) : undefined;
  const session = era === 'legacy' ? principal.session : undefined;
  const sampler = rounds
    ? replayPort(rounds)
    : session && deps.sessions
      ? sessionPort(server, ctx, deps.sessions, session, sampling.timeouts[phase])
      : samplingPort(ctx, sampling.timeouts[phase]);
  const engines: Engines = { ...sampling.engines, sampler };
  const run = (signal: AbortSignal) =>
    runTool(tool, input, {
      engines,
      signal,
      timeouts: sampling.timeouts,
      onEvent: (event) => {
        const update = progressOf(event);
        if (update) progress?.send(update);
      },
    });
  let output: unknown;
  try {
    // In a session the client's `notifications/cancelled` comes as a request of its own, maybe to another process.
    output = session && deps.sessions
      ? await deps.sessions.hold(session.id, ctx.mcpReq.id, (cancelled) => run(AbortSignal.any([ctx.mcpReq.signal, cancelled])))
      : await run(ctx.mcpReq.signal);
  } catch (error) {
    if (!(error instanceof InputNeeded) || !rounds) throw error;
    await progress?.flush();
    const next = nextRound(error, rounds);
    return inputRequired({ inputRequests: { [next.key]: inputRequired.createMessage(next.params) }, requestState: next.requestState });
  }
  await progress?.flush();
  return { content: [{ type: 'text', text: markdownOf(phase, output) }], structuredContent: output as Record<string, unknown> };
}

function finished(job: Job): CallToolResult {
  if (job.status !== 'completed') {
    const error = job.error ?? { code: 'AGENT_FAILURE' as const, message: `the job ended ${job.status}` };
    return toolError(new AiosError(error.code, error.message, { job_id: job.id, ...(error.phase ? { phase: error.phase } : {}) }));
  }
  const [phase] = Object.keys(job.phases) as JobPhase[];
  return {
    content: [{ type: 'text', text: phase ? markdownOf(phase, job.output) : JSON.stringify(job.output) }],
    structuredContent: job.output as Record<string, unknown>,
  };
}

/** A tool's `webhook_url`, checked as REST checks it; refused where this server sends no webhooks (stdio). */
function checkedWebhookUrl(deps: McpDeps, url: string, owner: string): Promise<string> {
  if (!deps.checkWebhookUrl) {
    throw new AiosError('INVALID_WEBHOOK_URL', 'webhook_url: this server (stdio) sends no webhooks; follow the job with aios_get_status or the aios://jobs/{job_id} resource', {
      field: 'webhook_url',
      reason: 'no webhooks over stdio',
    });
  }
  return deps.checkWebhookUrl(url, owner);
}

/**
 * Registers the eight tools of CONTRACT section 2; `era` is the protocol era of the server's
 * connections. Each call runs through `caller` and acts for its principal (see server.ts).
 */
export function registerTools(server: McpServer, deps: McpDeps, caller: Caller, era: McpEra = 'modern'): void {
  // The five agents answer inline, but run through the job queue so that limits and time-outs hold.
  for (const [name, info] of Object.entries(AGENT_TOOL_INFO) as Array<[AgentTool, (typeof AGENT_TOOL_INFO)[AgentTool]]>) {
    const contract = TOOLS[name];
    server.registerTool(
      name,
      {
        title: `${info.persona.icon} ${info.title}`,
        description: info.description,
        inputSchema: advertised(contract.input),
        outputSchema: described(contract.output),
        annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      },
      (args: unknown, ctx: ServerContext) =>
        caller.run(async () => {
          try {
            const input = parseInput(contract.input, args ?? {});
            const principal = caller.principal(ctx);
            const sampling = deps.sampling;
            const choice = input.engine ?? sampling?.engines.choice ?? 'auto';
            if (sampling && wantsSampling(choice, sampling.engines) && canSample(server, ctx, era, sampling.connected, principal.session)) {
              return await runSampled(server, { ...deps, sampling }, principal, name, input, ctx, era);
            }
            return finished(await runAsJob(deps, principal, name, input, ctx));
          } catch (error) {
            return toolError(error);
          }
        }),
    );
  }

  server.registerTool(
    'aios_full_pipeline',
    {
      title: 'Run the whole AIOS pipeline',
      description:
        'Queues strategy → architecture → ux → code (or the phases given, always in that order, each fed the earlier outputs, all built on one product model: `product_model` when given) and answers at once with the job. Follow it with aios_get_status or the aios://jobs/{job_id} resource, then read each phase with aios_get_artifact. With a progress token, the call instead stays open and reports progress per phase until the job ends.',
      inputSchema: advertised(PipelineInputSchema),
      outputSchema: described(TOOLS.aios_full_pipeline.output),
      annotations: { readOnlyHint: false, idempotentHint: false, openWorldHint: true },
    },
    (args: unknown, ctx: ServerContext) =>
      caller.run(async () => {
        try {
          const principal = caller.principal(ctx);
          const input = parseInput(PipelineInputSchema, args ?? {});
          const webhookUrl = input.webhook_url === undefined ? undefined : await checkedWebhookUrl(deps, input.webhook_url, principal.owner);
          const { job } = await deps.queue.enqueue({
            tool: 'aios_full_pipeline',
            input,
            owner: principal.owner,
            ...(webhookUrl ? { webhookUrl } : {}),
          });
          const progress = progressSender(ctx);
          const current = progress ? await followJob(deps.queue, job.id, { signal: ctx.mcpReq.signal, onEvent: progress.send }) : job;
          await progress?.flush();
          const phases = orderPhases(input.phases);
          const accepted: PipelineAccepted = {
            job_id: job.id,
            status: current.status,
            phases_queued: phases,
            estimated_duration_seconds: estimateSeconds(phases),
            ...deps.jobUrls(job.id, principal),
          };
          return { content: [{ type: 'text', text: acceptedText(accepted, jobUri(job.id)) }], structuredContent: accepted };
        } catch (error) {
          return toolError(error);
        }
      }),
  );

  server.registerTool(
    'aios_get_status',
    {
      title: 'Get a job’s status',
      description: 'Status of a job (queued, processing, completed, failed, cancelled), each phase’s state and duration, overall progress, and the error if it failed.',
      inputSchema: advertised(GetStatusInputSchema),
      outputSchema: described(TOOLS.aios_get_status.output),
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args: unknown, ctx: ServerContext) =>
      caller.run(async () => {
        try {
          const { job_id } = parseInput(GetStatusInputSchema, args ?? {});
          const status = statusOf(await findOwnedJob(deps.queue, caller.principal(ctx).owner, job_id, { output: false }));
          return { content: [{ type: 'text', text: statusText(status) }], structuredContent: status };
        } catch (error) {
          return toolError(error);
        }
      }),
  );

  server.registerTool(
    'aios_get_artifact',
    {
      title: 'Get a finished phase’s output',
      description:
        'A finished job’s output for one phase (strategy, architecture, ux, code; analysis for an aios_analyze job), in the same shape as that agent’s tool, or `all` of them keyed by phase. ARTIFACT_NOT_READY while the job has not completed.',
      inputSchema: advertised(GetArtifactInputSchema),
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args: unknown, ctx: ServerContext) =>
      caller.run(async () => {
        try {
          const { job_id, artifact_type } = parseInput(GetArtifactInputSchema, args ?? {});
          const job = await findOwnedJob(deps.queue, caller.principal(ctx).owner, job_id);
          const artifact = artifactOf(job, artifact_type);
          const text =
            artifact_type === 'all'
              ? Object.entries(artifact as Record<JobPhase, unknown>)
                  .map(([phase, output]) => markdownOf(phase as JobPhase, output))
                  .join('\n\n---\n\n')
              : markdownOf(artifact_type, artifact);
          return { content: [{ type: 'text', text }], structuredContent: artifact as Record<string, unknown> };
        } catch (error) {
          return toolError(error);
        }
      }),
  );
}
