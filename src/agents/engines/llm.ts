import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, Output, jsonSchema, streamText, type LanguageModel } from 'ai';
import type { ModelSettings } from '../../config.js';
import type { Completion, CompletionRequest, ModelPort } from './port.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';

/**
 * The `llm` engine: a configured model (Anthropic, OpenAI, or any OpenAI-compatible server such
 * as Ollama, vLLM, LM Studio or OpenRouter) through the AI SDK. The answer streams, so the phase
 * can report progress while the model writes.
 */

/**
 * The AI SDK prints its warnings (a provider ignoring an option...) with console.info/warn, on
 * standard output, which is the JSON-RPC channel of `aios-mcp stdio` and the result of
 * `analyze --json`: they go to standard error, the log channel, instead. Set once, unless the
 * embedding program chose its own (the SDK's documented switch).
 */
const sdk = globalThis as { AI_SDK_LOG_WARNINGS?: unknown };
sdk.AI_SDK_LOG_WARNINGS ??= (options: { warnings: unknown[]; provider: string; model: string }) => {
  for (const warning of options.warnings) process.stderr.write(`AI SDK warning (${options.provider} / ${options.model}): ${JSON.stringify(warning)}\n`);
};

/** The AI SDK model of the configuration; `fetch` lets a caller route the calls (never needed in use). */
export function languageModelOf(settings: ModelSettings, fetch?: typeof globalThis.fetch): LanguageModel {
  const common = { ...(settings.apiKey ? { apiKey: settings.apiKey } : {}), ...(fetch ? { fetch } : {}) };
  switch (settings.provider) {
    case 'anthropic':
      return createAnthropic({ ...common, ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}) })(settings.id);
    case 'openai':
      return createOpenAI({ ...common, ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}) })(settings.id);
    case 'openai-compatible':
      return createOpenAICompatible({ ...common, name: 'openai-compatible', baseURL: settings.baseUrl!, includeUsage: true })(settings.id);
  }
}

/** A failed model call, its message cleared of the key: it reaches outputs (`fallback.reason`) and logs. */
export class ModelCallError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'ModelCallError';
  }
}

function describeFailure(error: unknown, secrets: readonly string[]): ModelCallError {
  const status = APICallError.isInstance(error) ? error.statusCode : undefined;
  let message = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) if (secret.length >= 4) message = message.split(secret).join('[redacted]');
  message = message.replace(/\s+/g, ' ').trim().slice(0, 300);
  return new ModelCallError(status === undefined ? message : `HTTP ${status}: ${message}`, status);
}

export interface LlmOptions {
  /** The model's name in outputs and logs. */
  name: string;
  /** Values never to repeat in an error (the key). */
  secrets?: readonly string[];
  retry?: RetryPolicy;
}

/** The engine port over an AI SDK model (a provider's, or `ai/test`'s mock in tests). */
export function llmPort(model: LanguageModel, options: LlmOptions): ModelPort {
  const secrets = options.secrets ?? [];
  const once = async (request: CompletionRequest): Promise<Completion> => {
    let failure: unknown;
    const result = streamText({
      model,
      system: request.system,
      messages: request.messages,
      abortSignal: request.signal,
      // Retries are ours: 429 and 5xx only (retry.ts).
      maxRetries: 0,
      ...(request.schema ? { output: Output.object({ schema: jsonSchema(request.schema) }) } : {}),
      // Optional fields are part of the product model: OpenAI's strict mode would refuse its schema.
      providerOptions: { openai: { strictJsonSchema: false } },
      onError: ({ error }) => {
        failure ??= error;
      },
    });
    let written = 0;
    for await (const delta of result.textStream) {
      written += delta.length;
      request.onText?.(written);
    }
    request.signal.throwIfAborted();
    if (failure !== undefined) throw failure;
    const [text, usage] = await Promise.all([result.text, result.totalUsage]);
    const input_tokens = usage.inputTokens ?? 0;
    const output_tokens = usage.outputTokens ?? 0;
    return { text, usage: { input_tokens, output_tokens, total_tokens: usage.totalTokens ?? input_tokens + output_tokens } };
  };
  return {
    engine: 'llm',
    model: options.name,
    async complete(request) {
      try {
        return await withRetries(() => once(request), request.signal, options.retry ?? DEFAULT_RETRY);
      } catch (error) {
        if (request.signal.aborted) throw request.signal.reason;
        throw describeFailure(error, secrets);
      }
    },
  };
}

/** The configured model as an engine port. */
export function configuredLlm(settings: ModelSettings, retry?: RetryPolicy): ModelPort {
  return llmPort(languageModelOf(settings), { name: settings.name, secrets: settings.apiKey ? [settings.apiKey] : [], ...(retry ? { retry } : {}) });
}
