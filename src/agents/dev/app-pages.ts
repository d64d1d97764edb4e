import { camel } from '../naming.js';
import { displayOf } from './forms.js';
import { heading, type PageContext } from './page-parts.js';
import { linkTo, type AppPage } from './routes.js';
import { type Imports, jsxAttr, jsxText } from './source.js';
import type { Framework } from './framework.js';
import { dashboardFigures, type DashboardFigure } from './dashboard-figures.js';
import { access, entityTables, isMoney, type Table } from './tables.js';
import { boardColumn, moneyColumn } from './views.js';
import { lower } from '../english.js';

/** The pages around the data: dashboard, settings, landing, not-found, and plain pages of the design. */

export function dashboardPage(page: AppPage, context: PageContext, imports: Imports): string {
  const { framework, routes, model } = context;
  // People's profiles are not figures of the work; the tables of the work are.
  const work = entityTables(model).filter((table) => !table.primaryKey?.authUser);
  // The figures the idea names ("revenue per month"), whatever tables they come from.
  const stated = dashboardFigures(context.views, work);
  const tables = [...new Set([...work.slice(0, 6), ...stated.map((figure) => figure.table)])];
  if (tables.length > 0) {
    imports
      .add('@/components/ui/card', ['Card', 'CardContent', 'CardDescription', 'CardHeader', 'CardTitle'])
      .add('@/components/ErrorState', 'ErrorState');
  }
  const queryOf = (table: Table) => `${camel(table.name)}Query`;
  const queries = tables.map((table) => {
    imports.add(`@/hooks/${table.hookModule}`, `use${table.pluralType}`);
    return `  const ${queryOf(table)} = use${table.pluralType}();`;
  });
  // A figure of a query that failed is a dash, never a zero: zero would be a claim.
  const figure = (query: string, value: string) => `{${query}.isLoading ? '…' : ${query}.error ? '—' : ${value}}`;
  const figureCard = (title: string, value: string) => `        <Card>
          <CardHeader>
            <CardDescription>${title}</CardDescription>
            <CardTitle className="text-3xl tabular-nums">${value}</CardTitle>
          </CardHeader>
        </Card>`;
  const cards = tables.map((table) => {
    const query = queryOf(table);
    const list = routes.byTable.get(table.name)?.list;
    const title = list ? framework.link(imports, linkTo(list.route), jsxText(table.pluralLabel), 'hover:underline') : jsxText(table.pluralLabel);
    return figureCard(title, figure(query, `(${query}.data?.length ?? 0)`));
  });
  // Sums of money: the total value of deals, of orders, of services.
  for (const table of tables) {
    const money = moneyColumn(table);
    if (!money) continue;
    imports.add('@/lib/figures', ['formatAmount', 'total']);
    const query = queryOf(table);
    cards.push(figureCard(jsxText(`Total ${lower(money.label)} of ${lower(table.pluralLabel)}`), figure(query, `formatAmount(total(${query}.data, (row) => ${access('row', money.name)}))`)));
  }
  const lanesSection = lanesCard(tables, queryOf, framework, imports);
  const figureSections = stated.map((figure) => statedFigureCard(figure, queryOf(figure.table), framework, imports));
  const recent = tables[0];
  const recentSection = recent
    ? (() => {
        const query = queryOf(recent);
        const detail = routes.byTable.get(recent.name)?.detail;
        const pk = recent.primaryKey;
        const label = detail && pk
          ? framework.link(imports, linkTo(detail.route, access('row', pk.name)), `{${displayOf(recent, 'row')}}`, 'hover:underline')
          : `{${displayOf(recent, 'row')}}`;
        return `      <Card>
        <CardHeader>
          <CardTitle>Recent ${jsxText(lower(recent.pluralLabel))}</CardTitle>
        </CardHeader>
        <CardContent>
          {${query}.isLoading ? (
            <p className="text-sm text-muted-foreground">Loading…</p>
          ) : ${query}.error ? (
            <p className="text-sm text-muted-foreground">Not loaded.</p>
          ) : ${query}.data && ${query}.data.length > 0 ? (
            <ul className="space-y-2">
              {${query}.data.slice(0, 5).map((row) => (
                <li key={${pk ? access('row', pk.name) : 'String(row)'}}>${label}</li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">Nothing here yet.</p>
          )}
        </CardContent>
      </Card>`;
      })()
    : '';
  const failed = tables.length > 0
    ? `
  const failed = [${tables.map(queryOf).join(', ')}].filter((query) => query.error);`
    : '';
  const errorState = tables.length > 0
    ? `
      {failed.length > 0 && (
        <ErrorState
          title="Could not load some of the figures"
          error={failed[0]?.error}
          onRetry={() => failed.forEach((query) => void query.refetch())}
          retrying={failed.some((query) => query.isFetching)}
        />
      )}`
    : '';
  return `export default function ${page.component}() {
${queries.join('\n')}${failed}

  return (
    <div className="space-y-6">
      ${heading(page)}${errorState}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
${cards.join('\n')}
      </div>
${[...figureSections, lanesSection, recentSection].filter(Boolean).join('\n')}
    </div>
  );
}`;
}

