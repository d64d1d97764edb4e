import type { Priority, StrategizeOutput } from '../../contract/index.js';
import { listing, lower, pluralLabel, withArticle } from '../english.js';
import { table } from '../markdown-table.js';
import { capitalize } from '../naming.js';
import { PERSONAS } from '../personas.js';
import { sectionsOf } from './foundation.js';
import { featureRows } from './features.js';
import { count } from './phrases.js';
import { statedInSpec } from './requirements.js';
import { isExternal, type Scope } from './scope.js';
import { stackOf } from './stack.js';

type Parts = Omit<StrategizeOutput, 'prd_markdown'>;

/** The PRD in the AIOS order (AIOS-METHOD.md "PRD"), drafted unattended with its assumptions listed. */
export function prdMarkdown(scope: Scope, parts: Parts, background?: string): string {
  const written = [
    `# ${parts.product_name} Product Requirements Document (PRD)`,
    opening(parts),
    changeLog(),
    goals(scope, parts, background),
    requirements(scope, parts),
    uiGoals(scope),
    technical(scope, parts),
    epicList(parts),
    epicDetails(parts),
  ].join('\n\n');
  // The checklist is judged on the PRD as written above it.
  return `${written}\n\n${nextSteps(scope, parts, written)}\n`;
}

const aiosId = (id: string): string => id.replace('-', '');

function opening(parts: Parts): string {
  const pm = PERSONAS.pm;
  return [
    `> ${pm.icon} **${pm.name}, ${pm.title}** (${pm.archetype}) drafted this PRD in unattended ("yolo") mode: every section is written without stopping for review, on these assumptions:`,
    '>',
    ...parts.assumptions.map((text) => `> - ${text}`),
  ].join('\n');
}

function changeLog(): string {
  return [
    '## Change Log',
    '',
    table(['Date', 'Version', 'Description', 'Author'], [['Draft', '0.1', 'First draft from the product description, in unattended mode', `${PERSONAS.pm.name} (${PERSONAS.pm.title})`]]),
  ].join('\n');
}

/** The goals from the personas and metrics; the background context a model wrote, else the PRD's own. */
function goals(scope: Scope, parts: Parts, background: string | undefined): string {
  const { model } = scope;
  const outcomes = [
    ...parts.personas.map((persona) => `${capitalize(pluralLabel(persona.name))} can ${lower(persona.goals[0] ?? `use ${model.name}`)}.`),
    ...parts.success_metrics.slice(0, 3),
  ];
  const problem =
    model.problems.length > 0
      ? `Today, ${listing(model.problems.map((p) => lower(p.trim().replace(/\.$/, ''))))}.`
      : `The spec does not state the problem outright; it is inferred from the workflows it describes.`;
  const audience = model.segments.length > 0 ? ` The people who have this problem: ${listing(model.segments.map((s) => lower(s)))}.` : '';
  return [
    '## 1. Goals and Background Context',
    '',
    '### Goals',
    '',
    ...outcomes.map((text) => `- ${text}`),
    '',
    '### Background Context',
    '',
    background ?? `${problem}${audience}`,
    '',
    parts.strategy_summary,
  ].join('\n');
}

const PRIORITY_TITLES: Record<Priority, string> = {
  must: 'Must have (MVP)',
  should: 'Should have',
  could: 'Could have',
  wont: "Won't have (this release): deferred",
};

