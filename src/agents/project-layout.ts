import type { StackPreset } from '../contract/index.js';
import { kebab } from './naming.js';

/**
 * Where the generated project keeps its files. The dev agent writes them at these paths and the
 * architect's documents name them from here, so a document never points at a file that is not
 * there.
 */
export interface ProjectLayout {
  /** Folder of the app's own code: `src/` with Vite, the project root with Next.js. */
  root: string;
  /** Folder of the typed supabase-js client (`client.ts`) and the `Database` type (`types.ts`). */
  supabase: string;
  supabaseClient: string;
  /** What `supabase gen types typescript` writes. */
  databaseTypes: string;
  /** The same folder as the app imports it (`@/` is the source root in both presets' tsconfig). */
  supabaseImport: string;
}

function layout(root: string, supabase: string): ProjectLayout {
  return {
    root,
    supabase,
    supabaseClient: `${supabase}/client.ts`,
    databaseTypes: `${supabase}/types.ts`,
    supabaseImport: `@/${supabase.slice(root.length)}`,
  };
}

export const PROJECT_LAYOUTS: Record<StackPreset, ProjectLayout> = {
  'vite-react': layout('src/', 'src/integrations/supabase'),
  'nextjs-react': layout('', 'lib/supabase'),
};

/**
 * The architect's whole schema, as the one migration of the project. Supabase applies migrations
 * in file-name order; a fixed all-zero stamp keeps the output the same run after run.
 */
export const MIGRATION_PATH = 'supabase/migrations/00000000000000_init.sql';

/** The architect's pgTAP tests of the access matrix, where `supabase test db` finds them. */
export const DATABASE_TESTS_PATH = 'supabase/tests/access.test.sql';

/** `order_items` → `use-order-items`: the module of a table's data hooks, under `<root>hooks/`. */
export const hookModule = (table: string): string => `use-${kebab(table)}`;

/** A page the app routes to: its URL, whether it needs a session, and its component's name. */
export interface PageRoute {
  route: string;
  protected: boolean;
  component: string;
}

/**
 * The file of a page. Vite: `src/pages/ProjectsPage.tsx`. Next.js: `/projects/:id/edit` →
 * `app/(app)/projects/[id]/edit/page.tsx`, signed-in pages in the `(app)` route group, and the
 * catch-all → `app/not-found.tsx`.
 */
export function pageFile(preset: StackPreset, page: PageRoute): string {
  if (preset === 'vite-react') return `${PROJECT_LAYOUTS[preset].root}pages/${page.component}.tsx`;
  if (page.route === '*') return 'app/not-found.tsx';
  const segments = page.route
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `[${segment.slice(1)}]` : segment));
  return ['app', ...(page.protected ? ['(app)'] : []), ...segments, 'page.tsx'].join('/');
}
