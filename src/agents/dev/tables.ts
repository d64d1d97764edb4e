import type { Architecture, Entity, Field } from '../../contract/index.js';
import { pascal, pluralName, sentence, singularName, snake } from '../naming.js';
import { hookModule } from '../project-layout.js';
import { parseReference } from '../reader/reference.js';

/**
 * The architect's data model read the way code needs it: table names, TypeScript types, which
 * columns a form edits and with which control, and how foreign keys join tables.
 */

/** The control a form uses for a column. */
export type InputKind =
  | 'text'
  | 'long_text'
  | 'email'
  | 'url'
  | 'number'
  | 'date'
  | 'datetime'
  | 'time'
  | 'checkbox'
  | 'enum'
  | 'reference'
  | 'json'
  | 'list';

export interface Column {
  name: string;
  label: string;
  field: Field;
  /** TypeScript type of a value, without null: `string`, `number`, `Json`, or the enum's type expression. */
  tsType: string;
  input: InputKind;
  nullable: boolean;
  /** The database fills it when an insert leaves it out. */
  hasDefault: boolean;
  enumName?: string;
  enumValues?: string[];
  /** How a value is shown where it is not its words (`jetbrains` → "JetBrains"); the stored value stays the value. */
  enumLabels?: Record<string, string>;
  /** A foreign key to another table of the app. */
  references?: { table: string; column: string };
  /** A foreign key to Supabase Auth (`auth.users`): the app fills it with the signed-in user's id. */
  authUser: boolean;
  /** Filled by the database or the app, never typed by a person. */
  system: boolean;
  /** On insert the app sets it to the signed-in user's id (owner columns, a profile's id). */
  fillWithUser: boolean;
  /** On insert the app sets it to the current time (a required timestamp without a default). */
  fillWithNow: boolean;
}

export interface Table {
  /** Table name in the `public` schema: `projects`. */
  name: string;
  entity: Entity;
  /** `Project`: the row type. */
  type: string;
  /** `Projects`: hooks and components of the list. */
  pluralType: string;
  label: string;
  pluralLabel: string;
  columns: Column[];
  /** The single-column primary key rows are addressed by; absent for composite keys. */
  primaryKey: Column | undefined;
  /** What a person reads to recognise a row. */
  display: Column;
  join: boolean;
  /** `use-projects`: the hook module under src/hooks. */
  hookModule: string;
  /** Columns the create/edit form shows. */
  editable: Column[];
}

export interface DataModel {
  tables: Table[];
  /** Enums of the Database type: name → allowed values. */
  enums: Array<{ name: string; values: string[] }>;
}

const LONG_TEXT = /(^|_)(description|body|content|notes?|bio|summary|message|details|comment|text|instructions|reason)$/;
const SYSTEM_NAMES = new Set(['created_at', 'updated_at', 'deleted_at', 'inserted_at']);
const DISPLAY_NAMES = ['name', 'title', 'label', 'full_name', 'display_name', 'username', 'email', 'subject', 'code', 'sku'];

export function readDataModel(architecture: Architecture): DataModel {
  const entities = architecture.data_model.entities;
  const names = entities.map((entity) => tableNameOf(entity.name));
  const resolve = (reference: string): string | undefined => {
    const key = singularName(reference);
    return names.find((name) => singularName(name) === key);
  };
  const enums: DataModel['enums'] = [];
  const tables = entities.map((entity, index) => readTable(entity, names[index] ?? snake(entity.name), resolve, enums));
  return { tables, enums };
}

/** Supabase tables are plural snake_case; an entity may be named either way. */
function tableNameOf(name: string): string {
  return pluralName(snake(name));
}

