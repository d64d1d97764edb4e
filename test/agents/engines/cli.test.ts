import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { FLAT_IDEA, FLAT_MODEL, FLAT_PROSE } from '../../fixtures/model-answers.js';
import { startReplayServer, type ReplayServer } from './openai-server.js';

/** The `analyze` and `run` commands use the engines the environment configures, like `serve`. */

const exec = promisify(execFile);
const KEY = 'sk-cli-replay-0123456789-secret';
let model: ReplayServer | undefined;

afterEach(async () => {
  await model?.close();
  model = undefined;
});

async function aios(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [path.resolve('dist/cli.js'), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('aios-mcp analyze with a configured model', () => {
  it('reads the idea with AIOS_MODEL; --engine heuristic does not call it', async () => {
    model = await startReplayServer([{ content: JSON.stringify(FLAT_MODEL) }, { content: JSON.stringify(FLAT_PROSE) }]);
    const env = { AIOS_MODEL: 'openai-compatible:replay-model', AIOS_MODEL_BASE_URL: model.baseUrl, AIOS_MODEL_API_KEY: KEY };
    const read = await aios(env, 'analyze', FLAT_IDEA, '--json');
    expect(read.code).toBe(0);
    const output = JSON.parse(read.stdout) as { engine: string; model: string; brief_markdown: string };
    expect(output).toMatchObject({ engine: 'llm', model: 'openai-compatible:replay-model' });
    expect(output.brief_markdown).toContain(FLAT_PROSE.problem_statement);
    expect(model.requests).toHaveLength(2);
    expect(read.stdout + read.stderr).not.toContain(KEY);

    const offline = await aios(env, 'analyze', FLAT_IDEA, '--json', '--engine', 'heuristic');
    expect(JSON.parse(offline.stdout)).toMatchObject({ engine: 'heuristic' });
    expect(model.requests).toHaveLength(2);
  });

  it('says on standard error when the model fell back, and why', async () => {
    model = await startReplayServer([{ status: 400 }]);
    const result = await aios({ AIOS_MODEL: 'openai-compatible:replay-model', AIOS_MODEL_BASE_URL: model.baseUrl }, 'analyze', FLAT_IDEA);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/note: analysis: llm fell back: the model call failed: HTTP 400/);
  });

  it('--engine llm without AIOS_MODEL falls back, and a bad AIOS_MODEL is refused with exit code 2', async () => {
    const noModel = await aios({}, 'analyze', FLAT_IDEA, '--engine', 'llm');
    expect(noModel.stderr).toMatch(/note: analysis: llm fell back: no model is configured/);
    const bad = await aios({ AIOS_MODEL: 'gpt-4' }, 'analyze', FLAT_IDEA);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error INVALID_INPUT: the environment: AIOS_MODEL must be/);
  });
});
