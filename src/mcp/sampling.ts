import type { CreateMessageResult, CreateMessageResultWithTools, McpServer, ServerContext } from '@modelcontextprotocol/server';
import type { Completion, CompletionRequest, ModelPort } from '../agents/engines/port.js';
import { NO_TOKENS } from '../agents/engines/port.js';

/**
 * The `sampling` engine: the calling client's own model, asked through MCP `sampling/createMessage`
 * on the tool call's connection. Only the process holding that connection can ask, so the tool
 * call's handler makes this port and gives it to the run (see tools.ts). Served on 2025-era
 * connections whose client declared the `sampling` capability (stdio); the 2026-07-28 revision
 * has no server-to-client requests, and stateless 2025-era HTTP has no connection to carry them.
 */

/** Enough room for a product model; the client may cap it lower. */
const MAX_TOKENS = 16_000;

/** Whether this call's client can be sampled: a 2025-era connection whose client declared the capability. */
export function canSample(server: McpServer, era: 'legacy' | 'modern'): boolean {
  return era === 'legacy' && server.server.getClientCapabilities()?.sampling !== undefined;
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
      const result = await ctx.mcpReq.requestSampling(
        {
          systemPrompt: request.system,
          messages: request.messages.map((message) => ({ role: message.role, content: { type: 'text' as const, text: message.content } })),
          maxTokens: MAX_TOKENS,
          includeContext: 'none',
          modelPreferences: { intelligencePriority: 0.8, speedPriority: 0.3 },
        },
        { signal: request.signal, timeout: timeoutMs },
      );
      request.signal.throwIfAborted();
      if (result.model) model = `sampling:${result.model}`;
      const text = textOf(result);
      request.onText?.(text.length);
      // MCP sampling reports no token counts.
      return { text, usage: NO_TOKENS };
    },
  };
}
