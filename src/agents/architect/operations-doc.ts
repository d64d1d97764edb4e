import { lower, withArticle } from '../english.js';
import { table } from '../markdown-table.js';
import { camel, kebab, pascal, snake } from '../naming.js';
import { DATABASE_TESTS_PATH, PROJECT_LAYOUTS, hookModule } from '../project-layout.js';
import { accessSection } from './access-doc.js';
import { coreTable, namesPeople } from './data-model.js';
import type { Design } from './design.js';
import { carriedFeatures } from './features-doc.js';
import { next } from './doc-format.js';

/** Sections 11 to 17: deployment, security and performance, testing, standards, errors, monitoring, checklist. */

export function deployment(design: Design): string {
  const n = next(design);
  const slug = kebab(design.model.name) || 'app';
  const host = n ? 'vercel.app' : 'netlify.app';
  return [
    `**Strategy:** the front end is ${n ? 'deployed to Vercel (serverless functions for route handlers)' : 'a static build (`dist/`) on Lovable hosting, Netlify or Vercel, served from a CDN'}; the back end is Supabase Cloud. Migrations are applied by CI with \`supabase db push\`${!n && design.functions.length > 0 ? ', functions with `supabase functions deploy`' : ''}.`,
    '',
    '**CI/CD (GitHub Actions):** on every pull request: install, type-check, lint, unit tests, RLS tests against `supabase start`; on merge to main: apply migrations to staging, deploy, run E2E; a tagged release promotes to production.',
    '',
    table(
      ['Environment', 'Frontend URL', 'Backend URL', 'Purpose'],
      [
        ['Development', n ? 'http://localhost:3000' : 'http://localhost:5173', 'http://127.0.0.1:54321', 'Local development against the local Supabase stack'],
        ['Staging', `https://${slug}-staging.${host}`, 'https://{staging-project-ref}.supabase.co', 'Pre-production testing with production-like data rules'],
        ['Production', n ? `https://${slug}.vercel.app` : `https://${slug}.lovable.app`, 'https://{production-project-ref}.supabase.co', 'Live environment'],
      ],
    ),
  ].join('\n');
}

export function securityPerformance(design: Design): string {
  const stated = design.needs.filter((need) => need.category === 'security' || need.category === 'privacy' || need.category === 'compliance');
  const perf = design.needs.filter((need) => need.category === 'performance' || need.category === 'scalability' || need.category === 'offline');
  const aggregates = design.rpcs.filter((rpc) => rpc.kind === 'aggregate');
  const rendering = next(design)
    ? 'Server components render data-heavy pages; client components only where interactive'
    : 'TanStack Query caches with a 30 s stale time and optimistic updates';
  const gdpr = design.needs.some((need) => /gdpr|privacy|personal data/i.test(need.text) || need.category === 'compliance' || need.category === 'privacy');
  return [
    '### Security Requirements',
    '',
    `- **Row level security** on all ${design.data.tables.length} tables, ${design.architecture.security.rls_policies.length} policies written from the access matrix below; the anon role has no table grants.`,
    `- **Authentication:** ${design.architecture.security.auth_strategy}.`,
    '- **Roles:** kept in `profiles.role`; people cannot change their own role (column grants and a trigger); sign-up can pick only self-service roles, never a privileged one.',
    '- **Input validation:** zod schemas in forms; CHECK constraints and NOT NULL in the database as the last line.',
    '- **Secrets:** only the anon key reaches the browser; service-role and integration keys live in server-side secrets.',
    '- **Headers:** a Content-Security-Policy allowing only the Supabase project and named providers; HTTPS everywhere.',
    ...(gdpr ? ['- **Personal data:** every row hangs off `auth.users` with `on delete cascade`, so deleting an account erases the person’s data; host the Supabase project in the EU region when users are in the EU; export via the API on request.'] : []),
    ...stated.map((need) => `- **From the requirements:** ${need.text}`),
    '',
    '### Performance Optimisation',
    '',
    '- An index on every foreign key and owner column (policies filter on them); paginate lists with `limit`/`range`.',
    `- Aggregates in the database (${aggregates.length > 0 ? aggregates.map((rpc) => `\`${rpc.name}\``).join(', ') : 'none needed yet'}), not in the browser.`,
    `- ${rendering}; route-level code splitting; images served resized from Storage.`,
    '- Budget: LCP under 2.5 s on a mid-range phone over 4G; API p95 under 300 ms.',
    ...perf.map((need) => `- **From the requirements:** ${need.text}`),
    '',
    accessSection(design),
  ].join('\n');
}

export function testing(design: Design): string {
  const first = coreTable(design.data);
  return [
    'A testing pyramid: many unit tests, fewer integration tests, a handful of end-to-end journeys.',
    '',
    table(
      ['Level', 'Tool', 'What', 'Where'],
      [
        ['Unit / component', 'Vitest + Testing Library', 'Forms, validation, hooks with a mocked client', 'src/**/*.test.tsx'],
        ['Database', 'pgTAP (`npx supabase test db`)', 'Every cell of the access matrix: each role allowed and refused; sign-up with a privileged role, changing one’s own role, invitations', DATABASE_TESTS_PATH],
        ['End to end', 'Playwright', 'Sign up, create and edit the core records, the refused path', 'tests/e2e/'],
      ],
    ),
    '',
    first
      ? `Example database test: two people sign up; the first creates ${withArticle(lower(first.label))}; the second, signed in, lists \`${first.name}\` and must not see it${first.sharedRead ? ' unless it is shared reading by design' : ''}.`
      : 'Example database test: two people sign up; each sees only what the policies allow.',
  ].join('\n');
}

