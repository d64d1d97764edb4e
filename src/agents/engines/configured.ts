import type { Config } from '../../config.js';
import type { AgentToolName, JobPhase, PhaseEvent } from '../../contract/index.js';
import { runTool } from '../on-demand.js';
import type { ToolOutput } from '../pipeline.js';
import type { ModelSettings } from '../../config.js';
import type { Engines, ModelPort } from './port.js';

/** The configured model, with the AI SDK loaded on its first call: processes that never call a model never load it. */
function lazyLlm(settings: ModelSettings): ModelPort {
  let port: Promise<ModelPort> | undefined;
  return {
    engine: 'llm',
    model: settings.name,
    async complete(request) {
      port ??= import('./llm.js').then(({ configuredLlm }) => configuredLlm(settings));
      return (await port).complete(request);
    },
  };
}

/** The engines of the configuration: `AIOS_ENGINE`, and the `AIOS_MODEL` model when one is set. */
export function enginesOf(config: Pick<Config, 'engine'>): Engines {
  const { choice, model } = config.engine;
  return { choice, llm: model ? lazyLlm(model) : undefined };
}

type RunnerOptions = { signal: AbortSignal; onEvent: (event: PhaseEvent) => void; timeouts: Record<JobPhase, number> };

/** What a queue runs: `runTool` with the configured engines (built once, here, in the process that runs the jobs). */
export function configuredRunner(config: Pick<Config, 'engine'>): (tool: AgentToolName, input: unknown, options: RunnerOptions) => Promise<ToolOutput> {
  const engines = enginesOf(config);
  return (tool, input, options) => runTool(tool, input, { ...options, engines });
}

/** What start-up logs about the engines: the default and the model's name, never its key. */
export function engineSummary(config: Pick<Config, 'engine'>): { engine: string; model: string } {
  return { engine: config.engine.choice, model: config.engine.model?.name ?? 'none' };
}
