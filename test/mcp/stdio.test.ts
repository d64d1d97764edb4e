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
    for (let i = 0; i < 200 && !stdout.includes('"id":2'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));

    const lines = stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(stderr).toContain('[MCP Server]');
    expect(stderr).toContain('[Queue]');
  });
});