export function standards(design: Design): string {
  const first = coreTable(design.data);
  const entity = first?.singular ?? 'profile';
  return [
    '### Critical Rules',
    '',
    `- Types come from \`${PROJECT_LAYOUTS[design.preset].databaseTypes}\` (generated); never hand-write row types.`,
    '- All data access goes through the entity hooks; components never call `supabase.from` directly.',
    '- Every new table ships with RLS enabled and policies in the same migration.',
    '- Never put the service-role key or integration secrets in front-end code.',
    '- Errors are turned into the one API error shape before they reach the UI.',
    '',
    '### Naming Conventions',
    '',
    table(
      ['Element', 'Frontend', 'Backend', 'Example'],
      [
        ['Components', 'PascalCase', '-', `${pascal(entity)}Form.tsx`],
        ['Hooks', 'kebab-case file, camelCase hook', '-', `${hookModule(first?.name ?? 'profiles')}.ts (use${pascal(first?.name ?? 'profiles')})`],
        ['Tables', '-', 'snake_case plural', first?.name ?? 'profiles'],
        ['Columns', '-', 'snake_case', 'created_at'],
        ['Database functions', '-', 'snake_case', design.rpcs[0]?.name ?? 'has_role'],
        ['API routes / functions', '-', 'kebab-case', design.functions[0]?.name ?? 'send-email'],
        ['Variables', 'camelCase', 'snake_case', camel(`${entity} count`)],
      ],
    ),
  ].join('\n');
}

export function errorHandling(): string {
  return [
    'One error shape from every layer, so the UI shows one kind of message and support can trace it:',
    '',
    '```typescript',
    'interface ApiError {',
    '  error: {',
    '    code: string;        // PostgREST/Postgres code (42501, 23505, PGRST116) or an app code',
    '    message: string;     // what happened and how to fix it',
    '    details?: Record<string, unknown>;',
    '    timestamp: string;   // ISO 8601',
    '    requestId: string;   // from the response header, or a UUID made by the client',
    '  };',
    '}',
    '```',
    '',
    '- Front end: `toApiError()` maps Supabase errors (42501 → "You do not have access", 23505 → "Already exists", 23503 → "A related record is missing"); TanStack Query surfaces them in an error toast; an error boundary catches render errors.',
    '- Back end: functions answer the same shape with an HTTP status; webhooks answer 400 on a bad signature and 200 once recorded (idempotent on the event id).',
  ].join('\n');
}

export function monitoring(design: Design): string {
  return [
    `- **Front end:** Sentry (errors, Web Vitals, release tracking); ${next(design) ? 'Vercel Analytics' : 'host analytics'} for traffic.`,
    '- **Back end:** Supabase logs (API, Postgres, Auth, Functions), the Query Performance advisor, and the Security advisor (flags tables without RLS).',
    '- **Key metrics:** error rate, LCP/INP, API p95 latency, failed sign-ins, RLS refusals (42501) per hour.',
  ].join('\n');
}

/**
 * The architect's checklist, each row judged on the generated artifacts (the migration, the
 * OpenAPI document, the document written above it): PASS only when the check holds, else CHECK
 * with what it found.
 */
