import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { AiosError, DEFAULT_PHASE_TIMEOUTS_MS, PHASES } from '../../src/contract/index.js';
import { EmbeddedQueue, type EmbeddedQueueOptions } from '../../src/jobs/embedded.js';
import type { Job, JobEvent, JobQueue, JobRunner } from '../../src/jobs/port.js';
import { fingerprint, validateJobRequest } from '../../src/jobs/request.js';
import { sleep, workloadRunner, type Workload } from '../http/support.js';

const SPEC = 'An app for dog walkers: owners book walks, walkers see their schedule and get paid.';
const queues: JobQueue[] = [];

function queue(workload: Workload, options: Partial<EmbeddedQueueOptions> = {}): EmbeddedQueue {
  const created = new EmbeddedQueue({
    concurrency: 1,
    phaseTimeoutsMs: { ...DEFAULT_PHASE_TIMEOUTS_MS },
    retention: { completedMs: 60_000, failedMs: 60_000 },
    run: workloadRunner(workload),
    ...options,
  });
  queues.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
});

async function until(q: JobQueue, id: string, statuses: string[]): Promise<Job> {
  for (;;) {
    const job = await q.get(id);
    if (!job) throw new Error(`job ${id} vanished`);
    if (statuses.includes(job.status)) return job;
    await sleep(5);
  }
}

function enqueue(q: JobQueue, tool: 'aios_strategize' | 'aios_full_pipeline' = 'aios_strategize', input: object = { spec: SPEC }) {
  return q.enqueue({ tool, input, owner: 'key_a' }).then((result) => result.job);
}