function readTable(entity: Entity, name: string, resolve: (table: string) => string | undefined, enums: DataModel['enums']): Table {
  const singular = singularName(name);
  const columns = entity.fields.map((field) => readColumn(field, singular, resolve, enums));
  const primaries = columns.filter((column) => column.field.primary);
  const join = entity.join_table === true || primaries.length > 1;
  const primaryKey = primaries.length === 1 ? primaries[0] : undefined;
  for (const column of columns) {
    const owner = entity.owner_field === column.name;
    const required = !column.nullable && !column.hasDefault;
    if (column === primaryKey && column.hasDefault) column.system = true;
    if (owner) column.system = true;
    column.fillWithUser = column.tsType === 'string' && (owner || (column.authUser && required));
    column.fillWithNow = column.system && required && column.input === 'datetime';
    // A required column that nothing else fills must be typed by a person, whatever its name.
    if (column.system && required && !column.fillWithUser && !column.fillWithNow) column.system = false;
  }
  // A person's role on their own profile comes from sign-up or from set_user_role(), never from
  // a form: the migration grants no update of it, so sending it fails the whole save.
  const role = primaryKey?.authUser ? columns.find((column) => column.name === 'role') : undefined;
  if (role) role.system = true;
  const display =
    columns.find((column) => column.name === entity.display_field) ??
    DISPLAY_NAMES.map((wanted) => columns.find((column) => column.name === wanted)).find(Boolean) ??
    columns.find((column) => !column.system && column.input === 'text') ??
    primaryKey ??
    columns[0] ??
    readColumn({ name: 'id', type: 'uuid', primary: true }, singular, resolve, enums);
  const type = identifier(pascal(singular), 'Row');
  const plural = identifier(pascal(name), 'Rows');
  return {
    name,
    entity,
    type,
    // Nouns without a plural (equipment, staff) still need distinct names for the list and the row.
    pluralType: plural === type ? `${type}List` : plural,
    label: sentence(singular),
    pluralLabel: sentence(name),
    columns,
    primaryKey,
    display,
    join,
    hookModule: hookModule(name),
    // A primary key is typed by a person only when nothing else fills it.
    editable: columns.filter((column) => !column.system && (column !== primaryKey || (!column.hasDefault && !column.fillWithUser))),
  };
}

function readColumn(field: Field, singular: string, resolve: (table: string) => string | undefined, enums: DataModel['enums']): Column {
  const type = field.type.trim().toLowerCase();
  const reference = parseReference(field.references);
  const authUser = reference?.schema === 'auth';
  const localTable = reference?.schema === 'public' ? resolve(reference.table) : undefined;
  const nullable = field.nullable === true;
  const hasDefault = field.default !== undefined || /serial$/.test(type) || /^generated|identity/.test(type);
  const column: Column = {
    name: field.name,
    label: sentence(field.name.replace(/_id$/, '')),
    field,
    tsType: 'string',
    input: 'text',
    nullable,
    hasDefault,
    authUser,
    system: SYSTEM_NAMES.has(field.name) || authUser,
    fillWithUser: false,
    fillWithNow: false,
  };
  if (localTable && reference) column.references = { table: localTable, column: reference.column };

  if (field.enum_values && field.enum_values.length > 0) {
    const enumName = uniqueEnumName(`${singular}_${snake(field.name)}`, enums);
    enums.push({ name: enumName, values: [...field.enum_values] });
    column.enumName = enumName;
    column.enumValues = [...field.enum_values];
    if (field.enum_labels) column.enumLabels = { ...field.enum_labels };
    column.tsType = `Database["public"]["Enums"]["${enumName}"]`;
    column.input = 'enum';
    return column;
  }
  if (type.endsWith('[]') || type.startsWith('array')) {
    column.tsType = `${scalarType(type.replace(/\[\]$/, ''))}[]`;
    column.input = 'list';
    return column;
  }
  column.tsType = scalarType(type);
  column.input = column.references ? 'reference' : inputOf(type, field.name, column.tsType);
  return column;
}

function scalarType(type: string): string {
  if (/^(small|big)?int|^int[248]?\b|^integer|^numeric|^decimal|^real|^double|^float|^money|serial$/.test(type)) return 'number';
  if (/^bool/.test(type)) return 'boolean';
  if (/^jsonb?$/.test(type)) return 'Json';
  return 'string';
}

