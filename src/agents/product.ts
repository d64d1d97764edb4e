import type { Context, ProductModelContract, SpecInput } from '../contract/index.js';
import { lower, pluralLabel, unique, withArticle } from './english.js';
import type { AttributeSpec, CapabilitySpec, CapabilityVerb, EntitySpec, FeatureSpec, IntegrationSpec, NeedSpec, ProductModel, RoleSpec } from './model.js';
import { capitalize, pluralName, sentence, snake, words } from './naming.js';
import { defaultProvider, integrationPurpose, providerNote } from './reader/integrations.js';
import { withBaseline } from './reader/needs.js';
import { isNoun, isVerb } from './reader/wordnet.js';

/**
 * The one way from a contract product model (CONTRACT 2a) to the model the agents work with, and
 * back. Whether the model was read from the spec by the analyst or passed in as `product_model`,
 * it goes through `expandModel`, so the same model always gives the same documents.
 */

/** Words of roles that oversee others: privileged, yet not administrators of the whole product. */
const SUPERVISOR_WORDS = new Set(['manager', 'supervisor', 'moderator', 'director', 'lead', 'chair', 'foreman', 'coordinator']);
/**
 * Office staff keep the business's records for everyone (the receptionist books every patient, the
 * dispatcher assigns every job, the registrar enrols every student): the contract's staff, who have
 * power over other people's rows.
 */
const OFFICE_WORDS = new Set(['office', 'receptionist', 'reception', 'dispatcher', 'clerk', 'secretary', 'registrar', 'bookkeeper', 'scheduler']);

/** The first word of a capability says what it does to its entity. */
const VERBS: Record<string, CapabilityVerb> = {
  create: 'create', add: 'create', list: 'create', publish: 'create', post: 'create', write: 'create', open: 'create',
  book: 'create', schedule: 'create', record: 'create', log: 'create', buy: 'create', upload: 'create', submit: 'create',
  leave: 'create', make: 'create', build: 'create', plan: 'create', register: 'create', reserve: 'create',
  request: 'create', comment: 'create', review: 'create', keep: 'create', save: 'create', send: 'create', share: 'create',
  collect: 'create', import: 'create', place: 'create', raise: 'create', start: 'create', host: 'create', track: 'create',
  offer: 'create', file: 'create', draft: 'create', enter: 'create', set: 'create', define: 'create', invite: 'create',
  see: 'view', view: 'view', browse: 'view', search: 'view', read: 'view', find: 'view', filter: 'view', explore: 'view',
  watch: 'view', follow: 'view', check: 'view', export: 'view', download: 'view', compare: 'view', print: 'view',
  edit: 'update', update: 'update', change: 'update', mark: 'update', approve: 'update', reassign: 'update',
  assign: 'update', rate: 'update', move: 'update', reschedule: 'update', answer: 'update', complete: 'update',
  tick: 'update', confirm: 'update', accept: 'update', decline: 'update', reject: 'update', rename: 'update', reorder: 'update',
  delete: 'delete', remove: 'delete', cancel: 'delete', archive: 'delete', close: 'delete',
  manage: 'manage', moderate: 'manage', administer: 'manage', curate: 'manage', organize: 'manage', organise: 'manage', maintain: 'manage',
};

export function capabilityVerb(text: string): CapabilityVerb {
  const first = words(text)[0] ?? '';
  return VERBS[first] ?? 'other';
}

/** People with power over other people's rows, but not over their roles: supervisors and office staff. */
export function isStaffRole(name: string): boolean {
  return isOfficeRole(name) || words(name).some((word) => SUPERVISOR_WORDS.has(word));
}

export function isOfficeRole(name: string): boolean {
  return words(name).some((word) => OFFICE_WORDS.has(word));
}

/** What the agents need besides the model: the structured fields of the input, which are not a reading of the text. */
export type ModelInput = Pick<SpecInput, 'target_segments' | 'key_problems' | 'success_metrics'> & { context?: Context | undefined };