describe('EmbeddedQueue', () => {
  it('runs jobs first in, first out, no more than `concurrency` at a time', async () => {
    const q = queue({ defaultMs: 30 }, { concurrency: 2 });
    const jobs = await Promise.all([1, 2, 3, 4].map(() => enqueue(q)));
    let maxRunning = 0;
    const done = jobs.map((job) => until(q, job.id, ['completed']));
    while ((await q.health()).queued + (await q.health()).processing > 0) {
      maxRunning = Math.max(maxRunning, (await q.health()).processing);
      await sleep(3);
    }
    const finished = await Promise.all(done);
    expect(maxRunning).toBe(2);
    const starts = finished.map((job) => job.started_at!);
    expect([...starts].sort()).toEqual(starts);
  });

  it('fails a phase that passes its limit with AGENT_TIMEOUT, and the next job still runs', async () => {
    const q = queue({ phaseMs: { strategy: 5_000 } }, { phaseTimeoutsMs: { ...DEFAULT_PHASE_TIMEOUTS_MS, strategy: 40 } });
    const slow = await enqueue(q);
    const next = await enqueue(q, 'aios_full_pipeline', { spec: SPEC, phases: ['architecture'] });
    const failed = await until(q, slow.id, ['failed', 'completed']);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'AGENT_TIMEOUT', phase: 'strategy' });
    expect(failed.phases.strategy?.status).toBe('failed');
    expect((await until(q, next.id, ['completed', 'failed'])).status).toBe('completed');
  });

  it('a failing phase skips the ones after it', async () => {
    const q = queue({ fail: { architecture: new Error('no entities found') } });
    const job = await enqueue(q, 'aios_full_pipeline');
    const failed = await until(q, job.id, ['failed']);
    expect(failed.error).toMatchObject({ code: 'AGENT_FAILURE', phase: 'architecture' });
    expect(Object.fromEntries(Object.entries(failed.phases).map(([phase, state]) => [phase, state.status]))).toEqual({
      strategy: 'completed',
      architecture: 'failed',
      ux: 'skipped',
      code: 'skipped',
    });
  });

  it('cancels a queued job (it never runs) and a running one (it stops), and the queue moves on', async () => {
    const q = queue({ defaultMs: 300 });
    const running = await enqueue(q);
    const waiting = await enqueue(q);
    const after = await enqueue(q, 'aios_full_pipeline', { spec: SPEC, phases: ['code'] });
    await until(q, running.id, ['processing']);

    expect((await q.cancel(waiting.id))?.status).toBe('cancelled');
    expect((await q.cancel(running.id))?.status).toBe('cancelled');
    expect((await until(q, after.id, ['completed'])).status).toBe('completed');

    const cancelledWaiting = await q.get(waiting.id);
    expect(cancelledWaiting).toMatchObject({ status: 'cancelled', started_at: null });
    expect((await q.get(running.id))?.phases.strategy?.status).toBe('cancelled');
    // Cancelling a finished job changes nothing.
    expect((await q.cancel(after.id))?.status).toBe('completed');
  });

  it('forgets finished jobs after their retention: completed and failed separately', async () => {
    const q = queue({ defaultMs: 1, fail: { architecture: new Error('boom') } }, { retention: { completedMs: 60, failedMs: 400 } });
    const ok = await enqueue(q);
    const bad = await enqueue(q, 'aios_full_pipeline', { spec: SPEC, phases: ['architecture'] });
    await until(q, ok.id, ['completed']);
    await until(q, bad.id, ['failed']);
    await sleep(120);
    expect(await q.get(ok.id)).toBeUndefined();
    expect((await q.get(bad.id))?.status).toBe('failed');
    await sleep(400);
    expect(await q.get(bad.id)).toBeUndefined();
    expect((await q.list('key_a', { limit: 10 })).jobs).toEqual([]);
  });

  it('replays events after a given id, then delivers new ones live', async () => {
    const q = queue({ defaultMs: 20 });
    const job = await enqueue(q, 'aios_full_pipeline', { spec: SPEC, phases: ['strategy', 'ux'] });
    await until(q, job.id, ['completed']);
    const all: JobEvent[] = [];
    await q.subscribe(job.id, 0, (event) => all.push(event));
    expect(all.map((event) => event.id)).toEqual(all.map((_, index) => index + 1));
    expect(all.at(-1)).toMatchObject({ status: 'completed', progress: 100 });

    const tail: JobEvent[] = [];
    await q.subscribe(job.id, 4, (event) => tail.push(event));
    expect(tail).toEqual(all.slice(4));
    expect(await q.subscribe('no-such-job', 0, () => undefined)).toBeUndefined();
  });

  it('has the output readable when job.completed is emitted, for listeners that read it on the event', async () => {
    const q = queue({ defaultMs: 1 });
    const read: Array<Promise<Job | undefined>> = [];
    // As the SSE stream, webhooks and aios_get_status do: read the job back on its completed event.
    await q.subscribeAll((event) => {
      if (event.status === 'completed') read.push(q.get(event.job_id));
    });
    const job = await enqueue(q, 'aios_full_pipeline', { spec: SPEC, phases: ['strategy'] });
    const own: Array<Promise<Job | undefined>> = [];
    await q.subscribe(job.id, 0, (event) => {
      if (event.status === 'completed') own.push(q.get(job.id));
    });
    await until(q, job.id, ['completed']);
    const expected = await q.get(job.id);
    expect(expected?.output).not.toBeNull();
    expect(read).toHaveLength(1);
    expect(own).toHaveLength(1);
    for (const seen of await Promise.all([...read, ...own])) expect(seen?.output).toEqual(expected?.output);
  });

  it('returns the same job for a repeated idempotency key, and refuses the key with another body', async () => {
    const q = queue({ defaultMs: 1 });
    const body = { tool: 'aios_strategize', input: { spec: SPEC } };
    const idempotency = { key: 'order-42', fingerprint: fingerprint(body) };
    const first = await q.enqueue({ tool: 'aios_strategize', input: body.input, owner: 'key_a', idempotency });
    const again = await q.enqueue({ tool: 'aios_strategize', input: body.input, owner: 'key_a', idempotency });
    expect(again).toMatchObject({ created: false, job: { id: first.job.id } });
    // Another key's idempotency keys are its own.
    const otherOwner = await q.enqueue({ tool: 'aios_strategize', input: body.input, owner: 'key_b', idempotency });
    expect(otherOwner.created).toBe(true);

    const changed = { ...body, input: { spec: `${SPEC} With tips.` } };
    const conflict = await q
      .enqueue({ tool: 'aios_strategize', input: changed.input, owner: 'key_a', idempotency: { key: 'order-42', fingerprint: fingerprint(changed) } })
      .catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(AiosError);
    expect((conflict as AiosError).code).toBe('IDEMPOTENCY_CONFLICT');
  });
  it("lists one owner's jobs newest first, page by page, by status, without expired ones", async () => {
    // The clock stands still until the test moves it: a loaded machine taking longer than the
    // retention between a job's end and the listing must not expire it early.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => void vi.useRealTimers());
    const q = queue({ defaultMs: 1, fail: { architecture: new Error('boom') } }, { concurrency: 4, retention: { completedMs: 150, failedMs: 60_000 } });
    const mine: Job[] = [];
    for (let i = 0; i < 7; i++) {
      // Another owner's jobs in between mine.
      await q.enqueue({ tool: 'aios_strategize', input: { spec: SPEC }, owner: 'key_b' });
      mine.push(await enqueue(q, i % 3 === 0 ? 'aios_full_pipeline' : 'aios_strategize', i % 3 === 0 ? { spec: SPEC, phases: ['architecture'] } : { spec: SPEC }));
    }
    await Promise.all(mine.map((job) => until(q, job.id, ['completed', 'failed'])));
    const newestFirst = mine.map((job) => job.id).reverse();

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await q.list('key_a', { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.jobs.length).toBeLessThanOrEqual(3);
      seen.push(...page.jobs.map((job) => job.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(newestFirst);
    const failed = (await q.list('key_a', { limit: 10, status: 'failed' })).jobs.map((job) => job.id);
    expect(failed).toEqual([mine[6]!.id, mine[3]!.id, mine[0]!.id]);

    // The completed ones pass their retention (the listing skips them before any sweep drops them); the failed stay.
    vi.setSystemTime(Date.now() + 1_300);
    expect((await q.list('key_a', { limit: 10 })).jobs.map((job) => job.id)).toEqual(failed);
    expect((await q.list('key_b', { limit: 10 })).jobs).toEqual([]);
    const later = await enqueue(q);
    await until(q, later.id, ['completed']);
    expect((await q.list('key_a', { limit: 2 })).jobs.map((job) => job.id)).toEqual([later.id, failed[0]]);
  });

  it('forgets an idempotency key after its time, and a key used again is remembered afresh', async () => {
    const q = queue({ defaultMs: 1 }, { idempotencyTtlMs: 80 });
    const body = { tool: 'aios_strategize', input: { spec: SPEC } };
    const changed = { tool: 'aios_strategize', input: { spec: `${SPEC} With tips.` } };
    const send = (request: typeof body) =>
      q.enqueue({ tool: 'aios_strategize', input: request.input, owner: 'key_a', idempotency: { key: 'order-7', fingerprint: fingerprint(request) } });
    const first = await send(body);
    await sleep(120);
    // Past its time, the key is free for another body: a new job.
    const second = await send(changed);
    expect(second.created).toBe(true);
    expect(second.job.id).not.toBe(first.job.id);
    await sleep(40);
    // Another enqueue sweeps the first record's expiry; the key's new record must survive it.
    await enqueue(q);
    const replay = await send(changed);
    expect(replay).toMatchObject({ created: false, job: { id: second.job.id } });
    await expect(send(body)).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });
});

/**
 * A pipeline as the real agents report it: each phase starts, reports progress with a note a few
 * times (the agents' own notes, each a string of its own), and completes; the output is small.
 */
const chattyPipeline: JobRunner = async (_tool, _input, { onEvent }) => {
  for (const phase of PHASES) {
    onEvent({ type: 'phase_started', phase, at: new Date().toISOString() });
    for (const percent of [10, 30, 50, 70, 90, 95]) onEvent({ type: 'phase_progress', phase, percent, note: `${phase}: step ${percent} of ${Math.random()}` });
    onEvent({ type: 'phase_completed', phase, at: new Date().toISOString(), duration_ms: 3 });
  }
  return { strategy: { engine: 'heuristic' } };
};

/** V8's heap and Buffers after a full collection, in bytes. */
function liveBytes(): number {
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

describe('what the embedded queue keeps of a finished job', () => {
  v8.setFlagsFromString('--expose-gc');

  it('replays its events as they were sent live, the output on the last one, after any id', async () => {
    const q = queue({}, { run: chattyPipeline, concurrency: 2 });
    const { job } = await q.enqueue({ tool: 'aios_full_pipeline', input: { spec: SPEC }, owner: 'key_a' });
    const live: JobEvent[] = [];
    await q.subscribe(job.id, 0, (event) => live.push(event));
    await until(q, job.id, ['completed']);
    expect(live).toHaveLength(3 + PHASES.length * 8);
    expect(live.at(-1)).toMatchObject({ status: 'completed', output: { strategy: { engine: 'heuristic' } } });

    const replayed: JobEvent[] = [];
    await q.subscribe(job.id, 0, (event) => replayed.push(event));
    // As a stream sends them: the same JSON, event by event.
    expect(replayed.map((event) => JSON.stringify(event))).toEqual(live.map((event) => JSON.stringify(event)));
    const tail: JobEvent[] = [];
    await q.subscribe(job.id, live.length - 2, (event) => tail.push(event));
    expect(tail.map((event) => JSON.stringify(event))).toEqual(live.slice(-2).map((event) => JSON.stringify(event)));
    // Streams replaying one job are handed the same objects, so that each event is framed once for all.
    expect(tail[0]).toBe(replayed.at(-2));
  });

  it("keeps a failed job's events, its error on the last one", async () => {
    const q = queue({ fail: { ux: new AiosError('AGENT_FAILURE', 'no pages') } });
    const job = await enqueue(q, 'aios_full_pipeline', { spec: SPEC, phases: ['strategy', 'ux'] });
    await until(q, job.id, ['failed']);
    const replayed: JobEvent[] = [];
    await q.subscribe(job.id, 0, (event) => replayed.push(event));
    expect(replayed.map((event) => event.id)).toEqual(replayed.map((_, index) => index + 1));
    expect(replayed.at(-1)).toMatchObject({ status: 'failed', error: { code: 'AGENT_FAILURE', message: 'no pages', phase: 'ux' } });
  });

  it('holds about 2 kB a finished pipeline, not its ~40 events as objects (~10 kB)', async () => {
    const q = queue({}, { run: chattyPipeline, concurrency: 8 });
    const jobs = 1_000;
    const before = liveBytes();
    const ids: string[] = [];
    for (let i = 0; i < jobs; i++) ids.push((await q.enqueue({ tool: 'aios_full_pipeline', input: { spec: `${SPEC} ${i}` }, owner: 'key_a' })).job.id);
    while ((await q.health()).queued + (await q.health()).processing > 0) await sleep(5);
    const perJob = (liveBytes() - before) / jobs;
    expect(perJob).toBeLessThan(3_000);
    // All still there, with their events.
    const replayed: JobEvent[] = [];
    await q.subscribe(ids[0]!, 0, (event) => replayed.push(event));
    expect(replayed).toHaveLength(3 + PHASES.length * 8);
  });
});

describe('validateJobRequest', () => {
  it('names the valid tools for an unknown one and points read tools at their routes', () => {
    expect(() => validateJobRequest('aios_paint', { spec: SPEC })).toThrow(/valid tools: aios_analyze, aios_strategize, aios_design_architecture/);
    expect(() => validateJobRequest('aios_get_status', { job_id: 'x' })).toThrow(/GET \/api\/jobs\/:id/);
    expect(() => validateJobRequest('aios_strategize', { spec: 42 })).toThrow(/^input\.spec:/);
  });

  it('fingerprints bodies regardless of key order', () => {
    expect(fingerprint({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(fingerprint({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });
});

