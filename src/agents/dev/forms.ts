import { lower, withArticle } from '../english.js';
import { kebab } from '../naming.js';
import type { Framework } from './framework.js';
import { Imports, file, jsxText, str } from './source.js';
import { access, entityTables, optionalAccess, propertyKey, type Column, type DataModel, type Table } from './tables.js';

/**
 * `src/components/forms/<Entity>Form.tsx`: the create/edit form of a table, one control per
 * editable column chosen by its type: text, long text, number, date, time, checkbox, a select
 * of the enum's values, or a select of the rows a foreign key points at.
 */
export function renderForm(table: Table, model: DataModel, framework: Framework): string {
  const imports = new Imports()
    .add('react', ['useState'])
    .add('react', ['FormEvent'], { type: true })
    .add('@/components/ui/button', 'Button')
    .add(`${framework.layout.supabaseImport}/types`, 'Tables', { type: true });
  const values = `${table.type}FormValues`;
  const hooks: string[] = [];
  const controls = table.editable.map((column) => renderControl(column, table, model, imports, hooks, values, framework));
  const keys = table.editable.map((column) => str(column.name));
  const initial = table.editable.map((column) => `    ${propertyKey(column.name)}: ${optionalAccess('defaultValues', column.name)} ?? ${emptyValue(column)},`);

  return file(
    framework.directive,
    imports.render(),
    `/** What a person types to create or edit ${withArticle(lower(table.label))}. */
export type ${values} = Pick<Tables<${str(table.name)}>, ${keys.length > 0 ? keys.join(' | ') : 'never'}>;`,
    `interface ${table.type}FormProps {
  defaultValues?: Partial<${values}>;
  submitLabel: string;
  submitting?: boolean;
  onSubmit: (values: ${values}) => void;
}`,
    `export function ${table.type}Form({ defaultValues, submitLabel, submitting = false, onSubmit }: ${table.type}FormProps) {
  ${table.editable.length > 0 ? 'const [values, setValues]' : 'const [values]'} = useState<${values}>(() => ({
${initial.join('\n')}
  }));${hooks.length > 0 ? `\n${hooks.map((line) => `  ${line}`).join('\n')}` : ''}
${
  table.editable.length > 0
    ? `
  function set<K extends keyof ${values}>(key: K, value: ${values}[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }
`
    : ''
}
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form onSubmit={handleSubmit} className="space-y-4">
${controls.join('\n')}
      <Button type="submit" disabled={submitting}>
        {submitting ? 'Saving…' : submitLabel}
      </Button>
    </form>
  );
}`,
  );
}

function renderControl(
  column: Column,
  table: Table,
  model: DataModel,
  imports: Imports,
  hooks: string[],
  values: string,
  framework: Framework,
): string {
  const id = `${kebab(table.type)}-${kebab(column.name)}`;
  const value = access('values', column.name);
  const key = str(column.name);
  const required = !column.nullable && !column.hasDefault;
  const requiredAttr = required ? ' required' : '';
  const orNull = column.nullable ? ' || null' : '';
  let control: string;
  let label = `<Label htmlFor="${id}">${jsxText(column.label)}</Label>`;
  imports.add('@/components/ui/label', 'Label');

  const referenced = column.references ? entityTables(model).find((candidate) => candidate.name === column.references?.table) : undefined;
  const input = column.input === 'reference' && !referenced ? 'text' : column.input;

  switch (input) {
    case 'long_text':
      imports.add('@/components/ui/textarea', 'Textarea');
      control = `<Textarea id="${id}"${requiredAttr} value={${value}${column.nullable ? " ?? ''" : ''}} onChange={(event) => set(${key}, event.target.value${orNull})} />`;
      break;
    case 'number': {
      imports.add('@/components/ui/input', 'Input');
      const empty = column.nullable ? 'null' : '0';
      control = `<Input id="${id}" type="number" step="any"${requiredAttr} value={${value}${column.nullable ? " ?? ''" : ''}} onChange={(event) => set(${key}, event.target.value === '' ? ${empty} : Number(event.target.value))} />`;
      break;
    }
    case 'date':
    case 'time':
    case 'datetime': {
      imports.add('@/components/ui/input', 'Input');
      const type = input === 'datetime' ? 'datetime-local' : input;
      const length = input === 'datetime' ? 16 : input === 'time' ? 5 : 10;
      const shown = column.nullable ? `(${value} ?? '').slice(0, ${length})` : `${value}.slice(0, ${length})`;
      const stored =
        input === 'datetime'
          ? `event.target.value ? new Date(event.target.value).toISOString() : ${column.nullable ? 'null' : "''"}`
          : `event.target.value${orNull}`;
      control = `<Input id="${id}" type="${type}"${requiredAttr} value={${shown}} onChange={(event) => set(${key}, ${stored})} />`;
      break;
    }
    case 'checkbox':
      label = `<Label htmlFor="${id}" className="flex items-center gap-2">
          <input id="${id}" type="checkbox" className="size-4 accent-primary" checked={${value}${column.nullable ? ' ?? false' : ''}} onChange={(event) => set(${key}, event.target.checked)} />
          ${jsxText(column.label)}
        </Label>`;
      control = '';
      break;
    case 'enum': {
      imports.add('@/components/ui/native-select', 'NativeSelect').add(`${framework.layout.supabaseImport}/types`, 'Constants');
      const options = `Constants.public.Enums.${column.enumName ?? ''}`;
      imports.add('@/lib/format', 'formatLabel');
      const chosen = column.nullable ? '(event.target.value || null)' : 'event.target.value';
      control = `<NativeSelect id="${id}"${requiredAttr} value={${value}${column.nullable ? " ?? ''" : ''}} onChange={(event) => set(${key}, ${chosen} as ${values}[${key}])}>
          ${column.nullable || !column.hasDefault ? `<option value="">${column.nullable ? 'None' : 'Choose…'}</option>\n          ` : ''}{${options}.map((option) => (
            <option key={option} value={option}>
              {formatLabel(option)}
            </option>
          ))}
        </NativeSelect>`;
      break;
    }
    case 'reference': {
      if (!referenced?.primaryKey) throw new Error(`no table for ${column.name}`);
      imports.add('@/components/ui/native-select', 'NativeSelect').add(`@/hooks/${referenced.hookModule}`, `use${referenced.pluralType}`);
      const rows = `${camelRows(referenced)}`;
      if (!hooks.some((line) => line.startsWith(`const ${rows} `))) hooks.push(`const ${rows} = use${referenced.pluralType}();`);
      const pk = referenced.primaryKey;
      const chosen =
        column.tsType === 'number'
          ? `event.target.value ? Number(event.target.value) : ${column.nullable ? 'null' : '0'}`
          : `event.target.value${orNull}`;
      control = `<NativeSelect id="${id}"${requiredAttr} value={${value}${column.nullable ? " ?? ''" : ''}} onChange={(event) => set(${key}, ${chosen})}>
          <option value="">${column.nullable ? 'None' : `Choose ${withArticle(lower(referenced.label))}…`}</option>
          {${rows}.data?.map((row) => (
            <option key={${access('row', pk.name)}} value={${access('row', pk.name)}}>
              {${displayOf(referenced, 'row')}}
            </option>
          ))}
        </NativeSelect>`;
      break;
    }
    case 'json':
      imports.add('@/components/ui/textarea', 'Textarea');
      // JSON is kept as typed until it parses, so a half-written value never reaches the row.
      control = `<Textarea id="${id}" className="font-mono" defaultValue={JSON.stringify(${value} ?? null, null, 2)} onChange={(event) => {
            try {
              set(${key}, JSON.parse(event.target.value));
            } catch {
              // Not valid JSON yet: keep the last valid value.
            }
          }} />`;
      break;
    case 'list': {
      // Uncontrolled, so that a comma just typed is not parsed away before the next value.
      imports.add('@/components/ui/input', 'Input');
      const parse = column.tsType === 'number[]' ? '.map(Number)' : '';
      control = `<Input id="${id}" aria-describedby="${id}-hint" defaultValue={(${value} ?? []).join(', ')} onChange={(event) => set(${key}, event.target.value.split(',').map((item) => item.trim()).filter(Boolean)${parse})} />
        <p id="${id}-hint" className="text-xs text-muted-foreground">Separate values with commas.</p>`;
      break;
    }
    default: {
      imports.add('@/components/ui/input', 'Input');
      const type = input === 'email' ? 'email' : input === 'url' ? 'url' : 'text';
      const shown = column.tsType === 'string' ? `${value}${column.nullable ? " ?? ''" : ''}` : `String(${value} ?? '')`;
      control = `<Input id="${id}" type="${type}"${requiredAttr} value={${shown}} onChange={(event) => set(${key}, event.target.value${orNull})} />`;
    }
  }
  return `      <div className="space-y-2">
        ${label}${control ? `\n        ${control}` : ''}
      </div>`;
}

/** The value a new row's field starts with. */
function emptyValue(column: Column): string {
  if (column.nullable) return 'null';
  if (column.input === 'enum') return str(defaultEnum(column));
  if (column.input === 'list') return '[]';
  if (column.tsType === 'number') return '0';
  if (column.tsType === 'boolean') return defaultBoolean(column);
  if (column.tsType === 'Json') return '{}';
  return "''";
}

/** A CHECK-constrained column's default (`'open'`), when it is one of its values. */
function defaultEnum(column: Column): string {
  const values = column.enumValues ?? [];
  const stated = column.field.default?.replace(/::.*$/, '').replace(/^'(.*)'$/, '$1');
  return values.find((value) => value === stated) ?? values[0] ?? '';
}

function defaultBoolean(column: Column): string {
  return /^true$/i.test(column.field.default?.trim() ?? '') ? 'true' : 'false';
}

/** How a row of a table shows up in a select, a heading or a link. */
export function displayOf(table: Table, row: string): string {
  const display = access(row, table.display.name);
  const pk = table.primaryKey ? access(row, table.primaryKey.name) : "''";
  const text = table.display.tsType === 'string';
  if (table.display === table.primaryKey || !table.display.nullable) return text ? display : `String(${display})`;
  return text && table.primaryKey?.tsType === 'string' ? `${display} ?? ${pk}` : `String(${display} ?? ${pk})`;
}

function camelRows(table: Table): string {
  return `${table.pluralType.charAt(0).toLowerCase()}${table.pluralType.slice(1)}Options`;
}
