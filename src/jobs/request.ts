import { createHash } from 'node:crypto';
import { AGENT_TOOLS, AiosError, TOOLS, TOOL_NAMES, parseInput, type AgentToolName } from '../contract/index.js';

/**
 * Tools that answer about jobs rather than run agents: callers reach them through GET routes.
 * A Map, since the name comes from the caller: `constructor` must not find Object's.
 */
const READ_TOOLS = new Map<string, string>([
  ['aios_get_status', 'GET /api/jobs/:id'],
  ['aios_get_artifact', 'GET /api/jobs/:id/artifacts/:type'],
]);

function isAgentTool(tool: string): tool is AgentToolName {
  return (AGENT_TOOLS as readonly string[]).includes(tool);
}

/**
 * Checks a job request before it is queued, so a bad one is a 400 now rather than a failed job
 * later: the tool must run agents, and the input must satisfy that tool's schema.
 */
export function validateJobRequest(tool: unknown, input: unknown): { tool: AgentToolName; input: unknown } {
  if (typeof tool !== 'string' || tool.length === 0) {
    throw new AiosError('INVALID_INPUT', `tool: name one of ${AGENT_TOOLS.join(', ')}`, { field: 'tool', valid_tools: AGENT_TOOLS });
  }
  const readRoute = READ_TOOLS.get(tool);
  if (readRoute) {
    throw new AiosError('INVALID_INPUT', `tool: ${tool} is not a job; call ${readRoute} instead`, {
      field: 'tool',
      valid_tools: AGENT_TOOLS,
    });
  }
  if (!isAgentTool(tool)) {
    throw new AiosError('INVALID_INPUT', `tool: unknown tool "${tool.slice(0, 100)}"; valid tools: ${AGENT_TOOLS.join(', ')}`, {
      field: 'tool',
      valid_tools: AGENT_TOOLS,
      all_tools: TOOL_NAMES,
    });
  }
  return { tool, input: parseInput(TOOLS[tool].input, input ?? {}, 'input') };
}

/** JSON with object keys sorted, so the same body always has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What an `Idempotency-Key` repeat is compared on. */
export function fingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
