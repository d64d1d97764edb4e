import type { AccessRule, AttributeType, Context, IntegrationKind, NfrCategory, Priority } from '../contract/index.js';

/**
 * The product model as the agents work with it: the contract's product model (CONTRACT 2a, what
 * the analyst reads out of an idea or a caller supplies) expanded with what every agent derives
 * the same way (labels, plurals, who creates what, the baseline needs). Built only by
 * `expandModel` (product.ts), so a model read from the spec and the same model passed in as
 * `product_model` give the same documents.
 */
export interface ProductModel {
  /** Display name of the product: `product_name`, or one derived from the text. */
  name: string;
  /** One sentence saying what the product is. */
  summary: string;
  /** The kind of product, when it can be told (e.g. "project management"); null otherwise. */
  domain: string | null;
  roles: RoleSpec[];
  entities: EntitySpec[];
  relationships: RelationshipSpec[];
  integrations: IntegrationSpec[];
  /** Hard constraints the spec states ("must use Supabase", "no native app"). */
  constraints: string[];
  needs: NeedSpec[];
  /** Target segments and key problems, from the structured fields or the text. */
  segments: string[];
  problems: string[];
  metrics: string[];
  context: Context;
  /** Who may do what to which rows, as stated or read (CONTRACT 2a `access`). */
  access: AccessRule[];
  /** What the idea says people can do or see, each carried by the documents or listed as deferred. */
  features: FeatureSpec[];
  /** What the reader had to assume because the spec did not say (listed in every document). */
  assumptions: string[];
}

export interface FeatureSpec {
  text: string;
  roles: string[];
  entities: string[];
  priority?: Priority;
}

export interface RoleSpec {
  /** snake_case identifier: `admin`, `project_member`. */
  name: string;
  /** Human label: "Admin", "Project member". */
  label: string;
  description: string;
  /** True for the role that every signed-in person has when the spec names only one. */
  primary: boolean;
  /** True for a role that administers the whole product. */
  admin: boolean;
  /** Has power over other people's rows (owner, manager, admin, staff). */
  privileged: boolean;
  /** May be chosen at sign-up; never true for a privileged role. */
  selfSignup: boolean;
  capabilities: CapabilitySpec[];
}

export type CapabilityVerb = 'create' | 'view' | 'update' | 'delete' | 'manage' | 'other';

export interface CapabilitySpec {
  verb: CapabilityVerb;
  /** Entity name (singular snake_case) the capability acts on, if any. */
  entity?: string;
  /** The phrase as a person would say it: "create quizzes", "assign tasks to members". */
  text: string;
}

export type AttributeKind = AttributeType;

export interface AttributeSpec {
  /** snake_case column-ready name: `time_limit`. */
  name: string;
  /** Human label: "Time limit". */
  label: string;
  kind: AttributeKind;
  enumValues?: string[];
  /** How the idea writes a value, by value, where it is not the value's words: `{ jetbrains: "JetBrains" }`. */
  enumLabels?: Record<string, string>;
  required: boolean;
  unique: boolean;
}

export interface EntitySpec {
  /** Singular snake_case: `quiz`, `time_slot`. */
  name: string;
  /** Plural snake_case, the table name: `quizzes`, `time_slots`. */
  plural: string;
  /** Human label, singular: "Quiz". */
  label: string;
  /** Human label, plural: "Quizzes". */
  pluralLabel: string;
  description: string;
  attributes: AttributeSpec[];
  /** True when rows belong to the person who created them (an owner column tied to auth.users). */
  owned: boolean;
  /** Role names that create rows of this entity. */
  createdBy: string[];
  /** How often the text mentions it; the core entities come first. */
  mentions: number;
}

export interface RelationshipSpec {
  /** For one-to-many, `from` is the "one" side (project) and `to` the "many" side (task). */
  from: string;
  to: string;
  kind: 'one-to-one' | 'one-to-many' | 'many-to-many';
  /** Join entity name (singular snake_case) for many-to-many. */
  through?: string;
  /** What the `to` side calls the `from` row when not by its own name: assignee, host, buyer. */
  as?: string;
}

export type { IntegrationKind };

export interface IntegrationSpec {
  kind: IntegrationKind;
  /** Named provider ("Stripe", "Google") or the default choice for the stack. */
  provider: string;
  /** True when the spec named the provider. */
  stated: boolean;
  reason: string;
}

export interface NeedSpec {
  category: NfrCategory;
  text: string;
  /** `stated` when the spec asked for it; `default` for the baseline every product gets. */
  source: 'stated' | 'default';
}
