import type { Context } from '../../contract/index.js';
import { words } from '../naming.js';
import type { CapabilitySpec, EntitySpec, IntegrationSpec, ProductModel, RelationshipSpec, RoleSpec } from '../model.js';

/**
 * What the PM makes of a product model before writing anything: who the people are, which
 * entities are the core of the MVP, and how they group into deliverable workflows.
 */
export interface Scope {
  model: ProductModel;
  /** Never empty: a spec that names nobody gets one "User" role. */
  roles: RoleSpec[];
  primary: RoleSpec;
  admin: RoleSpec | undefined;
  /** Entities people manage, every parent before its children; join tables are left to their relationship. */
  entities: EntitySpec[];
  /** Names of the entities whose workflows are `must` for the MVP. */
  core: ReadonlySet<string>;
  /** The one-to-many (or one-to-one) relationship that makes an entity the child of another. */
  parentOf: ReadonlyMap<string, RelationshipSpec>;
  /** Entity workflow groups in delivery order; each becomes one epic. */
  groups: EntitySpec[][];
  /** Who creates rows of each entity (see `creatorsOf`), worked out once. */
  creators: ReadonlyMap<string, RoleSpec[]>;
  context: Context;
  /** Sign-in providers, delivered with the foundation. */
  auth: IntegrationSpec[];
  /** Payments and subscriptions, delivered after the core workflows. */
  money: IntegrationSpec[];
  /** Every other integration (email, realtime, maps...), delivered last. */
  services: IntegrationSpec[];
}

/** The most core entities an MVP carries as `must`; the rest wait as `should`. */
const MAX_CORE = 6;
/** Entities an epic holds before the next core entity starts its own epic. */
const GROUP_SIZE = 3;

export function scopeOf(model: ProductModel, context: Context = {}): Scope {
  const roles = model.roles.length > 0 ? model.roles : [fallbackRole(model)];
  const primary = roles.find((role) => role.primary) ?? roles.find((role) => !role.admin) ?? (roles[0] as RoleSpec);
  const admin = roles.find((role) => role.admin);

  const joins = new Set(model.relationships.flatMap((rel) => (rel.through ? [rel.through] : [])));
  const managed = model.entities.filter((entity) => !joins.has(entity.name));
  const names = new Set(managed.map((entity) => entity.name));

  const parentOf = new Map<string, RelationshipSpec>();
  for (const rel of model.relationships) {
    if (rel.kind === 'many-to-many' || rel.from === rel.to) continue;
    if (names.has(rel.from) && names.has(rel.to) && !parentOf.has(rel.to)) parentOf.set(rel.to, rel);
  }

  // The model lists the most mentioned entities first: the top two are the product, and anything
  // the spec comes back to is part of the core workflow; a passing mention can wait.
  const core = new Set<string>();
  managed.forEach((entity, index) => {
    if (core.size < MAX_CORE && (index < 2 || entity.mentions >= 2)) core.add(entity.name);
  });

  const entities = parentsFirst(managed, parentOf);
  const creators = new Map(model.entities.map((entity) => [entity.name, findCreators(roles, primary, admin, entity)]));
  return {
    model,
    roles,
    primary,
    admin,
    entities,
    core,
    parentOf,
    groups: groupWorkflows(entities, core, parentOf),
    creators,
    // The context given with this call wins over the one the model was read with.
    context: { ...model.context, ...definedOnly(context) },
    auth: model.integrations.filter((i) => i.kind === 'oauth'),
    money: model.integrations.filter((i) => i.kind === 'payments' || i.kind === 'subscriptions'),
    services: model.integrations.filter((i) => !['oauth', 'payments', 'subscriptions'].includes(i.kind)),
  };
}

function definedOnly(context: Context): Context {
  return Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined)) as Context;
}

function fallbackRole(model: ProductModel): RoleSpec {
  return {
    name: 'user',
    label: 'User',
    description: `Signs in to use ${model.name}`,
    primary: true,
    admin: false,
    privileged: false,
    selfSignup: true,
    capabilities: [],
  };
}

