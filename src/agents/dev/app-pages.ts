import { camel } from '../naming.js';
import { displayOf } from './forms.js';
import { heading, type PageContext } from './page-parts.js';
import { linkTo, type AppPage } from './routes.js';
import { type Imports, jsxText } from './source.js';
import { access, entityTables } from './tables.js';
import { lower } from '../english.js';

/** The pages around the data: dashboard, settings, landing, not-found, and plain pages of the design. */

export function dashboardPage(page: AppPage, context: PageContext, imports: Imports): string {
  const { framework, routes, model } = context;
  const tables = entityTables(model).slice(0, 6);
  if (tables.length > 0) imports.add('@/components/ui/card', ['Card', 'CardContent', 'CardDescription', 'CardHeader', 'CardTitle']);
  const queries = tables.map((table) => {
    imports.add(`@/hooks/${table.hookModule}`, `use${table.pluralType}`);
    return `  const ${camel(table.name)}Query = use${table.pluralType}();`;
  });
  const cards = tables.map((table) => {
    const query = `${camel(table.name)}Query`;
    const list = routes.byTable.get(table.name)?.list;
    const title = list ? framework.link(imports, linkTo(list.route), jsxText(table.pluralLabel), 'hover:underline') : jsxText(table.pluralLabel);
    return `        <Card>
          <CardHeader>
            <CardDescription>${title}</CardDescription>
            <CardTitle className="text-3xl">{${query}.isLoading ? '…' : (${query}.data?.length ?? 0)}</CardTitle>
          </CardHeader>
        </Card>`;
  });
  const recent = tables[0];
  const recentSection = recent
    ? (() => {
        const query = `${camel(recent.name)}Query`;
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
          {${query}.data && ${query}.data.length > 0 ? (
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
  return `export default function ${page.component}() {
${queries.join('\n')}

  return (
    <div className="space-y-6">
      ${heading(page)}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
${cards.join('\n')}
      </div>
${recentSection}
    </div>
  );
}`;
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
      .add(`@/components/forms/${profile.type}Form`, `${profile.type}Form`);
    profileHooks = `\n  const profile = use${profile.type}(user?.id);\n  const updateProfile = useUpdate${profile.type}();`;
    profileCard = `
      <Card>
        <CardHeader>
          <CardTitle>${jsxText(profile.label)}</CardTitle>
        </CardHeader>
        <CardContent>
          {profile.data ? (
            <${profile.type}Form
              key={${access('profile.data', profile.primaryKey.name)}}
              defaultValues={profile.data}
              submitLabel="Save"
              submitting={updateProfile.isPending}
              onSubmit={(values) => profile.data && updateProfile.mutate({ id: ${access('profile.data', profile.primaryKey.name)}, values })}
            />
          ) : (
            <p className="text-sm text-muted-foreground">{profile.isLoading ? 'Loading…' : 'No ${jsxText(lower(profile.label))} yet.'}</p>
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
  const { framework, routes, model } = context;
  imports.add('@/components/ui/button', 'Button').add('@/hooks/use-auth', 'useAuth');
  const features = entityTables(model)
    .filter((table) => !table.primaryKey?.authUser)
    .slice(0, 6)
    .map(
      (table) => `          <li className="rounded-xl border bg-card p-6 text-card-foreground">
            <h2 className="font-semibold">${jsxText(table.pluralLabel)}</h2>
            <p className="mt-2 text-sm text-muted-foreground">${jsxText(table.entity.description ?? `Keep track of your ${lower(table.pluralLabel)}.`)}</p>
          </li>`,
    );
  const start = routes.signup ?? routes.login;
  return `export default function ${page.component}() {
  const { session } = useAuth();

  return (
    <div className="min-h-screen bg-background">
      <section className="mx-auto flex max-w-4xl flex-col items-center gap-6 px-4 py-24 text-center">
        <h1>${jsxText(context.productName)}</h1>
        <p className="max-w-2xl text-lg text-muted-foreground">${jsxText(page.purpose ?? context.summary)}</p>
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