/** A figure the idea names: its rows grouped by period or by value, each group's sum or count as a bar. */
function statedFigureCard(figure: DashboardFigure, query: string, framework: Framework, imports: Imports): string {
  imports.add('@/components/views/FigureBars', 'FigureBars').add('@/lib/figures', 'totalsBy');
  const { by, value } = figure;
  let keyOf: string;
  let keys = '';
  let labelOf: string;
  if (by.kind === 'period') {
    imports.add('@/lib/figures', ['formatPeriod', 'periodOf']);
    const date = access('row', by.column.name);
    keyOf = by.column.nullable ? `(row) => (${date} ? periodOf(${date}, '${by.period}') : null)` : `(row) => periodOf(${date}, '${by.period}')`;
    labelOf = `(key) => formatPeriod(key, '${by.period}')`;
  } else {
    imports.add('@/lib/format', 'formatLabel').add(`${framework.layout.supabaseImport}/types`, 'Constants');
    keyOf = `(row) => ${access('row', by.column.name)}`;
    keys = `, Constants.public.Enums.${by.column.enumName}`;
    labelOf = 'formatLabel';
  }
  const money = value !== undefined && isMoney(value);
  if (money) imports.add('@/lib/figures', 'formatAmount');
  const valueOf = value ? `(row) => ${access('row', value.name)}` : '() => 1';
  const format = money ? 'formatAmount' : '(count) => count.toLocaleString()';
  return `      <Card>
        <CardHeader>
          <CardTitle>${jsxText(figure.title)}</CardTitle>
          <CardDescription>${jsxText(value ? `Total ${lower(value.label)} of ${lower(figure.table.pluralLabel)}` : `Number of ${lower(figure.table.pluralLabel)}`)}</CardDescription>
        </CardHeader>
        <CardContent>
          {${query}.data ? (
            <FigureBars
              title=${jsxAttr(figure.title)}
              groups={totalsBy(${query}.data, ${keyOf}, ${valueOf}${keys})}
              labelOf={${labelOf}}
              format={${format}}
            />
          ) : (
            <p className="text-sm text-muted-foreground">{${query}.isLoading ? 'Loading…' : 'Not loaded.'}</p>
          )}
        </CardContent>
      </Card>`;
}