/** The agents' model of a contract product model. */
export function expandModel(model: ProductModelContract, input: ModelInput = {}): ProductModel {
  const features: FeatureSpec[] = (model.features ?? []).map((feature) => ({
    text: feature.text,
    roles: feature.roles ?? [],
    entities: feature.entities ?? [],
    ...(feature.priority ? { priority: feature.priority } : {}),
  }));
  const roles = rolesOf(model, features);
  const integrations: IntegrationSpec[] = (model.integrations ?? []).map((integration) => {
    const provider = integration.provider ?? defaultProvider(integration.kind);
    return {
      kind: integration.kind,
      provider,
      stated: integration.provider !== undefined,
      reason: integration.purpose ?? integrationPurpose(integration.kind, provider),
    };
  });
  const needs: NeedSpec[] = withBaseline((model.needs ?? []).map((need) => ({ ...need, source: 'stated' as const })));
  const context = input.context ?? {};
  const segments = input.target_segments?.length ? [...input.target_segments] : model.audience?.length ? [...model.audience] : context.target_audience ? [context.target_audience] : [];
  return {
    name: model.name,
    summary: model.summary,
    domain: model.domain ?? context.industry ?? null,
    roles,
    entities: model.entities.map((entity) => entityOf(entity, model, features)),
    relationships: model.relationships.map((relationship) => ({
      from: relationship.from,
      to: relationship.to,
      kind: relationship.kind,
      ...(relationship.through ? { through: relationship.through } : {}),
      ...(relationship.as ? { as: relationship.as } : {}),
    })),
    integrations,
    constraints: [...(model.constraints ?? [])],
    needs,
    segments,
    problems: [...(input.key_problems?.length ? input.key_problems : model.problems ?? [])],
    metrics: [...(input.success_metrics?.length ? input.success_metrics : model.metrics ?? [])],
    context,
    access: model.access.map((rule) => ({ ...rule, actions: [...rule.actions] })),
    features,
    assumptions: unique([...(model.assumptions ?? []), ...integrations.filter((integration) => !integration.stated).map(providerNote)]),
  };
}

function rolesOf(model: ProductModelContract, features: FeatureSpec[]): RoleSpec[] {
  const declared = model.roles.length > 0 ? model.roles : [{ name: 'user', label: 'User', description: 'Signs in and keeps their own records' }];
  const admins = declared.map((role) => Boolean(role.privileged) && !isStaffRole(role.name));
  const ordinary = admins.filter((admin) => !admin).length;
  return declared.map((role, index) => {
    const privileged = Boolean(role.privileged);
    // What the idea puts off is no one's capability yet: the documents list it as deferred.
    const capabilities: CapabilitySpec[] = features
      .filter((feature) => feature.priority !== 'wont')
      .filter((feature) => feature.roles.includes(role.name) || (model.roles.length === 0 && feature.roles.length === 0))
      .map((feature) => ({ verb: capabilityVerb(feature.text), ...(feature.entities[0] ? { entity: feature.entities[0] } : {}), text: asAction(feature.text) }));
    return {
      name: role.name,
      label: role.label ?? sentence(role.name),
      description: role.description ?? (privileged ? 'Administers the product' : `Uses the product as ${withArticle(lower(role.label ?? sentence(role.name)))}`),
      primary: !admins[index] && ordinary === 1,
      admin: admins[index]!,
      privileged,
      selfSignup: !privileged && role.self_signup !== false,
      capabilities,
    };
  });
}

/**
 * What a person does, as a verb phrase a story can say ("I want to see the floor plan"): a feature
 * named by a thing ("floor plan", "dark mode", "kitchen screen") is something they use.
 */
export function asAction(text: string): string {
  const first = words(text)[0] ?? '';
  const compound = text.trim().toLowerCase().replace(/\s+/g, '_');
  return isVerb(first) && !isNoun(compound) ? text : `use the ${text}`;
}

function entityOf(entity: ProductModelContract['entities'][number], model: ProductModelContract, features: FeatureSpec[]): EntitySpec {
  const label = entity.label ?? sentence(entity.name);
  const attributes: AttributeSpec[] = entity.attributes
    .filter((attribute) => !['id', 'created_at', 'updated_at'].includes(attribute.name))
    .map((attribute) => {
      const values = attribute.type === 'enum' ? unique((attribute.values ?? []).map(snake).filter(Boolean)) : [];
      const labels = Object.fromEntries(Object.entries(attribute.value_labels ?? {}).map(([value, label]) => [snake(value), label]).filter(([value]) => values.includes(value!)));
      return {
        name: attribute.name,
        label: attribute.label ?? sentence(attribute.name),
        kind: attribute.type,
        ...(values.length > 0 ? { enumValues: values } : {}),
        ...(Object.keys(labels).length > 0 ? { enumLabels: labels } : {}),
        required: attribute.required ?? false,
        unique: attribute.unique ?? false,
      };
    });
  const creators = model.access.filter((rule) => rule.entity === entity.name && rule.scope !== 'none' && rule.actions.includes('create')).map((rule) => rule.role);
  if (entity.owned_by && entity.owned_by !== 'creator') creators.unshift(entity.owned_by);
  const named = features.filter((feature) => feature.entities.includes(entity.name)).length;
  return {
    name: entity.name,
    plural: pluralName(entity.name),
    label,
    pluralLabel: capitalize(pluralLabel(label)),
    description: entity.description ?? `${label} records`,
    attributes,
    owned: entity.owned_by !== undefined,
    createdBy: unique(creators),
    // How much the idea does with it: the core entities are the ones its features act on.
    mentions: 1 + named,
  };
}

