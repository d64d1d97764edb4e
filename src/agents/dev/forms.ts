import { lower, withArticle } from '../english.js';
import { kebab, sentence, singularName } from '../naming.js';
import type { Framework } from './framework.js';
import { Imports, file, jsxAttr, jsxText, str } from './source.js';
import { access, entityTables, enumText, numberRange, optionalAccess, propertyKey, type Column, type DataModel, type Table } from './tables.js';

/**
 * `src/components/forms/<Entity>Form.tsx`: the create/edit form of a table, one control per
 * editable column chosen by its type: text, long text, a number input stepped like the column
 * (whole numbers, cents), a date, a datetime in local time, a checkbox, a select of the enum's
 * values, a select of the rows a foreign key points at, or a list edited item by item.
 */
export function renderForm(table: Table, model: DataModel, framework: Framework): string {
  const imports = new Imports()
    .add('react', ['useState'])
    .add('react', ['FormEvent'], { type: true })
    .add('@/components/ui/button', 'Button')
    .add(`${framework.layout.supabaseImport}/types`, 'Tables', { type: true });
  const values = `${table.type}FormValues`;
  const hooks: string[] = [];
  const controls = table.editable.map((column) => {
    const control = renderControl(column, table, model, imports, hooks, values, framework);
    // A parent given by the page (the row whose detail page holds this form) is not asked for.
    if (column.input !== 'reference') return control;
    return `      {${optionalAccess('fixed', column.name)} === undefined && (\n        ${control.trimStart().replace(/\n/g, '\n  ')}\n      )}`;
  });
  const cleaned = table.editable.flatMap((column) => {
    const kind = listKind(column);
    if (kind === 'json') return [`${propertyKey(column.name)}: cleanItems(textItems(${access('values', column.name)}))`];
    if (kind === 'array') return [`${propertyKey(column.name)}: cleanItems(${access('values', column.name)} ?? [])`];
    return [];
  });
  if (cleaned.length > 0) imports.add('@/lib/lists', ['cleanItems', 'textItems']);
  const submitted = `{ ...values${cleaned.length > 0 ? `, ${cleaned.join(', ')}` : ''}, ...fixed }`;
  const keys = table.editable.map((column) => str(column.name));
  const initial = table.editable.map((column) => `    ${propertyKey(column.name)}: ${optionalAccess('defaultValues', column.name)} ?? ${emptyValue(column)},`);

  return file(
    framework.directive,
    imports.render(),
    `/** What a person types to create or edit ${withArticle(lower(table.label))}. */
export type ${values} = Pick<Tables<${str(table.name)}>, ${keys.length > 0 ? keys.join(' | ') : 'never'}>;`,
    `interface ${table.type}FormProps {
  defaultValues?: Partial<${values}>;
  /** Values the page decides (the parent row): not shown, always submitted. */
  fixed?: Partial<${values}>;
  submitLabel: string;
  submitting?: boolean;
  onSubmit: (values: ${values}) => void;
}`,
    `export function ${table.type}Form({ defaultValues, fixed, submitLabel, submitting = false, onSubmit }: ${table.type}FormProps) {
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
    onSubmit(${submitted});
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
      const { step, min, max } = numberRange(column);
      const bounds = `${min !== undefined ? ` min={${min}}` : ''}${max !== undefined ? ` max={${max}}` : ''}`;
      control = `<Input id="${id}" type="number" inputMode="${step === '1' ? 'numeric' : 'decimal'}" step="${step}"${bounds}${requiredAttr} value={${value}${column.nullable ? " ?? ''" : ''}} onChange={(event) => set(${key}, event.target.value === '' ? ${empty} : Number(event.target.value))} />`;
      break;
    }
    case 'datetime': {
      // The stored timestamp is UTC; the input shows and returns the reader's local time.
      imports.add('@/components/ui/input', 'Input').add('@/lib/datetime', ['fromDateTimeLocal', 'toDateTimeLocal']);
      const stored = `fromDateTimeLocal(event.target.value)${column.nullable ? '' : " ?? ''"}`;
      control = `<Input id="${id}" type="datetime-local"${requiredAttr} value={toDateTimeLocal(${value})} onChange={(event) => set(${key}, ${stored})} />`;
      break;
    }
    case 'date':
    case 'time': {
      imports.add('@/components/ui/input', 'Input');
      const length = input === 'time' ? 5 : 10;
      const shown = column.nullable ? `(${value} ?? '').slice(0, ${length})` : `${value}.slice(0, ${length})`;
      control = `<Input id="${id}" type="${input}"${requiredAttr} value={${shown}} onChange={(event) => set(${key}, event.target.value${orNull})} />`;
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
              {${enumText(column, 'option')}}
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
    case 'list': {
      const kind = listKind(column);
      if (kind) {
        imports.add('@/components/ListField', 'ListField').add('@/lib/lists', 'textItems');
        label = `<Label id="${id}-label">${jsxText(column.label)}</Label>`;
        const items = kind === 'json' ? `textItems(${value})` : `${value} ?? []`;
        control = `<ListField id="${id}" labelledBy="${id}-label" itemLabel=${jsxAttr(itemLabel(column))} items={${items}} onChange={(items) => set(${key}, items)} />`;
        break;
      }
      if (input === 'list') {
        // Numbers, typed with commas; uncontrolled, so that a comma just typed is not parsed away.
        imports.add('@/components/ui/input', 'Input');
        control = `<Input id="${id}" aria-describedby="${id}-hint" defaultValue={(${value} ?? []).join(', ')} onChange={(event) => set(${key}, event.target.value.split(',').map((item) => item.trim()).filter(Boolean).map(Number))} />
        <p id="${id}-hint" className="text-xs text-muted-foreground">Separate numbers with commas.</p>`;
        break;
      }
      // A JSON object, kept as typed until it parses, so a half-written value never reaches the row.
      imports.add('@/components/ui/textarea', 'Textarea');
      control = `<Textarea id="${id}" className="font-mono" placeholder='{ "key": "value" }' defaultValue={${value} == null ? '' : JSON.stringify(${value}, null, 2)} onChange={(event) => {
            const text = event.target.value.trim();
            if (!text) {
              set(${key}, null);
              return;
            }
            try {
              set(${key}, JSON.parse(text));
            } catch {
              // Not valid JSON yet: keep the last valid value.
            }
          }} />`;
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

/**
 * Lists a person edits item by item: a json/jsonb column named for several things (ingredients,
 * steps, answer_options) or starting as an empty array, and a text[] column.
 */
export function listKind(column: Column): 'json' | 'array' | undefined {
  if (column.input === 'list') return column.tsType === 'string[]' ? 'array' : undefined;
  if (column.input !== 'json') return undefined;
  const last = column.name.split('_').at(-1) ?? column.name;
  const plural = singularName(last) !== last;
  return plural || /^'\[\]'/.test(column.field.default ?? '') ? 'json' : undefined;
}

/** `answer_options` → "answer option": what one item of a list is called. */
function itemLabel(column: Column): string {
  return lower(sentence(singularName(column.name)));
}

/** The value a new row's field starts with. */
function emptyValue(column: Column): string {
  if (listKind(column) === 'json') return '[]';
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
