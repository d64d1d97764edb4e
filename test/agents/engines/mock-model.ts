import { APICallError, simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { llmPort } from '../../../src/agents/engines/llm.js';
import type { ModelPort } from '../../../src/agents/engines/port.js';

/**
 * A stand-in for a hosted model (none is reachable from the test machines): the AI SDK's own mock
 * model (`ai/test`), answering each call with the next scripted step, through the real `llm` port.
 */

/** A step: an answer streamed in pieces, a provider's HTTP error, or a model that never finishes. */
export type Step = string | { status: number; retryAfter?: string } | 'hang';

export const USAGE_PER_CALL = { input: 1200, output: 400 };

export interface ScriptedModel {
  port: ModelPort;
  model: MockLanguageModelV3;
  /** Every call's prompt as text (system and messages), in order. */
  prompts(): string[];
  /** How many calls saw their abort signal fire. */
  aborted(): number;
}

export function scriptedModel(steps: Step[], options: { name?: string; retryBaseMs?: number } = {}): ScriptedModel {
  let call = 0;
  let aborted = 0;
  const model = new MockLanguageModelV3({
    provider: 'mock',
    modelId: 'mock-reader',
    doStream: async ({ abortSignal }) => {
      const step = steps[Math.min(call, steps.length - 1)]!;
      call += 1;
      abortSignal?.addEventListener('abort', () => (aborted += 1), { once: true });
      if (step === 'hang') {
        return {
          stream: new ReadableStream({
            start(controller) {
              controller.enqueue({ type: 'text-start', id: 't' });
              controller.enqueue({ type: 'text-delta', id: 't', delta: '{"name":' });
              abortSignal?.addEventListener('abort', () => controller.error(abortSignal.reason), { once: true });
            },
          }),
        };
      }
      if (typeof step !== 'string') {
        throw new APICallError({
          message: `mock provider answered ${step.status}`,
          url: 'https://mock.invalid/v1/chat/completions',
          requestBodyValues: {},
          statusCode: step.status,
          ...(step.retryAfter ? { responseHeaders: { 'retry-after': step.retryAfter } } : {}),
        });
      }
      const pieces = step.match(/[\s\S]{1,400}/g) ?? [''];
      return {
        stream: simulateReadableStream({
          chunks: [
            { type: 'text-start' as const, id: 't' },
            ...pieces.map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
            { type: 'text-end' as const, id: 't' },
            {
              type: 'finish' as const,
              finishReason: { unified: 'stop' as const, raw: undefined },
              usage: {
                inputTokens: { total: USAGE_PER_CALL.input, noCache: USAGE_PER_CALL.input, cacheRead: undefined, cacheWrite: undefined },
                outputTokens: { total: USAGE_PER_CALL.output, text: USAGE_PER_CALL.output, reasoning: undefined },
              },
            },
          ],
        }),
      };
    },
  });
  const port = llmPort(model, { name: options.name ?? 'mock:reader', retry: { retries: 2, baseMs: options.retryBaseMs ?? 5, maxMs: 50 } });
  return {
    port,
    model,
    prompts: () => model.doStreamCalls.map((options) => JSON.stringify(options.prompt)),
    aborted: () => aborted,
  };
}
