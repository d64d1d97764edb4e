import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AiosError } from '../../src/contract/index.js';
import { QUEUE_NAME } from '../../src/jobs/bullmq.js';
import type { JobEvent, JobRunner } from '../../src/jobs/port.js';
import { applyPhaseEvent, eventOf, finishJob, markCancelled, markCompleted, newJob } from '../../src/jobs/record.js';
import { JobEventBus, RedisJobStore } from '../../src/jobs/redis-store.js';
import { createLogger } from '../../src/log.js';
import { openWorker } from '../../src/redis/mode.js';
import {
  authed,
  createKey,
  getJob,
  postJob,
  readStream,
  removeDataDir,
  startServer,
  testConfig,
  waitForStatus,
  workloadRunner,
  SPEC,
  type Server,
} from '../http/support.js';
import { httpClient } from '../mcp/clients.js';
import { mcpConformance } from '../mcp/suite.js';
import { TestRedis } from './redis-server.js';

let redis: TestRedis;
let server: Server;
let key: string;

/** The API with an in-process worker on the test's Redis; phases fail on request to exercise retries. */
async function redisServer(env: Record<string, string> = {}, workload: Parameters<typeof workloadRunner>[0] = {}): Promise<Server> {
  const config = await testConfig({ REDIS_URL: redis.url, QUEUE_BACKOFF_MS: '20', QUEUE_LOCK_MS: '2000', ...env });
  return startServer(config, { runner: workloadRunner(workload) });
}

beforeAll(async () => {
  redis = await TestRedis.start();
  server = await redisServer({}, { defaultMs: 30 });
  key = await createKey(server, { name: 'redis-mode' });
});
afterAll(async () => {
  await server?.close();
  if (server) await removeDataDir(server.config);
  await redis?.destroy();
});

