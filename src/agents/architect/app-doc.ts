import { table } from '../markdown-table.js';
import { kebab, pascal, snake } from '../naming.js';
import { MIGRATION_PATH, PROJECT_LAYOUTS, hookModule, pageFile } from '../project-layout.js';
import { coreTable } from './data-model.js';
import type { Design } from './design.js';
import { next } from './doc-format.js';
import { routeOf } from './endpoints.js';
import { lower } from '../english.js';

/** Sections 9 and 10: front-end and back-end architecture, the project tree and how to work on it. */

function routesOf(design: Design): string[][] {
  const rows: string[][] = [
    ['/', 'Landing page', 'public'],
    ['/login', 'Sign in / sign up', 'public'],
    ['/dashboard', 'Overview for the signed-in person', 'signed in'],
  ];
  for (const t of design.data.tables) {
    if (t.kind !== 'entity') continue;
    const who = t.creatorRoles.length > 0 && design.data.roles.length > 1 ? t.creatorRoles.join(', ') : 'signed in';
    rows.push([`/${kebab(t.name)}`, `${t.label} list`, 'signed in'], [`/${kebab(t.name)}/new`, `New ${lower(t.label)}`, who], [`/${kebab(t.name)}/:id`, `${t.label} detail and edit`, 'signed in']);
  }
  rows.push(['/settings', 'Profile and account', 'signed in']);
  return rows;
}

export function frontBack(design: Design): string {
  const n = next(design);
  const first = coreTable(design.data);
  const hookName = first ? `use${pascal(first.name)}` : 'useProfiles';
  const envPrefix = n ? 'NEXT_PUBLIC_' : 'VITE_';
  const env = n ? 'process.env' : 'import.meta.env';
  const { root, supabase: supabaseDir } = PROJECT_LAYOUTS[design.preset];
  const supabase = `${supabaseDir.slice(root.length)}/`;
  return [
    '### Frontend Architecture',
    '',
    `**Component organisation:** \`components/ui\` (shadcn/ui atoms), \`components/forms\` (one create/edit form per table), \`${n ? 'app/' : 'pages/'}\` (one per route), \`hooks/\` (one data hook module per table), \`${supabase}\` (Supabase client and types), \`lib/\` (formatting and class-name helpers).`,
    '',
    `**State management:** server state in TanStack Query, keyed by table (\`['${first?.name ?? 'profiles'}', filters]\`); the session in a React context fed by \`supabase.auth.onAuthStateChange\`; form state in each form's own React state, typed by the generated Insert/Update types. No global store is needed.`,
    '',
    '**Routes** (signed-in pages redirect to /login without a session; where "Access" names roles, RLS lets only those roles create the rows, and the form shows the refusal to anyone else):',
    '',
    table(['Route', 'Page', 'Access'], routesOf(design)),
    '',
    '**Protected route pattern:**',
    '',
    '```typescript',
    n
      ? `// app/(app)/layout.tsx: every signed-in page sits under this layout
export default function SignedInLayout({ children }: { children: ReactNode }) {
  return <ProtectedRoute><AppShell>{children}</AppShell></ProtectedRoute>;
}

// components/auth/ProtectedRoute.tsx: the session lives in the browser (@supabase/ssr's browser client)
export function ProtectedRoute({ children }: { children: ReactNode }) {
  const { session, loading } = useAuth();
  const router = useRouter();
  useEffect(() => {
    if (!loading && !session) router.replace('/login');
  }, [loading, session, router]);
  if (loading || !session) return <Loading />;
  return <>{children}</>;
}`
      : `// App.tsx: <Route element={<ProtectedRoute />}> wraps every signed-in route
export function ProtectedRoute() {
  const { session, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <Outlet />;
}`,
    '```',
    '',
    '**API client:**',
    '',
    '```typescript',
    `export const supabase = createClient<Database>(${env}.${envPrefix}SUPABASE_URL, ${env}.${envPrefix}SUPABASE_ANON_KEY);`,
    '',
    `export function ${hookName}() {`,
    `  return useQuery({ queryKey: ['${first?.name ?? 'profiles'}'], queryFn: async () => {`,
    `    const { data, error } = await supabase.from('${first?.name ?? 'profiles'}').select('*').order('created_at', { ascending: false });`,
    '    if (error) throw toApiError(error);',
    '    return data;',
    '  } });',
    '}',
    '```',
    '',
    '### Backend Architecture',
    '',
    `**Services:** PostgREST for data, ${design.rpcs.length > 0 ? `database functions (${design.rpcs.map((rpc) => `\`${rpc.name}\``).join(', ')})` : 'no database functions yet'}, ${design.functions.length > 0 ? `${n ? 'route handlers' : 'Edge Functions'} (${design.functions.map((fn) => `\`${fn.name}\``).join(', ')})` : `no ${n ? 'route handlers' : 'Edge Functions'} beyond auth`}.`,
    '',
    `**Data access:** typed with \`supabase gen types typescript\` into \`${PROJECT_LAYOUTS[design.preset].databaseTypes}\`; every query goes through the entity hooks; writes return the changed row (\`.select()\`), so caches update without a refetch.`,
    '',
    `**Auth flow:** Supabase Auth (${design.architecture.security.auth_strategy}). A trigger on \`auth.users\` creates the profile with a role${design.data.selfServiceRoles.length > 1 ? ` chosen at sign-up (${design.data.selfServiceRoles.join(', ')})` : ''}; ${design.data.appointerRoles.length > 0 ? `other roles are given after sign-up by ${design.data.appointerRoles.join(' or ')} with \`set_user_role()\`` : 'nobody changes roles from the app'}. Policies read \`auth.uid()\`, the role through \`has_role()\`, and other tables only through SECURITY DEFINER helpers with a fixed search_path (memberships, parents), so no policy recurses.`,
  ].join('\n');
}