function inputOf(type: string, name: string, tsType: string): InputKind {
  if (tsType === 'number') return 'number';
  if (tsType === 'boolean') return 'checkbox';
  if (tsType === 'Json') return 'json';
  if (/^date$/.test(type)) return 'date';
  if (/^timestamp/.test(type)) return 'datetime';
  if (/^time\b/.test(type)) return 'time';
  if (/(^|_)email$/.test(name)) return 'email';
  if (/(^|_)(url|website|link)$/.test(name)) return 'url';
  if (LONG_TEXT.test(name)) return 'long_text';
  return 'text';
}

function uniqueEnumName(base: string, enums: DataModel['enums']): string {
  let name = base;
  for (let n = 2; enums.some((existing) => existing.name === name); n++) name = `${base}_${n}`;
  return name;
}

/** A TypeScript identifier from a generated name: never empty, never starting with a digit. */
export function identifier(name: string, fallback: string): string {
  if (name.length === 0) return fallback;
  return /^[0-9]/.test(name) ? `${fallback}${name}` : name;
}

/** An object key in TypeScript source: bare when it can be. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** `row.name` or `row["odd name"]`. */
export function access(object: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

/** `row?.name` or `row?.["odd name"]`. */
export function optionalAccess(object: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${object}?.${name}` : `${object}?.[${JSON.stringify(name)}]`;
}

/** MONEY and numeric(12,2) step by cents, integers by one, other decimals freely; min and max from the column's meaning. */
export function numberRange(column: Column): { step: string; min: number | undefined; max: number | undefined } {
  const type = column.field.type.trim().toLowerCase();
  const description = column.field.description ?? '';
  const scale = /^(?:numeric|decimal)\s*\(\s*\d+\s*,\s*(\d+)\s*\)/.exec(type)?.[1];
  const money = isMoney(column);
  let step = 'any';
  if (/^(small|big)?int|^integer|serial$/.test(type)) step = '1';
  else if (scale !== undefined) step = Number(scale) === 0 ? '1' : (1 / 10 ** Number(scale)).toFixed(Number(scale));
  else if (money || /^(numeric|decimal)/.test(type)) step = '0.01';
  const range = /from (-?\d+(?:\.\d+)?) to (-?\d+(?:\.\d+)?)/i.exec(description);
  if (range) return { step, min: Number(range[1]), max: Number(range[2]) };
  const counted = money || /\bin (minutes|hours|days|seconds)\b/i.test(description) || COUNT_NAMES.test(column.name);
  return { step, min: counted ? 0 : undefined, max: undefined };
}

const MONEY_NAMES = /(^|_)(price|cost|amount|total|fee|deposit|salary|budget|balance|value|subtotal)$/;

/** A number column that holds an amount of money (the dashboard adds them up). */
export function isMoney(column: Column): boolean {
  if (column.input !== 'number') return false;
  const type = column.field.type.trim().toLowerCase();
  return type === 'money' || /amount of money/i.test(column.field.description ?? '') || MONEY_NAMES.test(column.name);
}
const COUNT_NAMES = /(^|_)(quantity|qty|count|capacity|stock|seats|spots|duration|minutes|hours|age|servings|limit|level)$/;

/** Tables people work with directly (join tables are handled through their parents). */
export function entityTables(model: DataModel): Table[] {
  return model.tables.filter((table) => !table.join && table.primaryKey !== undefined);
}

/** Finds the table an entity name refers to ("project", "projects", "Project"). */
export function findTable(model: DataModel, name: string | undefined): Table | undefined {
  if (!name) return undefined;
  const key = singularName(snake(name));
  return model.tables.find((table) => singularName(table.name) === key);
}

/** The expression a value of an enum column is shown with: as the idea writes it ("JetBrains"), else `formatLabel`. */
export function enumText(column: Column, value: string): string {
  return column.enumLabels ? `(${JSON.stringify(column.enumLabels)} as Record<string, string>)[${value}] ?? formatLabel(${value})` : `formatLabel(${value})`;
}
