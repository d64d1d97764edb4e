import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DockerfileParser } from 'dockerfile-ast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { removeDataDir, startServer, testConfig, type Server } from '../http/support.js';

const exec = promisify(execFile);
const root = path.resolve('.');

interface RailwayConfig {
  $schema: string;
  build: { builder: string; dockerfilePath: string };
  deploy: {
    startCommand: string;
    healthcheckPath?: string;
    healthcheckTimeout?: number;
    restartPolicyType: string;
    restartPolicyMaxRetries?: number;
    drainingSeconds?: number;
  };
}

async function railway(file: string): Promise<RailwayConfig> {
  return JSON.parse(await readFile(path.join(root, file), 'utf8')) as RailwayConfig;
}

/** `node dist/cli.js <args...> --help` of the built CLI, as the container runs it. */
async function cliHelp(args: string[]): Promise<string> {
  const { stdout } = await exec(process.execPath, [path.join(root, 'dist/cli.js'), ...args, '--help']);
  return stdout;
}

function words(command: string): string[] {
  return command.trim().split(/\s+/);
}

describe('railway.json (the API service)', () => {
  let config: RailwayConfig;
  let server: Server;

  beforeAll(async () => {
    config = await railway('railway.json');
    server = await startServer(await testConfig());
  });

  afterAll(async () => {
    await server.close();
    await removeDataDir(server.config);
  });

  it('builds with the repository Dockerfile and starts its CMD', async () => {
    expect(config.$schema).toBe('https://railway.com/railway.schema.json');
    expect(config.build.builder).toBe('DOCKERFILE');
    expect(existsSync(path.join(root, config.build.dockerfilePath))).toBe(true);
    const dockerfile = DockerfileParser.parse(await readFile(path.join(root, config.build.dockerfilePath), 'utf8'));
    const cmd = dockerfile.getCMDs().at(-1)!.getArgumentsContent()!;
    expect(words(config.deploy.startCommand)).toEqual(JSON.parse(cmd));
  });

  it('starts a command the CLI has', async () => {
    const [node, cli, command] = words(config.deploy.startCommand);
    expect([node, cli]).toEqual(['node', 'dist/cli.js']);
    expect(await cliHelp([command!])).toMatch(new RegExp(`^Usage: aios-mcp ${command}`, 'm'));
  });

  it('health-checks a path the app answers without a key', async () => {
    const response = await fetch(`${server.url}${config.deploy.healthcheckPath}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('healthy');
  });

  it('restarts on failure and drains longer than the shutdown bound', () => {
    expect(['ON_FAILURE', 'ALWAYS']).toContain(config.deploy.restartPolicyType);
    expect(typeof config.deploy.drainingSeconds).toBe('number');
    expect(config.deploy.drainingSeconds!).toBeGreaterThan(loadConfig({}).shutdownTimeoutMs / 1000);
  });
});

describe('railway.worker.json (an optional worker service)', () => {
  it('builds the same image, runs `worker`, and has no HTTP health check', async () => {
    const api = await railway('railway.json');
    const worker = await railway('railway.worker.json');
    expect(worker.build).toEqual(api.build);
    expect(words(worker.deploy.startCommand)).toEqual(['node', 'dist/cli.js', 'worker']);
    expect(worker.deploy.healthcheckPath).toBeUndefined();
    expect(worker.deploy.drainingSeconds).toBe(api.deploy.drainingSeconds);
    expect(await cliHelp(['worker'])).toMatch(/^Usage: aios-mcp worker/m);
  });

  it('pairs with `serve --no-worker` for APIs that leave the jobs to workers', async () => {
    expect(await cliHelp(['serve'])).toContain('--no-worker');
  });
});
