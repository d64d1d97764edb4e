import type { Architecture, NfrCategory, StackPreset } from '../../contract/index.js';
import { kebab } from '../naming.js';
import type { IntegrationSpec } from '../model.js';

/**
 * The two stack presets and the pinned tech-stack table, the architecture's single source of
 * truth for versions. The versions match what the dev agent writes into package.json.
 */

export type Technology = Architecture['stack']['technologies'][number];
export type Stack = Architecture['stack'];

/**
 * Versions of the libraries the generated app depends on. The ones the dev agent writes into
 * package.json (src/agents/dev/versions.ts) must be the same here; a test holds them together.
 */
export const VERSIONS = {
  typescript: '6.0.3',
  react: '19.3.1',
  reactRouter: '7.18.6',
  vite: '8.3.8',
  next: '16.4.6',
  tailwind: '4.3.5',
  shadcn: '3.8.5',
  supabaseJs: '2.109.0',
  supabaseSsr: '0.12.0',
  supabaseCli: '2.122.1',
  reactQuery: '5.108.0',
  lucide: '1.77.0',
  vitest: '4.1.12',
  testingLibrary: '16.3.0',
  playwright: '1.65.1',
  postgres: '15',
  deno: '2.1',
  node: '22 LTS',
  sentry: '10.78.0',
  pwa: '2.0.0',
} as const;

const row = (category: string, technology: string, version: string, purpose: string, rationale: string): Technology => ({
  category,
  technology,
  version,
  purpose,
  rationale,
});

function frontendRows(preset: StackPreset): Technology[] {
  const shared = [
    row('Frontend language', 'TypeScript', VERSIONS.typescript, 'Typed application code', 'Types generated from the schema catch data mistakes at build time'),
    row('UI library', 'shadcn/ui (Radix UI primitives)', VERSIONS.shadcn, 'Accessible, themeable components copied into the repo', 'WCAG-minded primitives; the code is ours to adapt'),
    row('Icons', 'lucide-react', VERSIONS.lucide, 'Icon set', 'Consistent stroke icons, tree-shaken'),
    row('Server state', '@tanstack/react-query', VERSIONS.reactQuery, 'Caching, refetching and optimistic updates of Supabase queries', 'Removes hand-written loading/error state; one hook per entity'),
    row('Forms and validation', 'React controlled inputs + HTML constraint validation', VERSIONS.react, 'Create and edit forms typed by the generated Insert/Update types', 'No form library to learn; the database types and CHECK constraints are the schema, and the browser shows the errors'),
    row('CSS framework', 'Tailwind CSS', VERSIONS.tailwind, 'Utility-first styling driven by design tokens', 'Tokens as CSS variables; no hand-written style sheets to drift'),
  ];
  if (preset === 'nextjs-react') {
    return [
      ...shared.slice(0, 1),
      row('Frontend framework', 'Next.js (App Router) with React', `${VERSIONS.next} / ${VERSIONS.react}`, 'Server components, routing, route handlers', 'Server rendering for SEO and first paint; one deployable for UI and API'),
      ...shared.slice(1),
      row('Supabase SSR', '@supabase/ssr', VERSIONS.supabaseSsr, "The browser Supabase client for the app's client components, with the session in cookies", 'The supported client for Next.js: the same session can later reach server components and route handlers'),
    ];
  }
  return [
    ...shared.slice(0, 1),
    row('Frontend framework', 'React', VERSIONS.react, 'Component UI', 'The framework Lovable generates; the largest ecosystem'),
    row('Routing', 'react-router-dom', VERSIONS.reactRouter, 'Client-side routes with protected-route wrappers', 'Mature, data-router APIs, works on any static host'),
    ...shared.slice(1),
  ];
}

function backendRows(preset: StackPreset): Technology[] {
  return [
    preset === 'nextjs-react'
      ? row('Backend language', 'TypeScript (Node.js route handlers)', `${VERSIONS.typescript} / Node.js ${VERSIONS.node}`, 'Route handlers for integrations and webhooks', 'One language and one runtime front to back')
      : row('Backend language', 'TypeScript (Deno for Edge Functions)', `${VERSIONS.typescript} / Deno ${VERSIONS.deno}`, 'Edge Functions for integrations and webhooks', 'One language front to back'),
    row(
      'Backend framework',
      preset === 'nextjs-react' ? 'Supabase + Next.js route handlers' : 'Supabase (PostgREST, GoTrue, Realtime, Storage, Edge Functions)',
      preset === 'nextjs-react' ? `supabase-js ${VERSIONS.supabaseJs} / Next.js ${VERSIONS.next}` : `supabase-js ${VERSIONS.supabaseJs}`,
      'Generated REST API over the schema, auth, files, realtime',
      'No server to run for CRUD: the schema and its policies are the API',
    ),
    row('API style', 'REST (PostgREST) + RPC', 'PostgREST 12', 'CRUD on tables, business operations as database functions', 'Row level security applies to every request automatically'),
    row('Database', 'PostgreSQL (Supabase)', VERSIONS.postgres, 'Relational data with constraints and row level security', 'Proven, relational data model; RLS keeps authorisation next to the data'),
    row('Cache', 'TanStack Query cache + Postgres indexes', VERSIONS.reactQuery, 'Client-side cache; indexed queries server-side', 'No separate cache service until load proves it is needed'),
    row('File storage', 'Supabase Storage', `supabase-js ${VERSIONS.supabaseJs}`, 'Images and files in private buckets', 'Same auth and policies as the database'),
    row('Authentication', 'Supabase Auth', `supabase-js ${VERSIONS.supabaseJs}`, 'Email + password, magic link, OAuth; JWT sessions', 'auth.uid() in policies ties every row to a person'),
  ];
}

