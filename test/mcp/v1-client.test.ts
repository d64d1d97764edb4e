import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../src/contract/index.js';
import { createKey, removeDataDir, startServer, testConfig, type Server } from '../http/support.js';
import { toolErrorOf } from './clients.js';
import { FAILING_CALLS } from './tool-errors.js';

/**
 * The MCP TypeScript SDK v1 client (`@modelcontextprotocol/sdk`), what most MCP clients are built
 * on: it validates a result's structuredContent against the tool's output schema even on errors,
 * so an error must reach it as text, never as structured content the schema does not describe.
 */

let server: Server;
let key: string;

beforeAll(async () => {
  server = await startServer(await testConfig());
  key = await createKey(server, { name: 'v1-client' });
});
afterAll(async () => {
  await server?.close();
  if (server) await removeDataDir(server.config);
});

const transports: [string, () => StdioClientTransport | StreamableHTTPClientTransport][] = [
  ['Streamable HTTP', () => new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } })],
  [
    'stdio',
    () =>
      new StdioClientTransport({
        command: process.execPath,
        args: [path.resolve('dist/cli.js'), 'stdio'],
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' },
        stderr: 'pipe',
      }),
  ],
];

for (const [label, transport] of transports) {
  describe(`the MCP SDK v1 client over ${label}`, () => {
    let client: Client;
    beforeAll(async () => {
      client = new Client({ name: 'aios-v1-test', version: '1.0.0' });
      await client.connect(transport());
      // Clients list the tools first; the v1 client keeps each tool's output schema to validate results by.
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    });
    afterAll(async () => {
      await client?.close();
    });

    it('covers every tool', () => {
      expect(Object.keys(FAILING_CALLS).sort()).toEqual([...TOOL_NAMES].sort());
    });

    it.each(TOOL_NAMES)('reads %s’s error: the contract code and message, not a schema failure', async (name) => {
      const failing = FAILING_CALLS[name];
      const result = await client.callTool({ name, arguments: failing.args });
      expect(result.isError).toBe(true);
      const [first] = result.content as Array<{ type: string; text: string }>;
      expect(first?.text).toMatch(failing.text);
      expect(toolErrorOf(result)).toMatchObject({ code: failing.code });
    });

    it('still gets structured output on success', async () => {
      const result = await client.callTool({ name: 'aios_analyze', arguments: { spec: 'A CRM for sales reps: reps track deals.' } });
      expect(result.isError ?? false).toBe(false);
      expect(result.structuredContent).toHaveProperty('product_model');
    });
  });
}