export function checklist(design: Design, openApi: string, written: string): string {
  const tables = design.data.tables;
  const policies = design.architecture.security.rls_policies;
  const secured = tables.filter((t) => policies.some((policy) => policy.table === t.name) && design.migration.includes(`alter table public.${t.name} enable row level security;`)).length;
  const roles = new Set(design.data.roles.map((role) => role.name));
  const modelled = design.model.entities.filter((entity) => namesPeople(entity.name, roles) || tables.some((t) => t.entity === entity)).length;
  const fks = tables.flatMap((t) => t.columns.filter((c) => c.references && !c.primary).map((c) => ({ table: t, column: c })));
  const indexed = fks.filter(
    ({ table: t, column: c }) => c.unique || t.uniques.some((unique) => unique[0] === c.name) || design.migration.includes(`on public.${t.name} (${c.name});`),
  ).length;
  // A provider called over plain HTTP has no package, so nothing to pin; anything else needs a fixed version.
  const packageless = design.architecture.stack.technologies.filter((tech) => /\bno SDK\b/.test(tech.version));
  const unpinned = design.architecture.stack.technologies.filter((tech) => !packageless.includes(tech) && (!/\d/.test(tech.version) || /latest|[\^~*]/i.test(tech.version)));
  const endpoints = design.architecture.api_design.endpoints;
  const documented = endpoints.filter((endpoint) => openApi.includes(`"${endpoint.path.split('?')[0]}":`)).length;
  const secrets = secretsCheck(design, written);
  const features = carriedFeatures(design, written);
  const mark = (ok: boolean) => (ok ? 'PASS' : 'CHECK');
  return table(
    ['Check', 'Result', 'Evidence'],
    [
      [
        'Every entity of the spec has a data model',
        mark(modelled === design.model.entities.length),
        `${modelled}/${design.model.entities.length} entities: ${tables.filter((t) => t.kind === 'entity').length} tables, people in profiles, ${tables.filter((t) => t.kind === 'join').length} join tables`,
      ],
      ['Row level security on every table', mark(secured === tables.length), `${secured}/${tables.length} tables enable row level security in the migration and have policies`],
      ['Every foreign key indexed', mark(indexed === fks.length), `${indexed}/${fks.length} foreign keys`],
      ['Tech stack versions pinned', mark(unpinned.length === 0), unpinned.length === 0 ? `${design.architecture.stack.technologies.length - packageless.length} rows, each with a fixed version${packageless.length > 0 ? `; ${packageless.length} called over HTTP with no package to pin` : ''}` : `not pinned: ${unpinned.map((tech) => tech.technology).join(', ')}`],
      ['Every endpoint in the OpenAPI document', mark(documented === endpoints.length), `${documented}/${endpoints.length} endpoints`],
      ['Secrets kept server-side', mark(secrets.ok), secrets.evidence],
      ['Every stated feature carried or deferred', mark(features.carried === features.total), `${features.carried}/${features.total} features and services of the spec appear in this document or its deferred list`],
    ],
  );
}

/**
 * Reads the environment variables the document lists: the browser gets only the project URL and
 * the anon key, and every integration with a server function has its key on the server side.
 */
function secretsCheck(design: Design, written: string): { ok: boolean; evidence: string } {
  const rows = [...written.matchAll(/^\| ([A-Z][A-Z0-9_]*) \| ([^|]+) \|/gm)].map((match) => ({ name: match[1]!, where: match[2]!.trim() }));
  const browser = rows.filter((row) => row.where === 'app');
  const exposed = browser.filter((row) => !/_SUPABASE_(?:URL|ANON_KEY)$/.test(row.name));
  const server = rows.filter((row) => row.where !== 'app');
  const keyed = [...new Set(design.functions.map((fn) => fn.integration))];
  const unkeyed = keyed.filter((kind) => {
    const provider = design.model.integrations.find((integration) => integration.kind === kind)?.provider ?? kind;
    // The names app-doc.ts gives them: STRIPE_SECRET_KEY, RESEND_API_KEY.
    const prefix = snake(provider).toUpperCase();
    return !server.some((row) => row.name.startsWith(prefix));
  });
  const ok = browser.length > 0 && exposed.length === 0 && unkeyed.length === 0;
  const problems = [
    ...(browser.length === 0 ? ['no environment variables listed'] : []),
    ...exposed.map((row) => `${row.name} is given to the browser`),
    ...unkeyed.map((kind) => `no server-side key for ${kind.replace(/_/g, ' ')}`),
  ];
  return {
    ok,
    evidence: ok
      ? `the browser gets ${browser.map((row) => row.name).join(' and ')}; ${server.length} secrets stay server-side for ${design.functions.length} server functions`
      : problems.join('; '),
  };
}