function toolingRows(preset: StackPreset, needs: Set<NfrCategory>, integrations: IntegrationSpec[]): Technology[] {
  const rows = [
    row('Frontend testing', 'Vitest + Testing Library', `${VERSIONS.vitest} / ${VERSIONS.testingLibrary}`, 'Unit and component tests', 'Fast, Vite-native, Jest-compatible API'),
    row('Backend testing', 'Vitest + Supabase CLI local stack', `${VERSIONS.vitest} / ${VERSIONS.supabaseCli}`, 'Policy and RPC tests against a local Supabase', 'Tests row level security against a real PostgreSQL'),
    row('E2E testing', 'Playwright', VERSIONS.playwright, 'Critical journeys in real browsers', 'Reliable auto-waiting, runs in CI'),
    row(
      'Build tool',
      preset === 'nextjs-react' ? 'Next.js build (Turbopack)' : 'Vite',
      preset === 'nextjs-react' ? VERSIONS.next : VERSIONS.vite,
      'Dev server and production build',
      preset === 'nextjs-react' ? 'Built into Next.js' : 'Instant dev server; fast Rolldown production bundles',
    ),
    row('Bundler', preset === 'nextjs-react' ? 'Turbopack' : 'Rolldown (via Vite)', preset === 'nextjs-react' ? VERSIONS.next : VERSIONS.vite, 'Production bundles', 'Comes with the build tool'),
    row('IaC', 'Supabase CLI migrations', VERSIONS.supabaseCli, 'Schema as versioned SQL in supabase/migrations', 'The database is reproducible from the repository'),
    row('CI/CD', 'GitHub Actions', 'ubuntu-24.04 runners', 'Type-check, test, apply migrations, deploy', 'Free for small teams; the hosts deploy from Git'),
    row('Monitoring', 'Sentry', VERSIONS.sentry, 'Front-end errors and performance traces', 'Source-mapped stack traces with release tracking'),
    row(
      'Logging',
      preset === 'nextjs-react' ? 'Supabase logs + Vercel function logs' : 'Supabase logs (Postgres, API, Edge Functions)',
      `CLI ${VERSIONS.supabaseCli}`,
      'Server-side logs and log explorer',
      'Built in; no log pipeline to run',
    ),
  ];
  if (integrations.some((integration) => integration.kind === 'search')) {
    rows.push(row('Search', 'PostgreSQL full-text search (tsvector + GIN index)', VERSIONS.postgres, 'Search across the main records', 'No extra search service for an MVP; PostgREST exposes it as a filter'));
  }
  if (needs.has('offline') && preset === 'vite-react') {
    rows.push(row('Offline', 'vite-plugin-pwa (Workbox)', VERSIONS.pwa, 'Service worker, app-shell caching, installable app', 'The spec needs parts of the app to work offline'));
  }
  return rows;
}

/** Server SDKs of the providers people name most; others are called over HTTP with fetch. */
const PROVIDER_SDKS: Record<string, { sdk: string; version: string }> = {
  stripe: { sdk: 'stripe', version: '23.1.0' },
  resend: { sdk: 'resend', version: '6.38.0' },
  twilio: { sdk: 'twilio', version: '6.2.0' },
  'web-push': { sdk: 'web-push', version: '3.6.7' },
  openai: { sdk: 'openai', version: '7.57.0' },
};

function integrationRows(preset: StackPreset, integrations: IntegrationSpec[]): Technology[] {
  const pinnedIn = preset === 'nextjs-react' ? 'package.json' : 'deno.json';
  const versionOf = (provider: string): string => {
    const known = PROVIDER_SDKS[kebab(provider)];
    return known ? `${known.sdk} ${known.version} (in ${pinnedIn})` : 'HTTP API via fetch, no SDK';
  };
  return integrations
    .filter((integration) => !['oauth', 'realtime', 'file_uploads', 'search'].includes(integration.kind))
    .map((integration) =>
      row(`Integration: ${integration.kind.replace(/_/g, ' ')}`, integration.provider, versionOf(integration.provider), integration.reason, integration.stated ? 'Named in the spec' : 'A common, well-documented choice for this need'),
    );
}

export function stackFor(preset: StackPreset, integrations: IntegrationSpec[], needs: Set<NfrCategory>): Stack {
  const next = preset === 'nextjs-react';
  return {
    preset,
    frontend: next
      ? `Next.js ${VERSIONS.next} (App Router) + React ${VERSIONS.react} + TypeScript + Tailwind CSS ${VERSIONS.tailwind} + shadcn/ui`
      : `React ${VERSIONS.react} + Vite ${VERSIONS.vite} + TypeScript + Tailwind CSS ${VERSIONS.tailwind} + shadcn/ui`,
    backend: next
      ? 'Supabase (PostgreSQL, Auth, Storage, Realtime) + Next.js route handlers for server-side work'
      : 'Supabase (PostgreSQL, Auth, Storage, Realtime, Edge Functions)',
    deployment: next ? 'Vercel (Next.js) + Supabase Cloud' : 'Lovable hosting, Netlify or Vercel (static SPA) + Supabase Cloud',
    database: `PostgreSQL ${VERSIONS.postgres} (Supabase) with row level security`,
    auth: 'Supabase Auth (JWT sessions; auth.uid() in row level security)',
    technologies: [...frontendRows(preset), ...backendRows(preset), ...toolingRows(preset, needs, integrations), ...integrationRows(preset, integrations)],
  };
}
