import { PHASES, TOOLS, type AgentToolName, type JobPhase, type Phase } from '../contract/index.js';

/**
 * Which phases a tool runs, and in what order: what the queues and the MCP tools need to know of
 * the agents without loading them (see on-demand.ts).
 */

/** Orders and de-duplicates the phases asked for: always strategy → architecture → ux → code. */
export function orderPhases(phases: readonly Phase[] | undefined): Phase[] {
  if (!phases || phases.length === 0) return [...PHASES];
  return PHASES.filter((phase) => phases.includes(phase));
}

/** The phases a tool runs, in order. */
export function phasesOf(tool: AgentToolName, input?: { phases?: Phase[] | undefined }): JobPhase[] {
  if (tool === 'aios_full_pipeline') return orderPhases(input?.phases);
  const phase = TOOLS[tool].phase;
  return phase ? [phase] : [];
}
