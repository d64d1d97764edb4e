import { CLIENT_CAPABILITIES_META_KEY, inputResponse, type ClientCapabilities, type CreateMessageRequestParams, type CreateMessageResult, type CreateMessageResultWithTools, type McpServer, type ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Completion, CompletionRequest, ModelPort } from '../agents/engines/port.js';
import { InputNeeded, NO_TOKENS } from '../agents/engines/port.js';

/**
 * The `sampling` engine: the calling client's own model, asked through MCP `sampling/createMessage`.
 * Only the handler of the client's tool call can ask, so it makes the port and gives it to the run
 * (see tools.ts). Two ways, by protocol era:
 * - 2025 revisions on a connection (stdio): the request goes to the client mid-call (`samplingPort`);
 * - 2026-07-28 (stdio and HTTP, stateless): the call answers `input_required` with the request,
 *   and the client calls again with the answer (`replayPort`, `sampledRound`); the answers so far
 *   travel in `requestState` and are checked again on every round, like any answer.
 * Stateless 2025-era HTTP has neither a connection nor input_required, so it cannot sample.
 */

/** Enough room for a product model; the client may cap it lower. */
const MAX_TOKENS = 16_000;

/**
 * Whether this call's client can be sampled: it declared the capability (on a 2025-era connection
 * at initialize; on the 2026 revision in each request's envelope), and, on the 2025 revisions, the
 * call came over a connection (`connected`: stdio) that can carry the request.
 */
export function canSample(server: McpServer, ctx: ServerContext, era: 'legacy' | 'modern', connected: boolean): boolean {
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

/** The client's model as an engine port; `timeoutMs` bounds each request (the phase limit aborts it sooner). */
export function samplingPort(ctx: ServerContext, timeoutMs: number): ModelPort {
  let model = 'sampling:client';
  return {
    engine: 'sampling',
    get model() {
      return model;
    },
    async complete(request: CompletionRequest): Promise<Completion> {
      const result = await ctx.mcpReq.requestSampling(samplingParams(request), { signal: request.signal, timeout: timeoutMs });
      request.signal.throwIfAborted();
      if (result.model) model = `sampling:${result.model}`;
      const text = textOf(result);
      request.onText?.(text.length);
      // MCP sampling reports no token counts.
      return { text, usage: NO_TOKENS };
    },
  };
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
