import { ProductModelSchema, type Context, type EngineRecord, type ProductModelContract, type SpecInput, type TokenUsage } from '../../contract/index.js';
import type { AgentContext } from '../agent.js';
import { expandModel } from '../product.js';
import { ideaText, modelJsonSchema, readingRequest, readingSystemPrompt, repairRequest } from '../prompts.js';
import { NO_TOKENS, addTokens, type ModelMessage, type ModelPort } from './port.js';

/**
 * A model reads the idea into the product model. Its answer is checked as any input would be
 * (the contract's schema: identifiers, references, access rules for known roles) and built
 * (expanded into the agents' model); an answer that fails goes back once with the problems, and
 * one that fails again leaves the offline reader's draft in its place, saying why.
 */

export interface ModelReading {
  product_model: ProductModelContract;
  record: EngineRecord;
}

type Checked = { ok: true; model: ProductModelContract } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 25;

/** The JSON object in an answer: bare, or inside a code fence or some words, as models sometimes write it. */
function jsonOf(text: string): unknown {
  const trimmed = text.trim();
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(trimmed)?.[1];
  const candidate = fenced ?? trimmed;
  const start = candidate.indexOf('{');
  const end = candidate.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('the answer holds no JSON object');
  return JSON.parse(candidate.slice(start, end + 1));
}

/** Checks an answer: JSON, the product model's schema, and that the agents can build on it. */
export function checkReading(text: string, input: SpecInput): Checked {
  let value: unknown;
  try {
    value = jsonOf(text);
  } catch (error) {
    return { ok: false, problems: [`the answer is not one JSON object (${error instanceof Error ? error.message : String(error)})`] };
  }
  const result = ProductModelSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.slice(0, MAX_PROBLEMS).map((issue) => `${issue.path.length ? issue.path.join('.') : '(the object)'}: ${issue.message}`);
    if (result.error.issues.length > MAX_PROBLEMS) problems.push(`and ${result.error.issues.length - MAX_PROBLEMS} more problems like these`);
    return { ok: false, problems };
  }
  try {
    expandModel(result.data, input);
  } catch (error) {
    return { ok: false, problems: [`the agents cannot build on it: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return { ok: true, model: result.data };
}

/** Progress while the model writes: from 5 % towards `ceiling`, never reaching it; the answer's length is unknown. */
function writingProgress(ctx: Pick<AgentContext, 'progress'>, ceiling: number, attempt: number): (characters: number) => void {
  let last = -1;
  return (characters) => {
    const percent = Math.floor(5 + (ceiling - 5) * (1 - Math.exp(-characters / 6_000)));
    if (percent <= last) return;
    last = percent;
    ctx.progress(percent, `${attempt === 0 ? 'the model is writing the product model' : 'the model is correcting the product model'} (${characters} characters)`);
  };
}

/**
 * Reads the idea with `port`, the offline reader's `draft` given to improve. Never throws for
 * what the model did (a failed call, a bad answer): the draft is used and the record says why.
 * An abort (the phase's time limit, a cancellation) does throw: the phase ends with it.
 */
export async function readWithModel(
  input: SpecInput & { context?: Context | undefined },
  draft: ProductModelContract,
  port: ModelPort,
  ctx: Pick<AgentContext, 'signal' | 'progress'>,
  ceiling = 50,
): Promise<ModelReading> {
  const messages: ModelMessage[] = [{ role: 'user', content: readingRequest(ideaText(input), draft) }];
  const system = readingSystemPrompt();
  let tokens: TokenUsage = NO_TOKENS;
  let problems: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    let text: string;
    try {
      const answer = await port.complete({ system, messages, schema: modelJsonSchema(), signal: ctx.signal, onText: writingProgress(ctx, ceiling, attempt) });
      tokens = addTokens(tokens, answer.usage);
      text = answer.text;
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const reason = `the model call failed: ${error instanceof Error ? error.message : String(error)}`;
      return fellBack(draft, port, tokens, reason);
    }
    const checked = checkReading(text, input);
    if (checked.ok) {
      ctx.progress(ceiling, 'product model checked');
      return { product_model: checked.model, record: { engine: port.engine, model: port.model, tokens } };
    }
    problems = checked.problems;
    messages.push({ role: 'assistant', content: text }, { role: 'user', content: repairRequest(problems) });
  }
  const shown = problems.slice(0, 3).join('; ');
  return fellBack(draft, port, tokens, `the model's answer was not a valid product model, twice (${shown}${problems.length > 3 ? '; …' : ''}); the offline reading was used`);
}

function fellBack(draft: ProductModelContract, port: ModelPort, tokens: TokenUsage, reason: string): ModelReading {
  return {
    product_model: draft,
    record: { engine: 'heuristic', model: port.model, ...(tokens.total_tokens > 0 ? { tokens } : {}), fallback: { from: port.engine, reason } },
  };
}
