import { camel, singularName } from '../naming.js';
import { displayOf, listKind } from './forms.js';
import { plainPage } from './app-pages.js';
import { LOADING, cell, heading, listColumns, recordId, type PageContext } from './page-parts.js';
import { linkTo, type AppPage } from './routes.js';
import { type Imports, jsxAttr, jsxText, str } from './source.js';
import { access, entityTables, optionalAccess, propertyKey, type Column, type DataModel, type Table } from './tables.js';
import { boardColumn, dateColumn } from './views.js';
import { positionColumns } from './floor-plan.js';
import type { StatedViewKind } from '../stated-views.js';
import { lower } from '../english.js';

/**
 * The pages of one table: the list of its rows, one row with the rows that point at it, and
 * the create and edit forms.
 */

/** The lines of a one-record page that answer while its row loads, when the load failed, or when there is no such row. */
function rowGuard(table: Table, imports: Imports): string {
  imports.add('@/components/ErrorState', 'ErrorState');
  return `  if (isLoading) return ${LOADING};
  if (error) {
    return <ErrorState title=${jsxAttr(`Could not load this ${lower(table.label)}`)} error={error} onRetry={() => void refetch()} retrying={isFetching} />;
  }
  if (!row) {
    return <p className="text-muted-foreground">${jsxText(`${table.label} not found.`)}</p>;
  }`;
}

export function listPage(page: AppPage, table: Table, context: PageContext, imports: Imports): string {
  const { framework } = context;
  const routes = context.routes.byTable.get(table.name) ?? {};
  const pk = table.primaryKey;
  imports
    .add(`@/hooks/${table.hookModule}`, `use${table.pluralType}`)
    .add('@/components/ui/table', ['Table', 'TableBody', 'TableCell', 'TableHead', 'TableHeader', 'TableRow']);
  const columns = listColumns(table);
  let create = '';
  if (routes.create) {
    imports.add('@/components/ui/button', 'Button').add('lucide-react', 'LucidePlus');
    const label = `\n            <LucidePlus aria-hidden="true" />\n            New ${jsxText(lower(table.label))}\n          `;
    create = `<Button asChild>
          ${framework.link(imports, linkTo(routes.create.route), label)}
        </Button>`;
  }
  const first = routes.detail && pk
    ? framework.link(imports, linkTo(routes.detail.route, access('row', pk.name)), `{${displayOf(table, 'row')}}`, 'font-medium hover:underline')
    : `{${displayOf(table, 'row')}}`;
  const cells = columns.slice(1).map((column) => `                <TableCell>${cell(column, imports)}</TableCell>`);
  imports.add('@/components/ErrorState', 'ErrorState');
  const views = otherViews(table, first, context, imports);
  const switcher = views.length > 0
    ? `<div role="group" aria-label="View" className="inline-flex gap-1 rounded-md border p-1">
            {(${JSON.stringify([['table', 'Table'], ...views.map((view) => [view.id, view.label])])} as const).map(([id, label]) => (
              <Button key={id} type="button" size="sm" variant={view === id ? 'secondary' : 'ghost'} aria-pressed={view === id} onClick={() => setView(id)}>
                {label}
              </Button>
            ))}
          </div>`
    : '';
  if (views.length > 0) imports.add('react', 'useState').add('@/components/ui/button', 'Button');
  const viewType = ['table', ...views.map((view) => view.id)].map((id) => `'${id}'`).join(' | ');
  // The view the idea asks for opens first (a floor plan of the tables, a calendar of bookings).
  const opening = views.find((view) => view.stated)?.id ?? 'table';
  const state = views.length > 0 ? `\n  const [view, setView] = useState<${viewType}>('${opening}');${views.flatMap((view) => view.hooks).map((line) => `\n  ${line}`).join('')}` : '';
  const shown = views.map((view) => `) : view === '${view.id}' ? (
        ${view.body}
      `).join('');
  return `export default function ${page.component}() {
  const { data: rows = [], isLoading, error, refetch, isFetching } = use${table.pluralType}();${state}

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        ${heading(page, 8)}
        <div className="flex flex-wrap items-center gap-2">
          ${[switcher, create].filter(Boolean).join('\n          ')}
        </div>
      </div>
      {isLoading ? (
        ${LOADING}
      ) : error ? (
        <ErrorState title=${jsxAttr(`Could not load ${lower(table.pluralLabel)}`)} error={error} onRetry={() => void refetch()} retrying={isFetching} />
      ) : rows.length === 0 ? (
        <p className="text-muted-foreground">No ${jsxText(lower(table.pluralLabel))} yet.</p>
      ${shown}) : (
        <Table>
          <TableHeader>
            <TableRow>
${columns.map((column) => `              <TableHead>${jsxText(column === table.display ? table.label : column.label)}</TableHead>`).join('\n')}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={${pk ? access('row', pk.name) : 'String(row)'}}>
                <TableCell>${first}</TableCell>
${cells.join('\n')}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}`;
}

