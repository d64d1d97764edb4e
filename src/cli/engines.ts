import { Option } from 'commander';
import { enginesOf } from '../agents/engines/configured.js';
import type { Engines } from '../agents/engines/port.js';
import { ConfigError, loadConfig } from '../config.js';
import { AiosError, type EngineRecord } from '../contract/index.js';

/** `--engine`: who reads the idea here; no MCP client is there to sample, so not `sampling`. */
export function engineOption(): Option {
  return new Option('-e, --engine <engine>', 'who reads the idea (default: AIOS_ENGINE, else auto: AIOS_MODEL when set, else offline)').choices(['auto', 'heuristic', 'llm']);
}

/** The engines the environment configures (AIOS_ENGINE, AIOS_MODEL...), as `serve` would use them. */
export function cliEngines(): Engines {
  try {
    return enginesOf(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError) throw new AiosError('INVALID_INPUT', `the environment: ${error.problems.join('; ')}`);
    throw error;
  }
}

/** Says on standard error which phases a model was asked for but did not make, and why. */
export function reportFallbacks(records: Record<string, Partial<EngineRecord> | undefined>): void {
  for (const [phase, record] of Object.entries(records)) {
    if (record?.fallback) process.stderr.write(`note: ${phase}: ${record.fallback.from} fell back: ${record.fallback.reason}\n`);
  }
}
