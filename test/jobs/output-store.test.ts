import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { AiosError, DEFAULT_PHASE_TIMEOUTS_MS } from '../../src/contract/index.js';
import { EmbeddedQueue, type EmbeddedQueueOptions } from '../../src/jobs/embedded.js';
import { PackedOutput, engineRecordsOf, packOutput } from '../../src/jobs/output-store.js';
import type { Job, JobEvent, JobRunner } from '../../src/jobs/port.js';
import { sleep } from '../http/support.js';

/**
 * The embedded queue's memory bounds (issue 15 item 7): finished outputs leave memory for files,
 * compressed, past the budget and are read back whole; one key has a bounded number of jobs
 * queued or running.
 */
const queues: EmbeddedQueue[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Each job's output: ~200 kB of its own text (hex does not compress below half), as big as a pipeline's. */
const bigOutput: JobRunner = async (_tool, input) => ({ spec: (input as { spec: string }).spec, text: randomBytes(100_000).toString('hex') });

async function queue(options: Partial<EmbeddedQueueOptions> & { memoryBytes?: number }): Promise<{ q: EmbeddedQueue; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'aios-outputs-'));
  dirs.push(dir);
  const q = new EmbeddedQueue({
    concurrency: 2,
    phaseTimeoutsMs: { ...DEFAULT_PHASE_TIMEOUTS_MS },
    retention: { completedMs: 60_000, failedMs: 60_000 },
    run: bigOutput,
    outputs: { memoryBytes: options.memoryBytes ?? 0, dir: path.join(dir, 'mine') },
    ...options,
  });
  queues.push(q);
  return { q, dir: path.join(dir, 'mine') };
}

async function until(q: EmbeddedQueue, id: string, statuses: string[]): Promise<Job> {
  for (;;) {
    const job = await q.get(id, { output: false });
    if (!job) throw new Error(`job ${id} vanished`);
    if (statuses.includes(job.status)) return job;
    await sleep(5);
  }
}