interface ListView {
  id: 'board' | 'agenda' | 'calendar' | 'floor_plan';
  label: string;
  /** The idea asks for this view of these rows. */
  stated: boolean;
  /** Lines at the top of the page component. */
  hooks: string[];
  /** The JSX that shows \`rows\` this way. */
  body: string;
}

/**
 * Beside the table: a board when rows have a status or stage, an agenda when they have a date, a
 * month calendar where the idea asks for one, a floor plan when rows have a place on a grid.
 * Views the idea states come first.
 */
function otherViews(table: Table, first: string, context: PageContext, imports: Imports): ListView[] {
  const pk = table.primaryKey;
  if (!pk) return [];
  const views: ListView[] = [];
  const stated = (kind: StatedViewKind) => statedFor(kind, table, context);
  const key = `(row) => ${access('row', pk.name)}`;
  const card = first.startsWith('{') ? `<span className="font-medium">${first}</span>` : first;
  const lanes = boardColumn(table);
  if (lanes?.enumName) {
    const { framework } = context;
    const editable = table.editable.includes(lanes);
    imports.add('@/components/views/BoardView', 'BoardView').add(`${framework.layout.supabaseImport}/types`, 'Constants');
    if (editable) {
      imports
        .add(`@/hooks/${table.hookModule}`, `useUpdate${table.type}`)
        .add('@/lib/network', 'describeError')
        .add(`${framework.layout.supabaseImport}/types`, 'Database', { type: true });
    }
    const move = editable
      ? `
          onMove={(row, lane) => update.mutate({ id: ${access('row', pk.name)}, values: { ${propertyKey(lanes.name)}: lane as ${lanes.tsType} } })}
          moving={update.isPending}`
      : '';
    const failed = editable
      ? `{update.error && (
            <p role="alert" className="text-sm text-destructive">
              {describeError(update.error)}
            </p>
          )}
          `
      : '';
    views.push({
      id: 'board',
      label: 'Board',
      stated: stated('board'),
      hooks: editable ? [`const update = useUpdate${table.type}();`] : [],
      body: `<div className="space-y-2">
          ${failed}<BoardView
            rows={rows}
            lanes={Constants.public.Enums.${lanes.enumName}}
            laneOf={(row) => ${access('row', lanes.name)}}
            keyOf={${key}}
            renderCard={(row) => ${card}}${move}
          />
        </div>`,
    });
  }
  const when = dateColumn(table);
  if (when) {
    const withTime = when.input === 'datetime' ? ' withTime' : '';
    if (stated('calendar')) {
      imports.add('@/components/views/CalendarView', 'CalendarView');
      views.push({
        id: 'calendar',
        label: 'Calendar',
        stated: true,
        hooks: [],
        body: `<CalendarView rows={rows} dateOf={(row) => ${access('row', when.name)}} keyOf={${key}} renderItem={(row) => ${card}}${withTime} />`,
      });
    }
    imports.add('@/components/views/AgendaView', 'AgendaView');
    views.push({
      id: 'agenda',
      label: 'Agenda',
      stated: false,
      hooks: [],
      body: `<AgendaView rows={rows} dateOf={(row) => ${access('row', when.name)}} keyOf={${key}} renderItem={(row) => ${card}}${withTime} />`,
    });
  }
  const place = positionColumns(table);
  if (place) views.push(floorPlanView(table, place, key, card, stated('floor_plan'), context, imports));
  // The stated views first, so that the switcher reads in the order the idea gives them.
  return [...views.filter((view) => view.stated), ...views.filter((view) => !view.stated)];
}