function requirements(scope: Scope, parts: Parts): string {
  const { functional, non_functional, constraints } = parts.requirements;
  const lines = [
    '## 2. Requirements',
    '',
    'Ids follow AIOS: `FR1` here is `FR-1` in the JSON output, `NFR1` is `NFR-1` and `CON1` is `CON-1`. Functional requirements are grouped by MoSCoW priority and numbered in delivery order.',
    '',
    '### Functional',
  ];
  for (const priority of ['must', 'should', 'could', 'wont'] as const) {
    const items = functional.filter((fr) => fr.priority === priority);
    if (items.length === 0) continue;
    lines.push('', `#### ${PRIORITY_TITLES[priority]}`, '');
    for (const fr of items) lines.push(`- ${aiosId(fr.id)}: ${fr.description}${fr.epic ? ` _(Epic ${fr.epic})_` : ''}`);
  }
  lines.push('', '### Non-Functional', '');
  for (const nfr of non_functional) lines.push(`- ${aiosId(nfr.id)}: **${capitalize(nfr.category)}**: ${nfr.description}`);
  lines.push('', '### Constraints', '');
  for (const con of constraints) lines.push(`- ${aiosId(con.id)}: ${con.description}`);
  const rows = featureRows(scope, functional);
  if (rows.length > 0) {
    lines.push('', '### Stated Features', '', 'Every feature and service the spec names, with the requirements that deliver it or defer it.', '', table(['Feature', 'Requirements', 'Status'], rows));
  }
  const sources = statedInSpec(scope);
  if (sources.length > 0) lines.push('', '### Stated in the Spec', '', 'The spec\'s own words behind the requirements above, quoted as sources:', '', ...sources.map((text) => `- ${text}`));
  return lines.join('\n');
}

function uiGoals(scope: Scope): string {
  const { model, roles, admin, entities, core } = scope;
  const kinds = new Set(model.integrations.map((i) => i.kind));
  const stated = model.needs.filter((need) => need.source === 'stated');
  const mobile = stated.some((need) => /\b(?:mobile|phone)/i.test(need.text));
  const offline = stated.some((need) => need.category === 'offline');
  const aaa = stated.some((need) => /\baaa\b/i.test(need.text));
  const paradigms = [
    'List → detail → form for every record, with inline validation and optimistic saves.',
    'Destructive actions (delete, cancel) confirm in a dialog and say what will be lost.',
    'Empty states teach the next step; toasts confirm saves and report errors in plain words.',
    ...(kinds.has('realtime') ? ['Live updates without reloading where the spec asks for real time.'] : []),
    ...(kinds.has('maps') ? ['A map view beside the list, never instead of it.'] : []),
    ...(kinds.has('search') ? ['A search box on every list, with filters that stay in the URL.'] : []),
    ...(kinds.has('payments') || kinds.has('subscriptions') ? ['Payment happens on the provider\'s hosted page, then returns to a clear confirmation.'] : []),
  ];
  const screens = [
    'Landing page (what it is, sign-up, sign-in)',
    'Sign up, sign in, reset password',
    ...roles.map((role) => `${role.label} dashboard: ${sectionsOf(scope, role)}`),
    ...entities.flatMap((entity) =>
      core.has(entity.name)
        ? [`${entity.pluralLabel} list, ${lower(entity.label)} detail, new/edit ${lower(entity.label)} form`]
        : [`${entity.pluralLabel} (within ${scope.parentOf.has(entity.name) ? 'their parent\'s detail page' : 'their own list page'})`],
    ),
    ...(admin ? [`People and roles (${lower(admin.label)} only)`] : []),
    'Account settings',
  ];
  return [
    '## 3. User Interface Design Goals',
    '',
    '### Overall UX Vision',
    '',
    `${model.name} should feel like a focused tool for ${listing(roles.map((role) => pluralLabel(role.label)))}: the dashboard puts each person one click from their ${sectionsOf(scope, scope.primary)}, every screen does one job, and nothing asks for data a feature does not use.`,
    '',
    '### Key Interaction Paradigms',
    '',
    ...paradigms.map((text) => `- ${text}`),
    '',
    '### Core Screens and Views',
    '',
    ...screens.map((text) => `- ${text}`),
    '',
    `### Accessibility: ${aaa ? 'WCAG AAA' : 'WCAG AA'}`,
    '',
    `WCAG 2.1 ${aaa ? 'AAA, as the spec asks' : 'AA'}: contrast, keyboard access, focus order, labelled controls, and no information carried by colour alone.`,
    '',
    '### Branding',
    '',
    `(Assumption) The spec gives no brand guide: a clean shadcn/ui theme with one primary colour, defined as design tokens so ${model.name}'s brand can replace it later.`,
    '',
    '### Target Device and Platforms: Web Responsive',
    '',
    `Responsive web app for phones (from 360 px), tablets and desktops${mobile ? ', designed mobile-first as the spec asks' : ''}${offline ? ', installable as a PWA that works offline for the stated task' : ''}. ${mobile ? '' : '(Assumption) '}Native apps are out of scope.`,
  ].join('\n');
}

