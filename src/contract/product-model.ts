import { z } from 'zod';

/**
 * The product model of CONTRACT section 2a: what an idea is about, as one object every agent
 * builds on. The analyst (or the offline reader, a configured model, the calling client's own
 * model, or a person correcting an earlier reading) writes it; the PM, architect, UX designer
 * and developer build from it without reading the spec again. Names are the identifiers the
 * generated SQL and code use, so they are checked here: snake_case, not SQL reserved words,
 * unique, and every reference resolves.
 */

export const PrioritySchema = z.enum(['must', 'should', 'could', 'wont']);
export type Priority = z.infer<typeof PrioritySchema>;

export const NFR_CATEGORIES = [
  'performance', 'security', 'privacy', 'accessibility', 'reliability', 'scalability', 'usability',
  'internationalization', 'compatibility', 'offline', 'compliance', 'maintainability', 'observability',
] as const;
export const NfrCategorySchema = z.enum(NFR_CATEGORIES);
export type NfrCategory = z.infer<typeof NfrCategorySchema>;

export const MAX_ROLES = 30;
export const MAX_ENTITIES = 120;
export const MAX_ATTRIBUTES = 80;
export const MAX_RELATIONSHIPS = 400;
export const MAX_ACCESS_RULES = 2_000;
export const MAX_FEATURES = 200;
/** Room for the plural, a `_id` suffix and a policy name's `_select` within PostgreSQL's 63 bytes. */
export const MAX_NAME_CHARS = 40;

export const ATTRIBUTE_TYPES = [
  'text', 'long_text', 'integer', 'decimal', 'money', 'boolean', 'date', 'datetime', 'time', 'duration',
  'email', 'phone', 'url', 'image', 'file', 'enum', 'rating', 'json', 'location',
] as const;
export const AttributeTypeSchema = z.enum(ATTRIBUTE_TYPES);
export type AttributeType = z.infer<typeof AttributeTypeSchema>;

export const ACCESS_ACTIONS = ['create', 'read', 'update', 'delete'] as const;
export const AccessActionSchema = z.enum(ACCESS_ACTIONS);
export type AccessAction = z.infer<typeof AccessActionSchema>;

export const ACCESS_SCOPES = ['all', 'own', 'related', 'none'] as const;
export const AccessScopeSchema = z.enum(ACCESS_SCOPES);
export type AccessScope = z.infer<typeof AccessScopeSchema>;

export const RELATIONSHIP_KINDS = ['one-to-one', 'one-to-many', 'many-to-many'] as const;

export const INTEGRATION_KINDS = [
  'payments', 'subscriptions', 'email', 'sms', 'oauth', 'file_uploads', 'realtime', 'maps', 'search', 'calendar',
  'analytics', 'notifications', 'ai',
] as const;
export const IntegrationKindSchema = z.enum(INTEGRATION_KINDS);
export type IntegrationKind = z.infer<typeof IntegrationKindSchema>;

/** PostgreSQL's reserved key words (its documentation's appendix C, "reserved" in PostgreSQL): never bare identifiers. */
const SQL_RESERVED = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization', 'binary', 'both',
  'case', 'cast', 'check', 'collate', 'collation', 'column', 'concurrently', 'constraint', 'create', 'cross',
  'current_catalog', 'current_date', 'current_role', 'current_schema', 'current_time', 'current_timestamp',
  'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for',
  'foreign', 'freeze', 'from', 'full', 'grant', 'group', 'having', 'ilike', 'in', 'initially', 'inner', 'intersect',
  'into', 'is', 'isnull', 'join', 'lateral', 'leading', 'left', 'like', 'limit', 'localtime', 'localtimestamp',
  'natural', 'not', 'notnull', 'null', 'offset', 'on', 'only', 'or', 'order', 'outer', 'overlaps', 'placing',
  'primary', 'references', 'returning', 'right', 'select', 'session_user', 'similar', 'some', 'symmetric',
  'system_user', 'table', 'tablesample', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using',
  'variadic', 'verbose', 'when', 'where', 'window', 'with',
]);

export function isSqlReserved(identifier: string): boolean {
  return SQL_RESERVED.has(identifier.toLowerCase());
}