/** Whether the idea asks for this kind of view of the table; a view of no named entity goes to the first table that can show it. */
function statedFor(kind: StatedViewKind, table: Table, context: PageContext): boolean {
  const views = context.views.filter((view) => view.kind === kind);
  if (views.some((view) => view.entity && singularName(view.entity) === singularName(table.name))) return true;
  if (!views.some((view) => !view.entity)) return false;
  const fits = (candidate: Table) =>
    kind === 'calendar' ? dateColumn(candidate) !== undefined : kind === 'board' ? boardColumn(candidate) !== undefined : kind === 'floor_plan' ? positionColumns(candidate) !== undefined : false;
  return entityTables(context.model).find((candidate) => !candidate.primaryKey?.authUser && fits(candidate)) === table;
}

/**
 * Places on their grid cells, each with its state now: booked or free today from the first
 * table whose dated rows point at them (a booking of a table), else the place's own status.
 */
function floorPlanView(table: Table, place: { x: Column; y: Column }, key: string, card: string, stated: boolean, context: PageContext, imports: Imports): ListView {
  const { model } = context;
  const pk = table.primaryKey!;
  imports.add('@/components/views/FloorPlanView', 'FloorPlanView');
  const hooks: string[] = [];
  let stateOf = '';
  const booking = entityTables(model)
    .filter((candidate) => candidate !== table)
    .map((candidate) => ({ child: candidate, column: candidate.columns.find((column) => column.references?.table === table.name), when: dateColumn(candidate) }))
    .find((found): found is { child: Table; column: Column; when: Column } => found.column !== undefined && found.when !== undefined);
  const status = boardColumn(table);
  if (booking) {
    const { child, column, when } = booking;
    imports
      .add(`@/hooks/${child.hookModule}`, `use${child.pluralType}`)
      .add('@/lib/floor-plan', 'dayState')
      .add('@/lib/agenda', 'localDay')
      .add('react', 'useState');
    hooks.push(
      `const ${camel(child.pluralType)}Query = use${child.pluralType}();`,
      '// Read once, when the page opens: rendering stays pure.',
      "const [today] = useState(() => localDay(new Date().toISOString()));",
    );
    const query = `${camel(child.pluralType)}Query`;
    const rowsOf = `(${query}.data ?? []).filter((item) => ${access('item', column.name)} === ${access('row', pk.name)})`;
    // No state until the bookings have loaded: "Free today" would be a claim.
    stateOf = `
          stateOf={${query}.data ? (row) => dayState(${rowsOf}.map((item) => ${access('item', when.name)}), today, ${when.input === 'datetime'}) : undefined}`;
  } else if (status?.enumValues?.length) {
    imports.add('@/lib/format', 'formatLabel');
    // The first value is the place at rest (free, available); any other is in use.
    stateOf = `
          stateOf={(row) => (${access('row', status.name)} ? { busy: ${access('row', status.name)} !== ${str(status.enumValues[0]!)}, label: formatLabel(${access('row', status.name)}) } : undefined)}`;
  }
  return {
    id: 'floor_plan',
    label: 'Floor plan',
    stated,
    hooks,
    body: `<FloorPlanView
          rows={rows}
          positionOf={(row) => ({ x: ${access('row', place.x.name)}, y: ${access('row', place.y.name)} })}
          keyOf={${key}}
          renderPlace={(row) => ${card}}${stateOf}
        />`,
  };
}

/** Tables whose rows point at this one: the detail page lists them. */
function children(table: Table, model: DataModel): Array<{ child: Table; column: Column }> {
  return entityTables(model)
    .flatMap((child) =>
      child.columns
        .filter((column) => column.references?.table === table.name && column !== child.primaryKey)
        .slice(0, 1)
        .map((column) => ({ child, column })),
    )
    .slice(0, 3);
}