/** A path of the project tree; a note says what it is, or that the dev agent does not write it. */
interface TreeEntry {
  path: string;
  note?: string;
}

/** Marks what the design has and the generated code does not. */
const NOT_GENERATED = 'not generated';

interface TreeNode {
  name: string;
  note?: string;
  children: TreeNode[];
}

/** Nests the paths by folder, in the order given; a folder with a single entry shares its line (`.github/workflows/ci.yml`). */
function nest(entries: readonly TreeEntry[]): TreeNode[] {
  const top: TreeNode[] = [];
  for (const { path, note } of entries) {
    const parts = path.split('/');
    const leaf = parts.pop() === '' ? `${parts.pop()}/` : path.slice(path.lastIndexOf('/') + 1);
    let level = top;
    for (const folder of parts) {
      let node = level.find((candidate) => candidate.name === `${folder}/` && candidate.children.length > 0);
      if (!node) level.push((node = { name: `${folder}/`, children: [] }));
      level = node.children;
    }
    level.push({ name: leaf, ...(note ? { note } : {}), children: [] });
  }
  return top.map(function join(node): TreeNode {
    const children = node.children.map(join);
    const only = children.length === 1 ? children[0] : undefined;
    return only ? { ...only, name: `${node.name}${only.name}` } : { ...node, children };
  });
}

function treeLines(nodes: readonly TreeNode[], indent = ''): string[] {
  return nodes.flatMap((node, index) => {
    const last = index === nodes.length - 1;
    const line = `${indent}${last ? '└──' : '├──'} ${node.name}${node.note ? ` (${node.note})` : ''}`;
    return [line, ...treeLines(node.children, `${indent}${last ? '    ' : '│   '}`)];
  });
}

