import { table } from '../markdown-table.js';
import { snake } from '../naming.js';
import { MIGRATION_PATH } from '../project-layout.js';
import { PERSONAS } from '../personas.js';
import { frontBack, structure } from './app-doc.js';
import type { Design } from './design.js';
import { next } from './doc-format.js';
import { routeOf } from './endpoints.js';
import { featuresSection } from './features-doc.js';
import { dataModelsSection } from './models-doc.js';
import { openApiYaml } from './openapi.js';
import { checklist, deployment, errorHandling, monitoring, securityPerformance, standards, testing } from './operations-doc.js';
import { workflowsSection } from './workflows.js';

/** architecture_markdown, in the AIOS full-stack architecture order (AIOS-METHOD.md). */

export const SECTION_TITLES = [
  'Change Log',
  '1. Introduction',
  '2. High Level Architecture',
  '3. Tech Stack',
  '4. Data Models',
  '5. API Specification',
  '6. Components',
  '7. Core Workflows',
  '8. Database Schema',
  '9. Frontend and Backend Architecture',
  '10. Unified Project Structure and Development Workflow',
  '11. Deployment Architecture',
  '12. Security and Performance',
  '13. Testing Strategy',
  '14. Coding Standards',
  '15. Error Handling Strategy',
  '16. Monitoring and Observability',
  '17. Checklist Results Report',
] as const;

function header(design: Design): string {
  const persona = PERSONAS.architect;
  return [
    `# ${design.model.name} Fullstack Architecture Document`,
    '',
    `> ${persona.icon} **${persona.name}**, ${persona.title} (${persona.archetype}): ${persona.focus}. Drafted unattended ("yolo" mode): every section is written without stopping for review, and the assumptions made are listed here for the team to confirm.`,
    '',
    '**Assumptions made:**',
    '',
    ...design.assumptions.map((assumption) => `- ${assumption}`),
  ].join('\n');
}

function changeLog(): string {
  return table(['Date', 'Version', 'Description', 'Author'], [['Draft', '0.1', 'Initial full-stack architecture drafted from the spec', 'Aria (@architect)']]);
}

function introduction(design: Design): string {
  const start = next(design)
    ? 'Greenfield project on the official Next.js App Router + Supabase starter (`create-next-app -e with-supabase`).'
    : 'Greenfield project on Lovable’s starter: React + Vite + TypeScript + Tailwind CSS + shadcn/ui, connected to Supabase.';
  return [
    `This document is the single architecture for ${design.model.name}: ${design.model.summary} It covers the front end, the Supabase back end, the data model and its row level security, and how the pieces are built, deployed and watched. It is the source of truth for the developer agent.`,
    '',
    `**Starter template:** ${start}`,
  ].join('\n');
}

function platformOptions(design: Design): string {
  const seo = design.needs.some((need) => /seo|search engine|rank/i.test(need.text));
  const rows = [
    ['Supabase + static SPA hosting (Lovable / Netlify / Vercel)', 'No servers to run; auth, data, files and realtime in one service; Lovable builds and hosts it', 'SPA only: search engines see little without prerendering'],
    ['Supabase + Next.js on Vercel', 'Server rendering for SEO and first paint; route handlers for secrets', 'Lovable cannot build Next.js; more moving parts'],
    ['AWS (Cognito, API Gateway, Lambda, RDS)', 'Every knob available; enterprise compliance', 'Much more to build and operate for the same features'],
  ];
  const recommended = next(design) ? rows[1]![0]! : rows[0]![0]!;
  const why = next(design)
    ? 'The preset asks for Next.js; Supabase keeps the data layer identical to the Lovable stack.'
    : `It is the stack Lovable builds, it needs no server code for CRUD, and row level security keeps authorisation next to the data.${seo ? ' The spec asks for search-engine visibility: prerender public pages at build time, or move to the Next.js preset if most traffic is organic.' : ''}`;
  return [table(['Option', 'Pros', 'Cons'], rows), '', `**Recommendation:** ${recommended}. ${why}`].join('\n');
}

