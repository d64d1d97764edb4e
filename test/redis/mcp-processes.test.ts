import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERAS, alternatingFetch, type Era } from '../mcp/clients.js';
import { SPEC, waitForJob } from '../mcp/suite.js';
import { TestRedis } from './redis-server.js';
import { startApi, stopAll, type CliProcess } from './processes.js';

/**
 * Remote MCP servers break behind a load balancer when their sessions live in one process. Here a
 * client's requests alternate between two real API processes (the built CLI, each with its own
 * in-process worker) on one Redis, in both protocol eras, and still run a pipeline to its end.
 */

const KEY = 'aios_mcp_processes_test_key_0123456789';
let redis: TestRedis;
let apis: Array<CliProcess & { url: string }> = [];

beforeAll(async () => {
  redis = await TestRedis.start();
  const env = { REDIS_URL: redis.url, ADMIN_API_KEY: 'admin-secret-for-mcp-processes-0123', AIOS_API_KEYS: JSON.stringify({ mcp: KEY }), RATE_LIMIT_PER_MINUTE: '100000', AIOS_TEST_JOB_DELAY_MS: '600' };
  apis = await Promise.all([startApi(env), startApi(env)]);
});
afterAll(async () => {
  await stopAll(apis);
  await redis?.stop();
});

describe('MCP across two API processes on one Redis', () => {
  it.each(Object.keys(ERAS) as Era[])('a %s client alternating between the processes completes a pipeline', async (era) => {
    const { fetch: alternating, hits } = alternatingFetch(apis.map((api) => api.url));
    const client = new Client({ name: 'alternating', version: '1' }, { versionNegotiation: ERAS[era] as never });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${apis[0]!.url}/mcp`), { fetch: alternating, requestInit: { headers: { authorization: `Bearer ${KEY}` } } }),
    );
    try {
      const accepted = (await client.callTool({ name: 'aios_full_pipeline', arguments: { spec: SPEC } })).structuredContent as { job_id: string };
      expect((await waitForJob(client, accepted.job_id)).status).toBe('completed');
      const all = await client.callTool({ name: 'aios_get_artifact', arguments: { job_id: accepted.job_id, artifact_type: 'all' } });
      expect(Object.keys(all.structuredContent as object).sort()).toEqual(['architecture', 'code', 'strategy', 'ux']);
      const strategy = await client.callTool({ name: 'aios_strategize', arguments: { spec: SPEC } });
      expect(strategy.isError).toBeFalsy();
    } finally {
      await client.close();
    }
    expect(hits[0]).toBeGreaterThan(2);
    expect(hits[1]).toBeGreaterThan(2);
  });

  it('a 2026-07-28 client listening on one process sees the updates of a job posted on the other', async () => {
    const response = await fetch(`${apis[0]!.url}/api/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tool: 'aios_strategize', input: { spec: SPEC } }),
    });
    const { job_id } = (await response.json()) as { job_id: string };
    const client = new Client({ name: 'listener', version: '1' }, { versionNegotiation: ERAS['2026-07-28'] as never });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${apis[1]!.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${KEY}` } } }));
    const uri = `aios://jobs/${job_id}`;
    const updates: string[] = [];
    client.setNotificationHandler('notifications/resources/updated', (notification) => {
      updates.push(notification.params.uri);
    });
    try {
      const subscription = await client.listen({ resourceSubscriptions: [uri] });
      await waitForJob(client, job_id);
      for (let i = 0; i < 40 && updates.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      await subscription.close();
      expect(updates.length).toBeGreaterThanOrEqual(2);
      expect(new Set(updates)).toEqual(new Set([uri]));
    } finally {
      await client.close();
    }
  });
});
