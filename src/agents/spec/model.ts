import type { Context, NfrCategory } from '../../contract/index.js';

/**
 * What the spec reader finds in a product description. Every agent works from this model, so
 * the same spec always gives the same entities, roles and relationships in every document.
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
  /** What the reader had to assume because the spec did not say (listed in every document). */
  assumptions: string[];
  /** Words in the spec, for sizing the work. */
  wordCount: number;
  /** False when the text does not read as English: output is then generic and says so. */
  english: boolean;
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

export type AttributeKind =
  | 'text'
  | 'long_text'
  | 'integer'
  | 'decimal'
  | 'money'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'duration'
  | 'email'
  | 'phone'
  | 'url'
  | 'image'
  | 'file'
  | 'enum'
  | 'rating'
  | 'json'
  | 'location';

export interface AttributeSpec {
  /** snake_case column-ready name: `time_limit`. */
  name: string;
  /** Human label: "Time limit". */
  label: string;
  kind: AttributeKind;
  enumValues?: string[];
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
  /** The words of the spec the relationship came from. */
  phrase: string;
}

export type IntegrationKind =
  | 'payments'
  | 'subscriptions'
  | 'email'
  | 'sms'
  | 'oauth'
  | 'file_uploads'
  | 'realtime'
  | 'maps'
  | 'search'
  | 'calendar'
  | 'analytics'
  | 'notifications'
  | 'ai';

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
