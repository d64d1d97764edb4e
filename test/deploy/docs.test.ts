import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, JOB_PHASES } from '../../src/contract/index.js';
import { EmbeddedQueue } from '../../src/jobs/embedded.js';
import { AppMetrics } from '../../src/metrics.js';

const exec = promisify(execFile);
const root = path.resolve('.');

let guide: string;

beforeAll(async () => {
  guide = await readFile(path.join(root, 'docs/DEPLOYMENT.md'), 'utf8');
});

/** The variables `loadConfig` reads: the keys of its schema, plus the per-phase time limits it generates. */
async function configVariables(): Promise<string[]> {
  const source = await readFile(path.join(root, 'src/config.ts'), 'utf8');
  const schema = source.slice(source.indexOf('const EnvSchema'), source.indexOf('\n});', source.indexOf('const EnvSchema')));
  const names = [...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!);
  return [...names, ...JOB_PHASES.map((phase) => `AGENT_TIMEOUT_${phase.toUpperCase()}_MS`)];
}

describe('docs/DEPLOYMENT.md', () => {
  it('documents every variable the service reads, in a table row of its own', async () => {
    const variables = await configVariables();
    expect(variables).toEqual(expect.arrayContaining(['NODE_ENV', 'PORT', 'REDIS_URL', 'ADMIN_API_KEY', 'AGENT_TIMEOUT_CODE_MS']));
    const missing = variables.filter((name) => !new RegExp(`^\\| \`${name}\` \\|`, 'm').test(guide));
    expect(missing).toEqual([]);
  });

  it('has a troubleshooting row for every error code of the contract, with its HTTP status', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(guide, code).toMatch(new RegExp(`^\\| \`${code}\` \\| ${status}\\b`, 'm'));
    }
  });

  it('names every metric /metrics serves under the aios_ prefix', async () => {
    const queue = new EmbeddedQueue({
      concurrency: 1,
      phaseTimeoutsMs: { analysis: 1000, strategy: 1000, architecture: 1000, ux: 1000, code: 1000 },
      retention: { completedMs: 1000, failedMs: 1000 },
    });
    const metrics = new AppMetrics(queue);
    const names = (await metrics.registry.getMetricsAsJSON()).map((metric) => metric.name).filter((name) => name.startsWith('aios_'));
    await queue.close();
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) expect(guide, name).toContain(`\`${name}\``);
  });

  it('uses only `aios-mcp` commands the CLI has', async () => {
    const cli = path.join(root, 'dist/cli.js');
    const top = (await exec(process.execPath, [cli, '--help'])).stdout;
    const keys = (await exec(process.execPath, [cli, 'keys', '--help'])).stdout;
    // Commands as written in code: `aios-mcp ...` spans and lines of code blocks.
    const used = new Set([...guide.matchAll(/(?:`|^)aios-mcp ((?:keys )?[a-z]+)/gm)].map((match) => match[1]!));
    expect(used).toContain('worker');
    for (const command of used) {
      const [first, second] = command.split(' ');
      if (first === 'keys') expect(keys, command).toMatch(new RegExp(`^\\s+${second}\\b`, 'm'));
      else expect(top, command).toMatch(new RegExp(`^\\s+${first}\\b`, 'm'));
    }
  });
});
