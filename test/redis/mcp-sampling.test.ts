import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAT_IDEA, FLAT_MODEL, FLAT_PROSE } from '../fixtures/model-answers.js';
import { removeDataDir, startServer, testConfig, type Server } from '../http/support.js';
import { cancelWhileSampling, expectSampled, samplingClient, type ModelAnswer, type ToolAnswer } from '../mcp/clients.js';
import { TestRedis } from './redis-server.js';

/**
 * Sampling a 2025-revision client over `/mcp` behind a load balancer without affinity: two app
 * instances on one Redis, the client's requests alternating between them, and each answer of its
 * model POSTed to the instance that does NOT hold the waiting tool call. The session opened on one
 * instance is read by the other from Redis, and the answer reaches the call through Redis pub/sub.
 */

const KEY = 'aios_mcp_sampling_redis_test_key_0123456789';
let redis: TestRedis;
let apis: Server[] = [];

beforeAll(async () => {
  redis = await TestRedis.start();
  // A lost answer fails the call within the phase limit rather than the test's.
  const env = { REDIS_URL: redis.url, AIOS_API_KEYS: JSON.stringify({ sampling: KEY }), AGENT_TIMEOUT_ANALYSIS_MS: '20000' };
  // The sampled calls run in the process that holds them: no worker needed.
  apis = await Promise.all([startServer(await testConfig(env), { worker: false }), startServer(await testConfig(env), { worker: false })]);
});
afterAll(async () => {
  for (const api of apis) {
    await api.close();
    await removeDataDir(api.config);
  }
  await redis?.destroy();
});

/**
 * Whether a POST body is only what the client says of calls under way: its answers to the server's
 * requests (JSON-RPC responses), and its cancellations of its own calls.
 */
function isReplyBody(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  const messages = [JSON.parse(body) as unknown].flat() as Array<Record<string, unknown>>;
  return messages.every((message) => (message.method === undefined && ('result' in message || 'error' in message)) || message.method === 'notifications/cancelled');
}

/**
 * A `fetch` that alternates requests between the instances, and sends each answer or cancellation
 * to the instance the last request did not go to; `log` says where each went.
 */
interface Sent {
  to: number;
  /** An answer or a cancellation. */
  reply: boolean;
  /** The JSON-RPC method of a request or notification. */
  rpc: string | undefined;
}

function crossingFetch(bases: string[]): { fetch: typeof fetch; log: Sent[] } {
  const log: Sent[] = [];
  let turn = 0;
  let last = 0;
  const crossing: typeof fetch = (input, init) => {
    const reply = init?.method === 'POST' && isReplyBody(init.body);
    let to: number;
    if (reply) to = 1 - last;
    else {
      to = turn++ % bases.length;
      if (init?.method === 'POST') last = to;
    }
    const rpc = typeof init?.body === 'string' ? ((JSON.parse(init.body) as { method?: string }).method ?? undefined) : undefined;
    log.push({ to, reply, rpc });
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetch(`${bases[to]}${url.pathname}${url.search}`, init);
  };
  return { fetch: crossing, log };
}

/** A sampling client of the first instance whose requests cross between the two (`crossingFetch`). */
async function crossingClient(answers: ModelAnswer[]) {
  const { fetch: crossing, log } = crossingFetch(apis.map((api) => api.url));
  const made = samplingClient(answers);
  const transport = new StreamableHTTPClientTransport(new URL(`${apis[0]!.url}/mcp`), { fetch: crossing, requestInit: { headers: { authorization: `Bearer ${KEY}` } } });
  await made.client.connect(transport);
  return { ...made, transport, log };
}

describe('MCP sampling over 2025-revision HTTP across two app instances on one Redis', () => {
  it("the client's answers, POSTed to the other instance, reach the waiting call, and its model's reading is used", async () => {
    const { client, transport, log } = await crossingClient([JSON.stringify(FLAT_MODEL), JSON.stringify(FLAT_PROSE)]);
    try {
      const sessionId = transport.sessionId;
      expect(sessionId).toBeDefined();
      // The session is a record in Redis with a TTL, readable by every instance.
      const inspect = redis.client();
      try {
        expect(await inspect.pttl(`aios:mcp:session:${sessionId}`)).toBeGreaterThan(0);
      } finally {
        inspect.disconnect();
      }
      const result = (await client.callTool({ name: 'aios_analyze', arguments: { spec: FLAT_IDEA } })) as ToolAnswer;
      expectSampled(result, FLAT_PROSE.executive_summary);
    } finally {
      await client.close();
    }
    const answers = log.filter((entry) => entry.reply);
    expect(answers).toHaveLength(2);
    // Each answer went to the instance that did not get the tool call it answers.
    const call = log.find((entry) => entry.rpc === 'tools/call')!;
    for (const answer of answers) expect(answer.to).not.toBe(call.to);
  });

  it("the client's cancellation, POSTed to the other instance, stops the call where it waits for the client's model", async () => {
    // The client's model never answers; the request is held until the server withdraws it.
    const made = await crossingClient(['never']);
    try {
      // Withdrawn by the instance holding the call, told of the cancellation through Redis (else only its phase limit would end the wait).
      expect(await cancelWhileSampling(made)).toContain('the tool call no longer waits for this answer: the client cancelled the call');
    } finally {
      await made.client.close();
    }
    const call = made.log.find((entry) => entry.rpc === 'tools/call')!;
    const cancel = made.log.find((entry) => entry.rpc === 'notifications/cancelled')!;
    expect(cancel.reply).toBe(true);
    expect(cancel.to).not.toBe(call.to);
  });
});