/** The first table with a status or stage: its rows per lane, with their money when they have some ("totals per stage"). */
function lanesCard(tables: Table[], queryOf: (table: Table) => string, framework: Framework, imports: Imports): string {
  const table = tables.find((candidate) => boardColumn(candidate)?.enumName);
  const lanes = table ? boardColumn(table) : undefined;
  if (!table || !lanes?.enumName) return '';
  const query = queryOf(table);
  const money = moneyColumn(table);
  imports.add('@/lib/format', 'formatLabel').add(`${framework.layout.supabaseImport}/types`, 'Constants');
  const rowsOf = `${query}.data?.filter((row) => ${access('row', lanes.name)} === lane)`;
  const amount = money
    ? `
                    <td className="py-1 text-right tabular-nums">{formatAmount(total(${rowsOf}, (row) => ${access('row', money.name)}))}</td>`
    : '';
  if (money) imports.add('@/lib/figures', ['formatAmount', 'total']);
  return `      <Card>
        <CardHeader>
          <CardTitle>${jsxText(`${table.pluralLabel} by ${lower(lanes.label)}`)}</CardTitle>
        </CardHeader>
        <CardContent>
          {${query}.data ? (
            <table className="w-full text-sm">
              <thead className="text-left text-muted-foreground">
                <tr>
                  <th className="py-1 font-medium">${jsxText(lanes.label)}</th>
                  <th className="py-1 text-right font-medium">${jsxText(table.pluralLabel)}</th>${money ? `\n                  <th className="py-1 text-right font-medium">${jsxText(money.label)}</th>` : ''}
                </tr>
              </thead>
              <tbody>
                {Constants.public.Enums.${lanes.enumName}.map((lane) => (
                  <tr key={lane} className="border-t">
                    <td className="py-1">{formatLabel(lane)}</td>
                    <td className="py-1 text-right tabular-nums">{${rowsOf}.length ?? 0}</td>${amount}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-muted-foreground">{${query}.isLoading ? 'Loading…' : 'Not loaded.'}</p>
          )}
        </CardContent>
      </Card>`;
}

export function settingsPage(page: AppPage, context: PageContext, imports: Imports): string {
  const { framework, model } = context;
  imports
    .add('react', 'useState')
    .add('@/hooks/use-auth', 'useAuth')
    .add('@/components/ui/button', 'Button')
    .add('@/components/ui/card', ['Card', 'CardContent', 'CardDescription', 'CardHeader', 'CardTitle']);
  const navigator = framework.navigator(imports);
  // The table keyed by the user's own id holds their profile: settings edits it.
  const profile = entityTables(model).find((table) => table.primaryKey?.authUser === true && table.editable.length > 0);
  let profileHooks = '';
  let profileCard = '';
  if (profile && profile.primaryKey) {
    imports
      .add(`@/hooks/${profile.hookModule}`, [`use${profile.type}`, `useUpdate${profile.type}`])
      .add(`@/components/forms/${profile.type}Form`, `${profile.type}Form`)
      .add('@/components/ErrorState', 'ErrorState')
      .add('@/lib/network', 'describeError');
    profileHooks = `\n  const profile = use${profile.type}(user?.id);\n  const updateProfile = useUpdate${profile.type}();`;
    const id = access('profile.data', profile.primaryKey.name);
    // The role is shown, not edited: it comes from sign-up or an administrator (set_user_role()).
    const role = profile.columns.find((column) => column.name === 'role' && column.input === 'enum');
    if (role) imports.add('@/lib/format', 'formatLabel');
    const roleLine = role
      ? `\n          {profile.data && <CardDescription>Role: {formatLabel(${access('profile.data', role.name)})}</CardDescription>}`
      : '';
    profileCard = `
      <Card>
        <CardHeader>
          <CardTitle>${jsxText(profile.label)}</CardTitle>${roleLine}
        </CardHeader>
        <CardContent className="space-y-4">
          {profile.isLoading ? (
            <p className="text-sm text-muted-foreground">Loading…</p>
          ) : profile.error ? (
            <ErrorState title=${jsxAttr(`Could not load your ${lower(profile.label)}`)} error={profile.error} onRetry={() => void profile.refetch()} retrying={profile.isFetching} />
          ) : profile.data ? (
            <${profile.type}Form
              key={${id}}
              defaultValues={profile.data}
              submitLabel="Save"
              submitting={updateProfile.isPending}
              onSubmit={(values) => profile.data && updateProfile.mutate({ id: ${id}, values })}
            />
          ) : (
            <p className="text-sm text-muted-foreground">No ${jsxText(lower(profile.label))} yet.</p>
          )}
          {updateProfile.error && (
            <p role="alert" className="text-sm text-destructive">
              {describeError(updateProfile.error)}
            </p>
          )}
          {updateProfile.isSuccess && (
            <p role="status" className="text-sm text-muted-foreground">
              Saved.
            </p>
          )}
        </CardContent>
      </Card>`;
  }
  return `export default function ${page.component}() {
  const { user, signOut } = useAuth();
  ${navigator.hook}${profileHooks}
  const [dark, setDark] = useState(() => typeof document !== 'undefined' && document.documentElement.classList.contains('dark'));

  function toggleTheme() {
    const next = !dark;
    document.documentElement.classList.toggle('dark', next);
    localStorage.setItem('theme', next ? 'dark' : 'light');
    setDark(next);
  }

  async function handleSignOut() {
    await signOut();
    ${navigator.go("'/'")};
  }

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      ${heading(page)}
      <Card>
        <CardHeader>
          <CardTitle>Account</CardTitle>
          <CardDescription>Signed in as {user?.email ?? 'unknown'}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-2">
          <Button variant="outline" onClick={toggleTheme}>
            {dark ? 'Use light theme' : 'Use dark theme'}
          </Button>
          <Button variant="destructive" onClick={handleSignOut}>
            Sign out
          </Button>
        </CardContent>
      </Card>${profileCard}
    </div>
  );
}`;
}

