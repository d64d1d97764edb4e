import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

/**
 * A benchmark server in a child process of its own, so the load generator and the server do not
 * share an event loop and the server's peak memory is its own. The child says `{port}` over IPC
 * once listening, answers `'rss'` with its `{max_rss_kb}`, `'rss-now'` with its `{rss_kb}` and `'cpu'` with the CPU time it has used.
 */

/** The API key the benchmark server accepts. */
export const BENCH_KEY = 'bench-key-0123456789abcdefghijkl';

export interface ServerMessage {
  port?: number;
  max_rss_kb?: number;
  /** Resident set now, in kB. */
  rss_kb?: number;
  /** User + system CPU time of the whole process so far (its GC and I/O threads included). */
  cpu_us?: number;
  /** Where the resident set is now, in MB (see `MemoryBreakdown`). */
  breakdown?: MemoryBreakdown;
}

/**
 * The resident set of the server process split as Node sees it, in MB: V8's heap as reserved
 * (`heap_total`) and as used by objects live or not yet collected (`heap_used`), memory outside
 * it held by JS objects (`external`, of which `array_buffers`: Buffers), and the rest of the
 * resident set (`other`: code, native modules' and malloc's own memory, thread stacks).
 */
export interface MemoryBreakdown {
  rss: number;
  heap_total: number;
  heap_used: number;
  /** V8's young generation as reserved: it grows under a high allocation rate. */
  new_space: number;
  external: number;
  array_buffers: number;
  other: number;
  /** V8's heap used after a full collection, when the process runs with `--expose-gc` (read after the rest). */
  live_heap?: number;
}

export interface ServerProcess {
  url: string;
  /** Peak resident set of the server process so far, in MB. */
  peakRssMb(): Promise<number>;
  /** Resident set of the server process now, in MB. */
  rssMb(): Promise<number>;
  /** CPU time the server process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** Where the server process's resident set is now. */
  memoryBreakdown(): Promise<MemoryBreakdown>;
  close(): Promise<void>;
}

function reply<K extends keyof ServerMessage>(child: ChildProcess, key: K): Promise<NonNullable<ServerMessage[K]>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage) => {
      if (message[key] === undefined) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message[key]!);
    };
    const onExit = (code: number | null) => reject(new Error(`benchmark server exited (${code}) before sending ${key}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startServerProcess(script: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await reply(child, 'port');
  return {
    url: `http://127.0.0.1:${port}`,
    async peakRssMb() {
      const answer = reply(child, 'max_rss_kb');
      child.send('rss');
      return (await answer) / 1024;
    },
    async rssMb() {
      const answer = reply(child, 'rss_kb');
      child.send('rss-now');
      return (await answer) / 1024;
    },
    cpuMicros() {
      const answer = reply(child, 'cpu_us');
      child.send('cpu');
      return answer;
    },
    memoryBreakdown() {
      const answer = reply(child, 'breakdown');
      child.send('breakdown');
      return answer;
    },
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** The child's side: report the port, then answer memory questions. */
export function serveBenchmarkChild(port: number): void {
  process.send?.({ port } satisfies ServerMessage);
  process.on('message', (message) => {
    if (message === 'rss') process.send?.({ max_rss_kb: process.resourceUsage().maxRSS } satisfies ServerMessage);
    if (message === 'rss-now') process.send?.({ rss_kb: process.memoryUsage().rss / 1024 } satisfies ServerMessage);
    if (message === 'breakdown') process.send?.({ breakdown: memoryBreakdown() } satisfies ServerMessage);
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpu_us: user + system } satisfies ServerMessage);
    }
  });
  process.on('disconnect', () => process.exit(0));
}

function memoryBreakdown(): MemoryBreakdown {
  const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
  const usage = process.memoryUsage();
  const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  return {
    rss: mb(usage.rss),
    heap_total: mb(usage.heapTotal),
    heap_used: mb(usage.heapUsed),
    new_space: mb(newSpace),
    external: mb(usage.external),
    array_buffers: mb(usage.arrayBuffers),
    other: mb(usage.rss - usage.heapTotal - usage.external),
    ...(typeof globalThis.gc === 'function' ? { live_heap: (globalThis.gc(), mb(process.memoryUsage().heapUsed)) } : {}),
  };
}