/** The project as the dev agent writes it (paths from project-layout), with what the design adds later marked. */
function treeEntries(design: Design): TreeEntry[] {
  const { preset } = design;
  const layout = PROJECT_LAYOUTS[preset];
  const n = next(design);
  const entityTables = design.data.tables.filter((t) => t.kind === 'entity');
  // A record that is also what a many-to-many goes through (a project's members with details) is shown on
  // the pages of the two it joins, as the UX spec does: no page of its own.
  const throughs = new Set(design.data.relationships.flatMap((r) => (r.through ? [r.through] : [])));
  const screened = entityTables.filter((t) => !throughs.has(t.name));
  const page = (route: string, component: string): TreeEntry => ({ path: pageFile(preset, { route, protected: route !== '/login', component }) });
  return [
    { path: '.github/workflows/ci.yml', note: NOT_GENERATED },
    ...(n ? [] : [{ path: `${layout.root}main.tsx` }, { path: `${layout.root}App.tsx`, note: 'routes' }]),
    ...(n ? [page('/login', 'SignInPage'), { path: 'app/auth/callback/route.ts', note: NOT_GENERATED }] : []),
    page('/dashboard', 'DashboardPage'),
    ...screened.map((t) => page(`/${kebab(t.name)}`, `${pascal(t.name)}Page`)),
    ...(n ? design.functions.map((fn) => ({ path: `app${routeOf(preset, fn)}/route.ts`, note: NOT_GENERATED })) : []),
    { path: `${layout.root}components/ui/`, note: 'shadcn/ui' },
    ...entityTables.map((t) => ({ path: `${layout.root}hooks/${hookModule(t.name)}.ts` })),
    { path: layout.supabaseClient },
    { path: layout.databaseTypes, note: 'Database type, from `supabase gen types`' },
    { path: 'supabase/config.toml', note: NOT_GENERATED },
    { path: MIGRATION_PATH },
    ...(n ? [] : design.functions.map((fn) => ({ path: `supabase/functions/${fn.name}/index.ts`, note: NOT_GENERATED }))),
    { path: 'supabase/tests/', note: `RLS tests, ${NOT_GENERATED}` },
    { path: 'tests/e2e/', note: NOT_GENERATED },
    { path: '.env.example' },
    { path: 'package.json' },
  ];
}

export function structure(design: Design): string {
  const n = next(design);
  const tree = [`${kebab(design.model.name) || 'app'}/`, ...treeLines(nest(treeEntries(design)))].join('\n');
  const secrets = [
    ...new Set(
      design.model.integrations
        .filter((i) => design.functions.some((fn) => fn.integration === i.kind))
        .flatMap((i) => {
          const name = snake(i.provider).toUpperCase();
          const hooked = design.functions.some((fn) => fn.integration === i.kind && fn.name.endsWith('-webhook'));
          return [name === 'STRIPE' ? 'STRIPE_SECRET_KEY' : `${name}_API_KEY`, ...(hooked ? [`${name}_WEBHOOK_SECRET`] : [])];
        }),
    ),
  ];
  const prefix = n ? 'NEXT_PUBLIC_' : 'VITE_';
  return [
    `Paths marked *${NOT_GENERATED}* belong to the design, but the dev agent's first cut of the code does not write them.`,
    '',
    '```text',
    tree,
    '```',
    '',
    '### Development Workflow',
    '',
    '**Prerequisites:** Node.js 20.19+ (or 22+), Docker (for the local Supabase stack), the Supabase CLI.',
    '',
    '```bash',
    'npm install',
    'npx supabase start            # local Postgres, Auth, Storage, Studio',
    'npx supabase db reset         # applies supabase/migrations',
    `npx supabase gen types typescript --local > ${PROJECT_LAYOUTS[design.preset].databaseTypes}`,
    n ? 'npm run dev                   # http://localhost:3000' : 'npm run dev                   # http://localhost:5173',
    'npm test                      # unit and component tests',
    '```',
    '',
    '**Environment variables:**',
    '',
    table(
      ['Variable', 'Where', 'Purpose'],
      [
        [`${prefix}SUPABASE_URL`, 'app', 'Supabase project URL'],
        [`${prefix}SUPABASE_ANON_KEY`, 'app', 'Public anon key (safe in the browser; RLS protects data)'],
        ...(design.functions.length > 0 ? [['SUPABASE_SERVICE_ROLE_KEY', n ? 'server only' : 'Edge Functions', 'Privileged writes from webhooks; never shipped to the browser']] : []),
        ...secrets.map((secret) => [secret, n ? 'server only' : 'Edge Function secrets', secret.endsWith('_WEBHOOK_SECRET') ? 'Verifies webhook signatures' : 'Integration key']),
      ],
    ),
  ].join('\n');
}