export function detailPage(page: AppPage, table: Table, context: PageContext, imports: Imports): string {
  const { framework, routes, model } = context;
  const pk = table.primaryKey;
  if (!pk) return plainPage(page, context, imports);
  const own = routes.byTable.get(table.name) ?? {};
  imports
    .add(`@/hooks/${table.hookModule}`, [`use${table.type}`, `useDelete${table.type}`])
    .add('@/components/ui/button', 'Button')
    .add('@/components/ui/card', ['Card', 'CardContent']);
  const navigator = framework.navigator(imports);
  const after = own.list?.route ?? routes.home;
  const related = children(table, model);
  const sectionComponents = related.map(({ child, column }) => childSection(table, child, column, context, imports));
  // A foreign key shows the row it points at, linked to that row's page.
  const parentHooks: string[] = [];
  const fields = table.columns
    .filter((column) => column !== table.display && column !== pk && (column.tsType !== 'Json' || listKind(column) === 'json') && !column.authUser)
    .map((column) => {
      const parent = column.references ? entityTables(model).find((candidate) => candidate.name === column.references?.table) : undefined;
      let value = cell(column, imports);
      if (listKind(column)) {
        // Steps, ingredients, options: a numbered list, as they were entered.
        imports.add('@/lib/lists', 'textItems');
        const items = listKind(column) === 'json' ? `textItems(${access('row', column.name)})` : `(${access('row', column.name)} ?? [])`;
        value = `{${items}.length > 0 ? (
                <ol className="list-decimal space-y-1 pl-5">
                  {${items}.map((item, index) => (
                    <li key={index}>{item}</li>
                  ))}
                </ol>
              ) : (
                '—'
              )}`;
      }
      if (parent?.primaryKey && parent !== table) {
        const variable = `${camel(column.name.replace(/_id$/, '')) || camel(parent.type)}Row`;
        imports.add(`@/hooks/${parent.hookModule}`, `use${parent.type}`);
        parentHooks.push(`  const ${variable} = use${parent.type}(${optionalAccess('row', column.name)}${column.nullable ? ' ?? undefined' : ''});`);
        const detail = routes.byTable.get(parent.name)?.detail;
        const label = `{${displayOf(parent, `${variable}.data`)}}`;
        const shown = detail ? framework.link(imports, linkTo(detail.route, access(`${variable}.data`, parent.primaryKey.name)), label, 'text-primary hover:underline') : label;
        value = `{${variable}.data ? ${shown.startsWith('{') ? shown.slice(1, -1) : shown} : formatValue(${access('row', column.name)})}`;
      }
      return `            <div>
              <dt className="text-sm text-muted-foreground">${jsxText(column.label)}</dt>
              <dd>${value}</dd>
            </div>`;
    });
  const edit = own.edit
    ? `<Button asChild variant="outline">
            ${framework.link(imports, linkTo(own.edit.route, access('row', pk.name)), 'Edit')}
          </Button>`
    : '';
  const sections = sectionComponents.map((section) => `      <${section.name} parentId={${access('row', pk.name)}} />`);
  return `export default function ${page.component}() {
  ${recordId(page, table, framework, imports)}
  ${navigator.hook}
  const { data: row, isLoading, error, refetch, isFetching } = use${table.type}(recordId);
  const remove = useDelete${table.type}();
${parentHooks.join('\n')}

${rowGuard(table, imports)}

  function handleDelete(id: ${pk.tsType}) {
    if (!window.confirm(${str(`Delete this ${lower(table.label)}? This cannot be undone.`)})) return;
    remove.mutate(id, { onSuccess: () => ${navigator.go(linkTo(after))} });
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1>{${displayOf(table, 'row')}}</h1>
        <div className="flex gap-2">
          ${edit}
          <Button variant="destructive" disabled={remove.isPending} onClick={() => handleDelete(${access('row', pk.name)})}>
            Delete
          </Button>
        </div>
      </div>
      <Card>
        <CardContent>
          <dl className="grid gap-4 sm:grid-cols-2">
${fields.join('\n')}
          </dl>
        </CardContent>
      </Card>
${sections.join('\n')}
    </div>
  );
}${sectionComponents.map((section) => `\n\n${section.source}`).join('')}`;
}

/** What an insert adds to a form's values: the signed-in user's id and the time, where a column needs them. */
function insertExtras(table: Table): { user: boolean; values: (values: string) => string } {
  const byUser = table.columns.filter((column) => column.fillWithUser);
  const byNow = table.columns.filter((column) => column.fillWithNow);
  const extra = [
    ...byUser.map((column) => `${propertyKey(column.name)}: user.id`),
    ...byNow.map((column) => `${propertyKey(column.name)}: new Date().toISOString()`),
  ];
  return { user: byUser.length > 0, values: (values) => (extra.length > 0 ? `{ ...${values}, ${extra.join(', ')} }` : values) };
}

