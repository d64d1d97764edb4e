import type { Architecture, Field } from '../../contract/index.js';
import { unique } from '../english.js';
import { kebab, pluralName, sentence, singularName, title } from '../naming.js';
import type { AttributeKind, EntitySpec, ProductModel } from '../model.js';
import { parseReference } from '../reader/reference.js';

/**
 * What the screens need to know about one thing people manage, whether it comes from the
 * architect's tables or, without an architecture, from the spec reader's entities.
 */
export interface ScreenEntity {
  /** Singular snake_case: `task`. */
  name: string;
  /** The table, and `page.entity`: `tasks`. */
  table: string;
  label: string;
  pluralLabel: string;
  /** `/tasks`. */
  route: string;
  description: string;
  fields: ScreenField[];
  displayField: string;
  /** Tables this one belongs to (a task belongs to a project). */
  parents: string[];
  /** Tables that belong to this one. */
  children: string[];
  owned: boolean;
  /** Roles that create rows of it, from the spec. */
  createdBy: string[];
}

export type FieldKind = AttributeKind | 'reference';

export interface ScreenField {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  enumValues?: string[];
  /** How an enum value is shown, where it is not its words (`jetbrains` → "JetBrains"). */
  enumLabels?: Record<string, string>;
  /** For references: the table pointed at. */
  references?: string;
}

/** Tables no screen of their own is made for: the account profile lives on /settings. An `accounts` entity is a record (a CRM's companies, a fund) and gets its screens. */
const ACCOUNT_TABLES = new Set(['profiles', 'users']);
const SYSTEM_FIELDS = new Set(['id', 'created_at', 'updated_at']);
const LONG_TEXT_NAMES = /(^|_)(description|body|content|notes?|bio|summary|details|message|text|instructions)$/;

export function screenEntities(model: ProductModel, architecture?: Architecture): ScreenEntity[] {
  return architecture ? fromArchitecture(model, architecture) : fromModel(model);
}

function fromModel(model: ProductModel): ScreenEntity[] {
  const joins = new Set(model.relationships.flatMap((r) => (r.kind === 'many-to-many' && r.through ? [r.through] : [])));
  const kept = model.entities.filter((e) => !joins.has(e.name) && !ACCOUNT_TABLES.has(e.plural));
  const names = new Set(kept.map((e) => e.name));
  const tableOf = new Map(kept.map((e) => [e.name, e.plural]));
  return kept.map((entity) => {
    const parents = model.relationships
      .filter((r) => r.kind === 'one-to-many' && r.to === entity.name && names.has(r.from) && r.from !== entity.name)
      .map((r) => tableOf.get(r.from) ?? pluralName(r.from));
    const children = model.relationships
      .filter((r) => r.kind === 'one-to-many' && r.from === entity.name && names.has(r.to) && r.to !== entity.name)
      .map((r) => tableOf.get(r.to) ?? pluralName(r.to));
    const fields: ScreenField[] = [
      ...parents.map((table) => referenceField(table, true)),
      ...entity.attributes.map((a) => ({
        name: a.name,
        label: a.label,
        kind: a.kind as FieldKind,
        required: a.required,
        ...(a.enumValues ? { enumValues: a.enumValues } : {}),
        ...(a.enumLabels ? { enumLabels: a.enumLabels } : {}),
      })),
    ];
    return {
      name: entity.name,
      table: entity.plural,
      label: entity.label,
      pluralLabel: entity.pluralLabel,
      route: `/${kebab(entity.plural)}`,
      description: entity.description,
      fields,
      displayField: displayFieldOf(fields),
      parents: unique(parents),
      children: unique(children),
      owned: entity.owned,
      createdBy: entity.createdBy,
    };
  });
}