function technical(scope: Scope, parts: Parts): string {
  const stack = stackOf(scope);
  const secrets = [...scope.money, ...scope.services].filter(isExternal).map((i) => i.provider);
  const testing =
    parts.estimated_complexity === 'complex'
      ? 'Full testing pyramid: unit tests (Vitest) for logic and components, integration tests of row level security policies against a local Supabase, and end-to-end tests (Playwright) of each epic\'s main journey. Rationale: the build is complex enough that regressions across epics are likely.'
      : 'Unit + integration: Vitest for logic and components, and integration tests of every row level security policy against a local Supabase. Rationale: access rules are the riskiest part of a Supabase app, and a full end-to-end suite costs more than it saves at this size.';
  return [
    '## 4. Technical Assumptions',
    '',
    '### Repository Structure: Monorepo',
    '',
    'One repository holds the web app and the `supabase/` folder (migrations, Edge Functions). Rationale: one team and one deployable; Lovable syncs a single repository.',
    '',
    '### Service Architecture',
    '',
    `Serverless: a static ${stack.frontend} front end talking to ${stack.backend} through the typed Supabase client${secrets.length > 0 ? `; Edge Functions hold the calls to ${listing([...new Set(secrets)])}` : ''}. Rationale: no servers to run, and row level security keeps access rules in one place.`,
    '',
    '### Testing Requirements',
    '',
    testing,
    '',
    '### Additional Technical Assumptions and Requests',
    '',
    ...parts.requirements.constraints.map((con) => `- ${con.description}`),
    '- Database types are generated from the schema so the front end and the database cannot drift. Rationale: the architect\'s data model is the single source of truth.',
  ].join('\n');
}

function epicList(parts: Parts): string {
  return ['## 5. Epic List', '', ...parts.epics.map((epic) => `- Epic ${epic.id}: ${epic.title}: ${epic.goal.split('. ')[0]?.replace(/\.$/, '')}.`)].join('\n');
}

function epicDetails(parts: Parts): string {
  const lines = ['## 6. Epic Details'];
  for (const epic of parts.epics) {
    lines.push('', `### Epic ${epic.id}: ${epic.title}`, '', epic.goal);
    for (const story of epic.stories) {
      lines.push(
        '',
        `#### Story ${story.id} ${story.title}`,
        '',
        `As ${withArticle(story.as_a)}, I want ${story.i_want}, so that ${story.so_that}.`,
        '',
        '**Acceptance Criteria**',
        '',
        ...story.acceptance_criteria.map((criterion, index) => `${index + 1}. ${criterion}`),
        '',
        `Covers: ${story.requirements.map(aiosId).join(', ')}`,
      );
    }
  }
  return lines.join('\n');
}

