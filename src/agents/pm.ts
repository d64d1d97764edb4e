import type { StrategizeInput, StrategizeOutput } from '../contract/index.js';
import { standaloneContext, type Agent, type AgentContext } from './agent.js';
import { readingOf } from './analyst.js';
import { phaseProse } from './engines/prose.js';
import { PERSONAS } from './personas.js';
import { personasOf, successMetricsOf } from './pm/audience.js';
import { numberEpics, planEpics } from './pm/epics.js';
import { placeFeatures } from './pm/features.js';
import { prdMarkdown } from './pm/prd.js';
import { constraintsOf, nonFunctional, numberFunctional, wontHave } from './pm/requirements.js';
import { scopeOf } from './pm/scope.js';
import { PRD_PROSE_PARTS } from './prompts.js';
import { assumptionsOf, complexityOf, strategySummary } from './pm/summary.js';

/**
 * @pm (Morgan): turns the product model into prioritised requirements, epics with stories and
 * the PRD. Deterministic: the same model always gives the same document, but for the background
 * context a model writes when the phase has one (engines/prose.ts).
 */
export async function strategize(input: StrategizeInput, ctx: AgentContext = standaloneContext()): Promise<StrategizeOutput> {
  ctx.signal.throwIfAborted();
  const { product_model, model } = readingOf(input, ctx);
  const scope = scopeOf(model, input.context);
  ctx.progress(10, 'scope');

  ctx.signal.throwIfAborted();
  const drafts = planEpics(scope);
  const deferred = placeFeatures(scope, drafts);
  const { functional, idOf } = numberFunctional(drafts, [...wontHave(scope), ...deferred]);
  const requirements = { functional, non_functional: nonFunctional(scope), constraints: constraintsOf(scope) };
  ctx.progress(40, 'requirements');

  ctx.signal.throwIfAborted();
  const epics = numberEpics(drafts, idOf);
  const parts = {
    product_name: model.name,
    product_model,
    requirements,
    strategy_summary: strategySummary(scope, requirements),
    estimated_complexity: complexityOf(scope),
    personas: personasOf(scope),
    success_metrics: successMetricsOf(scope),
    epics,
    assumptions: assumptionsOf(scope),
  };
  ctx.progress(70, 'epics and personas');

  // The phase's model, when there is one, writes the background context; the rest is the product's own.
  const { prose, record } = await phaseProse(ctx, { document: 'the PRD', persona: PERSONAS.pm, parts: PRD_PROSE_PARTS }, input, product_model, { from: 70, to: 95 });

  ctx.signal.throwIfAborted();
  const prd_markdown = prdMarkdown(scope, parts, prose?.background_context);
  ctx.progress(100, 'PRD');
  return { ...parts, prd_markdown, ...record };
}

export const pmAgent: Agent<StrategizeInput, StrategizeOutput> = {
  persona: PERSONAS.pm,
  phase: 'strategy',
  tool: 'aios_strategize',
  engine: 'embedded',
  run: strategize,
};
