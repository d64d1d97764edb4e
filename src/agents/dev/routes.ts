import type { Page, UxSpec } from '../../contract/index.js';
import { pascal, singularName, snake } from '../naming.js';
import { entityTables, findTable, identifier, type DataModel, type Table } from './tables.js';

/**
 * The UX spec's pages as the app's routes: which component renders each, which table it shows,
 * whether it needs a signed-in person, and where the links between pages go.
 */

export type PageKind = NonNullable<Page['kind']> | 'not_found';

export type AuthMode = 'login' | 'signup' | 'forgot' | 'reset';

export interface AppPage {
  name: string;
  /** react-router path: `/projects/:id`; `*` for the catch-all. */
  route: string;
  kind: PageKind;
  /** `ProjectsPage`: the component and its file name under src/pages. */
  component: string;
  table: Table | undefined;
  /** Form pages: a new row, or an existing one (the route has a parameter). */
  mode: 'create' | 'edit' | undefined;
  /** Auth pages: sign in, sign up, ask for a password-reset email, or set a new password. */
  auth: AuthMode | undefined;
  /** Route parameters in order: `['id']`. */
  params: string[];
  protected: boolean;
  purpose: string | undefined;
  components: string[];
  /** False for pages the app adds because the design had none (sign-in, not-found). */
  designed: boolean;
}

/** Where an entity's pages live, for links between them. */
export interface EntityRoutes {
  list?: AppPage;
  detail?: AppPage;
  create?: AppPage;
  edit?: AppPage;
}

export interface AppRoutes {
  pages: AppPage[];
  login: AppPage;
  signup: AppPage | undefined;
  forgot: AppPage | undefined;
  reset: AppPage | undefined;
  /** Where a person lands after signing in. */
  home: string;
  byTable: Map<string, EntityRoutes>;
}

export function readRoutes(ux: UxSpec, model: DataModel): AppRoutes {
  const pages: AppPage[] = [];
  const seen = new Set<string>();
  const components = new Set<string>();
  for (const page of ux.pages) {
    const route = normaliseRoute(page.route);
    if (seen.has(route)) continue;
    seen.add(route);
    pages.push(readPage(page, route, model, components));
  }

  let login = pages.find((page) => page.auth === 'login');
  if (!login) {
    login = addedPage('Sign in', uniqueRoute('/login', seen), 'auth', components, { auth: 'login' });
    pages.push(login);
  }
  if (!pages.some((page) => page.kind === 'not_found')) pages.push(addedPage('Not found', '*', 'not_found', components, {}));

  const byTable = new Map<string, EntityRoutes>();
  for (const page of pages) {
    if (!page.table || page.params.length > 1) continue;
    const routes = byTable.get(page.table.name) ?? {};
    if (page.kind === 'list' && page.params.length === 0) routes.list ??= page;
    if (page.kind === 'detail' && page.params.length === 1) routes.detail ??= page;
    if (page.kind === 'form' && page.mode === 'create') routes.create ??= page;
    if (page.kind === 'form' && page.mode === 'edit' && page.params.length === 1) routes.edit ??= page;
    byTable.set(page.table.name, routes);
  }

  const staticProtected = pages.filter((page) => page.protected && page.params.length === 0);
  const home =
    staticProtected.find((page) => page.kind === 'dashboard')?.route ??
    staticProtected.find((page) => page.kind === 'list')?.route ??
    staticProtected[0]?.route ??
    '/';
  const auth = (mode: AuthMode) => pages.find((page) => page.auth === mode);
  return { pages, login, signup: auth('signup'), forgot: auth('forgot'), reset: auth('reset'), home, byTable };
}

function readPage(page: Page, route: string, model: DataModel, components: Set<string>): AppPage {
  const params = paramsOf(route);
  const named = findTable(model, page.entity);
  // Join tables have no pages of their own: their rows are managed from the tables they join.
  const table = named && entityTables(model).includes(named) ? named : tableFromRoute(route, model);
  const kind = kindOf(page, route, params, table);
  const last = route.split('/').filter(Boolean).at(-1) ?? '';
  const mode = kind === 'form' ? (params.length > 0 && !/^(new|create|add)$/.test(last) ? 'edit' : 'create') : undefined;
  const text = `${page.name} ${route}`.toLowerCase();
  const auth = kind === 'auth' ? authMode(text) : undefined;
  return {
    name: page.name,
    route,
    kind,
    component: uniqueComponent(page.name, components),
    table: kind === 'list' || kind === 'detail' || kind === 'form' ? table : undefined,
    mode,
    auth,
    params,
    protected: kind !== 'landing' && kind !== 'auth' && kind !== 'not_found' && !forVisitors(page),
    purpose: page.purpose,
    components: page.components,
    designed: true,
  };
}

