import { describe, expect, it } from 'vitest';
import { configuredLlm } from '../../../src/agents/engines/llm.js';
import { runPipeline, runTool } from '../../../src/agents/pipeline.js';
import type { AnalyzeOutput } from '../../../src/contract/index.js';
import { loadConfig } from '../../../src/config.js';
import { FLAT_IDEA } from '../../fixtures/model-answers.js';

/**
 * Opt-in: against a real provider when its key is set (ANTHROPIC_API_KEY or OPENAI_API_KEY; the
 * model from AIOS_LIVE_MODEL, e.g. "anthropic:claude-sonnet-4-5"). Skipped, and said so, when not.
 */

const liveModel =
  process.env.AIOS_LIVE_MODEL ??
  (process.env.ANTHROPIC_API_KEY ? 'anthropic:claude-sonnet-4-5' : process.env.OPENAI_API_KEY ? 'openai:gpt-4.1-mini' : undefined);
const reason = 'no provider key (ANTHROPIC_API_KEY or OPENAI_API_KEY) is set: the live model test is skipped';

describe.skipIf(!liveModel)(liveModel ? `a live model (${liveModel})` : reason, () => {
  it('reads an idea the contract accepts, and the pipeline builds on it', { timeout: 300_000 }, async () => {
    const settings = loadConfig({ ...process.env, AIOS_MODEL: liveModel }).engine.model!;
    const engines = { choice: 'llm' as const, llm: configuredLlm(settings) };
    const analysis = (await runTool('aios_analyze', { spec: FLAT_IDEA }, { engines })) as AnalyzeOutput;
    expect(analysis.fallback).toBeUndefined();
    expect(analysis.engine).toBe('llm');
    expect(analysis.tokens?.total_tokens).toBeGreaterThan(0);
    const output = await runPipeline({ spec: FLAT_IDEA, phases: ['architecture'] }, { engines });
    expect(output.architecture?.engine).toBe('llm');
    expect(output.architecture?.migration_sql).toContain('enable row level security');
  });
});

if (!liveModel) console.info(reason);
