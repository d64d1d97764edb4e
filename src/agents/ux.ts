import { AiosError, type UxInput, type UxOutput } from '../contract/index.js';
import { standaloneContext, type Agent, type AgentContext } from './agent.js';
import { PERSONAS } from './personas.js';

export async function designUx(input: UxInput, ctx: AgentContext = standaloneContext()): Promise<UxOutput> {
  void input;
  void ctx;
  throw new AiosError('AGENT_FAILURE', 'the ux agent is under construction');
}

export const uxAgent: Agent<UxInput, UxOutput> = {
  persona: PERSONAS['ux-design-expert'],
  phase: 'ux',
  tool: 'aios_design_ux',
  engine: 'embedded',
  run: designUx,
};
