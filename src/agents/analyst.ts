import type { AnalyzeInput, AnalyzeOutput, Context, EngineRecord, ProductModelContract, SpecInput } from '../contract/index.js';
import { standaloneContext, type Agent, type AgentContext } from './agent.js';
import { briefMarkdown, type BriefProse } from './analyst/brief.js';
import { validModel } from './analyst/valid-model.js';
import { NO_TOKENS, addTokens } from './engines/port.js';
import { writeBriefProse } from './engines/prose.js';
import { readWithModel, type ModelReading } from './engines/reading.js';
import type { ProductModel } from './model.js';
import { PERSONAS } from './personas.js';
import { contractModel, expandModel } from './product.js';
import { readIdea } from './reader/read.js';

/**
 * @analyst (Atlas): reads the idea into the product model every other agent builds on, and
 * writes the AIOS project brief from it. An agent given `product_model` builds on that instead,
 * so a reading, a caller's own model and a corrected reading all take the same path.
 */

/** What an agent tool says about the product: the description, and the product model when given. */
export type ProductInput = SpecInput & { product_model?: ProductModelContract | undefined; context?: Context | undefined };

/**
 * The analyst's reading of a description: the offline reader's model with what the structured
 * fields state (segments, problems, metrics), mended where the contract would refuse it. The model
 * then carries all the idea says, so it builds the same documents without the input beside it.
 */
export function readModel(input: SpecInput & { context?: Context | undefined }): ProductModelContract {
  const read = readIdea(input);
  return validModel({
    ...read,
    ...(input.target_segments?.length ? { audience: [...input.target_segments] } : {}),
    ...(input.key_problems?.length ? { problems: [...input.key_problems] } : {}),
    ...(input.success_metrics?.length ? { metrics: [...input.success_metrics] } : {}),
  });
}

/** The product model an agent builds on and the agents' expansion of it. */
export interface Reading {
  product_model: ProductModelContract;
  model: ProductModel;
}

/**
 * The model of an input: `product_model` when given (nothing reads the spec), else the analyst's
 * reading of the spec. A context's `model` (tests, or the dev agent's own calls) comes first.
 */
export function readingOf(input: ProductInput, ctx?: Pick<AgentContext, 'model'>): Reading {
  if (ctx?.model) return { product_model: validModel(contractModel(ctx.model)), model: ctx.model };
  const product_model = input.product_model ?? readModel(input);
  return { product_model, model: expandModel(product_model, input) };
}

/** The agents' model of an input (see `readingOf`). */
export function modelOf(input: ProductInput, ctx?: Pick<AgentContext, 'model'>): ProductModel {
  return ctx?.model ?? expandModel(input.product_model ?? readModel(input), input);
}

/**
 * The reading by the engine the context chose: a model's, checked and with the offline reading
 * as its draft and its fallback, or the offline reader's alone.
 */
export async function readWithEngine(
  input: SpecInput & { context?: Context | undefined },
  ctx: Pick<AgentContext, 'signal' | 'progress' | 'engine'>,
  ceiling?: number,
): Promise<ModelReading> {
  const draft = readModel(input);
  const chosen = ctx.engine;
  if (!chosen?.port) return { product_model: draft, record: { engine: 'heuristic', ...(chosen?.fallback ? { fallback: chosen.fallback } : {}) } };
  return readWithModel(input, draft, chosen.port, ctx, ceiling);
}

export async function analyze(input: AnalyzeInput, ctx: AgentContext = standaloneContext()): Promise<AnalyzeOutput> {
  ctx.signal.throwIfAborted();
  const { product_model, record } = await readWithEngine(input, ctx, 60);
  ctx.progress(60, 'product model');

  // The model that read the idea writes the brief's prose too; the brief keeps the product's own
  // sentences when it cannot (and says so), and when the idea was read offline.
  const port = ctx.engine?.port;
  let prose: BriefProse | undefined;
  let written: EngineRecord = record;
  if (port && record.engine === port.engine) {
    const asked = await writeBriefProse(port, input, product_model, ctx, { from: 60, to: 95 });
    const tokens = addTokens(record.tokens ?? NO_TOKENS, asked.tokens);
    written = { ...record, model: port.model, tokens };
    if (asked.ok) prose = asked.value;
    else written.fallback = { from: port.engine, reason: `the brief's prose: ${asked.reason}; the brief keeps its own sentences (the model's reading was used)` };
  }

  ctx.signal.throwIfAborted();
  const brief_markdown = briefMarkdown(product_model, expandModel(product_model, input), prose);
  ctx.progress(100, 'project brief');
  return { product_model, brief_markdown, ...written };
}

export const analystAgent: Agent<AnalyzeInput, AnalyzeOutput> = {
  persona: PERSONAS.analyst,
  phase: 'analysis',
  tool: 'aios_analyze',
  engine: 'embedded',
  run: analyze,
};
