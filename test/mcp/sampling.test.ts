import { type Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1HttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema as V1CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ProductModelSchema } from '../../src/contract/index.js';
import { BAD_FLAT_MODEL, FLAT_ARCHITECTURE_PROSE, FLAT_IDEA, FLAT_MODEL, FLAT_PRD_PROSE, FLAT_PROSE } from '../fixtures/model-answers.js';
import { createKey, removeDataDir, startServer, testConfig, type Server } from '../http/support.js';
import { cancelWhileSampling, connectStdio, expectSampled, samplingClient as newSamplingClient, type Era, type ModelAnswer, type SamplingRequest, type ToolAnswer } from './clients.js';

/**
 * The `sampling` engine end to end: the official SDK Client, declaring the sampling capability
 * with a handler that plays the client's model (replaying prepared answers), calls aios_analyze
 * (and the other agents) on the built `aios-mcp stdio` command and on `/mcp` in both protocol eras
 * (2025 revisions in a session), and the server reads the idea and writes the prose with it.
 */

const open: Client[] = [];
let server: Server | undefined;

afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()));
  if (server) {
    await server.close();
    await removeDataDir(server.config);
    server = undefined;
  }
});

/** A `samplingClient`, closed after the test. */
function samplingClient(answers: ModelAnswer[] | undefined, era: Era = '2025-11-25') {
  const made = newSamplingClient(answers, era);
  open.push(made.client);
  return made;
}

async function overStdio(answers: ModelAnswer[] | undefined, env: Record<string, string> = {}, era: Era = '2025-11-25') {
  const made = samplingClient(answers, era);
  await connectStdio(made.client, env);
  return made;
}

async function analyze(client: Client, args: Record<string, unknown>) {
  const result = await client.callTool({ name: 'aios_analyze', arguments: { spec: FLAT_IDEA, ...args } });
  return result as ToolAnswer;
}

describe('MCP sampling over stdio (2025 revision)', () => {
  it('reads the idea with the client\'s model when no model is configured (auto), and says so', async () => {
    const { client, requests } = await overStdio([JSON.stringify(FLAT_MODEL), JSON.stringify(FLAT_PROSE)]);
    const result = await analyze(client, {});
    expectSampled(result, FLAT_PROSE.executive_summary);
    // The reading, then the brief's prose.
    expect(requests).toHaveLength(2);
    expect(requests[0]!.systemPrompt).toContain('Atlas');
    expect(requests[0]!.messages[0]!.content.text).toContain(`<idea>\n${FLAT_IDEA}\n</idea>`);
  });

  it('sends an invalid answer back once, with its problems, in the same conversation', async () => {
    const { client, requests } = await overStdio([JSON.stringify(BAD_FLAT_MODEL), JSON.stringify(FLAT_MODEL), JSON.stringify(FLAT_PROSE)]);
    const result = await analyze(client, { engine: 'sampling' });
    expect(result.structuredContent.engine).toBe('sampling');
    expect(result.structuredContent.fallback).toBeUndefined();
    expect(requests).toHaveLength(3);
    expect(requests[1]!.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(requests[1]!.messages[2]!.content.text).toMatch(/access\.2\.role: "landlord" is not a role/);
  });

  it('falls back to the offline reading when the client\'s answer stays invalid', async () => {
    const { client, requests } = await overStdio(['I cannot help with that.']);
    const result = await analyze(client, {});
    expect(requests).toHaveLength(2);
    expect(result.structuredContent).toMatchObject({ engine: 'heuristic', fallback: { from: 'sampling', reason: expect.stringContaining('not a valid product model') } });
  });

  it('a client without the sampling capability gets the offline reader; asking for sampling says why it fell back', async () => {
    const { client } = await overStdio(undefined);
    expect((await analyze(client, {})).structuredContent).toMatchObject({ engine: 'heuristic' });
    expect((await analyze(client, {})).structuredContent.fallback).toBeUndefined();
    const asked = await analyze(client, { engine: 'sampling' });
    expect(asked.structuredContent).toMatchObject({ engine: 'heuristic', fallback: { from: 'sampling' } });
  });

  it('AIOS_ENGINE=heuristic, or engine "heuristic" on the call, never asks the client', async () => {
    const configured = await overStdio([JSON.stringify(FLAT_MODEL), JSON.stringify(FLAT_PROSE)], { AIOS_ENGINE: 'heuristic' });
    expect((await analyze(configured.client, {})).structuredContent.engine).toBe('heuristic');
    expect(configured.requests).toHaveLength(0);
    expect((await analyze(configured.client, { engine: 'sampling' })).structuredContent.engine).toBe('sampling');
    const perCall = await overStdio([JSON.stringify(FLAT_MODEL)]);
    expect((await analyze(perCall.client, { engine: 'heuristic' })).structuredContent.engine).toBe('heuristic');
    expect(perCall.requests).toHaveLength(0);
  });

  it('a client that never answers hits the phase limit: AGENT_TIMEOUT', async () => {
    const { client } = await overStdio(['never'], { AGENT_TIMEOUT_ANALYSIS_MS: '500' });
    const result = await analyze(client, {});
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/^AGENT_TIMEOUT: /);
  });
});

