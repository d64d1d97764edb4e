import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Copy, DockerfileParser, Healthcheck, type Dockerfile, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startServer, testConfig, type Server } from '../http/support.js';

const exec = promisify(execFile);
const root = path.resolve('.');

let dockerfile: Dockerfile;
let text: string;
let ignored: string[];

beforeAll(async () => {
  text = await readFile(path.join(root, 'Dockerfile'), 'utf8');
  dockerfile = DockerfileParser.parse(text);
  ignored = (await readFile(path.join(root, '.dockerignore'), 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
});

function stages(): { name: string | undefined; image: string | undefined; instructions: Instruction[] }[] {
  return dockerfile.getFROMs().map((from, index, froms) => {
    const start = from.getRange().start.line;
    const end = froms[index + 1]?.getRange().start.line ?? Number.POSITIVE_INFINITY;
    return {
      name: from.getBuildStage() ?? undefined,
      image: from.getImage() ?? undefined,
      instructions: dockerfile.getInstructions().filter((instruction) => {
        const line = instruction.getRange().start.line;
        return line > start && line < end;
      }),
    };
  });
}

function runs(instructions: Instruction[]): string[] {
  return instructions.filter((instruction) => instruction.getKeyword() === 'RUN').map((instruction) => instruction.getArgumentsContent() ?? '');
}

/** The exec-form JSON array of a CMD or HEALTHCHECK CMD. */
function execForm(content: string): string[] {
  const parsed: unknown = JSON.parse(content);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`not an exec form: ${content}`);
  return parsed;
}

/** What `.dockerignore` keeps out of the build context (its patterns here are plain names or `*.ext`). */
function isIgnored(source: string): boolean {
  let out = false;
  for (const pattern of ignored) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const regex = new RegExp(`^${body.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`);
    if (regex.test(source)) out = !negated;
  }
  return out;
}

describe('Dockerfile', () => {
  it('parses and lints clean', () => {
    expect(validate(text).map((diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`)).toEqual([]);
  });

  it('is multi-stage: a build stage compiles with dev dependencies, the runtime installs production ones only', () => {
    const [build, runtime, ...rest] = stages();
    expect(rest).toEqual([]);
    for (const stage of [build!, runtime!]) expect(stage.image).toMatch(/^node:(20|22|24)-slim$/);
    expect(build!.name).toBe('build');
    expect(runs(build!.instructions).some((command) => /\bnpm ci\b/.test(command) && !command.includes('--omit=dev'))).toBe(true);
    expect(runs(build!.instructions).some((command) => /\bnpm run build\b/.test(command))).toBe(true);
    expect(runs(runtime!.instructions).some((command) => /\bnpm ci\b.*--omit=dev/.test(command))).toBe(true);
    expect(runs(runtime!.instructions).some((command) => /\bnpm run build\b/.test(command))).toBe(false);
    const fromBuild = runtime!.instructions.filter((instruction): instruction is Copy => instruction instanceof Copy && instruction.getFromFlag() !== null);
    expect(fromBuild.map((copy) => [copy.getFromFlag()!.getValue(), copy.getArguments()[0]!.getValue()])).toEqual([['build', '/app/dist']]);
  });

  it('copies only files that exist in the repository and that .dockerignore lets through', () => {
    const sources = dockerfile
      .getInstructions()
      .filter((instruction): instruction is Copy => instruction instanceof Copy && instruction.getFromFlag() === null)
      .flatMap((copy) => copy.getArguments().slice(0, -1).map((argument) => argument.getValue()));
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.build.json', 'src']));
    for (const source of sources) {
      expect(existsSync(path.join(root, source)), `${source} exists`).toBe(true);
      expect(isIgnored(source), `${source} is not in .dockerignore`).toBe(false);
    }
    // What must never reach the context: secrets, local state, installed modules.
    for (const kept of ['.env', '.env.production', 'node_modules', 'data', '.git', 'dist']) expect(isIgnored(kept), kept).toBe(true);
  });

  it('runs the server as a non-root user in production mode on port 3000', () => {
    const runtime = stages().at(-1)!;
    const users = runtime.instructions.filter((instruction) => instruction.getKeyword() === 'USER').map((instruction) => instruction.getArgumentsContent());
    expect(users.at(-1)).toBeDefined();
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const lastUser = runtime.instructions.findLastIndex((instruction) => instruction.getKeyword() === 'USER');
    expect(runtime.instructions.slice(lastUser).some((instruction) => instruction.getKeyword() === 'RUN')).toBe(false);

    const env = runtime.instructions.filter((instruction) => instruction.getKeyword() === 'ENV').map((instruction) => instruction.getArgumentsContent()).join(' ');
    expect(env).toMatch(/NODE_ENV=production/);
    expect(env).toMatch(/HOST=0\.0\.0\.0/);
    // glibc malloc's settings DEPLOYMENT.md recommends for the process (fewer arenas, large blocks given back).
    expect(env).toMatch(/MALLOC_ARENA_MAX=2\b/);
    expect(env).toMatch(/MALLOC_MMAP_THRESHOLD_=65536\b/);
    expect(runtime.instructions.find((instruction) => instruction.getKeyword() === 'EXPOSE')?.getArgumentsContent()).toBe('3000');
    const cmd = runtime.instructions.filter((instruction) => instruction.getKeyword() === 'CMD');
    expect(cmd).toHaveLength(1);
    expect(execForm(cmd[0]!.getArgumentsContent()!)).toEqual(['node', 'dist/cli.js', 'serve']);
  });

  it('starts what the build produces: the CMD runs the package bin, compiled from src/cli.ts', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin['aios-mcp']).toBe('dist/cli.js');
    expect(pkg.scripts.build).toContain('tsconfig.build.json');
    const build = JSON.parse(await readFile(path.join(root, 'tsconfig.build.json'), 'utf8')) as { compilerOptions: { rootDir: string; outDir: string } };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    expect(existsSync(path.join(root, 'src/cli.ts'))).toBe(true);
  });

  describe('HEALTHCHECK', () => {
    let server: Server;
    beforeAll(async () => {
      server = await startServer(await testConfig());
    });
    afterAll(async () => {
      await server.close();
      await removeDataDir(server.config);
    });

    function healthcheck(): string[] {
      const instruction = stages().at(-1)!.instructions.find((candidate): candidate is Healthcheck => candidate instanceof Healthcheck);
      expect(instruction).toBeDefined();
      const content = instruction!.getArgumentsContent()!;
      return execForm(content.slice(content.indexOf('[')));
    }

    it('uses node, not curl (slim images have none), and asks /health', () => {
      const command = healthcheck();
      expect(command[0]).toBe('node');
      expect(command.join(' ')).toContain('/health');
      expect(command.join(' ')).not.toMatch(/\b(curl|wget)\b/);
    });

    it('exits 0 against a healthy server and non-zero when nothing answers', async () => {
      const [, ...args] = healthcheck();
      const port = new URL(server.url).port;
      await expect(exec(process.execPath, args, { env: { ...process.env, PORT: port } })).resolves.toBeDefined();
      await server.app.close();
      await expect(exec(process.execPath, args, { env: { ...process.env, PORT: port } })).rejects.toMatchObject({ code: 1 });
    });
  });
});
