import type { StrategizeOutput } from '../../contract/index.js';
import { listing, lower, pluralLabel, unique } from '../english.js';
import { capitalize, words } from '../naming.js';
import type { RoleSpec } from '../model.js';
import { sentenceEnd } from './phrases.js';
import { creatorsOf, isDeferred, type Scope } from './scope.js';

type Persona = StrategizeOutput['personas'][number];

/** One persona per role: goals from what the role does, frustrations from the spec's problems. */
export function personasOf(scope: Scope): Persona[] {
  return scope.roles.map((role) => persona(scope, role));
}

function persona(scope: Scope, role: RoleSpec): Persona {
  const { model } = scope;
  const segment = matching(scope, model.segments, role)[0] ?? (scope.roles.length === 1 ? model.segments[0] : undefined);
  const audience = scope.context.target_audience;
  const description = [
    sentenceEnd(capitalize(role.description || `${role.label} of ${model.name}`)),
    segment ? `Belongs to the target segment: ${lower(segment)}.` : '',
    audience && scope.roles.length === 1 ? `Audience: ${audience.trim()}.` : '',
  ]
    .filter(Boolean)
    .join(' ');

  const created = scope.entities.filter((entity) => creatorsOf(scope, entity).includes(role));
  const actions = role.capabilities.filter((cap) => !isDeferred(scope, cap)).map((cap) => cap.text.replace(/\.$/, ''));
  // An entity the role's own words already name needs no second, generic goal.
  const unnamed = created.filter((entity) => !actions.some((text) => text.toLowerCase().includes(lower(entity.pluralLabel))));
  const goals = unique([
    ...actions.map(capitalize),
    ...unnamed.map((entity) => `Keep ${lower(entity.pluralLabel)} in one place and up to date`),
  ]).slice(0, 5);
  if (goals.length === 0) goals.push(`Get what they came to ${model.name} for quickly, on any device`);

  const problems = problemsOf(scope, role);
  const frustrations = problems.length > 0 ? problems.map((text) => sentenceEnd(capitalize(text.trim()))) : derivedFrustrations(scope, role);
  return { name: role.label, role: role.name, description, goals, frustrations };
}

/** Crude stem so that "booking", "books" and "booked" meet "book". */
const stem = (word: string): string => word.replace(/(?:ing|ed|es|s)$/, '');

/** Texts that share a word with the role, its entities or its capabilities: "Dog and cat owners" for pet_owner. */
function matching(scope: Scope, texts: string[], role: RoleSpec): string[] {
  const created = scope.entities.filter((entity) => creatorsOf(scope, entity).includes(role)).map((entity) => entity.name);
  const keys = new Set(
    [role.name, role.label, ...created, ...role.capabilities.map((cap) => cap.text)].flatMap((text) => words(text)).filter((w) => w.length > 2).map(stem),
  );
  return texts.filter((text) => words(text).some((word) => keys.has(stem(word))));
}

/** A role's problems: those that speak of it; problems that speak of no role belong to the primary one. */
function problemsOf(scope: Scope, role: RoleSpec): string[] {
  const { problems } = scope.model;
  if (scope.roles.length === 1) return problems;
  const unclaimed = problems.filter((text) => scope.roles.every((other) => !matching(scope, [text], other).length));
  return unique([...matching(scope, problems, role), ...(role === scope.primary ? unclaimed : [])]);
}

/** Without stated problems, what the spec implies this role struggles with today; marked as assumed. */
function derivedFrustrations(scope: Scope, role: RoleSpec): string[] {
  const created = scope.entities.filter((entity) => creatorsOf(scope, entity).includes(role)).slice(0, 2);
  const acted = scope.entities.filter((entity) => role.capabilities.some((cap) => cap.entity === entity.name)).slice(0, 2);
  const things = (created.length > 0 ? created : acted).map((entity) => lower(entity.pluralLabel));
  const items: string[] = [];
  if (things.length > 0) {
    items.push(`(assumed) Keeping track of ${listing(things)} in spreadsheets, notes and messages, where they get lost or go stale.`);
    items.push(`(assumed) Not knowing the current state of ${things[0]} without asking someone.`);
  }
  if (role.admin) items.push(`(assumed) No single view of who has access to what in ${scope.model.name}.`);
  if (items.length === 0) items.push(`(assumed) The tools they use today were not made for what ${scope.model.name} does.`);
  return items;
}

/** The spec's metrics; otherwise proposed ones tied to the core workflow, each marked as proposed. */
export function successMetricsOf(scope: Scope): string[] {
  const { model, primary } = scope;
  if (model.metrics.length > 0) return model.metrics.map((text) => text.trim());
  const people = pluralLabel(primary.label);
  const created = scope.entities.find((entity) => creatorsOf(scope, entity).includes(primary));
  const firstAction =
    primary.capabilities.find((cap) => cap.verb === 'create')?.text ??
    primary.capabilities[0]?.text ??
    (created ? `create their first ${lower(created.label)}` : `complete their first task in ${model.name}`);
  const metrics = [
    `Proposed: 60% of new ${people} ${firstAction.replace(/\.$/, '')} within 24 hours of signing up.`,
    `Proposed: 40% of ${people} who sign up are still active four weeks later.`,
  ];
  for (const role of scope.roles) {
    if (role === primary || role.admin) continue;
    metrics.push(`Proposed: 50% of ${pluralLabel(role.label)} who sign up use ${model.name} again within 7 days.`);
  }
  const kinds = new Set(model.integrations.map((i) => i.kind));
  if (kinds.has('payments')) metrics.push('Proposed: at least 70% of started checkouts are paid.');
  if (kinds.has('subscriptions')) metrics.push('Proposed: monthly subscriber churn below 5%.');
  if (kinds.has('email')) metrics.push('Proposed: fewer than 2% of emails bounce and at least 40% are opened.');
  metrics.push('Proposed: 75% of page loads are interactive within 2.5 s (LCP).');
  return metrics;
}