/** Orders entities so that no child comes before its parent, otherwise keeping the model's order. */
function parentsFirst(entities: EntitySpec[], parentOf: ReadonlyMap<string, RelationshipSpec>): EntitySpec[] {
  const byName = new Map(entities.map((entity) => [entity.name, entity]));
  const ordered: EntitySpec[] = [];
  const placed = new Set<string>();
  const visit = (entity: EntitySpec, trail: Set<string>): void => {
    if (placed.has(entity.name) || trail.has(entity.name)) return;
    trail.add(entity.name);
    const parent = byName.get(parentOf.get(entity.name)?.from ?? '');
    if (parent) visit(parent, trail);
    placed.add(entity.name);
    ordered.push(entity);
  };
  for (const entity of entities) visit(entity, new Set());
  return ordered;
}

/**
 * A child joins its parent's epic (a task is delivered with its project) until the epic is full;
 * secondary entities with no parent wait together in one epic after the core ones.
 */
function groupWorkflows(
  entities: EntitySpec[],
  core: ReadonlySet<string>,
  parentOf: ReadonlyMap<string, RelationshipSpec>,
): EntitySpec[][] {
  const groups: EntitySpec[][] = [];
  const secondary: EntitySpec[] = [];
  const groupOf = new Map<string, EntitySpec[]>();
  for (const entity of entities) {
    const parentGroup = groupOf.get(parentOf.get(entity.name)?.from ?? '');
    let group: EntitySpec[];
    if (parentGroup && (parentGroup.length < GROUP_SIZE || !core.has(entity.name))) group = parentGroup;
    else if (!core.has(entity.name)) group = secondary;
    else {
      group = [];
      groups.push(group);
    }
    group.push(entity);
    groupOf.set(entity.name, group);
  }
  if (secondary.length > 0) groups.push(secondary);
  return groups;
}

export function entityNamed(scope: Scope, name: string | undefined): EntitySpec | undefined {
  return name === undefined ? undefined : scope.model.entities.find((entity) => entity.name === name);
}

export function roleNamed(scope: Scope, name: string | undefined): RoleSpec | undefined {
  return name === undefined ? undefined : scope.roles.find((role) => role.name === name);
}

/**
 * The roles that create rows of an entity: as the model says, else whoever has a capability on it;
 * shared reference data nobody owns (categories, rooms) falls to the admin, anything else to the primary role.
 */
export function creatorsOf(scope: Scope, entity: EntitySpec): RoleSpec[] {
  return scope.creators.get(entity.name) ?? findCreators(scope.roles, scope.primary, scope.admin, entity);
}

function findCreators(roles: RoleSpec[], primary: RoleSpec, admin: RoleSpec | undefined, entity: EntitySpec): RoleSpec[] {
  const stated = entity.createdBy.flatMap((name) => roles.find((role) => role.name === name) ?? []);
  if (stated.length > 0) return stated;
  const capable = roles.filter((role) =>
    role.capabilities.some((cap) => cap.entity === entity.name && (cap.verb === 'create' || cap.verb === 'manage')),
  );
  if (capable.length > 0) return capable;
  return [!entity.owned && admin ? admin : primary];
}

/** An assumption that pushes something out of the MVP ("billing is out of scope for the MVP"). */
export const DEFERRING = /\b(?:out of scope|not in scope|deferred|later release|post-mvp)\b/i;

/** Verbs and fillers that say nothing about what a capability is for. */
const GENERIC = new Set(['manage', 'create', 'view', 'edit', 'update', 'delete', 'remove', 'add', 'see', 'their', 'them', 'with', 'from', 'each', 'every', 'other', 'users', 'people']);

/** True when an out-of-scope assumption names what the capability is about ("manage billing"), so it is a `wont`, not a story. */
export function isDeferred(scope: Scope, cap: CapabilitySpec): boolean {
  const deferrals = scope.model.assumptions.filter((text) => DEFERRING.test(text));
  if (deferrals.length === 0) return false;
  const topic = words(cap.text).filter((word) => word.length > 3 && !GENERIC.has(word));
  return topic.length > 0 && deferrals.some((text) => topic.every((word) => words(text).includes(word)));
}

/** A provider outside Supabase: it needs its own account, secret and failure handling. */
export function isExternal(integration: IntegrationSpec): boolean {
  return !/^supabase\b/i.test(integration.provider.trim());
}