function highLevel(design: Design): string {
  const n = next(design);
  const fns = design.functions;
  const count = (kind: string) => design.data.tables.filter((t) => t.kind === kind).length;
  const summary = `${design.model.name} is a ${n ? 'Next.js (App Router)' : 'single-page React'} application on Supabase. The browser talks to Supabase directly: PostgREST serves the tables and database functions, Supabase Auth issues JWTs, and PostgreSQL row level security decides, per row, what each person may read or change. ${fns.length > 0 ? `${n ? 'Route handlers' : 'Edge Functions'} hold the secret keys for ${[...new Set(fns.map((fn) => fn.integration))].join(', ')}.` : 'No custom server code is needed for the MVP.'} The ${count('entity')} tables of the spec's entities sit beside one \`profiles\` table for every person${count('join') > 0 ? ` and ${count('join')} join tables` : ''}.`;
  const diagram = [
    'graph TD',
    `  U[People: ${design.data.roles.map((role) => role.label).join(', ')}] --> W[${n ? 'Next.js app on Vercel' : 'React SPA on CDN'}]`,
    '  W -->|JWT| A[Supabase Auth]',
    '  W -->|REST + RLS| R[PostgREST]',
    '  R --> D[(PostgreSQL 15)]',
    '  W -->|files| S[Supabase Storage]',
    ...(design.features.realtimeTables.length > 0 ? ['  D -->|changes| RT[Supabase Realtime]', '  RT -->|websocket| W'] : []),
    ...(fns.length > 0 ? [`  W --> F[${n ? 'Route handlers /api' : 'Edge Functions'}]`, '  F --> D'] : []),
    ...design.model.integrations
      .filter((integration) => fns.some((fn) => fn.integration === integration.kind))
      .map((integration) => `  F --> X${snake(integration.kind)}[${integration.provider}]`),
  ].join('\n');
  const patterns = [
    ['Backend as a service (Supabase)', 'CRUD needs no server code; one managed service for data, auth, files and realtime'],
    ['Row level security as the authorisation layer', 'Rules live next to the data, so every client and every API path obeys them'],
    [n ? 'Server components + client islands' : 'Component-based SPA', n ? 'Data fetched on the server, interactivity only where needed' : 'What Lovable generates; simple static hosting'],
    ['Repository of hooks (one TanStack Query hook per entity)', 'One place per entity for queries, cache keys and invalidation'],
    ['Database functions (RPC) for aggregates', 'One query instead of many round trips; still filtered by RLS'],
    ...(fns.length > 0 ? [[n ? 'Route handlers for secrets and webhooks' : 'Serverless Edge Functions for integrations', 'Secret keys never reach the browser; webhooks are verified server-side']] : []),
  ];
  return [
    '### Technical Summary',
    '',
    design.prose?.technical_summary ?? summary,
    '',
    '### Platform and Infrastructure Choice',
    '',
    platformOptions(design),
    '',
    '### Repository Structure',
    '',
    `**Structure:** a single repository (${n ? 'Next.js app + `supabase/`' : 'Vite app + `supabase/`'}); no monorepo tooling needed at this size. **Package organisation:** the app in \`src/\`, the database and functions in \`supabase/\`.`,
    '',
    '### High Level Architecture Diagram',
    '',
    '```mermaid',
    diagram,
    '```',
    '',
    '### Architectural Patterns',
    '',
    ...patterns.map(([pattern, rationale]) => `- **${pattern}:** _Rationale:_ ${rationale}`),
  ].join('\n');
}

function techStack(design: Design): string {
  const rows = design.architecture.stack.technologies.map((tech) => [tech.category, tech.technology, tech.version, tech.purpose, tech.rationale]);
  return ['This table is the single source of truth: the project uses exactly these versions.', '', table(['Category', 'Technology', 'Version', 'Purpose', 'Rationale'], rows)].join('\n');
}

function components(design: Design): string {
  const n = next(design);
  const items: Array<[string, string, string, string]> = [
    ['Web app', `Pages per route, forms, role-aware navigation (${n ? 'Next.js App Router' : 'React Router'})`, 'Routes; one hook per entity', 'Supabase client, TanStack Query'],
    ['Supabase Auth', 'Sign-up, sign-in, sessions, OAuth', '/auth/v1/*', 'profiles (sign-up trigger)'],
    ['Data API (PostgREST)', `CRUD on ${design.data.tables.map((t) => t.name).join(', ')}`, '/rest/v1/<table>, /rest/v1/rpc/<function>', 'PostgreSQL, RLS policies'],
    ['PostgreSQL', 'Data, constraints, policies, triggers, aggregates', 'SQL', 'auth.uid() from the JWT'],
    ['Supabase Storage', 'Images and files in a private bucket', '/storage/v1/object/*', 'Storage policies'],
    ...design.functions.map((fn): [string, string, string, string] => [
      `${n ? 'Route handler' : 'Edge Function'} ${fn.name}`,
      fn.description,
      `${fn.method} ${routeOf(design.preset, fn)}`,
      design.model.integrations.find((integration) => integration.kind === fn.integration)?.provider ?? fn.integration,
    ]),
  ];
  const external = design.model.integrations.map((integration) => [integration.provider, integration.kind.replace(/_/g, ' '), integration.reason, integration.stated ? 'named in the spec' : 'assumed']);
  return [
    table(['Component', 'Responsibility', 'Interfaces', 'Dependencies'], items.map((item) => [...item])),
    '',
    '### External APIs',
    '',
    external.length > 0 ? table(['Provider', 'Kind', 'Purpose', 'Source'], external) : 'None: everything runs on Supabase.',
    ...(featuresSection(design) ? ['', featuresSection(design)] : []),
  ].join('\n');
}

export function architectureMarkdown(design: Design): string {
  const openApi = openApiYaml(design);
  const bodies = [
    changeLog(),
    introduction(design),
    highLevel(design),
    techStack(design),
    dataModelsSection(design.data),
    ['```yaml', openApi, '```'].join('\n'),
    components(design),
    workflowsSection(design),
    [`The migration below is \`${MIGRATION_PATH}\`.`, '', '```sql', design.migration.trimEnd(), '```'].join('\n'),
    frontBack(design),
    structure(design),
    deployment(design),
    securityPerformance(design),
    testing(design),
    standards(design),
    errorHandling(),
    monitoring(design),
  ];
  const written = [header(design), ...bodies.map((body, index) => `## ${SECTION_TITLES[index]}\n\n${body}`)].join('\n\n');
  // The checklist is judged on the document as written above it, not on what the design meant to write.
  const checked = `## ${SECTION_TITLES[bodies.length]}\n\n${checklist(design, openApi, written)}`;
  return `${written}\n\n${checked}\n`;
}
