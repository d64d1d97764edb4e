import { CLIENT_CAPABILITIES_META_KEY, inputResponse, isSpecType, type ClientCapabilities, type CreateMessageRequestParams, type CreateMessageResult, type CreateMessageResultWithTools, type McpServer, type ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { AiosError } from '../contract/index.js';
import type { Completion, CompletionRequest, ModelPort } from '../agents/engines/port.js';
import { InputNeeded, NO_TOKENS } from '../agents/engines/port.js';
import type { McpEra } from './server.js';
import type { McpSession, McpSessions } from './sessions.js';

/**
 * The `sampling` engine: the calling client's own model, asked through MCP `sampling/createMessage`.
 * Only the handler of the client's tool call can ask, so it makes the port and gives it to the run
 * (see tools.ts). Three ways, by protocol era and transport:
 * - 2025 revisions on a connection (stdio): the request goes to the client mid-call (`samplingPort`);
 * - 2025 revisions over HTTP, in the session a client offering sampling gets at initialize: the
 *   request goes on the call's event stream, and the client's answer, POSTed to any API process,
 *   comes back through the sessions (`sessionPort`, sessions.ts);
 * - 2026-07-28 (stdio and HTTP, stateless): the call answers `input_required` with the request,
 *   and the client calls again with the answer (`replayPort`, `sampledRound`); the answers so far
 *   travel in `requestState` and are checked again on every round, like any answer.
 */

/** Enough room for a product model; the client may cap it lower. */
const MAX_TOKENS = 16_000;

/**
 * Whether this call's client can be sampled: it declared the capability (on a 2025-era connection
 * or HTTP session at initialize; on the 2026 revision in each request's envelope), and, on the 2025
 * revisions, the call came over a connection (`connected`: stdio) or in a session that can carry the request.
 */
export function canSample(server: McpServer, ctx: ServerContext, era: McpEra, connected: boolean, session: McpSession | undefined): boolean {
  if (era === 'legacy' && session) return session.capabilities.sampling !== undefined;
  if (era === 'legacy') return connected && server.server.getClientCapabilities()?.sampling !== undefined;
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const declared = (envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined) ?? server.server.getClientCapabilities();
  return declared?.sampling !== undefined;
}

/** One completion request as MCP sampling parameters. */
function samplingParams(request: Pick<CompletionRequest, 'system' | 'messages'>): CreateMessageRequestParams {
  return {
    systemPrompt: request.system,
    messages: request.messages.map((message) => ({ role: message.role, content: { type: 'text' as const, text: message.content } })),
    maxTokens: MAX_TOKENS,
    includeContext: 'none',
    modelPreferences: { intelligencePriority: 0.8, speedPriority: 0.3 },
  };
}

function textOf(result: CreateMessageResult | CreateMessageResultWithTools): string {
  const blocks = Array.isArray(result.content) ? result.content : [result.content];
  return blocks.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

type SampledResult = CreateMessageResult | CreateMessageResultWithTools;

/** The client's model as an engine port, whatever carries the question: `ask` sends one and answers the client's result. */
function clientModelPort(ask: (request: CompletionRequest) => Promise<SampledResult>): ModelPort {
  let model = 'sampling:client';
  return {
    engine: 'sampling',
    get model() {
      return model;
    },
    async complete(request: CompletionRequest): Promise<Completion> {
      const result = await ask(request);
      if (result.model) model = `sampling:${result.model}`;
      const text = textOf(result);
      request.onText?.(text.length);
      // MCP sampling reports no token counts.
      return { text, usage: NO_TOKENS };
    },
  };
}

/** The client's model, asked mid-call on the connection; `timeoutMs` bounds each request (the phase limit aborts it sooner). */
export function samplingPort(ctx: ServerContext, timeoutMs: number): ModelPort {
  return clientModelPort(async (request) => {
    const result = await ctx.mcpReq.requestSampling(samplingParams(request), { signal: request.signal, timeout: timeoutMs });
    request.signal.throwIfAborted();
    return result;
  });
}

/**
 * The client's model, asked in its 2025-revision HTTP session: the request goes on the call's event
 * stream with an id unique across processes, and the answer comes back through `sessions` from
 * whichever process the client POSTed it to. The phase limit, `timeoutMs` and the client going away
 * (its request's signal) end the wait; the client is then told the request is cancelled.
 */
export function sessionPort(server: McpServer, ctx: ServerContext, sessions: McpSessions, session: McpSession, timeoutMs: number): ModelPort {
  return clientModelPort(async (request) => {
    const transport = server.server.transport;
    if (!transport) throw new Error('the call has no stream to ask the client on');
    const gone = ctx.http?.req?.signal;
    const failed = new AbortController();
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs), failed.signal, ...(gone ? [gone] : [])]);
    const related = { relatedRequestId: ctx.mcpReq.id };
    const { id, answer } = sessions.expect(session.id, signal);
    transport.send({ jsonrpc: '2.0', id, method: 'sampling/createMessage', params: samplingParams(request) }, related).catch((error: unknown) => failed.abort(error));
    let message: Awaited<typeof answer>;
    try {
      message = await answer;
    } catch (error) {
      if (!failed.signal.aborted) {
        // Why, when it is ours to say (the client cancelled the call, the phase limit).
        const why = signal.reason instanceof AiosError ? `: ${signal.reason.message}` : '';
        transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: `the tool call no longer waits for this answer${why}` } }, related).catch(() => undefined);
      }
      request.signal.throwIfAborted();
      if (gone?.aborted) throw new Error('the client went away before answering', { cause: error });
      if (failed.signal.aborted) throw new Error(`the request could not be sent to the client: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      throw new Error(`the client did not answer within ${timeoutMs} ms`, { cause: error });
    }
    if ('error' in message) throw new Error(`the client answered with an error: ${message.error.message}`);
    const result = message.result;
    if (!isSpecType.CreateMessageResult(result) && !isSpecType.CreateMessageResultWithTools(result)) throw new Error('the client\'s answer is not a sampling result');
    return result as SampledResult;
  });
}

/** What a multi-round-trip call carries from round to round: the client's answers so far, and its model. */
const RoundStateSchema = z.object({ answers: z.array(z.string().max(200_000)).max(8), model: z.string().max(200) });
type RoundState = z.infer<typeof RoundStateSchema>;

const answerKey = (index: number) => `answer_${index}`;

/**
 * The answers a round has: those carried in `requestState`, plus the one the client sent for the
 * request of the last round. State that does not parse starts over (it is the client's to send).
 */
export function roundAnswers(ctx: ServerContext): RoundState {
  const raw = ctx.mcpReq.requestState<string>();
  let state: RoundState = { answers: [], model: 'sampling:client' };
  if (typeof raw === 'string') {
    try {
      state = RoundStateSchema.parse(JSON.parse(raw));
    } catch {
      state = { answers: [], model: 'sampling:client' };
    }
  }
  const view = inputResponse(ctx.mcpReq.inputResponses, answerKey(state.answers.length));
  if (view.kind !== 'sampling') return state;
  return { answers: [...state.answers, textOf(view.result)], model: view.result.model ? `sampling:${view.result.model}` : state.model };
}

/** A port that answers from the answers so far, and asks for the next one by throwing `InputNeeded`. */
export function replayPort(state: RoundState): ModelPort {
  let calls = 0;
  return {
    engine: 'sampling',
    model: state.model,
    complete(request) {
      const index = calls++;
      const text = state.answers[index];
      if (text === undefined) return Promise.reject(new InputNeeded(request, index));
      request.onText?.(text.length);
      return Promise.resolve({ text, usage: NO_TOKENS });
    },
  };
}

/** The input_required answer that asks the client's model for the next answer. */
export function nextRound(needed: InputNeeded, state: RoundState): { key: string; params: CreateMessageRequestParams; requestState: string } {
  return { key: answerKey(needed.index), params: samplingParams(needed.request), requestState: JSON.stringify(state) };
}
