import { mkdir, readFile, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import type { Logger } from 'pino';
import { AiosError } from '../contract/index.js';

/**
 * Finished jobs' outputs for the embedded queue, within a memory budget. An output is kept as its
 * JSON compressed (a pipeline's ~400 kB of JSON is ~90 kB), in memory while the outputs kept there
 * fit `memoryBytes`; past it, the oldest move to a file in `dir` and are read back when asked for.
 * Small outputs stay as they are: unpacking them on every read would cost more than they weigh.
 *
 * Compression runs where the output is made when it can (an agent thread, which sends a
 * `PackedOutput`), else on the event loop, at level 1: ~3 ms for a pipeline's output, once per job.
 * On libuv's thread pool it freed the loop of that, but each pool thread's allocator kept what
 * zlib had used: 3,000 pipelines left the process at 450 MB resident for 30 MB of live data.
 */
export interface OutputStoreOptions {
  /** Bytes of outputs kept in memory; 0 sends every large output to `dir` at once. */
  memoryBytes: number;
  /** Where outputs past the budget go (a directory of this process's own); none keeps all in memory. */
  dir?: string;
  logger?: Logger;
}

type Kept =
  /** As given: small ones. */
  | { where: 'object'; value: unknown; bytes: number }
  | { where: 'memory'; packed: Buffer; bytes: number }
  /** Being written to its file: still read from memory until then. */
  | { where: 'writing'; packed: Buffer; bytes: number }
  | { where: 'file'; bytes: number };

/** Outputs under this many bytes of JSON are kept as objects. */
export const SMALL_OUTPUT_BYTES = 8_192;

/**
 * A job's output as this store keeps it, its JSON compressed, made where the output is made: an
 * agent thread compresses the output and moves the buffer to the main thread, which then never
 * builds the output's objects (thousands of them a pipeline, garbage once the store has the
 * bytes). The object comes back only for a reader (`unpack`); JSON writes it as the output itself,
 * so an event or a webhook payload carrying it is serialised as before.
 */
export class PackedOutput {
  /**
   * @param packed the output's JSON, compressed by `packOutput`.
   * @param records what every finished job is read for without its output (the metrics): each
   *   phase's `engine`, `fallback` and `tokens`, in the output's own shape (see `engineRecordsOf`).
   */
  constructor(
    readonly packed: Buffer,
    readonly records: unknown,
  ) {}

  unpack(): unknown {
    return unpackOutput(this.packed);
  }

  toJSON(): unknown {
    return this.unpack();
  }
}

/** The fields of an output, and of each phase's output in it, that say which engine made it and what it cost. */
const ENGINE_FIELDS = ['engine', 'fallback', 'tokens'] as const;

/**
 * The engine records of an output, in its shape: a one-phase tool's own fields, and a pipeline's
 * for each phase (its keys). A few hundred bytes, where the output is hundreds of kB.
 */
export function engineRecordsOf(output: unknown): unknown {
  if (typeof output !== 'object' || output === null) return output;
  const records: Record<string, unknown> = pick(output as Record<string, unknown>);
  for (const [key, value] of Object.entries(output)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const phase = pick(value as Record<string, unknown>);
      if (Object.keys(phase).length > 0) records[key] = phase;
    }
  }
  return records;
}

function pick(from: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of ENGINE_FIELDS) if (from[field] !== undefined) picked[field] = from[field];
  return picked;
}

/** The output `packOutput` compressed. */
export function unpackOutput(packed: Buffer): unknown {
  return JSON.parse(gunzipSync(packed).toString('utf8'));
}

/**
 * Compresses an output's JSON as the store keeps it. The JSON's bytes go through one buffer kept
 * for the purpose (see `scratch`), not a new one per output.
 */
