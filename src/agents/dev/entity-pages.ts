import { camel } from '../naming.js';
import { displayOf } from './forms.js';
import { plainPage } from './app-pages.js';
import { LOADING, cell, heading, listColumns, recordId, type PageContext } from './page-parts.js';
import { linkTo, type AppPage } from './routes.js';
import { type Imports, jsxText, str } from './source.js';
import { access, entityTables, optionalAccess, propertyKey, type Column, type DataModel, type Table } from './tables.js';
import { lower } from '../english.js';

/**
 * The pages of one table: the list of its rows, one row with the rows that point at it, and
 * the create and edit forms.
 */

/** The lines of a one-record page that answer while its row loads or when it cannot be read. */
function rowGuard(table: Table): string {
  return `  if (isLoading) return ${LOADING};
  if (error || !row) {
    return (
      <p role="alert" className="text-destructive">
        {error?.message ?? ${str(`${table.label} not found.`)}}
      </p>
    );
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
  return `export default function ${page.component}() {
  const { data: rows = [], isLoading, error } = use${table.pluralType}();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        ${heading(page, 8)}
        ${create}
      </div>
      {isLoading ? (
        ${LOADING}
      ) : error ? (
        <p role="alert" className="text-destructive">
          {error.message}
        </p>
      ) : rows.length === 0 ? (
        <p className="text-muted-foreground">No ${jsxText(lower(table.pluralLabel))} yet.</p>
      ) : (
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
  if (related.length > 0) imports.add('@/components/ui/card', ['CardHeader', 'CardTitle']);
  const childHooks = related.map(({ child, column }) => {
    imports.add(`@/hooks/${child.hookModule}`, `use${child.pluralType}`);
    return `  const ${camel(child.name)}Rows = use${child.pluralType}({ ${propertyKey(column.name)}: recordId });`;
  });
  // A foreign key shows the row it points at, linked to that row's page.
  const parentHooks: string[] = [];
  const fields = table.columns
    .filter((column) => column !== table.display && column !== pk && column.tsType !== 'Json' && !column.authUser)
    .map((column) => {
      const parent = column.references ? entityTables(model).find((candidate) => candidate.name === column.references?.table) : undefined;
      let value = cell(column, imports);
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
  const sections = related.map(({ child, column }) => {
    const childRoutes = routes.byTable.get(child.name) ?? {};
    // "Add" opens the child's form with this row already chosen as its parent.
    const add = childRoutes.create
      ? `
          <Button asChild variant="outline" size="sm" className="w-fit">
            ${framework.link(imports, `\`${childRoutes.create.route}?${column.name}=\${${access('row', pk.name)}}\``, `Add ${jsxText(lower(child.label))}`)}
          </Button>`
      : '';
    const childPk = child.primaryKey;
    const label = childRoutes.detail && childPk
      ? framework.link(imports, linkTo(childRoutes.detail.route, access('item', childPk.name)), `{${displayOf(child, 'item')}}`, 'hover:underline')
      : `{${displayOf(child, 'item')}}`;
    const rows = `${camel(child.name)}Rows`;
    return `      <Card>
        <CardHeader>
          <CardTitle>${jsxText(child.pluralLabel)}</CardTitle>${add}
        </CardHeader>
        <CardContent>
          {${rows}.data && ${rows}.data.length > 0 ? (
            <ul className="space-y-2">
              {${rows}.data.map((item) => (
                <li key={${childPk ? access('item', childPk.name) : 'String(item)'}}>${label}</li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">No ${jsxText(lower(child.pluralLabel))} yet.</p>
          )}
        </CardContent>
      </Card>`;
  });
  return `export default function ${page.component}() {
  ${recordId(page, table, framework, imports)}
  ${navigator.hook}
  const { data: row, isLoading, error } = use${table.type}(recordId);
  const remove = useDelete${table.type}();
${[...parentHooks, ...childHooks].join('\n')}

${rowGuard(table)}

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
}`;
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
  const error = (mutation: string) => `{${mutation}.error && (
            <p role="alert" className="mt-4 text-sm text-destructive">
              {${mutation}.error.message}
            </p>
          )}`;

  if (page.mode === 'edit') {
    imports.add(`@/hooks/${table.hookModule}`, [`use${table.type}`, `useUpdate${table.type}`]);
    return `export default function ${page.component}() {
  ${recordId(page, table, framework, imports)}
  ${navigator.hook}
  const { data: row, isLoading, error } = use${table.type}(recordId);
  const update = useUpdate${table.type}();

${rowGuard(table)}
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
  const byUser = table.columns.filter((column) => column.fillWithUser);
  const byNow = table.columns.filter((column) => column.fillWithNow);
  if (byUser.length > 0) imports.add('@/hooks/use-auth', 'useAuth');
  const extra = [
    ...byUser.map((column) => `${propertyKey(column.name)}: user.id`),
    ...byNow.map((column) => `${propertyKey(column.name)}: new Date().toISOString()`),
  ];
  const values = extra.length > 0 ? `{ ...values, ${extra.join(', ')} }` : 'values';
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
  ${navigator.hook}${search ? `\n  ${search}` : ''}${byUser.length > 0 ? '\n  const { user } = useAuth();' : ''}
  const create = useCreate${table.type}();

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      ${heading(page)}
      <Card>
        <CardContent>
          <${table.type}Form${defaultValuesAttr}
            submitLabel=${JSON.stringify(`Create ${lower(table.label)}`)}
            submitting={create.isPending}
            onSubmit={(values) => {${byUser.length > 0 ? '\n              if (!user) return;' : ''}
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
