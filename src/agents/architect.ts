import { AiosError, type ArchitectureInput, type ArchitectureOutput } from '../contract/index.js';
import { standaloneContext, type Agent, type AgentContext } from './agent.js';
import { PERSONAS } from './personas.js';

export async function designArchitecture(input: ArchitectureInput, ctx: AgentContext = standaloneContext()): Promise<ArchitectureOutput> {
  void input;
  void ctx;
  throw new AiosError('AGENT_FAILURE', 'the architect agent is under construction');
}

export const architectAgent: Agent<ArchitectureInput, ArchitectureOutput> = {
  persona: PERSONAS['architect'],
  phase: 'architecture',
  tool: 'aios_design_architecture',
  engine: 'embedded',
  run: designArchitecture,
};