export function packOutput(json: string): Buffer {
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_SCRATCH_BYTES) return exact(gzipSync(json, { level: LEVEL }));
  if (scratch.length < bytes) scratch = Buffer.allocUnsafeSlow(Math.min(MAX_SCRATCH_BYTES, Math.max(bytes, 2 * scratch.length)));
  scratch.write(json, 0, bytes, 'utf8');
  return exact(gzipSync(scratch.subarray(0, bytes), { level: LEVEL }));
}

/**
 * `packed` in memory of its own size. zlib answers what fits its first 16 kB chunk as a view of
 * that chunk: kept as it is, a 1 kB result would hold all 16 kB for as long as it is kept.
 */
function exact(packed: Buffer): Buffer {
  if (packed.byteOffset === 0 && packed.byteLength === packed.buffer.byteLength) return packed;
  const own = Buffer.allocUnsafeSlow(packed.byteLength);
  packed.copy(own);
  return own;
}

/**
 * Where `packOutput` writes the JSON's bytes for zlib. Given the string, zlib would copy it into a
 * new buffer each time (~260 kB for a pipeline's output), from malloc, freed only at V8's next
 * collection: thousands of those among the compressed outputs the store keeps fragment malloc's
 * heap, which cannot give its holes back (3,000 pipelines left ~120 MB of it for 32 MB of outputs;
 * 75–105 MB with this buffer, over runs). One per thread; outputs larger than the cap take zlib's own way.
 */
let scratch = Buffer.allocUnsafeSlow(0);
const MAX_SCRATCH_BYTES = 4 * 1_048_576;
/** Level 1 compresses a pipeline's output 4.7× in ~3 ms; the default level gains ~15% for 12× the time. */
const LEVEL = constants.Z_BEST_SPEED;

