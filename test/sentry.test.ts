import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedQueue } from '../src/jobs/embedded.js';
import type { Job, JobRunner } from '../src/jobs/port.js';
import { openErrorTracker } from '../src/sentry.js';
import { ADMIN_KEY, SPEC, authed, postJob, removeDataDir, startServer, testConfig, waitForStatus, type Server } from './http/support.js';
import { eventually } from './webhooks/support.js';
import { TestRedis } from './redis/redis-server.js';

/**
 * Sentry through `SENTRY_DSN`, against a local HTTP server standing in for Sentry's ingest
 * endpoint (the DSN points at it): what reaches it, and what never does.
 */

interface Envelope {
  path: string;
  text: string;
  events: Array<{ exception?: { values: Array<{ type: string; value: string }> }; tags?: Record<string, string>; request?: unknown }>;
}

/** A fault injected into a real queue: reading the job `force-500` throws, as a bug in a store would. */
class FaultyQueue extends EmbeddedQueue {
  override async get(id: string): Promise<Job | undefined> {
    if (id === 'force-500') throw new TypeError("Cannot read properties of undefined (reading 'status')");
    return super.get(id);
  }
}

const IDEA = `${SPEC} Secret sauce: the loyalty points formula nobody may see.`;

describe('error tracking with SENTRY_DSN', () => {
  let ingest: HttpServer;
  const envelopes: Envelope[] = [];
  let server: Server;
  let key: string;
  let webhookSecret: string;

  beforeAll(async () => {
    ingest = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        let body = Buffer.concat(chunks);
        if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        const text = body.toString('utf8');
        const lines = text.split('\n').filter(Boolean);
        const events = [];
        // Envelope: a header line, then item header / item payload pairs.
        for (let index = 1; index + 1 < lines.length; index += 2) {
          if ((JSON.parse(lines[index]!) as { type: string }).type === 'event') events.push(JSON.parse(lines[index + 1]!) as Envelope['events'][number]);
        }
        envelopes.push({ path: request.url ?? '', text, events });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => ingest.listen(0, '127.0.0.1', resolve));
    const { port } = ingest.address() as AddressInfo;
    const config = await testConfig({ SENTRY_DSN: `http://0123456789abcdef0123456789abcdef@127.0.0.1:${port}/42` });
    server = await startServer(config, {
      queue: new FaultyQueue({
        concurrency: 2,
        phaseTimeoutsMs: config.phaseTimeoutsMs,
        retention: config.retention,
        // A bug in an agent: the job fails with AGENT_FAILURE.
        run: async () => {
          throw new TypeError("Cannot read properties of undefined (reading 'entities')");
        },
      }),
    });
    const created = await fetch(`${server.url}/api/admin/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify({ name: 'sentry' }),
    });
    ({ key, webhook_secret: webhookSecret } = (await created.json()) as { key: string; webhook_secret: string });
  });

  afterAll(async () => {
    await server.close();
    await new Promise<void>((resolve) => ingest.close(() => resolve()));
    await removeDataDir(server.config);
  });

  it('a forced 500 reaches the ingest server with the request id and route, and no key', async () => {
    const response = await fetch(`${server.url}/api/jobs/force-500?api_key=${key}`, { headers: { 'x-request-id': 'req-sentry-500' } });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; request_id: string } };
    expect(body.error).toMatchObject({ code: 'INTERNAL_ERROR', request_id: 'req-sentry-500' });
    const found = await eventually(
      () => envelopes.filter((envelope) => envelope.events.some((event) => event.tags?.request_id === 'req-sentry-500')),
      (list) => list.length > 0,
      'the 500 reaching Sentry',
    );
    expect(found[0]!.path.split('?')[0]).toBe('/api/42/envelope/');
    const event = found[0]!.events[0]!;
    expect(event.exception?.values[0]).toMatchObject({ type: 'TypeError' });
    expect(event.tags).toMatchObject({ request_id: 'req-sentry-500', method: 'GET', route: '/api/jobs/:id' });
    expect(event.request).toBeUndefined();
    for (const envelope of envelopes) {
      expect(envelope.text).not.toContain(key);
      expect(envelope.text).not.toContain(webhookSecret);
      expect(envelope.text).not.toContain(ADMIN_KEY);
    }
  });

  it('a job failed by a bug is reported with its job id, without the idea', async () => {
    const posted = await postJob(server, key, { tool: 'aios_strategize', input: { spec: IDEA } });
    const { job_id } = (await posted.json()) as { job_id: string };
    const job = await waitForStatus(server, key, job_id, ['failed']);
    expect(job.error?.code).toBe('AGENT_FAILURE');
    const found = await eventually(
      () => envelopes.filter((envelope) => envelope.events.some((event) => event.tags?.job_id === job_id)),
      (list) => list.length > 0,
      'the job failure reaching Sentry',
    );
    const event = found[0]!.events[0]!;
    expect(event.tags).toMatchObject({ job_id, code: 'AGENT_FAILURE' });
    expect(event.exception?.values[0]?.value).toContain("reading 'entities'");
    for (const envelope of envelopes) {
      expect(envelope.text).not.toContain('loyalty points formula');
      expect(envelope.text).not.toContain(key);
    }
  });

  it('without SENTRY_DSN nothing is started', async () => {
    expect(await openErrorTracker({ sentryDsn: undefined, nodeEnv: 'test' })).toBeUndefined();
  });

  it('input errors are not reported', async () => {
    const before = envelopes.length;
    const response = await fetch(`${server.url}/api/jobs`, authed(key, { method: 'POST', body: JSON.stringify({ tool: 'nope' }), headers: { 'x-request-id': 'req-sentry-400' } }));
    expect(response.status).toBe(400);
    // The 400 is answered after any report would have been queued; a later 500 flushes the transport.
    await fetch(`${server.url}/api/jobs/force-500`, authed(key, { headers: { 'x-request-id': 'req-sentry-after' } }));
    await eventually(
      () => envelopes.some((envelope) => envelope.events.some((event) => event.tags?.request_id === 'req-sentry-after')),
      Boolean,
      'the later 500',
    );
    expect(envelopes.slice(before).some((envelope) => envelope.events.some((event) => event.tags?.request_id === 'req-sentry-400'))).toBe(false);
  });

  it('on Redis a failed job is reported once, by the worker where it failed, though two API processes hear it', async () => {
    const redis = await TestRedis.start();
    const { port } = ingest.address() as AddressInfo;
    const config = await testConfig({
      SENTRY_DSN: `http://0123456789abcdef0123456789abcdef@127.0.0.1:${port}/42`,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'sentry-once',
      QUEUE_ATTEMPTS: '1',
    });
    const failing: JobRunner = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'relations')");
    };
    const running = await startServer(config, { runner: failing });
    const listening = await startServer(config, { worker: false });
    try {
      const made = await fetch(`${listening.url}/api/admin/keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
        body: JSON.stringify({ name: 'sentry-redis' }),
      });
      const { key: redisKey } = (await made.json()) as { key: string };
      const posted = await postJob(listening, redisKey, { tool: 'aios_strategize', input: { spec: IDEA } });
      const { job_id } = (await posted.json()) as { job_id: string };
      const job = await waitForStatus(listening, redisKey, job_id, ['failed']);
      expect(job.error?.code).toBe('AGENT_FAILURE');
      const reports = () => envelopes.flatMap((envelope) => envelope.events).filter((event) => event.tags?.job_id === job_id);
      await eventually(reports, (list) => list.length > 0, 'the job failure reaching Sentry');
      // Room for a second report to arrive, were there one.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(reports()).toHaveLength(1);
      expect(reports()[0]!.exception?.values[0]?.value).toContain("reading 'relations'");
    } finally {
      await listening.close();
      await running.close();
      await removeDataDir(config);
      await redis.destroy();
    }
  }, 30_000);

  it('servers in one process share Sentry\'s one client: one closing leaves the others reporting', async () => {
    const other = await startServer(await testConfig({ SENTRY_DSN: server.config.sentryDsn! }));
    await other.close();
    await removeDataDir(other.config);
    await fetch(`${server.url}/api/jobs/force-500`, authed(key, { headers: { 'x-request-id': 'req-sentry-shared' } }));
    await eventually(
      () => envelopes.some((envelope) => envelope.events.some((event) => event.tags?.request_id === 'req-sentry-shared')),
      Boolean,
      'the 500 of the server still open reaching Sentry',
    );
  });
});
