import { AiosError, type StrategizeInput, type StrategizeOutput } from '../contract/index.js';
import { standaloneContext, type Agent, type AgentContext } from './agent.js';
import { PERSONAS } from './personas.js';

export async function strategize(input: StrategizeInput, ctx: AgentContext = standaloneContext()): Promise<StrategizeOutput> {
  void input;
  void ctx;
  throw new AiosError('AGENT_FAILURE', 'the pm agent is under construction');
}

export const pmAgent: Agent<StrategizeInput, StrategizeOutput> = {
  persona: PERSONAS.pm,
  phase: 'strategy',
  tool: 'aios_strategize',
  engine: 'embedded',
  run: strategize,
};