function fromArchitecture(model: ProductModel, architecture: Architecture): ScreenEntity[] {
  const { entities, relationships } = architecture.data_model;
  const throughs = new Set(relationships.flatMap((r) => (r.through ? [r.through] : [])));
  const kept = entities.filter((e) => !e.join_table && !throughs.has(e.name) && !ACCOUNT_TABLES.has(e.name));
  const tables = new Set(kept.map((e) => e.name));
  return kept.map((entity) => {
    const name = singularName(entity.name);
    const spec: EntitySpec | undefined = model.entities.find((e) => e.plural === entity.name || e.name === entity.name || e.name === name);
    const fieldParents = entity.fields.flatMap((f) => {
      const target = referencedTable(f);
      return target && tables.has(target) && target !== entity.name ? [target] : [];
    });
    const relationParents = relationships
      .filter((r) => r.type === 'one-to-many' && r.to === entity.name && tables.has(r.from) && r.from !== entity.name)
      .map((r) => r.from);
    const children = [
      ...relationships.filter((r) => r.type === 'one-to-many' && r.from === entity.name && tables.has(r.to) && r.to !== entity.name).map((r) => r.to),
      ...kept.filter((other) => other.name !== entity.name && other.fields.some((f) => referencedTable(f) === entity.name)).map((other) => other.name),
    ];
    const fields = entity.fields
      .filter((f) => !SYSTEM_FIELDS.has(f.name) && f.name !== entity.owner_field && parseReference(f.references)?.schema !== 'auth')
      .map((f) => fieldFromColumn(f, spec));
    return {
      name,
      table: entity.name,
      label: spec?.label ?? title(name),
      pluralLabel: spec?.pluralLabel ?? title(entity.name),
      route: `/${kebab(entity.name)}`,
      description: entity.description ?? spec?.description ?? `${title(entity.name)} of the product`,
      fields,
      displayField: entity.display_field ?? displayFieldOf(fields),
      parents: unique([...fieldParents, ...relationParents]),
      children: unique(children),
      owned: Boolean(entity.owner_field) || (spec?.owned ?? false),
      createdBy: spec?.createdBy ?? [],
    };
  });
}

function fieldFromColumn(field: Field, spec: EntitySpec | undefined): ScreenField {
  const attribute = spec?.attributes.find((a) => a.name === field.name);
  const target = referencedTable(field);
  const base = { name: field.name, label: attribute?.label ?? sentence(field.name), required: field.nullable !== true && !field.default };
  if (target) return { ...base, kind: 'reference', references: target, label: sentence(field.name.replace(/_id$/, '')) };
  if (field.enum_values?.length) return { ...base, kind: 'enum', enumValues: field.enum_values, ...(field.enum_labels ? { enumLabels: field.enum_labels } : {}) };
  return { ...base, kind: attribute?.kind ?? kindOfColumn(field) };
}

/** The screen kind a PostgreSQL column suggests, when the spec did not say. */
function kindOfColumn(field: Field): AttributeKind {
  const type = field.type.toLowerCase();
  if (type.startsWith('bool')) return 'boolean';
  if (type.startsWith('timestamp')) return 'datetime';
  if (type === 'date') return 'date';
  if (type.startsWith('time')) return 'time';
  if (type.startsWith('interval')) return 'duration';
  if (type.startsWith('json')) return 'json';
  if (/^(int|smallint|bigint|serial)/.test(type)) return 'integer';
  if (/^(numeric|decimal|real|double|money)/.test(type)) return /price|amount|cost|total|budget|fee|value|salary/.test(field.name) ? 'money' : 'decimal';
  if (/email/.test(field.name)) return 'email';
  if (/phone/.test(field.name)) return 'phone';
  if (/(image|photo|avatar|logo|picture)/.test(field.name)) return 'image';
  if (/(url|website|link)$/.test(field.name)) return 'url';
  if (LONG_TEXT_NAMES.test(field.name)) return 'long_text';
  return 'text';
}

/** The table of the product a column points at: `projects.id` → `projects`; none for `auth.users.id`. */
function referencedTable(field: Field): string | undefined {
  const reference = parseReference(field.references);
  return reference?.schema === 'public' ? reference.table : undefined;
}

function referenceField(table: string, required: boolean): ScreenField {
  const singular = singularName(table);
  return { name: `${singular}_id`, label: sentence(singular), kind: 'reference', required, references: table };
}

function displayFieldOf(fields: ScreenField[]): string {
  const preferred = fields.find((f) => /^(name|title|label|subject|full_name)$/.test(f.name));
  return (preferred ?? fields.find((f) => f.kind === 'text') ?? fields.find((f) => f.kind !== 'reference'))?.name ?? 'id';
}