const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** A name that becomes part of identifiers in SQL and code: snake_case and short. */
const name = (what: string, example: string) =>
  z
    .string()
    .max(MAX_NAME_CHARS, `must be at most ${MAX_NAME_CHARS} characters`)
    .regex(SNAKE, `must be a snake_case ${what} name such as "${example}" (lower-case letters, digits and single underscores, starting with a letter)`);

/**
 * A column's name is a bare identifier in SQL, so it must not be a reserved word. An entity's
 * name is not (its table is the plural, "orders", and its key "order_id"), nor is a role's (a value).
 */
const identifier = (what: string, example: string) =>
  name(what, example).refine((value) => !isSqlReserved(value), { message: 'is a reserved word in SQL; choose another name (e.g. "sort_order" for "order", "starts_at" for "from")' });

const label = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const prose = z.string().trim().max(2_000, 'must be at most 2000 characters');
const proseList = (max: number) => z.array(z.string().trim().min(1, 'must not be empty').max(1_000, 'must be at most 1000 characters')).max(max, `must have at most ${max} items`);

export const ProductRoleSchema = z.object({
  name: name('role', 'sales_rep').describe('snake_case: a kind of person who signs in ("sales_rep"); people who never sign in (patients, guests) are entities; an entity of the same name is the role\'s record (clients kept with their details, some of whom sign in)'),
  label: label.optional().describe('How people say it: "Sales rep"'),
  description: prose.optional(),
  privileged: z.boolean().optional().describe('Has power over other people\'s rows (owner, manager, admin, staff); never chosen at sign-up'),
  self_signup: z.boolean().optional().describe('May be chosen at sign-up; a privileged role never is'),
});
export type ProductRole = z.infer<typeof ProductRoleSchema>;

export const ProductAttributeSchema = z.object({
  name: identifier('attribute', 'due_date').describe('snake_case column name, e.g. "due_date"; id, created_at and updated_at are always added'),
  label: label.optional(),
  type: AttributeTypeSchema,
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  values: z.array(z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters')).max(50, 'must have at most 50 items').optional().describe('The allowed values of an enum'),
  value_labels: z.record(z.string(), z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters')).optional().describe('How people write an enum value, by value, where it is not the value\'s own words: { "jetbrains": "JetBrains" }; the stored value stays the value'),
});
export type ProductAttribute = z.infer<typeof ProductAttributeSchema>;

export const ProductEntitySchema = z.object({
  name: name('entity', 'time_slot').describe('Singular snake_case ("order_item"); its table is the plural. The name of a role makes it that role\'s record: people kept with their details, who may sign in (a client\'s record, linked to the client\'s profile once they do)'),
  label: label.optional().describe('Singular, as people say it: "Order item"'),
  description: prose.optional(),
  owned_by: z.string().max(MAX_NAME_CHARS).optional().describe('Whose rows they are: a role name, or "creator" for whoever made the row'),
  attributes: z.array(ProductAttributeSchema).max(MAX_ATTRIBUTES, `must have at most ${MAX_ATTRIBUTES} attributes`),
});
export type ProductEntity = z.infer<typeof ProductEntitySchema>;

export const ProductRelationshipSchema = z.object({
  from: z.string().max(MAX_NAME_CHARS).describe('An entity or role name; in one-to-many the "one" side (project for project → task)'),
  to: z.string().max(MAX_NAME_CHARS).describe('An entity or role name; in one-to-many the "many" side, which holds the key'),
  kind: z.enum(RELATIONSHIP_KINDS),
  through: z.string().max(MAX_NAME_CHARS).optional().describe('many-to-many only: the join entity\'s name; declare it in entities to give it columns (a stylist\'s price for a service)'),
  as: name('reference', 'assignee').optional().describe('role → entity: the person column\'s name ("assignee" gives tasks.assignee_id)'),
});
export type ProductRelationship = z.infer<typeof ProductRelationshipSchema>;

export const AccessRuleSchema = z.object({
  role: z.string().max(MAX_NAME_CHARS).describe('A role name'),
  entity: z.string().max(MAX_NAME_CHARS).describe('An entity name'),
  actions: z.array(AccessActionSchema).min(1, 'name at least one action').max(4),
  scope: AccessScopeSchema.describe('all rows; own (they made them, they are named on them, or the rows name their record: an entity of the role\'s name); related (through `via`); none'),
  via: z.string().max(MAX_NAME_CHARS).optional().describe('scope "related": the membership or parent entity that relates the role\'s people to the rows'),
});
export type AccessRule = z.infer<typeof AccessRuleSchema>;

export const ProductIntegrationSchema = z.object({
  kind: IntegrationKindSchema,
  provider: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters').optional(),
  purpose: z.string().trim().max(300, 'must be at most 300 characters').optional().describe('What the product uses it for'),
});

export const ProductNeedSchema = z.object({ category: NfrCategorySchema, text: z.string().trim().min(1, 'must not be empty').max(1_000) });

/**
 * What the idea says people can do or see, in its own terms (a heatmap, sign-in with Google, a
 * floor plan): every document carries each one, or lists it as deferred (`priority: "wont"`).
 */
export const ProductFeatureSchema = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters').describe('A verb phrase: "move appointments by drag and drop"'),
  roles: z.array(z.string().max(MAX_NAME_CHARS)).max(MAX_ROLES).optional().describe('The roles who do it'),
  entities: z.array(z.string().max(MAX_NAME_CHARS)).max(10).optional().describe('The entities it acts on, the main one first'),
  priority: PrioritySchema.optional().describe('"wont" for what the idea defers ("maybe later, not now")'),
});
export type ProductFeature = z.infer<typeof ProductFeatureSchema>;

