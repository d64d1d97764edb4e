import { ProductModelSchema, type Context, type EngineRecord, type ProductModelContract, type SpecInput } from '../../contract/index.js';
import type { AgentContext } from '../agent.js';
import { expandModel } from '../product.js';
import { ideaText, modelJsonSchema, readingRequest, readingSystemPrompt } from '../prompts.js';
import { askChecked, jsonOf, type Check } from './ask.js';
import type { ModelPort } from './port.js';

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

const MAX_PROBLEMS = 25;

/** Checks an answer: JSON, the product model's schema, and that the agents can build on it. */
export function checkReading(text: string, input: SpecInput): Check<ProductModelContract> {
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
  return { ok: true, value: result.data };
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
  const asked = await askChecked(
    port,
    {
      system: readingSystemPrompt(),
      request: readingRequest(ideaText(input), draft),
      schema: modelJsonSchema(),
      check: (text) => checkReading(text, input),
      what: 'the product model',
      from: 5,
      to: ceiling,
    },
    ctx,
  );
  if (asked.ok) return { product_model: asked.value, record: { engine: port.engine, model: port.model, tokens: asked.tokens } };
  const reason = asked.reason.startsWith('the model\'s answer') ? `${asked.reason.replace('was not valid', 'was not a valid product model')}; the offline reading was used` : asked.reason;
  return {
    product_model: draft,
    record: { engine: 'heuristic', model: port.model, ...(asked.tokens.total_tokens > 0 ? { tokens: asked.tokens } : {}), fallback: { from: port.engine, reason } },
  };
}