describe('REST jobs on Redis', () => {
  it('runs a pipeline job to completed, with phases, progress and a replayable stream', async () => {
    const posted = await postJob(server, key, { tool: 'aios_full_pipeline', input: { spec: SPEC, phases: ['strategy', 'architecture'] } });
    expect(posted.status).toBe(202);
    const accepted = (await posted.json()) as { job_id: string; status: string };
    expect(accepted.status).toBe('queued');
    const events = (await readStream(server, key, accepted.job_id)).filter((event) => event.data.type === 'status_update');
    expect(events.at(-1)?.data).toMatchObject({ status: 'completed', progress: 100 });
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
    const done = await waitForStatus(server, key, accepted.job_id, ['completed']);
    expect(done.phases).toMatchObject({ strategy: { status: 'completed' }, architecture: { status: 'completed' } });
    expect(done.output).toMatchObject({ strategy: { phase: 'strategy', spec: SPEC } });
    // The final event carries the output, and its id only as the frame's.
    expect(events.at(-1)?.data.output).toEqual(done.output);
    expect(events.map((event) => 'id' in event.data)).not.toContain(true);
    // A reconnect after event 2 gets exactly the rest.
    const rest = (await readStream(server, key, accepted.job_id, { lastEventId: '2' })).filter((event) => event.data.type === 'status_update');
    expect(rest.map((event) => event.id)).toEqual(events.slice(2).map((event) => event.id));
  });

  it('lists the key’s own jobs, newest first, with a cursor', async () => {
    const other = await createKey(server, { name: 'other' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await postJob(server, other, { tool: 'aios_strategize', input: { spec: `${SPEC} Number ${i}.` } });
      ids.push(((await response.json()) as { job_id: string }).job_id);
    }
    const first = (await (await fetch(`${server.url}/api/jobs?limit=2`, authed(other))).json()) as { jobs: { job_id: string }[]; next_cursor: string };
    expect(first.jobs.map((job) => job.job_id)).toEqual([ids[2], ids[1]]);
    const second = (await (await fetch(`${server.url}/api/jobs?limit=2&cursor=${first.next_cursor}`, authed(other))).json()) as {
      jobs: { job_id: string }[];
      next_cursor: string | null;
    };
    expect(second.jobs.map((job) => job.job_id)).toEqual([ids[0]]);
    expect(second.next_cursor).toBeNull();
    // Another key sees none of them.
    expect((await getJob(server, key, ids[0]!)).status).toBe(404);
  });

  it('streams a job only to the key that made it: another key and an unknown id get 404 JOB_NOT_FOUND', async () => {
    const response = await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC } });
    const { job_id } = (await response.json()) as { job_id: string };
    await waitForStatus(server, key, job_id, ['completed']);
    const stranger = await createKey(server, { name: 'stream-stranger' });
    for (const [who, id] of [
      [stranger, job_id],
      [key, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const refused = await fetch(`${server.url}/api/jobs/${id}/stream`, authed(who));
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('JOB_NOT_FOUND');
    }
    const events = (await readStream(server, key, job_id)).filter((event) => event.data.type === 'status_update');
    expect(events.at(-1)?.data.status).toBe('completed');
  });

  it('answers an Idempotency-Key repeat with the first job, and a changed body with 409', async () => {
    const body = { tool: 'aios_strategize', input: { spec: SPEC } };
    const first = (await (await postJob(server, key, body, { 'idempotency-key': 'order-1' })).json()) as { job_id: string };
    const again = await postJob(server, key, body, { 'idempotency-key': 'order-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { job_id: string }).job_id).toBe(first.job_id);
    const changed = await postJob(server, key, { ...body, input: { spec: `${SPEC} Also invoices.` } }, { 'idempotency-key': 'order-1' });
    expect(changed.status).toBe(409);
  });
});

describe('retention on Redis', () => {
  it('forgets a completed job after its retention: JOB_NOT_FOUND, and its events with it', async () => {
    const short = await redisServer({ REDIS_KEY_PREFIX: 'retention', JOB_RETENTION_COMPLETED_MS: '400' }, { defaultMs: 10 });
    try {
      const shortKey = await createKey(short, { name: 'retention' });
      const response = await postJob(short, shortKey, { tool: 'aios_strategize', input: { spec: SPEC } });
      const { job_id } = (await response.json()) as { job_id: string };
      const done = await waitForStatus(short, shortKey, job_id, ['completed']);
      expect(done.status).toBe('completed');
      let code = 200;
      for (let i = 0; i < 100 && code === 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        code = (await getJob(short, shortKey, job_id)).status;
      }
      expect(code).toBe(404);
      const inspect = redis.client();
      const left = await inspect.keys(`retention:job:${job_id}*`);
      inspect.disconnect();
      expect(left).toEqual([]);
    } finally {
      await short.close();
      await removeDataDir(short.config);
    }
  });
});

describe('job outcomes on Redis', () => {
  let outcomes: Server;
  let outcomeKey: string;
  beforeAll(async () => {
    outcomes = await redisServer(
      // Its own queue: the first server's worker must not take these jobs.
      { AGENT_TIMEOUT_UX_MS: '100', REDIS_KEY_PREFIX: 'outcomes' },
      {
        defaultMs: 20,
        phaseMs: { ux: 2_000, code: 5_000 },
        fail: { architecture: new Error('disk full'), strategy: new AiosError('INVALID_INPUT', 'spec: too vague to plan') },
      },
    );
    outcomeKey = await createKey(outcomes, { name: 'outcomes' });
  });
  afterAll(async () => {
    await outcomes.close();
    await removeDataDir(outcomes.config);
  });

  async function run(tool: string, spec = SPEC) {
    const response = await postJob(outcomes, outcomeKey, { tool, input: { spec } });
    const { job_id } = (await response.json()) as { job_id: string };
    const events = await readStream(outcomes, outcomeKey, job_id);
    return { id: job_id, events };
  }

  it('retries an unexpected failure, three runs in all, then fails it with AGENT_FAILURE', async () => {
    const { events } = await run('aios_design_architecture');
    expect(events.at(-1)?.data).toMatchObject({ status: 'failed', error: { code: 'AGENT_FAILURE' } });
    expect(events.filter((event) => event.data.phase_status === 'failed')).toHaveLength(3);
  });

  it('never retries invalid input or a timeout', async () => {
    const invalid = await run('aios_strategize');
    expect(invalid.events.at(-1)?.data).toMatchObject({ status: 'failed', error: { code: 'INVALID_INPUT' } });
    expect(invalid.events.filter((event) => event.data.phase_status === 'failed')).toHaveLength(1);
    const timedOut = await run('aios_design_ux');
    expect(timedOut.events.at(-1)?.data).toMatchObject({ status: 'failed', error: { code: 'AGENT_TIMEOUT' } });
    expect(timedOut.events.filter((event) => event.data.phase_status === 'failed')).toHaveLength(1);
  });

  it('cancels a running job: it ends cancelled and its worker stops', async () => {
    const response = await postJob(outcomes, outcomeKey, { tool: 'aios_generate_code', input: { spec: SPEC } });
    const { job_id } = (await response.json()) as { job_id: string };
    await waitForStatus(outcomes, outcomeKey, job_id, ['processing']);
    const cancelled = await fetch(`${outcomes.url}/api/jobs/${job_id}`, authed(outcomeKey, { method: 'DELETE' }));
    expect(((await cancelled.json()) as { status: string }).status).toBe('cancelled');
    const health = (await (await fetch(`${outcomes.url}/health`)).json()) as { queue: { processing: number } };
    for (let i = 0; i < 100 && health.queue.processing > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      Object.assign(health, await (await fetch(`${outcomes.url}/health`)).json());
    }
    expect(health.queue.processing).toBe(0);
    expect((await waitForStatus(outcomes, outcomeKey, job_id, ['cancelled'])).phases).toMatchObject({ code: { status: 'cancelled' } });
  });
});

describe('a cancel that reached the job but not the queue', () => {
  it('stops the worker that later takes the job: it stays cancelled and nothing is written after the cancel', async () => {
    const config = await testConfig({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'late-cancel', QUEUE_LOCK_MS: '2000' });
    const api = await startServer(config, { worker: false });
    const inspect = redis.client();
    const bull = new Queue(QUEUE_NAME, { connection: inspect, prefix: 'late-cancel:bull' });
    const runs: string[] = [];
    const slow = workloadRunner({ defaultMs: 30_000 });
    const runner: JobRunner = async (...args) => {
      try {
        const output = await slow(...args);
        runs.push('finished');
        return output;
      } catch (error) {
        runs.push('stopped');
        throw error;
      }
    };
    let worker: ReturnType<typeof openWorker> | undefined;
    try {
      const apiKey = await createKey(api, { name: 'late-cancel' });
      const { job_id } = (await (await postJob(api, apiKey, { tool: 'aios_strategize', input: { spec: SPEC } })).json()) as { job_id: string };
      // As a cancel leaves it when removing the job from BullMQ fails: the record ends, the entry stays.
      const store = new RedisJobStore(inspect, 'late-cancel');
      const job = (await store.get(job_id))!;
      markCancelled(job);
      finishJob(job, 'cancelled', 60_000);
      expect(await store.commit(job, [eventOf(job)], 'update', 60_000)).toBe(2);

      worker = openWorker(config, createLogger(config), runner);
      let state = await bull.getJobState(job_id);
      for (let i = 0; i < 250 && state !== 'completed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        state = await bull.getJobState(job_id);
      }
      expect(state).toBe('completed');
      expect(runs).not.toContain('finished');
      const events = (await readStream(api, apiKey, job_id)).filter((event) => event.data.type === 'status_update');
      expect(events.map((event) => event.data.status)).toEqual(['queued', 'cancelled']);
    } finally {
      await worker?.close(1_000);
      await bull.close();
      inspect.disconnect();
      await api.close();
      await removeDataDir(api.config);
    }
  });
});

describe("a finished job's writes", () => {
  it("send the last phase's end with the job's end, in one write; an earlier phase's end goes out at once", async () => {
    const commits = vi.spyOn(RedisJobStore.prototype, 'commit');
    try {
      const posted = await postJob(server, key, { tool: 'aios_full_pipeline', input: { spec: SPEC, phases: ['strategy', 'architecture'] } });
      const { job_id } = (await posted.json()) as { job_id: string };
      await waitForStatus(server, key, job_id, ['completed']);
      const writes = commits.mock.calls.filter(([job]) => job.id === job_id).map(([, events]) => events.map((event) => `${event.status} ${event.phase ?? ''} ${event.phase_status ?? ''}`.trim()));
      expect(writes.at(-1)).toEqual(['processing architecture completed', 'completed architecture']);
      expect(writes.slice(0, -1).flat()).toContain('processing strategy completed');
      expect(writes.slice(0, -1).flat()).not.toContain('processing architecture completed');
    } finally {
      commits.mockRestore();
    }
  });
});

describe('job events in Redis', () => {
  it('read back and heard on pub/sub with every field they were written with', async () => {
    const client = redis.client();
    const subscriber = redis.client();
    try {
      const store = new RedisJobStore(client, 'event-fields');
      const heard: JobEvent[] = [];
      new JobEventBus(subscriber, store.channel).on((event) => heard.push(event));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const job = newJob({ tool: 'aios_strategize', input: { spec: SPEC }, owner: 'key_events' });
      const written = [eventOf(job)];
      await store.commit(job, written.slice(0), 'create', 60_000);
      job.status = 'processing';
      written.push(eventOf(job, applyPhaseEvent(job, { type: 'phase_progress', phase: 'strategy', percent: 50, note: 'half "way"' })));
      const output = { summary: 'done: "all" of it', items: [1, 2] };
      markCompleted(job, output);
      finishJob(job, 'completed', 60_000);
      written.push(eventOf(job, { output }));
      await store.commit(job, written.slice(1), 'update', 60_000);
      const expected = written.map((event, index) => JSON.parse(JSON.stringify({ ...event, id: index + 1 })) as JobEvent);
      const plain = (events: JobEvent[]) => events.map((event) => JSON.parse(JSON.stringify(event)) as JobEvent);
      expect(plain((await store.eventsAfter(job.id, 0))!)).toEqual(expected);
      for (let i = 0; i < 50 && heard.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(plain(heard)).toEqual(expected);
      expect(heard[1]).toMatchObject({ phase: 'strategy', note: 'half "way"', progress: 50 });
      expect(heard[2]?.output).toEqual(output);
    } finally {
      client.disconnect();
      subscriber.disconnect();
    }
  });
});

describe('job records in Redis', () => {
  it("keep a finished job's output in a key of its own, read with the job and left out of lists", async () => {
    const client = redis.client();
    try {
      const store = new RedisJobStore(client, 'outputs');
      const job = newJob({ tool: 'aios_strategize', input: { spec: SPEC }, owner: 'key_outputs' });
      await store.commit(job, [eventOf(job)], 'create', 60_000);
      const output = { prd: 'x'.repeat(10_000), stories: ['a', 'b'] };
      markCompleted(job, output);
      finishJob(job, 'completed', 60_000);
      await store.commit(job, [eventOf(job, { output })], 'update', 60_000);

      const record = JSON.parse((await client.get(`outputs:job:${job.id}`))!) as { output: unknown; status: string };
      expect(record).toMatchObject({ status: 'completed', output: null });
      expect(JSON.parse((await client.get(`outputs:job:${job.id}:output`))!)).toEqual(output);
      // It expires with the job.
      expect(await client.pttl(`outputs:job:${job.id}:output`)).toBeGreaterThan(50_000);
      expect((await store.get(job.id))?.output).toEqual(output);
      expect(await store.get(job.id, false)).toMatchObject({ status: 'completed', output: null });
      expect((await store.list('key_outputs', { limit: 10 })).jobs).toMatchObject([{ id: job.id, output: null }]);
      // The final event still carries the output, for streams that replay it.
      expect((await store.eventsAfter(job.id, 1))[0]?.output).toEqual(output);

      // A record written before outputs had their own key still reads whole.
      const older = { ...job, id: `${job.id}-older`, output };
      await client.set(`outputs:job:${older.id}`, JSON.stringify(older));
      expect((await store.get(older.id))?.output).toEqual(output);
    } finally {
      client.disconnect();
    }
  });
});

describe('a worker of QUEUE_CONCURRENCY 2', () => {
  it('runs two jobs at once and never a third', async () => {
    const config = await testConfig({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'slots', QUEUE_CONCURRENCY: '2' });
    const api = await startServer(config, { worker: false });
    const slow = workloadRunner({ defaultMs: 300 });
    let running = 0;
    let most = 0;
    const runner: JobRunner = async (...args) => {
      running += 1;
      most = Math.max(most, running);
      try {
        return await slow(...args);
      } finally {
        running -= 1;
      }
    };
    const worker = openWorker(config, createLogger(config), runner);
    try {
      await worker.ready();
      const apiKey = await createKey(api, { name: 'slots' });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const posted = await postJob(api, apiKey, { tool: 'aios_strategize', input: { spec: `${SPEC} Number ${i}.` } });
        ids.push(((await posted.json()) as { job_id: string }).job_id);
      }
      for (const id of ids) await waitForStatus(api, apiKey, id, ['completed']);
      expect(most).toBe(2);
    } finally {
      await worker.close(1_000);
      await api.close();
      await removeDataDir(api.config);
    }
  });
});

describe('API keys on Redis', () => {
  it('a key made with `aios-mcp keys create` on the same Redis works on a running server at once, and revoking it stops it', async () => {
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, [path.resolve('dist/cli.js'), 'keys', ...args], {
        env: { PATH: process.env.PATH ?? '', REDIS_URL: redis.url, LOG_LEVEL: 'silent' },
      });
    const made = JSON.parse((await cli('create', 'from-cli', '--json')).stdout) as { id: string; key: string; source: string };
    expect(made.source).toBe('redis');
    const inspect = redis.client();
    const stored = await inspect.hgetall('aios:keys');
    inspect.disconnect();
    expect(JSON.stringify(stored)).not.toContain(made.key);
    expect(JSON.stringify(stored)).toContain(made.id);
    let status = 401;
    for (let i = 0; i < 50 && status === 401; i++) {
      status = (await fetch(`${server.url}/api/jobs`, authed(made.key))).status;
      if (status === 401) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(200);
    expect((await cli('list')).stdout).toContain(made.id);
    await cli('revoke', made.id);
    for (let i = 0; i < 50 && status === 200; i++) {
      status = (await fetch(`${server.url}/api/jobs`, authed(made.key))).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(401);
  });
});

describe('/health on Redis', () => {
  it('is 200 and names the Redis queue', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'healthy', queue: { mode: 'redis' }, redis: 'connected' });
  });
});

describe('MCP on Redis', () => {
  // The real agents, so that results have the contract's shapes.
  let mcp: Server;
  let mcpKey: string;
  beforeAll(async () => {
    mcp = await startServer(await testConfig({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'mcp' }));
    mcpKey = await createKey(mcp, { name: 'mcp' });
  });
  afterAll(async () => {
    await mcp.close();
    await removeDataDir(mcp.config);
  });
  mcpConformance('MCP over Streamable HTTP on the Redis mode', () => httpClient('2026-07-28', `${mcp.url}/mcp`, mcpKey));
});
