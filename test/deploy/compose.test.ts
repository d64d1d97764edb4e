import { execFile, spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';

const exec = promisify(execFile);
const root = path.resolve('.');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  env_file?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  stop_grace_period?: string;
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** `docker-compose` (Debian's package, v1) or the `docker compose` plugin, whichever is installed. */
function composeCommand(): string[] {
  for (const candidate of [['docker-compose'], ['docker', 'compose']]) {
    const probe = spawnSync(candidate[0]!, [...candidate.slice(1), 'version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  throw new Error('docker-compose is needed to check docker-compose.yml: `apt-get install docker-compose` (Debian) or install Docker Compose');
}

let compose: ComposeFile;
let work: string;

beforeAll(async () => {
  compose = parse(await readFile(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
  work = await mkdtemp(path.join(tmpdir(), 'aios-compose-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function seconds(duration: string | undefined): number {
  const match = /^(\d+)s$/.exec(duration ?? '');
  if (!match) throw new Error(`not a duration in seconds: ${duration}`);
  return Number(match[1]);
}

describe('docker-compose.yml', () => {
  it('passes `docker-compose config` with the .env the guide asks for', async () => {
    await copyFile(path.join(root, 'docker-compose.yml'), path.join(work, 'docker-compose.yml'));
    await copyFile(path.join(root, '.env.example'), path.join(work, '.env'));
    const [command, ...prefix] = composeCommand();
    const { stdout } = await exec(command!, [...prefix, 'config', '--services'], { cwd: work });
    expect(stdout.trim().split('\n').sort()).toEqual(['aios-mcp', 'redis', 'worker']);
  });

  it('runs Redis 7 with append-only persistence on a volume, checked by redis-cli ping', () => {
    const redis = compose.services.redis!;
    expect(redis.image).toMatch(/^redis:7/);
    expect(redis.command?.join(' ')).toMatch(/--appendonly yes/);
    const volume = redis.volumes?.find((mount) => mount.endsWith(':/data'));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume!.split(':')[0]);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    // Not published beyond this machine: it has no password.
    for (const port of redis.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('runs the API as `aios-mcp` (the guide\'s `logs -f aios-mcp`) on port 3000, on Redis, once Redis is healthy', () => {
    const api = compose.services['aios-mcp']!;
    expect(api.build).toBeDefined();
    expect(api.command).toEqual(['node', 'dist/cli.js', 'serve']);
    expect(api.ports).toContain('3000:3000');
    expect(api.env_file).toBe('.env');
    expect(api.environment).toMatchObject({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379', HOST: '0.0.0.0', PORT: '3000' });
    expect(api.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(api.healthcheck?.test?.[1]).toBe('node');
    expect(api.healthcheck?.test?.join(' ')).toContain('http://127.0.0.1:3000/health');
  });

  it('runs a worker from the same image on the same Redis, without an HTTP health check', () => {
    const api = compose.services['aios-mcp']!;
    const worker = compose.services.worker!;
    expect(worker.command).toEqual(['node', 'dist/cli.js', 'worker']);
    expect(worker.image).toBe(api.image);
    expect(worker.env_file).toBe('.env');
    expect(worker.environment?.REDIS_URL).toBe(api.environment?.REDIS_URL);
    expect(worker.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(worker.healthcheck?.disable).toBe(true);
  });

  it('gives both processes more time to stop than the shutdown bound, so SIGTERM drains jobs', () => {
    const bound = loadConfig({}).shutdownTimeoutMs / 1000;
    for (const name of ['aios-mcp', 'worker']) expect(seconds(compose.services[name]!.stop_grace_period)).toBeGreaterThan(bound);
  });

  it('passes variables the service accepts: the environment it sets loads as a valid config', () => {
    for (const name of ['aios-mcp', 'worker']) {
      const env = compose.services[name]!.environment ?? {};
      expect(() => loadConfig({ ...env, AIOS_API_KEYS: '{"lovable":"aios_compose_test_key_0123"}', ADMIN_API_KEY: 'compose-admin-secret-0123' })).not.toThrow();
    }
  });
});

describe('.env.example, the file the compose stack reads as .env', () => {
  it('loads as a valid config', async () => {
    const env: Record<string, string> = {};
    for (const line of (await readFile(path.join(root, '.env.example'), 'utf8')).split('\n')) {
      const match = /^([A-Z][A-Z0-9_]*)=(\S*)/.exec(line);
      if (match) env[match[1]!] = match[2]!;
    }
    expect(Object.keys(env).length).toBeGreaterThan(5);
    expect(() => loadConfig(env)).not.toThrow();
  });
});
