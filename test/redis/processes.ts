import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './redis-server.js';

/** A running `aios-mcp` child process (the built dist/cli.js, as an operator would start it). */
export interface CliProcess {
  child: ChildProcess;
  /** Everything it printed, for diagnosing a failure. */
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [path.resolve('dist/cli.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Waits until the process has printed `text` (its ready line), or fails with what it printed. */
export async function waitForOutput(process: CliProcess, text: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!process.output().includes(text)) {
    if (process.child.exitCode !== null) throw new Error(`process exited before "${text}":\n${process.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${process.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for a clean exit (0); fails with its output on another code, or when it still runs after `timeoutMs`. */
export async function waitForExit(process: CliProcess, timeoutMs: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running ${timeoutMs} ms later:\n${process.output()}`)), timeoutMs);
  });
  try {
    const code = await Promise.race([process.exited, late]);
    // What it printed explains an unexpected exit code better than the code alone.
    if (code !== 0) throw new Error(`exited with ${code}:\n${process.output().slice(-4_000)}`);
    return code;
  } finally {
    clearTimeout(timer);
  }
}

/** An API process: `aios-mcp serve` on a free port, ready once it answers. */
export async function startApi(env: Record<string, string>, args: string[] = []): Promise<CliProcess & { url: string }> {
  const port = await freePort();
  const api = startCli(['serve', '--port', String(port), ...args], env);
  await waitForOutput(api, '] ready: ');
  return { ...api, url: `http://127.0.0.1:${port}` };
}

export async function startWorker(env: Record<string, string>): Promise<CliProcess> {
  const worker = startCli(['worker'], env);
  await waitForOutput(worker, 'worker ready');
  return worker;
}

/** Stops what is still running (SIGKILL: the tests that care about shutdown send their own signals). */
export async function stopAll(processes: CliProcess[]): Promise<void> {
  for (const each of processes) {
    if (each.child.exitCode === null && each.child.signalCode === null) each.child.kill('SIGKILL');
  }
  await Promise.all(processes.map((each) => each.exited));
}