const ProductModelShape = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  summary: z.string().trim().min(1, 'must not be empty').max(2_000, 'must be at most 2000 characters'),
  domain: z.string().trim().max(200).optional().describe('The kind of product, e.g. "applicant tracking"'),
  audience: proseList(20).optional().describe('Who the product is for, in a few words each'),
  problems: proseList(20).optional().describe('The problems it solves, as the idea states them'),
  metrics: proseList(20).optional().describe('How success is measured, as the idea states it'),
  roles: z.array(ProductRoleSchema).max(MAX_ROLES, `must have at most ${MAX_ROLES} roles`),
  entities: z.array(ProductEntitySchema).min(1, 'name at least one entity (a kind of record the product keeps)').max(MAX_ENTITIES, `must have at most ${MAX_ENTITIES} entities`),
  relationships: z.array(ProductRelationshipSchema).max(MAX_RELATIONSHIPS, `must have at most ${MAX_RELATIONSHIPS} relationships`),
  access: z.array(AccessRuleSchema).max(MAX_ACCESS_RULES, `must have at most ${MAX_ACCESS_RULES} rules`),
  features: z.array(ProductFeatureSchema).max(MAX_FEATURES, `must have at most ${MAX_FEATURES} features`).optional(),
  integrations: z.array(ProductIntegrationSchema).max(30).optional(),
  constraints: proseList(50).optional(),
  needs: z.array(ProductNeedSchema).max(50).optional(),
  assumptions: proseList(100).optional(),
});

/** Names that the generated schema already has: a person is a profile, and these are built in. */
const BUILT_IN_TABLES = new Set(['profile', 'user', 'role', 'user_role']);
const BUILT_IN_COLUMNS = new Set(['id', 'created_at', 'updated_at']);

