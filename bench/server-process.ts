import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
}

export interface ServerProcess {
  url: string;
  /** Peak resident set of the server process so far, in MB. */
  peakRssMb(): Promise<number>;
  /** Resident set of the server process now, in MB. */
  rssMb(): Promise<number>;
  /** CPU time the server process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  close(): Promise<void>;
}

function reply(child: ChildProcess, key: keyof ServerMessage): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage) => {
      if (message[key] === undefined) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message[key]);
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
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpu_us: user + system } satisfies ServerMessage);
    }
  });
  process.on('disconnect', () => process.exit(0));
}
