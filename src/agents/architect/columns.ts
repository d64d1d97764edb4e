import type { Field } from '../../contract/index.js';
import { isReserved, snake, valueLabel } from '../naming.js';
import type { AttributeSpec } from '../model.js';
import { literal } from './sql.js';

/** A column as the migration writes it: the contract's Field plus what only the DDL needs. */
export interface Column extends Field {
  /** SQL boolean expression of a CHECK constraint on this column. */
  check?: string;
  /** What a foreign key does when the referenced row goes. */
  on_delete?: 'cascade' | 'set null';
}

/** Columns every entity table gets; attributes with these names are dropped, not renamed. */
export const SYSTEM_COLUMNS = new Set(['id', 'created_at', 'updated_at', 'owner_id']);

// PostgreSQL's hidden system columns: a user column with one of these names is refused.
const POSTGRES_SYSTEM = new Set(['oid', 'tableoid', 'xmin', 'xmax', 'cmin', 'cmax', 'ctid']);

/** Readable replacements for reserved words people use as attribute names. */
const RENAMES: Record<string, string> = {
  order: 'sort_order',
  user: 'user_name',
  group: 'group_name',
  end: 'ends_at',
  limit: 'limit_value',
  default: 'default_value',
  check: 'check_value',
  table: 'table_name',
  column: 'column_name',
};

/** A column name that PostgreSQL accepts unquoted, derived from an attribute name. */
export function columnName(attribute: string): string {
  const name = snake(attribute);
  if (name === '') return '';
  if (/^[0-9]/.test(name)) return `n_${name}`;
  if (isReserved(name)) return RENAMES[name] ?? `${name}_value`;
  if (POSTGRES_SYSTEM.has(name)) return `${name}_value`;
  return name.slice(0, 63);
}

/** Identifiers people look rows up by: two products never share a SKU, two quizzes a join code. */
const NATURALLY_UNIQUE = new Set(['sku', 'slug', 'code', 'barcode', 'isbn']);

/** Maps one attribute of the spec to a typed column. Durations are whole minutes everywhere. */
export function attributeColumn(attribute: AttributeSpec, name: string): Column {
  const column: Column = { name, type: 'text', nullable: !attribute.required };
  if (attribute.unique || NATURALLY_UNIQUE.has(name)) column.unique = true;
  const described = (description: string): Column => ({ ...column, description });
  switch (attribute.kind) {
    case 'text':
      return described(attribute.label);
    case 'long_text':
      return described(`${attribute.label} (free text)`);
    case 'integer':
      return { ...described(attribute.label), type: 'integer' };
    case 'decimal':
      return { ...described(attribute.label), type: 'numeric' };
    case 'money':
      return { ...described(`${attribute.label}, an amount of money`), type: 'numeric(12,2)', check: `${name} >= 0` };
    case 'boolean':
      return { ...described(attribute.label), type: 'boolean', nullable: false, default: 'false' };
    case 'date':
      return { ...described(attribute.label), type: 'date' };
    case 'datetime':
      return { ...described(attribute.label), type: 'timestamptz' };
    case 'time':
      return { ...described(attribute.label), type: 'time' };
    case 'duration':
      return { ...described(`${attribute.label} in minutes`), type: 'integer', check: `${name} >= 0` };
    case 'email':
      return { ...described(`${attribute.label} (email address)`), check: `${name} ~* '^[^@\\s]+@[^@\\s]+$'` };
    case 'phone':
      return described(`${attribute.label} (phone number, E.164 preferred)`);
    case 'url':
      return { ...described(`${attribute.label} (URL)`), check: `${name} ~* '^https?://'` };
    case 'image':
    case 'file':
      return described(`${attribute.label}: path of the object in Supabase Storage`);
    case 'rating':
      return { ...described(`${attribute.label} from 1 to 5`), type: 'integer', check: `${name} between 1 and 5` };
    case 'json':
      return { ...described(attribute.label), type: 'jsonb' };
    case 'location':
      return described(`${attribute.label} (address or place)`);
    case 'enum': {
      const values = [...new Set((attribute.enumValues ?? []).map(snake).filter(Boolean))];
      if (values.length === 0) return described(attribute.label);
      const labels = Object.fromEntries(values.flatMap((value) => (attribute.enumLabels?.[value] ? [[value, attribute.enumLabels[value]]] : [])));
      const withValues: Column = {
        ...described(`${attribute.label}: one of ${values.map((value) => valueLabel(value, labels)).join(', ')}`),
        enum_values: values,
        ...(Object.keys(labels).length > 0 ? { enum_labels: labels } : {}),
        check: `${name} in (${values.map(literal).join(', ')})`,
      };
      // A required closed set starts at its first value, so a new row is valid without asking.
      if (attribute.required) withValues.default = literal(values[0] ?? '');
      return withValues;
    }
  }
}
