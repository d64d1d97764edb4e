import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERAS, stdioClient, type Era } from './clients.js';
import { mcpConformance, subscriptionConformance } from './suite.js';

for (const era of Object.keys(ERAS) as Era[]) {
  mcpConformance(`MCP over stdio, protocol ${era}`, () => stdioClient(era));
  subscriptionConformance(`MCP over stdio, protocol ${era}, subscriptions`, () =>
    stdioClient(era, {}, [path.resolve('test/mcp/fixtures/slow-stdio.mjs')]),
  );
}

describe('aios-mcp stdio', () => {
  it('writes only JSON-RPC on stdout, logs on stderr', async () => {
    const child = spawn(process.execPath, [path.resolve('dist/cli.js'), 'stdio'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'debug' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'aios_strategize', arguments: { spec: 'A CRM for sales reps' } } });
    // Up to 30 s: a loaded machine starts the process and runs the agent slowly; the answer must come.
    for (let i = 0; i < 1200 && !stdout.includes('"id":2'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(stdout).toContain('"id":2');
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));

    const lines = stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(stderr).toContain('[MCP Server]');
    expect(stderr).toContain('[Queue]');
  });
});

describe('aios-mcp stdio, at the edges', () => {
  /** Spawns `aios-mcp stdio`, collecting its stdout lines and stderr. */
  function spawnStdio() {
    const child = spawn(process.execPath, [path.resolve('dist/cli.js'), 'stdio'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (out.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 400 && !out.stdout.includes(text); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(out.stdout).toContain(text);
    };
    return { child, out, waitFor, send: (line: string) => child.stdin.write(`${line}\n`) };
  }

  const INITIALIZE = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });

  it('answers a line that is not JSON with a JSON-RPC parse error (-32700) and goes on serving', async () => {
    const { child, out, waitFor, send } = spawnStdio();
    send('this is not JSON');
    send(INITIALIZE);
    send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    send('{"jsonrpc":"2.0","id":2,"method":');
    send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }));
    await waitFor('"id":3');
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));
    const messages = out.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: unknown; error?: { code: number; message: string } });
    const parseErrors = messages.filter((message) => message.error?.code === -32700);
    expect(parseErrors).toHaveLength(2);
    for (const error of parseErrors) {
      expect(error.id).toBeNull();
      expect(error.error?.message).toMatch(/^Parse error: a line on stdin is not JSON/);
    }
    expect(messages.find((message) => message.id === 3)).toHaveProperty('result.tools');
  });

  it('closes cleanly on SIGTERM: exit code 0, not killed by the signal', async () => {
    const { child, out, waitFor, send } = spawnStdio();
    send(INITIALIZE);
    await waitFor('"id":1');
    child.kill('SIGTERM');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])));
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(out.stderr).toContain('stdio server stopping');
  });
});