export class OutputStore {
  private readonly kept = new Map<string, Kept>();
  /** Ids in the order they were kept, read from `head`: the oldest leave memory first. */
  private readonly order: string[] = [];
  private head = 0;
  private inMemory = 0;
  private dirReady: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: OutputStoreOptions) {}

  /** Bytes of outputs held in memory now (compressed, or JSON length for those kept as objects). */
  get memoryBytes(): number {
    return this.inMemory;
  }

  /** How many outputs are in files, and how many on their way there. */
  get counts(): { inFiles: number; moving: number } {
    let inFiles = 0;
    let moving = 0;
    for (const kept of this.kept.values()) {
      if (kept.where === 'file') inFiles += 1;
      else if (kept.where === 'writing') moving += 1;
    }
    return { inFiles, moving };
  }

  /** Keeps `output` for job `id`; it can be read at once. */
  put(id: string, output: unknown): void {
    if (output instanceof PackedOutput) {
      this.keep(id, { where: 'memory', packed: output.packed, bytes: output.packed.length });
      this.fit();
      return;
    }
    let json: string;
    try {
      json = JSON.stringify(output) ?? 'null';
    } catch (error) {
      // Not JSON (an agent's bug): kept as it is, uncounted, rather than failing the queue's bookkeeping.
      this.options.logger?.error({ err: error, job_id: id }, 'a job output is not JSON; kept in memory as it is');
      this.keep(id, { where: 'object', value: output, bytes: 0 });
      return;
    }
    if (json.length < SMALL_OUTPUT_BYTES) this.keep(id, { where: 'object', value: output, bytes: json.length });
    else {
      const packed = packOutput(json);
      this.keep(id, { where: 'memory', packed, bytes: packed.length });
    }
    this.fit();
  }

  /** The output of job `id`; undefined when none is kept. */
  async get(id: string): Promise<unknown> {
    const kept = this.kept.get(id);
    if (!kept) return undefined;
    switch (kept.where) {
      case 'object':
        return kept.value;
      case 'memory':
      case 'writing':
        return unpackOutput(kept.packed);
      case 'file': {
        let packed: Buffer;
        try {
          packed = await readFile(this.fileOf(id));
        } catch (error) {
          this.options.logger?.error({ err: error, job_id: id }, 'could not read a job output back from its file');
          throw new AiosError('INTERNAL_ERROR', `the output of job ${id} could not be read back from the data directory`, { job_id: id });
        }
        return unpackOutput(packed);
      }
    }
  }

  /** Forgets job `id`'s output (its retention is over), and its file. */
  delete(id: string): void {
    const kept = this.kept.get(id);
    if (!kept) return;
    this.kept.delete(id);
    if (counted(kept)) this.inMemory -= kept.bytes;
    // A file being written is removed once written (see `spill`).
    if (kept.where === 'file') unlink(this.fileOf(id)).catch(() => undefined);
    this.compactOrder();
  }

  /** Removes this store's directory and everything in it. */
  async close(): Promise<void> {
    this.closed = true;
    this.kept.clear();
    this.inMemory = 0;
    if (this.options.dir) await rm(this.options.dir, { recursive: true, force: true });
  }

  private keep(id: string, kept: Kept): void {
    this.kept.set(id, kept);
    this.order.push(id);
    this.inMemory += kept.bytes;
  }

  private replace(id: string, from: Kept, to: Kept): void {
    this.kept.set(id, to);
    this.inMemory += (counted(to) ? to.bytes : 0) - (counted(from) ? from.bytes : 0);
  }

  /** Moves the oldest outputs to files while memory holds more than the budget. */
  private fit(): void {
    if (!this.options.dir || this.closed) return;
    let index = this.head;
    while (this.inMemory > this.options.memoryBytes && index < this.order.length) {
      const id = this.order[index]!;
      index += 1;
      const kept = this.kept.get(id);
      // Those already leaving are counted out.
      if (!kept || kept.where === 'file' || kept.where === 'writing') continue;
      const packed = kept.where === 'memory' ? kept.packed : gzipSync(JSON.stringify(kept.value) ?? 'null', { level: LEVEL });
      // Counted out of memory now, so the loop ends; the buffer goes when the file is written.
      const writing = { where: 'writing', packed, bytes: packed.length } as const;
      this.replace(id, kept, writing);
      void this.spill(id, writing);
    }
    this.compactOrder();
  }

  private async spill(id: string, writing: Kept & { where: 'writing' }): Promise<void> {
    const file = this.fileOf(id);
    try {
      await this.ensureDir();
      await writeFile(file, writing.packed);
    } catch (error) {
      if (this.kept.get(id) !== writing) return;
      this.options.logger?.error({ err: error, job_id: id }, 'could not move a job output to the data directory; it stays in memory');
      this.replace(id, writing, { where: 'memory', packed: writing.packed, bytes: writing.bytes });
      return;
    }
    // Forgotten (expired, or the store closed) while it was being written.
    if (this.kept.get(id) !== writing) {
      await unlink(file).catch(() => undefined);
      return;
    }
    this.kept.set(id, { where: 'file', bytes: writing.bytes });
  }

  private ensureDir(): Promise<void> {
    this.dirReady ??= mkdir(this.options.dir!, { recursive: true }).then(() => undefined);
    return this.dirReady;
  }

  private fileOf(id: string): string {
    return path.join(this.options.dir!, `${id}.json.gz`);
  }

  /** Drops forgotten and filed ids from the front of the order, in batches, so it does not grow forever. */
  private compactOrder(): void {
    while (this.head < this.order.length) {
      const kept = this.kept.get(this.order[this.head]!);
      if (kept && kept.where !== 'file') break;
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
  }
}

/**
 * Removes output directories left in `root` by processes that are gone (a crash skips `close`):
 * each is named `<pid>-<random>` by the process that made it.
 */
export async function removeStaleOutputDirs(root: string, logger?: Logger): Promise<void> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    await rm(path.join(root, name), { recursive: true, force: true }).catch((error: unknown) =>
      logger?.warn({ err: error, dir: name }, 'could not remove an old output directory'),
    );
  }
}

/** Whether `kept` counts against the memory budget: not once it is leaving for its file. */
function counted(kept: Kept): boolean {
  return kept.where === 'object' || kept.where === 'memory';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