/** Checks what a schema cannot: unique names, and that every name used resolves to a role or an entity. */
function checkReferences(model: z.infer<typeof ProductModelShape>, ctx: z.RefinementCtx): void {
  const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const roles = new Map<string, number>();
  model.roles.forEach((role, i) => {
    if (roles.has(role.name)) issue(['roles', i, 'name'], `"${role.name}" is already roles[${roles.get(role.name)}]; role names must be unique`);
    else roles.set(role.name, i);
    if (role.privileged && role.self_signup) issue(['roles', i, 'self_signup'], `"${role.name}" is privileged, so it cannot be chosen at sign-up; people sign up, then someone privileged gives it to them (set_user_role)`);
  });
  const entities = new Map<string, number>();
  model.entities.forEach((entity, i) => {
    if (entities.has(entity.name)) issue(['entities', i, 'name'], `"${entity.name}" is already entities[${entities.get(entity.name)}]; entity names must be unique`);
    else entities.set(entity.name, i);
    if (BUILT_IN_TABLES.has(entity.name)) issue(['entities', i, 'name'], `"${entity.name}" is built in (every person has a profile with a role); put what a person has on a role or another entity`);
    if (entity.owned_by !== undefined && entity.owned_by !== 'creator' && !roles.has(entity.owned_by)) {
      issue(['entities', i, 'owned_by'], `"${entity.owned_by}" is not a role of the model; use a role name or "creator"`);
    }
    const attributes = new Map<string, number>();
    entity.attributes.forEach((attribute, j) => {
      const path = ['entities', i, 'attributes', j];
      if (attributes.has(attribute.name)) issue([...path, 'name'], `"${attribute.name}" is already attributes[${attributes.get(attribute.name)}] of ${entity.name}`);
      else attributes.set(attribute.name, j);
      if (attribute.type === 'enum' && !attribute.values?.length) issue([...path, 'values'], 'an enum needs its values, e.g. ["draft", "sent", "paid"]');
      if (attribute.type !== 'enum' && attribute.values?.length) issue([...path, 'values'], `values are for an enum; this attribute is ${attribute.type}`);
      if (attribute.value_labels) {
        const values = new Set(attribute.values ?? []);
        if (attribute.type !== 'enum') issue([...path, 'value_labels'], `value_labels are for an enum; this attribute is ${attribute.type}`);
        else for (const value of Object.keys(attribute.value_labels)) if (!values.has(value)) issue([...path, 'value_labels', value], `"${value}" is not one of the values of ${attribute.name}`);
      }
    });
  });
  const party = (name: string) => entities.has(name) || roles.has(name);
  model.relationships.forEach((relationship, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!party(relationship[end])) issue(['relationships', i, end], `"${relationship[end]}" is neither an entity nor a role of the model`);
    }
    if (relationship.through !== undefined) {
      if (relationship.kind !== 'many-to-many') issue(['relationships', i, 'through'], 'only a many-to-many relationship goes through a join entity');
      else if (!SNAKE.test(relationship.through)) issue(['relationships', i, 'through'], 'must be a snake_case entity name such as "project_member"');
      else if (roles.has(relationship.through)) issue(['relationships', i, 'through'], `"${relationship.through}" is a role; a join is an entity`);
    }
  });
  model.access.forEach((rule, i) => {
    if (!roles.has(rule.role)) issue(['access', i, 'role'], `"${rule.role}" is not a role of the model`);
    if (!entities.has(rule.entity)) issue(['access', i, 'entity'], `"${rule.entity}" is not an entity of the model`);
    if (rule.scope === 'related' && rule.via === undefined) issue(['access', i, 'via'], 'scope "related" needs `via`: the membership or parent entity that relates the people to the rows');
    if (rule.via !== undefined && !party(rule.via)) issue(['access', i, 'via'], `"${rule.via}" is neither an entity nor a role of the model`);
  });
  model.features?.forEach((feature, i) => {
    feature.roles?.forEach((role, j) => {
      if (!roles.has(role)) issue(['features', i, 'roles', j], `"${role}" is not a role of the model`);
    });
    feature.entities?.forEach((entity, j) => {
      if (!entities.has(entity)) issue(['features', i, 'entities', j], `"${entity}" is not an entity of the model`);
    });
  });
}

export const ProductModelSchema = ProductModelShape.superRefine(checkReferences).describe(
  'Your own reading of the idea, built on instead of the spec (aios_analyze drafts one to correct). roles: people who sign in; entities: the records kept, people who never sign in too; an entity named as a role is that role\'s record (kept people who may sign in). relationships, access and features name them; a name that is both an entity and a role means the entity there, except in access[].role and owned_by. Names are snake_case.',
);
export type ProductModelInput = z.input<typeof ProductModelSchema>;
export type ProductModelContract = z.infer<typeof ProductModelSchema>;

/** Columns every table gets, so an attribute of that name in a model is already there. */
export function isBuiltInColumn(name: string): boolean {
  return BUILT_IN_COLUMNS.has(name);
}
