import type { UxInput, UxOutput } from '../contract/index.js';
import { standaloneContext, type Agent, type AgentContext } from './agent.js';
import { modelOf, readingOf } from './analyst.js';
import { phaseProse } from './engines/prose.js';
import { PERSONAS } from './personas.js';
import { UX_PROSE_PARTS } from './prompts.js';
import { accessibilityItems } from './ux/accessibility.js';
import { componentInventory, componentLibrary } from './ux/components.js';
import { screenEntities } from './ux/entities.js';
import { planFlows } from './ux/flows.js';
import { uxMarkdown } from './ux/markdown.js';
import { planPages } from './ux/pages.js';
import { roleSet } from './ux/roles.js';
import { chooseStyle } from './ux/styles.js';
import { designTokens } from './ux/tokens.js';

/**
 * @ux-design-expert (Uma): from the product model (and the architect's tables when given) to
 * user flows, pages, contrast-checked design tokens and the AIOS UI/UX specification.
 */
export async function designUx(input: UxInput, ctx: AgentContext = standaloneContext()): Promise<UxOutput> {
  const persona = PERSONAS['ux-design-expert'];
  ctx.signal.throwIfAborted();
  const model = modelOf(input, ctx);
  ctx.progress(10, 'reading the product model');

  const roles = roleSet(model, input.architecture);
  const entities = screenEntities(model, input.architecture);
  const pages = planPages(model, entities, roles);
  ctx.progress(30, 'pages');
  ctx.signal.throwIfAborted();

  const flows = planFlows(model, entities, roles, pages, input.user_flows);
  ctx.progress(50, 'user flows');
  ctx.signal.throwIfAborted();

  const style = chooseStyle(input, model);
  const { tokens, nonText, notes } = designTokens(style.preset, input.design_preferences);
  ctx.progress(70, 'design tokens and contrast');
  ctx.signal.throwIfAborted();

  const inventory = componentInventory(pages);
  const accessibility = accessibilityItems(tokens.contrast, nonText, model, input.accessibility_requirements, input.requirements);
  const assumptions = [
    ...model.assumptions,
    input.architecture
      ? `Screens follow the architecture's ${entities.length} tables (join tables and profiles have no screens of their own).`
      : `No architecture was given: screens follow the ${entities.length} entities read from the spec, named by their plural table names.`,
    ...(model.roles.length === 0 ? ['The spec names no roles: one signed-in "User" role is assumed.'] : []),
    `Style: ${style.reason}.`,
    ...notes,
  ];
  // The phase's model, when there is one, writes the introduction and the principles' prose; the rest is the product's own.
  const task = { document: 'the UX spec', persona, parts: UX_PROSE_PARTS };
  const { prose, record } = ctx.engine?.port ? await phaseProse(ctx, task, input, readingOf(input, ctx).product_model, { from: 70, to: 90 }) : {};
  ctx.signal.throwIfAborted();
  const written = prose ? { prose: { introduction: prose.introduction!, design_principles: prose.design_principles! } } : {};
  const ux_markdown = uxMarkdown({ model, persona, style, roles, entities, pages, flows, tokens, nonText, inventory, accessibility, assumptions, ...written });
  ctx.progress(95, 'UI/UX specification');

  return {
    ux_spec: {
      user_flows: flows.map(({ name, role, goal, steps }) => ({ name, role, goal, steps })),
      pages: pages.map(({ name, route, layout, components, purpose, entity, kind, roles: pageRoles }) => ({
        name,
        route,
        layout,
        components,
        purpose,
        ...(entity ? { entity } : {}),
        kind,
        roles: pageRoles,
      })),
      design_tokens: tokens,
      component_library: componentLibrary(inventory),
      accessibility_checklist: accessibility.map((item) => item.requirement),
    },
    ux_markdown,
    ...record,
  };
}

export const uxAgent: Agent<UxInput, UxOutput> = {
  persona: PERSONAS['ux-design-expert'],
  phase: 'ux',
  tool: 'aios_design_ux',
  engine: 'embedded',
  run: designUx,
};
