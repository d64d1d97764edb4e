import { z } from 'zod';
import type { Context, ProductModelContract, SpecInput } from '../../contract/index.js';
import type { AgentContext } from '../agent.js';
import type { BriefProse } from '../analyst/brief.js';
import { BRIEF_PROSE_PARTS, briefProseRequest, briefProseSystemPrompt, ideaText } from '../prompts.js';
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

const paragraphs = z
  .string()
  .trim()
  .min(40, 'must be at least 40 characters of prose')
  .max(2_000, 'must be at most 2000 characters')
  .superRefine((text, ctx) => {
    for (const [pattern, what] of MARKUP) if (pattern.test(text)) ctx.addIssue({ code: 'custom', message: `must be plain prose; it holds ${what}` });
  });

export const BriefProseSchema = z.object(
  Object.fromEntries(Object.keys(BRIEF_PROSE_PARTS).map((key) => [key, paragraphs])) as Record<keyof typeof BRIEF_PROSE_PARTS, typeof paragraphs>,
);

let proseJsonSchema: Record<string, unknown> | undefined;

export function checkProse(text: string): Check<BriefProse> {
  let value: unknown;
  try {
    value = jsonOf(text);
  } catch (error) {
    return { ok: false, problems: [`the answer is not one JSON object (${error instanceof Error ? error.message : String(error)})`] };
  }
  const result = BriefProseSchema.safeParse(value);
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
