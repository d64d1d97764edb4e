import type { AgentToolName } from '../contract/index.js';
import type { RunOptions, ToolOutput } from './pipeline.js';

/**
 * `runTool` for processes that may never run an agent themselves: an API process whose agents
 * run on worker threads (`AGENT_THREADS`) or in a Redis worker. The agents (the reader's language
 * library, WordNet, their lexicons: ~20 MB of heap, ~45 MB resident) load on the first call here,
 * not at start-up; the threads load their own.
 */
export async function runTool(tool: AgentToolName, input: unknown, options: RunOptions = {}): Promise<ToolOutput> {
  const pipeline = await import('./pipeline.js');
  return pipeline.runTool(tool, input, options);
}