const keys = new WeakMap<StreamableHTTPClientTransport, string>();
const keyOf = (transport: StreamableHTTPClientTransport) => keys.get(transport)!;

async function overHttp(answers: ModelAnswer[] | undefined, era: Era, env: Record<string, string> = {}) {
  server = await startServer(await testConfig(env));
  const key = await createKey(server);
  const made = samplingClient(answers, era);
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } });
  keys.set(transport, key);
  await made.client.connect(transport);
  return { ...made, transport };
}

describe('MCP sampling on the 2026-07-28 revision (input_required, stateless)', () => {
  it('over HTTP: the call asks for each answer in turn, and the client\'s reading and prose are used', async () => {
    const { client, requests } = await overHttp([JSON.stringify(FLAT_MODEL), JSON.stringify(FLAT_PROSE)], '2026-07-28');
    const result = await analyze(client, {});
    expectSampled(result, FLAT_PROSE.problem_statement);
    expect(requests).toHaveLength(2);
    expect(requests[0]!.messages[0]!.content.text).toContain(`<idea>\n${FLAT_IDEA}\n</idea>`);
    expect(requests[1]!.systemPrompt).toContain('project brief');
  });

  it('over HTTP: an invalid answer goes back once with its problems, in the same conversation', async () => {
    const { client, requests } = await overHttp([JSON.stringify(BAD_FLAT_MODEL), JSON.stringify(FLAT_MODEL), JSON.stringify(FLAT_PROSE)], '2026-07-28');
    const result = await analyze(client, { engine: 'sampling' });
    expect(result.structuredContent).toMatchObject({ engine: 'sampling', product_model: ProductModelSchema.parse(FLAT_MODEL) });
    expect(requests).toHaveLength(3);
    expect(requests[1]!.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(requests[1]!.messages[2]!.content.text).toMatch(/access\.2\.role: "landlord" is not a role/);
  });

  it('over stdio too', async () => {
    const { client, requests } = await overStdio([JSON.stringify(FLAT_MODEL), JSON.stringify(FLAT_PROSE)], {}, '2026-07-28');
    const result = await analyze(client, {});
    expect(result.structuredContent).toMatchObject({ engine: 'sampling', product_model: ProductModelSchema.parse(FLAT_MODEL) });
    expect(requests).toHaveLength(2);
  });

  it('a client without the capability gets the offline reading', async () => {
    const { client } = await overHttp(undefined, '2026-07-28');
    expect((await analyze(client, {})).structuredContent).toMatchObject({ engine: 'heuristic' });
  });
});

describe('MCP sampling over HTTP (2025 revisions), in a session', () => {
  it('a client offering sampling gets a session at initialize, and its model reads the idea and writes the brief', async () => {
    const { client, requests, transport } = await overHttp([JSON.stringify(FLAT_MODEL), JSON.stringify(FLAT_PROSE)], '2025-11-25');
    expect(transport.sessionId).toMatch(/^[\w-]{32}$/);
    const result = await analyze(client, {});
    expectSampled(result, FLAT_PROSE.executive_summary);
    expect(requests).toHaveLength(2);
    expect(requests[0]!.messages[0]!.content.text).toContain(`<idea>\n${FLAT_IDEA}\n</idea>`);
  });

  it('the v1 SDK client with a sampling handler is sampled too', async () => {
    server = await startServer(await testConfig());
    const key = await createKey(server);
    const requests: SamplingRequest[] = [];
    const client = new V1Client({ name: 'aios-v1-sampling', version: '1.0.0' }, { capabilities: { sampling: {} } });
    client.setRequestHandler(V1CreateMessageRequestSchema, (request) => {
      requests.push(request.params as unknown as SamplingRequest);
      const text = JSON.stringify(requests.length === 1 ? FLAT_MODEL : FLAT_PROSE);
      return { model: 'v1-model', role: 'assistant' as const, content: { type: 'text' as const, text } };
    });
    const transport = new V1HttpTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } });
    await client.connect(transport);
    try {
      expect(transport.sessionId).toBeDefined();
      const result = (await client.callTool({ name: 'aios_analyze', arguments: { spec: FLAT_IDEA, engine: 'sampling' } })) as ToolAnswer;
      expectSampled(result, FLAT_PROSE.problem_statement, 'sampling:v1-model');
      expect(requests).toHaveLength(2);
    } finally {
      await client.close();
    }
  });

  it('a client without the capability gets no session and the offline reading, as before; asking for sampling says why', async () => {
    const { client, transport } = await overHttp(undefined, '2025-11-25');
    expect(transport.sessionId).toBeUndefined();
    const result = await analyze(client, {});
    expect(result.structuredContent).toMatchObject({ engine: 'heuristic' });
    expect(result.structuredContent.fallback).toBeUndefined();
    const asked = await analyze(client, { engine: 'sampling' });
    expect(asked.structuredContent).toMatchObject({ engine: 'heuristic', fallback: { from: 'sampling', reason: expect.stringContaining('declares the sampling capability') } });
  });

  it('an unknown or ended session answers 404; another key may not use a session; DELETE ends it', async () => {
    const { client, transport } = await overHttp([JSON.stringify(FLAT_MODEL)], '2025-11-25');
    const sessionId = transport.sessionId!;
    const key = keyOf(transport);
    const other = await createKey(server!, { name: 'other' });
    const post = (bearer: string, id: string) =>
      fetch(`${server!.url}/mcp`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25', 'mcp-session-id': id },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
    const unknown = await post(key, 'no-such-session-0123456789');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: number } }).error.code).toBe(-32001);
    const refused = await post(other, sessionId);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    // The session's own client still works, then ends it.
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await transport.terminateSession();
    const ended = await fetch(`${server!.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25', 'mcp-session-id': sessionId },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(ended.status).toBe(404);
  });

  it('a session unused for MCP_SESSION_TTL_MS expires: requests naming it get 404', async () => {
    const { transport } = await overHttp([JSON.stringify(FLAT_MODEL)], '2025-11-25', { MCP_SESSION_TTL_MS: '1000' });
    const list = () =>
      fetch(`${server!.url}/mcp`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keyOf(transport)}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25', 'mcp-session-id': transport.sessionId! },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
    expect((await list()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await list()).status).toBe(404);
  });

  it('the client cancelling a call that waits for its model (notifications/cancelled) stops the call, which withdraws its request', async () => {
    // A phase limit far beyond the test's: only the cancellation can end the wait.
    const made = await overHttp(['never'], '2025-11-25', { AGENT_TIMEOUT_ANALYSIS_MS: '3600000' });
    expect(await cancelWhileSampling(made)).toContain('the tool call no longer waits for this answer: the client cancelled the call');
    expect(made.requests).toHaveLength(1);
    // The session serves the next call.
    expect((await made.client.listTools()).tools.length).toBeGreaterThan(0);
  });

  it('a client that never answers hits the phase limit: AGENT_TIMEOUT', async () => {
    const { client } = await overHttp(['never'], '2025-11-25', { AGENT_TIMEOUT_ANALYSIS_MS: '500' });
    const result = await analyze(client, {});
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/^AGENT_TIMEOUT: /);
  });
});

describe('sampling for the other agents: the client\'s model writes their prose', () => {
  it('over stdio (2025 revision): aios_design_architecture reads the idea and writes the technical summary with it', async () => {
    const { client, requests } = await overStdio([JSON.stringify(FLAT_MODEL), JSON.stringify(FLAT_ARCHITECTURE_PROSE)]);
    const result = (await client.callTool({ name: 'aios_design_architecture', arguments: { spec: FLAT_IDEA, engine: 'sampling' } })) as {
      structuredContent: Record<string, unknown>;
      content: Array<{ text: string }>;
    };
    expect(result.structuredContent).toMatchObject({ engine: 'sampling', model: 'sampling:client-model-7' });
    expect(result.structuredContent.fallback).toBeUndefined();
    expect(result.structuredContent.architecture_markdown).toContain(FLAT_ARCHITECTURE_PROSE.technical_summary);
    expect(result.content[0]!.text).toContain(FLAT_ARCHITECTURE_PROSE.technical_summary);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.systemPrompt).toContain('Aria');
  });

  it('over HTTP on the 2026-07-28 revision (input_required): aios_strategize writes the PRD\'s background with it', async () => {
    const { client, requests } = await overHttp([JSON.stringify(FLAT_MODEL), JSON.stringify(FLAT_PRD_PROSE)], '2026-07-28');
    const result = (await client.callTool({ name: 'aios_strategize', arguments: { spec: FLAT_IDEA, engine: 'sampling' } })) as { structuredContent: Record<string, unknown> };
    expect(result.structuredContent).toMatchObject({ engine: 'sampling', model: 'sampling:client-model-7' });
    expect(result.structuredContent.fallback).toBeUndefined();
    expect(result.structuredContent.prd_markdown).toContain(FLAT_PRD_PROSE.background_context);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.systemPrompt).toContain('Morgan');
  });
});
