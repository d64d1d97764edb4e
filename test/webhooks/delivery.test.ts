import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, SPEC, authed, postJob, removeDataDir, startServer, testConfig, waitForStatus, workloadRunner, type Server } from '../http/support.js';
import { freePort } from '../redis/redis-server.js';
import { eventually, startReceiver, type Received } from './support.js';

/**
 * Webhooks in the embedded mode, end to end: the app on a real socket runs jobs, a real HTTP
 * receiver on loopback (WEBHOOK_ALLOW_PRIVATE=true lets it be a target) gets the deliveries.
 */

interface Attempt {
  event: string;
  event_id: string;
  attempt: number;
  delivered: boolean;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  final: boolean;
}

/** The contract's signature, computed here independently of the service's code. */
function expectSigned(entry: Received, secret: string): void {
  const timestamp = String(entry.headers['x-aios-timestamp']);
  expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${entry.body}`).digest('hex')}`;
  expect(entry.headers['x-aios-signature']).toBe(expected);
  expect(entry.headers['x-aios-event-id']).toBe((JSON.parse(entry.body) as { event_id: string }).event_id);
}

async function makeKey(server: Server): Promise<{ id: string; key: string; webhook_secret: string }> {
  const response = await fetch(`${server.url}/api/admin/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
    body: JSON.stringify({ name: 'webhooks' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; key: string; webhook_secret: string };
}

async function attemptsOf(server: Server, key: string, jobId: string): Promise<Attempt[]> {
  const response = await fetch(`${server.url}/api/jobs/${jobId}/webhooks`, authed(key));
  expect(response.status).toBe(200);
  return ((await response.json()) as { attempts: Attempt[] }).attempts;
}

const bodyOf = (entry: Received) => JSON.parse(entry.body) as Record<string, unknown> & { event: string; event_id: string };

describe('webhook delivery (embedded mode, real receiver)', () => {
  let server: Server;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let key: { id: string; key: string; webhook_secret: string };

  beforeAll(async () => {
    receiver = await startReceiver((path, body, nth) => {
      if (path === '/flaky') return nth <= 2 ? 500 : 200;
      if (path === '/hang-first') return (JSON.parse(body) as { event: string }).event === 'job.started' ? 'hang' : 200;
      if (path === '/redirect') return { redirect: `${receiver.url}/ok` };
      return 200;
    });
    server = await startServer(
      await testConfig({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_BACKOFF_MS: '20', WEBHOOK_TIMEOUT_MS: '300', PUBLIC_URL: 'https://aios.example.com' }),
      { runner: workloadRunner({ defaultMs: 5 }) },
    );
    key = await makeKey(server);
  });

  afterAll(async () => {
    await server.close();
    await receiver.close();
    await removeDataDir(server.config);
  });

  it('a pipeline sends signed progress events and pipeline.completed, in order', async () => {
    const posted = await postJob(server, key.key, { tool: 'aios_full_pipeline', input: { spec: SPEC }, webhook_url: `${receiver.url}/pipeline` });
    expect(posted.status).toBe(202);
    const { job_id } = (await posted.json()) as { job_id: string };
    await waitForStatus(server, key.key, job_id, ['completed']);
    const mine = () => receiver.received.filter((entry) => entry.path === '/pipeline' && bodyOf(entry).job_id === job_id);
    const got = await eventually(mine, (list) => list.some((entry) => bodyOf(entry).event === 'pipeline.completed'), 'pipeline.completed');
    for (const entry of got) expectSigned(entry, key.webhook_secret);
    const events = got.map((entry) => `${bodyOf(entry).event}${bodyOf(entry).phase ? ` ${String(bodyOf(entry).phase)}` : ''}`);
    expect(events).toEqual([
      'job.started',
      ...['strategy', 'architecture', 'ux', 'code'].flatMap((phase) => [`phase.started ${phase}`, `phase.completed ${phase}`]),
      'pipeline.completed code',
    ]);
    const final = bodyOf(got.at(-1)!);
    expect(final).toMatchObject({ job_id, status: 'completed', progress: 100, phases_completed: ['strategy', 'architecture', 'ux', 'code'] });
    expect(final.artifact_urls).toEqual({
      strategy: `https://aios.example.com/api/jobs/${job_id}/artifacts/strategy`,
      architecture: `https://aios.example.com/api/jobs/${job_id}/artifacts/architecture`,
      ux: `https://aios.example.com/api/jobs/${job_id}/artifacts/ux`,
      code: `https://aios.example.com/api/jobs/${job_id}/artifacts/code`,
      all: `https://aios.example.com/api/jobs/${job_id}/artifacts/all`,
    });
    expect(typeof final.duration_ms).toBe('number');
    expect(typeof final.timestamp).toBe('string');
    expect(new Set(got.map((entry) => bodyOf(entry).event_id)).size).toBe(got.length);

    const attempts = await attemptsOf(server, key.key, job_id);
    expect(attempts.map((attempt) => attempt.event)).toEqual(got.map((entry) => bodyOf(entry).event));
    expect(attempts.every((attempt) => attempt.delivered && attempt.status_code === 200 && attempt.attempt === 1)).toBe(true);
    const job = (await (await fetch(`${server.url}/api/jobs/${job_id}`, authed(key.key))).json()) as { webhook: { state: string; event: string } };
    expect(job.webhook).toMatchObject({ state: 'delivered', event: 'pipeline.completed' });
  });

  it('a receiver answering 500 twice then 200 gets each event on the third attempt; the log shows all three', async () => {
    const posted = await postJob(server, key.key, { tool: 'aios_strategize', input: { spec: SPEC }, webhook_url: `${receiver.url}/flaky` });
    const { job_id } = (await posted.json()) as { job_id: string };
    await waitForStatus(server, key.key, job_id, ['completed']);
    const attempts = await eventually(() => attemptsOf(server, key.key, job_id), (list) => list.some((a) => a.event === 'job.completed' && a.delivered), 'job.completed delivered');
    // Map.groupBy is Node 21+.
    const byEvent = new Map<string, Attempt[]>();
    for (const attempt of attempts) byEvent.set(attempt.event, [...(byEvent.get(attempt.event) ?? []), attempt]);
    expect([...byEvent.keys()]).toEqual(['job.started', 'phase.started', 'phase.completed', 'job.completed']);
    for (const [event, list] of byEvent) {
      expect(list.map((a) => [a.attempt, a.status_code, a.delivered]), event).toEqual([
        [1, 500, false],
        [2, 500, false],
        [3, 200, true],
      ]);
    }
    // Delivered in order: each event's 200 came before the next event's first attempt.
    const delivered = receiver.received.filter((entry) => entry.path === '/flaky' && bodyOf(entry).job_id === job_id && entry.answered === 200);
    expect(delivered.map((entry) => bodyOf(entry).event)).toEqual(['job.started', 'phase.started', 'phase.completed', 'job.completed']);
    const completed = bodyOf(delivered.at(-1)!);
    expect(completed.output).toMatchObject({ phase: 'strategy' });
  });

  it('a receiver down for good gets 1 + 3 attempts per event, recorded as failed; the job is still completed', async () => {
    const closedPort = await freePort();
    const posted = await postJob(server, key.key, { tool: 'aios_strategize', input: { spec: SPEC }, webhook_url: `http://127.0.0.1:${closedPort}/gone` });
    const { job_id } = (await posted.json()) as { job_id: string };
    const job = await waitForStatus(server, key.key, job_id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    const attempts = await eventually(() => attemptsOf(server, key.key, job_id), (list) => list.some((a) => a.event === 'job.completed' && a.final), 'the last event given up');
    const started = attempts.filter((attempt) => attempt.event === 'job.started');
    expect(started.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    expect(started.every((a) => !a.delivered && a.status_code === null && /ECONNREFUSED/.test(a.error ?? ''))).toBe(true);
    expect(started.map((a) => a.final)).toEqual([false, false, false, true]);
    const view = (await (await fetch(`${server.url}/api/jobs/${job_id}`, authed(key.key))).json()) as { status: string; webhook: { state: string } };
    expect(view).toMatchObject({ status: 'completed', webhook: { state: 'failed' } });
  });

  it('a receiver that never answers: each attempt ends at WEBHOOK_TIMEOUT_MS, and the later events still go, after it', async () => {
    const posted = await postJob(server, key.key, { tool: 'aios_strategize', input: { spec: SPEC }, webhook_url: `${receiver.url}/hang-first` });
    const { job_id } = (await posted.json()) as { job_id: string };
    const attempts = await eventually(() => attemptsOf(server, key.key, job_id), (list) => list.some((a) => a.event === 'job.completed' && a.final), 'job.completed');
    const started = attempts.filter((attempt) => attempt.event === 'job.started');
    expect(started).toHaveLength(4);
    for (const attempt of started) {
      expect(attempt.error).toBe('no answer within 300 ms (WEBHOOK_TIMEOUT_MS)');
      expect(attempt.duration_ms).toBeGreaterThanOrEqual(295);
    }
    expect(attempts.slice(4).map((a) => [a.event, a.delivered])).toEqual([
      ['phase.started', true],
      ['phase.completed', true],
      ['job.completed', true],
    ]);
  });

  it('POST /api/webhooks/test signs and sends a test event; a redirect is not followed', async () => {
    const before = receiver.received.length;
    const response = await fetch(`${server.url}/api/webhooks/test`, authed(key.key, { method: 'POST', body: JSON.stringify({ url: `${receiver.url}/ok` }) }));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { webhook_url: string; delivered: boolean; status_code: number; timestamp: string };
    expect(answer).toMatchObject({ webhook_url: `${receiver.url}/ok`, delivered: true, status_code: 200 });
    expect(Number.isNaN(Date.parse(answer.timestamp))).toBe(false);
    const sent = receiver.received[before]!;
    expect(bodyOf(sent).event).toBe('webhook.test');
    expectSigned(sent, key.webhook_secret);

    const redirected = await fetch(`${server.url}/api/webhooks/test`, authed(key.key, { method: 'POST', body: JSON.stringify({ url: `${receiver.url}/redirect` }) }));
    const refused = (await redirected.json()) as { delivered: boolean; status_code: number; error: string };
    expect(refused).toMatchObject({ delivered: false, status_code: 302 });
    expect(refused.error).toContain('not followed');
    expect(receiver.received.slice(before + 1).map((entry) => entry.path)).toEqual(['/redirect']);
  });

  it('/metrics counts deliveries, failures and their latency', async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: { 'x-admin-key': ADMIN_KEY } });
    const text = await response.text();
    expect(Number(/aios_webhook_attempts_total\{result="delivered"\} (\d+)/.exec(text)?.[1])).toBeGreaterThan(10);
    expect(Number(/aios_webhook_attempts_total\{result="failed"\} (\d+)/.exec(text)?.[1])).toBeGreaterThan(10);
    expect(Number(/aios_webhook_deliveries_total\{outcome="failed"\} (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(5);
    expect(text).toMatch(/aios_webhook_attempt_duration_seconds_count\{result="delivered"\} \d+/);
  });
});