/** The PM checklist, judged on the PRD as written: PASS only where the check holds, else PARTIAL with what it found. */
function checklist(scope: Scope, parts: Parts, written: string): string {
  const { model } = scope;
  const stories = parts.epics.flatMap((epic) => epic.stories);
  const allCriteria = stories.every((story) => story.acceptance_criteria.length > 0 && written.includes(`#### Story ${story.id} `));
  const { functional } = parts.requirements;
  const planned = functional.filter((fr) => fr.priority !== 'wont');
  const delivered = planned.filter((fr) => stories.some((story) => story.requirements.includes(fr.id))).length;
  const section = (title: string): string => {
    const at = written.indexOf(`\n## ${title}`);
    if (at < 0) return '';
    const end = written.indexOf('\n## ', at + 1);
    return written.slice(at, end < 0 ? undefined : end);
  };
  const ui = section('3. User Interface Design Goals');
  const screens = (ui.split('### Core Screens and Views')[1] ?? '').split('\n###')[0]!.split('\n').filter((line) => line.startsWith('- ')).length;
  const uxOk = screens > 0 && /### Accessibility: WCAG/.test(ui);
  const technical = section('4. Technical Assumptions');
  const guidance = ['### Repository Structure', '### Service Architecture', '### Testing Requirements'].filter((heading) => !technical.includes(heading));
  // Measurable: a figure to meet, or the test that shows it is met.
  const measured = parts.requirements.non_functional.filter((nfr) => /\d|\btest(?:s|ed)?\b/.test(nfr.description)).length;
  const rows: Array<[string, boolean, string]> = [
    ['Problem definition and context', model.problems.length > 0, model.problems.length > 0 ? 'problems stated in the spec' : 'problem inferred; confirm with stakeholders'],
    ['MVP scope definition', functional.some((fr) => fr.priority === 'wont'), 'must / should / could / won\'t set for every requirement'],
    ['User experience requirements', uxOk, uxOk ? `UI goals, ${count(screens, 'core screen')} and a WCAG target set` : 'core screens or the WCAG target missing from section 3'],
    ['Functional requirements', planned.length > 0 && delivered === planned.length, `${delivered}/${planned.length} planned requirements delivered by a story; ${functional.length - planned.length} won't-have`],
    ['Non-functional requirements', parts.requirements.non_functional.length > 0 && measured === parts.requirements.non_functional.length, `${measured}/${parts.requirements.non_functional.length} with a figure to meet or the test that shows it`],
    ['Epic and story structure', allCriteria, `${count(parts.epics.length, 'epic')}, ${count(stories.length, 'story', 'stories')}${allCriteria ? ', each with numbered acceptance criteria' : '; some story lacks acceptance criteria'}`],
    ['Success metrics', model.metrics.length > 0, model.metrics.length > 0 ? 'metrics from the spec' : 'metrics proposed; confirm targets'],
    ['Technical guidance', guidance.length === 0, guidance.length === 0 ? 'repository, service architecture and testing level fixed in section 4' : `section 4 lacks ${guidance.join(', ')}`],
  ];
  return table(['Category', 'Status', 'Notes'], rows.map(([category, pass, note]) => [category, pass ? 'PASS' : 'PARTIAL', note]));
}

function nextSteps(scope: Scope, parts: Parts, written: string): string {
  const { model } = scope;
  const roles = listing(scope.roles.map((role) => pluralLabel(role.label)));
  const first = parts.epics[1] ?? parts.epics[0];
  return [
    '## 7. Checklist Results and Next Steps',
    '',
    '### Checklist Results',
    '',
    checklist(scope, parts, written),
    '',
    '### Next Steps',
    '',
    '#### UX Expert Prompt',
    '',
    `@ux-design-expert: from this PRD, write the front-end specification for ${model.name}: flows for ${roles}, one screen per core view in section 3, design tokens meeting WCAG 2.1 AA, and shadcn/ui components${first ? `, starting with Epic ${first.id} (${first.title})` : ''}.`,
    '',
    '#### Architect Prompt',
    '',
    `@architect: from this PRD and the front-end specification, design ${model.name}'s full-stack architecture on ${stackOf(scope).summary}: a data model for ${listing(scope.entities.map((entity) => lower(entity.pluralLabel))) || 'the records above'}, row level security for ${roles}, and a migration; honour the constraints in section 2 and the technical assumptions in section 4.`,
  ].join('\n');
}