/** The contract's product model of an agents' model (what `aios_analyze` returns). */
export function contractModel(model: ProductModel): ProductModelContract {
  const entityNames = new Set(model.entities.map((entity) => entity.name));
  const roleNames = new Set(model.roles.map((role) => role.name));
  const features = model.features.length > 0 ? model.features : capabilityFeatures(model, entityNames);
  return {
    name: model.name,
    summary: model.summary,
    ...(model.domain ? { domain: model.domain } : {}),
    ...(model.segments.length ? { audience: [...model.segments] } : {}),
    ...(model.problems.length ? { problems: [...model.problems] } : {}),
    ...(model.metrics.length ? { metrics: [...model.metrics] } : {}),
    roles: model.roles.map((role) => ({
      name: role.name,
      ...(role.label !== sentence(role.name) ? { label: role.label } : {}),
      ...(role.description ? { description: role.description } : {}),
      privileged: role.privileged,
      self_signup: role.selfSignup,
    })),
    entities: model.entities.map((entity) => ({
      name: entity.name,
      ...(entity.label !== sentence(entity.name) ? { label: entity.label } : {}),
      description: entity.description,
      ...(entity.owned ? { owned_by: entity.createdBy.length === 1 && roleNames.has(entity.createdBy[0]!) ? entity.createdBy[0]! : 'creator' } : {}),
      attributes: entity.attributes.map((attribute) => ({
        name: attribute.name,
        ...(attribute.label !== sentence(attribute.name) ? { label: attribute.label } : {}),
        type: attribute.kind,
        ...(attribute.required ? { required: true } : {}),
        ...(attribute.unique ? { unique: true } : {}),
        ...(attribute.enumValues?.length ? { values: [...attribute.enumValues] } : {}),
        ...(attribute.enumLabels ? { value_labels: { ...attribute.enumLabels } } : {}),
      })),
    })),
    relationships: model.relationships.map((relationship) => ({
      from: relationship.from,
      to: relationship.to,
      kind: relationship.kind,
      ...(relationship.through ? { through: relationship.through } : {}),
      ...(relationship.as ? { as: relationship.as } : {}),
    })),
    access: model.access.length > 0 ? model.access.map((rule) => ({ ...rule, actions: [...rule.actions] })) : creatorRules(model),
    features: features.map((feature) => ({
      text: feature.text,
      ...(feature.roles.length ? { roles: [...feature.roles] } : {}),
      ...(feature.entities.length ? { entities: [...feature.entities] } : {}),
      ...(feature.priority ? { priority: feature.priority } : {}),
    })),
    integrations: model.integrations.map((integration) => ({
      kind: integration.kind,
      ...(integration.stated ? { provider: integration.provider } : {}),
    })),
    constraints: [...model.constraints],
    needs: model.needs.filter((need) => need.source === 'stated').map(({ category, text }) => ({ category, text })),
    assumptions: model.assumptions.filter((text) => !model.integrations.some((integration) => !integration.stated && providerNote(integration) === text)),
  };
}

/** A reader that kept what people do as role capabilities says them as features. */
function capabilityFeatures(model: ProductModel, entityNames: Set<string>): FeatureSpec[] {
  const features: FeatureSpec[] = [];
  for (const role of model.roles) {
    for (const capability of role.capabilities) {
      const existing = features.find((feature) => feature.text === capability.text);
      if (existing) {
        if (!existing.roles.includes(role.name)) existing.roles.push(role.name);
        continue;
      }
      features.push({ text: capability.text, roles: [role.name], entities: capability.entity && entityNames.has(capability.entity) ? [capability.entity] : [] });
    }
  }
  return features;
}

/** Who creates each entity's rows, as access rules. */
function creatorRules(model: ProductModel): ProductModelContract['access'] {
  const roleNames = new Set(model.roles.map((role) => role.name));
  return model.entities.flatMap((entity) =>
    entity.createdBy.filter((role) => roleNames.has(role)).map((role) => ({ role, entity: entity.name, actions: ['create' as const], scope: 'own' as const })),
  );
}
