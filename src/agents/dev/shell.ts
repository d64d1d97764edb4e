import type { Framework } from './framework.js';
import type { AppRoutes } from './routes.js';
import { Imports, file, jsxText, str } from './source.js';

/**
 * What every page stands on: the typed Supabase client, the auth context and hook, the guard
 * in front of signed-in pages, the app shell with its navigation, and the value formatting the
 * pages share.
 */

export const VITE_ENV_SOURCE = `/// <reference types="vite/client" />

interface ImportMetaEnv {
  // Absent from a build made without them: the app checks them when it starts.
  readonly VITE_SUPABASE_URL?: string;
  readonly VITE_SUPABASE_ANON_KEY?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
`;

export const AUTH_CONTEXT_SOURCE = `import { createContext } from 'react';
import type { Session, User } from '@supabase/supabase-js';

export interface AuthState {
  session: Session | null;
  user: User | null;
  /** True until the stored session has been read. */
  loading: boolean;
  signOut: () => Promise<void>;
}

export const AuthContext = createContext<AuthState | undefined>(undefined);
`;

export function renderAuthProvider(framework: Framework): string {
  return file(
    framework.directive,
    `import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Session } from '@supabase/supabase-js';
import { AuthContext, type AuthState } from '@/components/auth/auth-context';
import { supabase } from '${framework.layout.supabaseImport}/client';`,
    `export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    // Subscribe first so that a sign-in finishing while the stored session is read is not missed.
    const { data } = supabase.auth.onAuthStateChange((_event, next) => {
      setSession(next);
      setLoading(false);
    });
    void supabase.auth.getSession().then(({ data: { session: stored } }) => {
      setSession(stored);
      setLoading(false);
    });
    return () => data.subscription.unsubscribe();
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      session,
      user: session?.user ?? null,
      loading,
      signOut: async () => {
        await supabase.auth.signOut();
      },
    }),
    [session, loading],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}`,
  );
}

export function renderUseAuth(framework: Framework): string {
  return file(
    framework.directive,
    `import { useContext } from 'react';
import { AuthContext } from '@/components/auth/auth-context';`,
    `export function useAuth() {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}`,
  );
}

/** The guard in front of signed-in pages: a layout route on Vite, the route group's layout on Next.js. */
export function renderProtectedRoute(framework: Framework, routes: AppRoutes): string {
  const loading = `<div className="flex min-h-screen items-center justify-center text-muted-foreground">Loading…</div>`;
  if (framework.preset === 'nextjs-react') {
    return file(
      framework.directive,
      `import { useEffect, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { useAuth } from '@/hooks/use-auth';`,
      `export function ProtectedRoute({ children }: { children: ReactNode }) {
  const { session, loading } = useAuth();
  const router = useRouter();

  useEffect(() => {
    if (!loading && !session) router.replace(${str(routes.login.route)});
  }, [loading, session, router]);

  if (loading || !session) return ${loading};
  return <>{children}</>;
}`,
    );
  }
  return file(
    `import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '@/hooks/use-auth';`,
    `export function ProtectedRoute() {
  const { session, loading } = useAuth();
  const location = useLocation();

  if (loading) return ${loading};
  if (!session) return <Navigate to=${jsxStr(routes.login.route)} replace state={{ from: location.pathname }} />;
  return <Outlet />;
}`,
  );
}

/** The frame around signed-in pages: the product's name, one link per top-level page, and sign-out. */
export function renderAppShell(framework: Framework, routes: AppRoutes, productName: string): string {
  const links = routes.pages.filter((page) => page.protected && page.params.length === 0 && page.kind !== 'form' && page.designed);
  const imports = new Imports()
    .add('lucide-react', 'LucideLogOut')
    .add('@/components/ui/button', 'Button')
    .add('@/hooks/use-auth', 'useAuth')
    .add('@/lib/utils', 'cn');
  const next = framework.preset === 'nextjs-react';
  if (next) imports.add('react', 'ReactNode', { type: true }).add('next/navigation', ['usePathname', 'useRouter']).addDefault('next/link', 'Link');
  else imports.add('react-router-dom', ['NavLink', 'Outlet', 'useNavigate']);

  const navClass = `'rounded-md px-3 py-2 text-sm font-medium transition-colors hover:bg-accent hover:text-accent-foreground'`;
  const active = `'bg-accent text-accent-foreground'`;
  const item = next
    ? `{NAVIGATION.map((item) => {
              const current = pathname === item.to || pathname.startsWith(\`\${item.to}/\`);
              return (
                <Link key={item.to} href={item.to} aria-current={current ? 'page' : undefined} className={cn(${navClass}, current && ${active})}>
                  {item.label}
                </Link>
              );
            })}`
    : `{NAVIGATION.map((item) => (
              <NavLink key={item.to} to={item.to} className={({ isActive }) => cn(${navClass}, isActive && ${active})}>
                {item.label}
              </NavLink>
            ))}`;
  const home = next ? `<Link href=${jsxStr(routes.home)} className="font-semibold">` : `<NavLink to=${jsxStr(routes.home)} className="font-semibold">`;
  const homeEnd = next ? '</Link>' : '</NavLink>';
  return file(
    framework.directive,
    imports.render(),
    `const NAVIGATION: Array<{ to: string; label: string }> = [
${links.map((page) => `  { to: ${str(page.route)}, label: ${str(page.name)} },`).join('\n')}
];`,
    `export function AppShell(${next ? '{ children }: { children: ReactNode }' : ''}) {
  const { user, signOut } = useAuth();
  ${next ? 'const router = useRouter();\n  const pathname = usePathname();' : 'const navigate = useNavigate();'}

  async function handleSignOut() {
    await signOut();
    ${next ? "router.push('/');" : "navigate('/');"}
  }

  return (
    <div className="min-h-screen bg-background">
      <header className="border-b">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          ${home}${jsxText(productName)}${homeEnd}
          <nav aria-label="Main" className="flex flex-1 flex-wrap gap-1">
            ${item}
          </nav>
          <span className="hidden text-sm text-muted-foreground sm:inline">{user?.email}</span>
          <Button variant="ghost" size="sm" onClick={handleSignOut}>
            <LucideLogOut aria-hidden="true" />
            Sign out
          </Button>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">
        ${next ? '{children}' : '<Outlet />'}
      </main>
    </div>
  );
}`,
  );
}

/** How pages show a stored value: dates and times in the reader's locale, booleans as Yes/No, empty as a dash. */
export const FORMAT_SOURCE = `export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') {
    if (/^\\d{4}-\\d{2}-\\d{2}T/.test(value)) return new Date(value).toLocaleString();
    if (/^\\d{4}-\\d{2}-\\d{2}$/.test(value)) return new Date(\`\${value}T00:00:00\`).toLocaleDateString();
    return value;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** \`in_progress\` → \`In progress\`. */
export function formatLabel(value: string): string {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
`;

function jsxStr(text: string): string {
  return `"${text.replace(/"/g, '&quot;')}"`;
}