/**
 * The rows of a child table on its parent's page (a quiz's questions, an order's items): listed,
 * removed, and added in place with the child's form, the parent already chosen.
 */
function childSection(parent: Table, child: Table, column: Column, context: PageContext, imports: Imports): { name: string; source: string } {
  const { framework, routes } = context;
  const name = `${child.pluralType}Section`;
  const childPk = child.primaryKey;
  const parentPk = parent.primaryKey;
  if (!childPk || !parentPk) throw new Error(`${child.name} and ${parent.name} need primary keys`);
  const childRoutes = routes.byTable.get(child.name) ?? {};
  const addable = child.editable.includes(column);
  const insert = insertExtras(child);
  imports
    .add('react', 'useState')
    .add(`@/hooks/${child.hookModule}`, [`use${child.pluralType}`, `useDelete${child.type}`])
    .add('@/components/ui/card', ['CardHeader', 'CardTitle'])
    .add('@/components/ErrorState', 'ErrorState')
    .add('@/lib/network', 'describeError');
  if (addable) {
    imports.add(`@/hooks/${child.hookModule}`, `useCreate${child.type}`).add(`@/components/forms/${child.type}Form`, `${child.type}Form`).add('lucide-react', 'LucidePlus');
    if (insert.user) imports.add('@/hooks/use-auth', 'useAuth');
  }
  const label = childRoutes.detail
    ? framework.link(imports, linkTo(childRoutes.detail.route, access('item', childPk.name)), `{${displayOf(child, 'item')}}`, 'font-medium hover:underline')
    : `<span className="font-medium">{${displayOf(child, 'item')}}</span>`;
  const details = listColumns(child)
    .slice(1)
    .filter((candidate) => candidate !== column)
    .slice(0, 2)
    .map((candidate) => `<span className="text-sm text-muted-foreground">${cell(candidate, imports, 'item')}</span>`);
  const what = lower(child.label);
  const hooks = [
    `const rows = use${child.pluralType}({ ${propertyKey(column.name)}: parentId });`,
    `const remove = useDelete${child.type}();`,
    ...(addable ? [`const create = useCreate${child.type}();`, 'const [adding, setAdding] = useState(false);'] : []),
    ...(addable && insert.user ? ['const { user } = useAuth();'] : []),
  ];
  const addButton = addable
    ? `
        {!adding && (
          <Button type="button" variant="outline" size="sm" onClick={() => setAdding(true)}>
            <LucidePlus aria-hidden="true" />
            Add ${jsxText(what)}
          </Button>
        )}`
    : '';
  const addForm = addable
    ? `
        {adding && (
          <div className="space-y-3 rounded-lg border p-4">
            <${child.type}Form
              fixed={{ ${propertyKey(column.name)}: parentId }}
              submitLabel=${jsxAttr(`Add ${what}`)}
              submitting={create.isPending}
              onSubmit={(values) => {${insert.user ? '\n                if (!user) return;' : ''}
                create.mutate(${insert.values('values')}, { onSuccess: () => setAdding(false) });
              }}
            />
            {create.error && (
              <p role="alert" className="text-sm text-destructive">
                {describeError(create.error)}
              </p>
            )}
            <Button type="button" variant="ghost" size="sm" onClick={() => setAdding(false)}>
              Cancel
            </Button>
          </div>
        )}`
    : '';
  const source = `/** ${child.pluralLabel} of this ${lower(parent.label)}, edited here. */
function ${name}({ parentId }: { parentId: ${parentPk.tsType} }) {
${hooks.map((line) => `  ${line}`).join('\n')}

  function handleRemove(id: ${childPk.tsType}) {
    if (!window.confirm(${str(`Remove this ${what}?`)})) return;
    remove.mutate(id);
  }

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>${jsxText(child.pluralLabel)}</CardTitle>${addButton}
      </CardHeader>
      <CardContent className="space-y-4">
        {rows.isLoading ? (
          ${LOADING}
        ) : rows.error ? (
          <ErrorState title=${jsxAttr(`Could not load ${lower(child.pluralLabel)}`)} error={rows.error} onRetry={() => void rows.refetch()} retrying={rows.isFetching} />
        ) : rows.data && rows.data.length > 0 ? (
          <ul className="divide-y">
            {rows.data.map((item) => (
              <li key={${access('item', childPk.name)}} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="flex flex-wrap items-baseline gap-3">
                  ${[label, ...details].join('\n                  ')}
                </div>
                <Button type="button" variant="ghost" size="sm" disabled={remove.isPending} onClick={() => handleRemove(${access('item', childPk.name)})}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">No ${jsxText(lower(child.pluralLabel))} yet.</p>
        )}
        {remove.error && (
          <p role="alert" className="text-sm text-destructive">
            {describeError(remove.error)}
          </p>
        )}${addForm}
      </CardContent>
    </Card>
  );
}`;
  return { name, source };
}

