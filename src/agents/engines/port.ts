import type { EngineChoice, EngineName, TokenUsage } from '../../contract/index.js';

/**
 * The engine port: what the agents ask of a language model, whoever runs it. A configured model
 * (`llm`, through the AI SDK) and the calling client's model (`sampling`, over MCP) both answer
 * it; the offline reader (`heuristic`) needs none. It is plain async data in and out, with an
 * AbortSignal, so it runs wherever the agents run.
 */

export interface ModelMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  /** The persona and its method. */
  system: string;
  messages: ModelMessage[];
  /** The JSON Schema the answer must fill, when the answer is an object; the caller still validates it. */
  schema?: Record<string, unknown>;
  /** Aborted by the phase's time limit or the job's cancellation: the model call stops with it. */
  signal: AbortSignal;
  /** Called as the answer grows, with the characters written so far. */
  onText?: (characters: number) => void;
}

export interface Completion {
  text: string;
  usage: TokenUsage;
}

export interface ModelPort {
  readonly engine: Exclude<EngineName, 'heuristic'>;
  /** The model's name as outputs and logs show it (`openai:gpt-4.1`). */
  readonly model: string;
  complete(request: CompletionRequest): Promise<Completion>;
}

/** The engines a run may use: the default choice (`AIOS_ENGINE`), the configured model, the client's model. */
export interface Engines {
  choice: EngineChoice;
  llm?: ModelPort | undefined;
  sampler?: ModelPort | undefined;
}

export const NO_TOKENS: TokenUsage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };

export function addTokens(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
}

/**
 * Thrown by a port that has no answer yet for the `index`-th call and must first ask for one
 * outside the run (MCP's multi-round-trip sampling: the tool call returns the request, and the
 * client calls again with the answer). It passes through the run untouched.
 */
export class InputNeeded extends Error {
  constructor(
    readonly request: CompletionRequest,
    readonly index: number,
  ) {
    super(`the model's answer ${index + 1} is needed`);
    this.name = 'InputNeeded';
  }
}
