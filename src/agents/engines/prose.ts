import { z } from 'zod';
import type { Context, EngineRecord, ProductModelContract, SpecInput } from '../../contract/index.js';
import type { AgentContext } from '../agent.js';
import type { BriefProse } from '../analyst/brief.js';
import { BRIEF_PROSE_PARTS, briefProseRequest, briefProseSystemPrompt, ideaText, proseSystemPrompt, type ProseParts } from '../prompts.js';
import { askChecked, jsonOf, type Asked, type Check } from './ask.js';
import type { ModelPort } from './port.js';

/**
 * A model writes the prose of the brief's narrative sections. Only prose: an answer with headings,
 * lists, tables, code, links or HTML goes back, so the document's structure, names and tables stay
 * the product's own.
 */

const MARKUP: Array<[RegExp, string]> = [
  [/^\s*#/m, 'a heading'],
  [/^\s*(?:[-*+]|\d+[.)])\s/m, 'a list'],
  [/\|/, 'a table'],
  [/```|`/, 'code'],
  [/<\/?[a-z!]/i, 'HTML'],
  [/\]\(|https?:\/\//i, 'a link'],
];
/** Identifiers are the product's own: prose names things as people say them, never as `expense_share`. */
const IDENTIFIER = /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/i;

/** Plain prose of `min`..`max` characters. */
export function plainProse(min = 40, max = 2_000): z.ZodType<string> {
  return z
    .string()
    .trim()
    .min(min, `must be at least ${min} characters of prose`)
    .max(max, `must be at most ${max} characters`)
    .superRefine((text, ctx) => {
      for (const [pattern, what] of MARKUP) if (pattern.test(text)) ctx.addIssue({ code: 'custom', message: `must be plain prose; it holds ${what}` });
      const name = IDENTIFIER.exec(text)?.[0];
      if (name) ctx.addIssue({ code: 'custom', message: `must name things as people say them, not as the identifier "${name}"` });
    });
}

const paragraphs = plainProse();

export const BriefProseSchema = z.object(
  Object.fromEntries(Object.keys(BRIEF_PROSE_PARTS).map((key) => [key, paragraphs])) as Record<keyof typeof BRIEF_PROSE_PARTS, typeof paragraphs>,
);

let proseJsonSchema: Record<string, unknown> | undefined;

export function checkProse(text: string): Check<BriefProse> {
  return checkAgainst(BriefProseSchema, text);
}

function checkAgainst<T>(schema: z.ZodType<T>, text: string): Check<T> {
  let value: unknown;
  try {
    value = jsonOf(text);
  } catch (error) {
    return { ok: false, problems: [`the answer is not one JSON object (${error instanceof Error ? error.message : String(error)})`] };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.join('.') || '(the object)'}: ${issue.message}`) };
}

/** Asks `port` for the brief's prose, from the idea and its checked product model. */
export function writeBriefProse(
  port: ModelPort,
  input: SpecInput & { context?: Context | undefined },
  product_model: ProductModelContract,
  ctx: Pick<AgentContext, 'signal' | 'progress'>,
  range: { from: number; to: number },
): Promise<Asked<BriefProse>> {
  proseJsonSchema ??= z.toJSONSchema(BriefProseSchema, { io: 'input' }) as Record<string, unknown>;
  return askChecked(
    port,
    {
      system: briefProseSystemPrompt(),
      request: briefProseRequest(ideaText(input), product_model),
      schema: proseJsonSchema,
      check: checkProse,
      what: "the brief's prose",
      ...range,
    },
    ctx,
  );
}

/** A document's prose parts, each with its length when it is not one to three paragraphs (a headline). */
export interface ProseTask extends ProseParts {
  limits?: Record<string, { min: number; max: number }>;
}

/** Asks `port` for the prose of `task`'s parts, from the idea and its checked product model. */
export function writeProse(
  port: ModelPort,
  task: ProseTask,
  input: SpecInput & { context?: Context | undefined },
  product_model: ProductModelContract,
  ctx: Pick<AgentContext, 'signal' | 'progress'>,
  range: { from: number; to: number },
): Promise<Asked<Record<string, string>>> {
  const schema = z.object(Object.fromEntries(Object.keys(task.parts).map((key) => [key, plainProse(task.limits?.[key]?.min, task.limits?.[key]?.max)])));
  return askChecked(
    port,
    {
      system: proseSystemPrompt(task),
      request: briefProseRequest(ideaText(input), product_model),
      schema: z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>,
      check: (text) => checkAgainst(schema as z.ZodType<Record<string, string>>, text),
      what: `${task.document}'s prose`,
      ...range,
    },
    ctx,
  );
}

/** What a phase's own writing gives: the model's prose when it passed, and the record of the call. */
export interface WrittenProse {
  prose?: Record<string, string> | undefined;
  record?: EngineRecord | undefined;
}

/**
 * The phase's model writes `task`'s prose when the phase has one (a model chosen, and its reading
 * used when it read the idea). Never throws for what the model did: without valid prose the
 * document keeps its own sentences and the record says why. An abort throws.
 */
export async function phaseProse(
  ctx: Pick<AgentContext, 'signal' | 'progress' | 'engine'>,
  task: ProseTask,
  input: SpecInput & { context?: Context | undefined },
  product_model: ProductModelContract,
  range: { from: number; to: number },
): Promise<WrittenProse> {
  const port = ctx.engine?.port;
  if (!port) return {};
  const asked = await writeProse(port, task, input, product_model, ctx, range);
  if (asked.ok) return { prose: asked.value, record: { engine: port.engine, model: port.model, tokens: asked.tokens } };
  return {
    record: {
      engine: 'heuristic',
      model: port.model,
      ...(asked.tokens.total_tokens > 0 ? { tokens: asked.tokens } : {}),
      fallback: { from: port.engine, reason: `${task.document}'s prose: ${asked.reason}; ${task.document} keeps its own sentences` },
    },
  };
}
