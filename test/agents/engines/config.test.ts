import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { startApi, stopAll, waitForOutput, type CliProcess } from '../../redis/processes.js';
import { problems } from '../../config-problems.js';

/** The engine variables of CONTRACT section 7: read, checked together, and logged without the key. */

describe('engine configuration', () => {
  it('defaults to auto with no model', () => {
    expect(loadConfig({}).engine).toEqual({ choice: 'auto', model: undefined });
  });

  it('reads AIOS_MODEL as provider and model id, with the key from AIOS_MODEL_API_KEY or the provider\'s variable', () => {
    expect(loadConfig({ AIOS_MODEL: 'anthropic:claude-sonnet-4-5', ANTHROPIC_API_KEY: 'sk-ant-1' }).engine.model).toEqual({
      provider: 'anthropic',
      id: 'claude-sonnet-4-5',
      name: 'anthropic:claude-sonnet-4-5',
      baseUrl: undefined,
      apiKey: 'sk-ant-1',
    });
    expect(loadConfig({ AIOS_MODEL: 'openai:gpt-4.1-mini', OPENAI_API_KEY: 'sk-o', AIOS_MODEL_API_KEY: 'sk-own' }).engine.model?.apiKey).toBe('sk-own');
    // A key of the other provider is not used.
    expect(problems({ AIOS_MODEL: 'openai:gpt-4.1-mini', ANTHROPIC_API_KEY: 'sk-ant-1' })).toEqual([
      'AIOS_MODEL=openai:... needs a key: set AIOS_MODEL_API_KEY or OPENAI_API_KEY',
    ]);
    // Model ids may hold colons and slashes (Ollama tags, OpenRouter names).
    const local = loadConfig({ AIOS_MODEL: 'openai-compatible:qwen2.5:14b', AIOS_MODEL_BASE_URL: 'http://127.0.0.1:11434/v1/' }).engine.model;
    expect(local).toMatchObject({ provider: 'openai-compatible', id: 'qwen2.5:14b', baseUrl: 'http://127.0.0.1:11434/v1', apiKey: undefined });
  });

  it('refuses what cannot work, naming the variable', () => {
    expect(problems({ AIOS_ENGINE: 'gpt' })[0]).toMatch(/^AIOS_ENGINE must be one of auto, heuristic, llm, sampling/);
    expect(problems({ AIOS_MODEL: 'gpt-4' })[0]).toMatch(/^AIOS_MODEL must be anthropic:<model id>, openai:<model id>, openai-compatible:<model id>/);
    expect(problems({ AIOS_ENGINE: 'llm' })).toEqual(['AIOS_ENGINE=llm needs a model: set AIOS_MODEL (e.g. "openai:gpt-4.1-mini")']);
    expect(problems({ AIOS_MODEL: 'openai-compatible:llama3.1' })[0]).toMatch(/needs AIOS_MODEL_BASE_URL/);
    expect(problems({ AIOS_MODEL_BASE_URL: 'ftp://x' })[0]).toMatch(/^AIOS_MODEL_BASE_URL must use https: or http:/);
  });
});

describe('start-up', () => {
  it('logs the engine and the model\'s name, never its key', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'aios-engine-'));
    const processes: CliProcess[] = [];
    try {
      const api = await startApi({ DATA_DIR: dataDir, AIOS_MODEL: 'anthropic:claude-sonnet-4-5', ANTHROPIC_API_KEY: 'sk-ant-startup-secret-0123456789' });
      processes.push(api);
      await waitForOutput(api, 'engine auto, model anthropic:claude-sonnet-4-5');
      expect(api.output()).not.toContain('sk-ant-startup-secret');
    } finally {
      await stopAll(processes);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