describe('EmbeddedQueue outputs within EMBEDDED_OUTPUT_MEMORY_MB', () => {
  it('keeps at most the budget of outputs in memory, moves the rest to files, and reads every one back whole', async () => {
    const budget = 500_000;
    const { q, dir } = await queue({ memoryBytes: budget });
    const jobs: Job[] = [];
    for (let i = 0; i < 12; i++) jobs.push((await q.enqueue({ tool: 'aios_strategize', input: { spec: `idea ${i}` }, owner: 'key_a' })).job);
    for (const job of jobs) await until(q, job.id, ['completed']);
    // Compression and files are written off the event loop; wait until the budget is met.
    for (let tries = 0; q.outputMemory.moving > 0 && tries < 500; tries++) await sleep(10);
    expect(q.outputMemory.bytes).toBeLessThanOrEqual(budget);
    expect(q.outputMemory.inFiles).toBeGreaterThanOrEqual(6);
    expect((await readdir(dir)).filter((name) => name.endsWith('.json.gz')).length).toBe(q.outputMemory.inFiles);
    for (const [i, job] of jobs.entries()) {
      const read = await q.get(job.id);
      expect(read?.status).toBe('completed');
      expect(read?.output).toMatchObject({ spec: `idea ${i}`, text: expect.stringMatching(/^[0-9a-f]{200000}$/) });
    }
  });

  it('replays a completed job with its output read back, while the record and its events keep none', async () => {
    const { q } = await queue({ memoryBytes: 0 });
    const { job } = await q.enqueue({ tool: 'aios_strategize', input: { spec: 'replayed' }, owner: 'key_a' });
    const live: JobEvent[] = [];
    await q.subscribe(job.id, 0, (event) => live.push(event));
    await until(q, job.id, ['completed']);
    for (let tries = 0; q.outputMemory.moving > 0 && tries < 500; tries++) await sleep(10);
    expect(q.outputMemory.inFiles).toBe(1);
    expect((await q.get(job.id, { output: false }))?.output).toBeNull();
    const replayed: JobEvent[] = [];
    await q.subscribe(job.id, 0, (event) => replayed.push(event));
    expect(replayed.map((event) => event.id)).toEqual(live.map((event) => event.id));
    expect(replayed.at(-1)).toMatchObject({ status: 'completed', output: { spec: 'replayed' } });
    expect(replayed.at(-1)?.output).toEqual(live.at(-1)?.output);
    const list = await q.list('key_a', { limit: 10 });
    expect(list.jobs[0]?.output).toBeNull();
  });

  it('removes an output and its file when the job passes its retention, and the directory on close', async () => {
    const { q, dir } = await queue({ memoryBytes: 0, retention: { completedMs: 300, failedMs: 300 } });
    const { job } = await q.enqueue({ tool: 'aios_strategize', input: { spec: 'short-lived' }, owner: 'key_a' });
    await until(q, job.id, ['completed']);
    for (let tries = 0; q.outputMemory.moving > 0 && tries < 500; tries++) await sleep(10);
    expect(await readdir(dir)).toEqual([`${job.id}.json.gz`]);
    // The sweep runs at least a second after the first job ended.
    for (let tries = 0; (await readdir(dir)).length > 0 && tries < 300; tries++) await sleep(10);
    expect(await q.get(job.id)).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
    await q.close();
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('EmbeddedQueue outputs compressed where they were made', () => {
  const made = { strategy: { prd_markdown: 'x'.repeat(20_000), engine: 'llm', tokens: { input_tokens: 10, output_tokens: 20 } } };
  /** As an agent thread answers (thread-runner.ts with `packOutputs`): the output compressed, never built on this thread. */
  const packedRunner: JobRunner = async () => new PackedOutput(packOutput(JSON.stringify(made)), engineRecordsOf(made));

  it('keeps the compressed JSON an agent thread sent as it is, and reads the output back from it', async () => {
    // Compressed harder than the store would: bytes it could not have made itself.
    const packed = gzipSync(JSON.stringify(made), { level: 9 });
    expect(packed.length).not.toBe(packOutput(JSON.stringify(made)).length);
    const { q } = await queue({ run: async () => new PackedOutput(packed, engineRecordsOf(made)), memoryBytes: 1_000_000 });
    const { job } = await q.enqueue({ tool: 'aios_full_pipeline', input: { spec: 'x' }, owner: 'key_a' });
    await until(q, job.id, ['completed']);
    expect(q.outputMemory.bytes).toBe(packed.length);
    expect((await q.get(job.id))?.output).toEqual(made);
  });

  it("gives the job's own listeners the output as an object, and listeners of every job one that JSON writes whole, with its engine records", async () => {
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { q } = await queue({
      run: async (...args) => {
        await gate;
        return packedRunner(...args);
      },
      memoryBytes: 1_000_000,
    });
    const everyJob: JobEvent[] = [];
    await q.subscribeAll((event) => everyJob.push(event));
    const followed = await q.enqueue({ tool: 'aios_full_pipeline', input: { spec: 'followed' }, owner: 'key_a' });
    const alone = await q.enqueue({ tool: 'aios_full_pipeline', input: { spec: 'alone' }, owner: 'key_a' });
    const own: JobEvent[] = [];
    await q.subscribe(followed.job.id, 0, (event) => own.push(event));
    release!();
    await until(q, followed.job.id, ['completed']);
    await until(q, alone.job.id, ['completed']);

    expect(own.at(-1)).toMatchObject({ status: 'completed', output: made });
    const ended = everyJob.find((event) => event.job_id === alone.job.id && event.status === 'completed')!;
    expect(ended.output).toBeInstanceOf(PackedOutput);
    expect(JSON.parse(JSON.stringify(ended))).toMatchObject({ status: 'completed', output: made });
    expect((ended.output as PackedOutput).records).toEqual({ strategy: { engine: 'llm', tokens: { input_tokens: 10, output_tokens: 20 } } });
  });
});

describe('EmbeddedQueue MAX_ACTIVE_JOBS_PER_KEY', () => {
  it('refuses a key more jobs queued or running than its cap with RATE_LIMITED, others are not held back, and an ended job frees a place', async () => {
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held: JobRunner = async () => {
      await gate;
      return { done: true };
    };
    const { q } = await queue({ run: held, concurrency: 1, maxActivePerOwner: 2 });
    const first = await q.enqueue({ tool: 'aios_strategize', input: { spec: 'one' }, owner: 'key_a' });
    const idempotency = { key: 'second', fingerprint: 'two' };
    await q.enqueue({ tool: 'aios_strategize', input: { spec: 'two' }, owner: 'key_a', idempotency });
    const refused = await q.enqueue({ tool: 'aios_strategize', input: { spec: 'three' }, owner: 'key_a' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AiosError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 2, active: 2, retry_after_seconds: expect.any(Number) } });
    // A repeat of an accepted job (same Idempotency-Key) is not a new job: answered, not refused.
    await expect(q.enqueue({ tool: 'aios_strategize', input: { spec: 'two' }, owner: 'key_a', idempotency })).resolves.toMatchObject({ created: false });
    // Another key is not held back.
    await expect(q.enqueue({ tool: 'aios_strategize', input: { spec: 'two' }, owner: 'key_b' })).resolves.toMatchObject({ created: true });
    await q.cancel(first.job.id);
    await expect(q.enqueue({ tool: 'aios_strategize', input: { spec: 'four' }, owner: 'key_a' })).resolves.toMatchObject({ created: true });
    release!();
  });
});
