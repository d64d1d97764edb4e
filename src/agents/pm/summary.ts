import type { Requirements, StrategizeOutput } from '../../contract/index.js';
import { listing, lower, pluralLabel, unique, withArticle } from '../english.js';
import { capitalize } from '../naming.js';
import { count, sentenceEnd } from './phrases.js';
import type { Scope } from './scope.js';
import { stackOf } from './stack.js';

type Complexity = StrategizeOutput['estimated_complexity'];

/**
 * Size of the build from what it holds: entities and integrations weigh most, roles add access
 * rules, and a long spec usually hides detail the counts miss.
 */
export function complexityOf(scope: Scope): Complexity {
  const { model } = scope;
  const manyToMany = model.relationships.filter((rel) => rel.kind === 'many-to-many').length;
  const score =
    model.entities.length * 2 +
    scope.roles.length +
    model.integrations.length * 2 +
    scope.money.length * 2 +
    manyToMany +
    Math.min(model.features.length / 3, 6);
  if (score <= 9) return 'simple';
  if (score >= 20) return 'complex';
  return 'standard';
}

/** Who it is for, the problem, the MVP and what waits: a few sentences a stakeholder reads first. */
export function strategySummary(scope: Scope, requirements: Requirements): string {
  const { model, roles } = scope;
  const who = model.segments.length > 0 ? listing(model.segments.map((s) => lower(s))) : listing(roles.map((role) => pluralLabel(role.label)));
  const core = scope.entities.filter((entity) => scope.core.has(entity.name)).map((entity) => lower(entity.pluralLabel));
  const must = requirements.functional.filter((fr) => fr.priority === 'must').length;
  const later = requirements.functional.filter((fr) => fr.priority === 'should' || fr.priority === 'could');
  const wont = requirements.functional.filter((fr) => fr.priority === 'wont');
  const mvpIntegrations = [...scope.auth, ...scope.money].map((i) => i.provider);
  const sentences = [
    sentenceEnd(model.summary),
    model.summary.toLowerCase().includes(who) && !scope.context.industry
      ? ''
      : `${model.name} is for ${who}${scope.context.industry ? ` in ${scope.context.industry}` : ''}.`,
    model.problems.length > 0
      ? `It exists because ${listing(model.problems.map((p) => lower(p.trim().replace(/\.$/, ''))))}.`
      : `The problem it solves is inferred from the spec: ${core.length > 0 ? `${listing(core)} are` : 'the work is'} managed by hand today.`,
    `The MVP (${count(must, 'must-have requirement')}) delivers sign-up with ${roles.length > 1 ? `${roles.length} roles` : 'one role'}` +
      `${core.length > 0 ? `, the ${listing(core)} workflows` : ''}${mvpIntegrations.length > 0 ? ` and ${listing(unique(mvpIntegrations))}` : ''} on ${stackOf(scope).summary}.`,
    later.length > 0
      ? `${count(later.length, 'should/could requirement')} ${later.length === 1 ? 'follows' : 'follow'} once the core is in use${scope.services.length > 0 ? `, including ${listing(unique(scope.services.map((i) => i.kind.replace(/_/g, ' '))))}` : ''}.`
      : '',
    wont.length > 0 ? `Deliberately deferred: ${listing(wont.map((fr) => lower(fr.description.split(':')[0] ?? fr.description).replace(/\.$/, '')))}.` : '',
  ];
  return sentences.filter(Boolean).join(' ');
}

/** The model's assumptions, then the ones the PM made while drafting. */
export function assumptionsOf(scope: Scope): string[] {
  const { model, roles, admin, context } = scope;
  const stack = stackOf(scope);
  const mine: string[] = [];
  if (!stack.stated) mine.push(`The stack is Lovable's (${stack.frontend}) with Supabase, since the spec names no other.`);
  if (!context.budget_tier) mine.push('Startup budget tier: managed services on free or entry plans, since no budget was given.');
  if (model.roles.length === 0) mine.push(`The spec names no roles, so everyone who signs in is ${withArticle(lower(roles[0]?.label ?? 'user'))} with the same rights.`);
  else if (!admin) mine.push(`No admin role is named: operators use the Supabase dashboard for support tasks in the MVP.`);
  for (const integration of model.integrations) {
    const noted = model.assumptions.some((text) => text.includes(integration.provider));
    if (!integration.stated && !noted) mine.push(`${integration.provider} is assumed for ${integration.kind.replace(/_/g, ' ')}, since the spec names no provider.`);
  }
  if (model.metrics.length === 0) mine.push('Success metrics are proposed by the PM and need the team\'s confirmation.');
  if (model.problems.length === 0) mine.push('The problem statement and persona frustrations are inferred from the described workflows, not stated.');
  const secondary = scope.entities.filter((entity) => !scope.core.has(entity.name));
  if (secondary.length > 0) {
    mine.push(`${capitalize(listing(secondary.map((entity) => lower(entity.pluralLabel))))} are secondary (should-have), being mentioned less than the core entities.`);
  }
  return unique([...model.assumptions.map((text) => sentenceEnd(capitalize(text.trim()))), ...mine]);
}