export function landingPage(page: AppPage, context: PageContext, imports: Imports): string {
  const { framework, routes } = context;
  imports.add('@/components/ui/button', 'Button').add('@/hooks/use-auth', 'useAuth');
  const features = context.landing.features.map(
    (feature) => `          <li className="rounded-xl border bg-card p-6 text-card-foreground">
            <h2 className="font-semibold">${jsxText(feature.title)}</h2>
            <p className="mt-2 text-sm text-muted-foreground">${jsxText(feature.text)}</p>
          </li>`,
  );
  const start = routes.signup ?? routes.login;
  return `export default function ${page.component}() {
  const { session } = useAuth();

  return (
    <div className="min-h-screen bg-background">
      <section className="mx-auto flex max-w-4xl flex-col items-center gap-6 px-4 py-24 text-center">
        <h1>${jsxText(context.landing.headline)}</h1>
        <p className="max-w-2xl text-lg text-muted-foreground">${jsxText(context.landing.support)}</p>
        <div className="flex flex-wrap justify-center gap-3">
          {session ? (
            <Button asChild size="lg">
              ${framework.link(imports, linkTo(routes.home), 'Open the app')}
            </Button>
          ) : (
            <>
              <Button asChild size="lg">
                ${framework.link(imports, linkTo(start.route), start.auth === 'signup' ? 'Get started' : 'Sign in')}
              </Button>${
                routes.signup
                  ? `
              <Button asChild size="lg" variant="outline">
                ${framework.link(imports, linkTo(routes.login.route), 'Sign in')}
              </Button>`
                  : ''
              }
            </>
          )}
        </div>
      </section>${
        features.length > 0
          ? `
      <section aria-label="Features" className="mx-auto max-w-5xl px-4 pb-24">
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
${features.join('\n')}
        </ul>
      </section>`
          : ''
      }
    </div>
  );
}`;
}

export function notFoundPage(page: AppPage, context: PageContext, imports: Imports): string {
  imports.add('@/components/ui/button', 'Button');
  return `export default function ${page.component}() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-4 px-4 text-center">
      <h1>${page.designed ? jsxText(page.name) : 'Page not found'}</h1>
      <p className="text-muted-foreground">${jsxText(page.purpose ?? 'The page you are looking for does not exist or has moved.')}</p>
      <Button asChild>
        ${context.framework.link(imports, "'/'", 'Back to the start')}
      </Button>
    </div>
  );
}`;
}

/** A page the design names but no table drives: its purpose, and the user flows that pass through it. */
export function plainPage(page: AppPage, context: PageContext, imports: Imports): string {
  const name = page.name.toLowerCase();
  const flows = context.flows.filter((flow) => flow.steps.some((step) => step.toLowerCase().includes(name)));
  const cards = flows.map((flow) => {
    imports.add('@/components/ui/card', ['Card', 'CardContent', 'CardHeader', 'CardTitle']);
    return `      <Card>
        <CardHeader>
          <CardTitle>${jsxText(flow.name)}</CardTitle>
        </CardHeader>
        <CardContent>
          <ol className="list-decimal space-y-1 pl-5 text-sm text-muted-foreground">
${flow.steps.map((step) => `            <li>${jsxText(step)}</li>`).join('\n')}
          </ol>
        </CardContent>
      </Card>`;
  });
  return `export default function ${page.component}() {
  return (
    <div className="space-y-6">
      ${heading(page)}
${cards.join('\n')}
    </div>
  );
}`;
}
