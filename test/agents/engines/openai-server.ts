import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible chat completions server that replays prepared answers (no hosted model
 * is reachable from the test machines). It speaks the wire format the AI SDK's
 * `@ai-sdk/openai-compatible` provider sends and reads: JSON, or server-sent events when asked
 * to stream, with token usage in the last chunk.
 */

/** A reply: an answer's text, an HTTP error, or no answer until the client gives up. */
export type Reply = { content: string } | { status: number; retryAfter?: string; message?: string } | 'hang';

export interface ReplayServer {
  /** The `AIOS_MODEL_BASE_URL` to use: `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  requests: Array<{ headers: IncomingHttpHeaders; body: Record<string, unknown> }>;
  /** Requests whose client hung up before an answer (an aborted model call). */
  abandoned: number;
  close(): Promise<void>;
}

export async function startReplayServer(replies: Reply[], usage = { prompt_tokens: 2100, completion_tokens: 650 }): Promise<ReplayServer> {
  const state: ReplayServer = { baseUrl: '', requests: [], abandoned: 0, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw) as Record<string, unknown>;
      const reply = replies[Math.min(state.requests.length, replies.length - 1)]!;
      state.requests.push({ headers: req.headers, body });
      if (reply === 'hang') {
        res.on('close', () => {
          if (!res.writableEnded) state.abandoned += 1;
        });
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`data: ${JSON.stringify(chunk({ role: 'assistant', content: '{' }))}\n\n`);
        return;
      }
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.retryAfter ? { 'retry-after': reply.retryAfter } : {}) });
        res.end(JSON.stringify({ error: { message: reply.message ?? `replayed ${reply.status}`, type: 'server_error' } }));
        return;
      }
      if (body.stream === true) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const pieces = reply.content.match(/[\s\S]{1,300}/g) ?? [''];
        pieces.forEach((piece, index) => res.write(`data: ${JSON.stringify(chunk({ ...(index === 0 ? { role: 'assistant' } : {}), content: piece }))}\n\n`));
        res.write(`data: ${JSON.stringify({ ...chunk({}, 'stop'), usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`);
        res.end('data: [DONE]\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-replay',
          object: 'chat.completion',
          created: 1_700_000_000,
          model: String(body.model),
          choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }],
          usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function chunk(delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> {
  return { id: 'chatcmpl-replay', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'replay', choices: [{ index: 0, delta, finish_reason: finish }] };
}