export function formPage(page: AppPage, table: Table, context: PageContext, imports: Imports): string {
  const { framework, routes } = context;
  const pk = table.primaryKey;
  if (!pk) return plainPage(page, context, imports);
  const own = routes.byTable.get(table.name) ?? {};
  imports.add(`@/components/forms/${table.type}Form`, `${table.type}Form`).add('@/components/ui/card', ['Card', 'CardContent']);
  const navigator = framework.navigator(imports);
  // After saving, show the saved row when there is a page for it, else the list.
  const destination = own.detail ? linkTo(own.detail.route, access('saved', pk.name)) : linkTo(own.list?.route ?? routes.home);
  const onSuccess = `onSuccess: (${destination.includes('saved') ? 'saved' : ''}) => ${navigator.go(destination)}`;
  imports.add('@/lib/network', 'describeError');
  const error = (mutation: string) => `{${mutation}.error && (
            <p role="alert" className="mt-4 text-sm text-destructive">
              {describeError(${mutation}.error)}
            </p>
          )}`;

  if (page.mode === 'edit') {
    imports.add(`@/hooks/${table.hookModule}`, [`use${table.type}`, `useUpdate${table.type}`]);
    return `export default function ${page.component}() {
  ${recordId(page, table, framework, imports)}
  ${navigator.hook}
  const { data: row, isLoading, error, refetch, isFetching } = use${table.type}(recordId);
  const update = useUpdate${table.type}();

${rowGuard(table, imports)}
  const rowId = ${access('row', pk.name)};

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      ${heading(page)}
      <Card>
        <CardContent>
          <${table.type}Form
            defaultValues={row}
            submitLabel="Save changes"
            submitting={update.isPending}
            onSubmit={(values) => update.mutate({ id: rowId, values }, { ${onSuccess} })}
          />
          ${error('update')}
        </CardContent>
      </Card>
    </div>
  );
}`;
  }

  imports.add(`@/hooks/${table.hookModule}`, `useCreate${table.type}`);
  const insert = insertExtras(table);
  if (insert.user) imports.add('@/hooks/use-auth', 'useAuth');
  const values = insert.values('values');
  // A parent chosen on the page that linked here (`?project_id=…`) starts selected.
  const prefilled = table.editable.filter((column) => column.input === 'reference');
  const search = prefilled.length > 0 ? framework.searchParams(imports) : undefined;
  const defaults = prefilled.map((column) => {
    const read = `searchParams.get(${str(column.name)})`;
    const value = column.tsType === 'number' ? `searchParams.has(${str(column.name)}) ? Number(${read}) : undefined` : `${read} ?? undefined`;
    return `${propertyKey(column.name)}: ${value}`;
  });
  const defaultValuesAttr = defaults.length > 0 ? `\n            defaultValues={{ ${defaults.join(', ')} }}` : '';
  return `export default function ${page.component}() {
  ${navigator.hook}${search ? `\n  ${search}` : ''}${insert.user ? '\n  const { user } = useAuth();' : ''}
  const create = useCreate${table.type}();

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      ${heading(page)}
      <Card>
        <CardContent>
          <${table.type}Form${defaultValuesAttr}
            submitLabel=${JSON.stringify(`Create ${lower(table.label)}`)}
            submitting={create.isPending}
            onSubmit={(values) => {${insert.user ? '\n              if (!user) return;' : ''}
              create.mutate(${values}, { ${onSuccess} });
            }}
          />
          ${error('create')}
        </CardContent>
      </Card>
    </div>
  );
}`;
}
