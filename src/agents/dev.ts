import { AiosError, type CodeInput, type CodeOutput } from '../contract/index.js';
import { standaloneContext, type Agent, type AgentContext } from './agent.js';
import { PERSONAS } from './personas.js';

export async function generateCode(input: CodeInput, ctx: AgentContext = standaloneContext()): Promise<CodeOutput> {
  void input;
  void ctx;
  throw new AiosError('AGENT_FAILURE', 'the dev agent is under construction');
}

export const devAgent: Agent<CodeInput, CodeOutput> = {
  persona: PERSONAS['dev'],
  phase: 'code',
  tool: 'aios_generate_code',
  engine: 'embedded',
  run: generateCode,
};