/** A page the design opens to people who have not signed in (pricing, a public catalogue). */
function forVisitors(page: Page): boolean {
  const roles = page.roles ?? [];
  return roles.length > 0 && roles.every((role) => /^(visitor|anonymous|anon|guest|public)$/i.test(role));
}

function authMode(text: string): AuthMode {
  if (/forgot|lost[\s_-]?password|request[\s_-]?reset/.test(text)) return 'forgot';
  if (/reset|new[\s_-]?password|update[\s_-]?password|change[\s_-]?password/.test(text)) return 'reset';
  if (/sign[\s_-]?up|register|join|create[\s_-]account/.test(text)) return 'signup';
  return 'login';
}

function addedPage(name: string, route: string, kind: PageKind, components: Set<string>, extra: Partial<AppPage>): AppPage {
  return {
    name,
    route,
    kind,
    component: uniqueComponent(name, components),
    table: undefined,
    mode: undefined,
    auth: undefined,
    params: [],
    protected: false,
    purpose: undefined,
    components: [],
    designed: false,
    ...extra,
  };
}

/** `projects/[id]/` or `/projects/{id}` → `/projects/:id`; `/*` and `404` pages → `*`. */
export function normaliseRoute(route: string): string {
  const trimmed = route.trim();
  if (trimmed === '*' || trimmed === '/*' || trimmed === '**') return '*';
  const segments = trimmed
    .split(/[?#]/)[0]!
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^(?::|\[\.{0,3}|\{)([A-Za-z_][\w]*)[\]}]?$/.exec(segment);
      if (param) return `:${param[1]}`;
      return segment.replace(/[^A-Za-z0-9._~-]/g, '-').toLowerCase();
    })
    .filter((segment) => segment.length > 0);
  return `/${segments.join('/')}`;
}

function paramsOf(route: string): string[] {
  return route
    .split('/')
    .filter((segment) => segment.startsWith(':'))
    .map((segment) => segment.slice(1));
}

function kindOf(page: Page, route: string, params: string[], table: Table | undefined): PageKind {
  const text = `${page.name} ${route}`.toLowerCase();
  if (route === '*' || /not[\s_-]?found|404/.test(text)) return 'not_found';
  // Sub-pages of settings (/settings/billing) describe their own purpose; only the main one holds the account.
  if (page.kind === 'settings' && route.split('/').filter(Boolean).length > 1) return 'other';
  if (page.kind) {
    // A form, list or detail page needs a table to work on; without one it is a plain page.
    if ((page.kind === 'form' || page.kind === 'list' || page.kind === 'detail') && !table) return 'other';
    return page.kind;
  }
  if (route === '/') return 'landing';
  if (/log[\s_-]?in|sign[\s_-]?(in|up)|register/.test(text)) return 'auth';
  if (/dashboard|overview/.test(text)) return 'dashboard';
  if (/settings|account|preferences/.test(text)) return 'settings';
  if (!table) return 'other';
  const last = route.split('/').filter(Boolean).at(-1) ?? '';
  if (/^(new|create|add|edit)$/.test(last)) return 'form';
  if (params.length > 0) return 'detail';
  return 'list';
}

/** `/projects/...` names the projects table. */
function tableFromRoute(route: string, model: DataModel): Table | undefined {
  const first = route.split('/').find((segment) => segment.length > 0 && !segment.startsWith(':'));
  if (!first) return undefined;
  const key = singularName(snake(first));
  return entityTables(model).find((table) => singularName(table.name) === key);
}

function uniqueComponent(name: string, taken: Set<string>): string {
  const base = identifier(`${pascal(name) || 'Page'}Page`.replace(/PagePage$/, 'Page'), 'Page');
  let component = base;
  for (let n = 2; taken.has(component); n++) component = `${base}${n}`;
  taken.add(component);
  return component;
}

function uniqueRoute(route: string, taken: Set<string>): string {
  let candidate = route;
  for (let n = 2; taken.has(candidate); n++) candidate = `${route}-${n}`;
  taken.add(candidate);
  return candidate;
}

/** A template literal for a link to a record: `/projects/:id` with `row.id` → `` `/projects/${row.id}` ``. */
export function linkTo(route: string, value?: string): string {
  if (!route.includes(':')) return `'${route}'`;
  const path = route.replace(/:[A-Za-z_]\w*/, () => `\${${value ?? ''}}`).replace(/`/g, '');
  return `\`${path}\``;
}
