import type { NfrCategory, Requirements } from '../../contract/index.js';
import { listing, lower, unique } from '../english.js';
import { capitalize } from '../naming.js';
import type { NeedSpec } from '../model.js';
import type { DraftEpic, DraftRequirement } from './draft.js';
import { quoted, sentenceEnd } from './phrases.js';
import { DEFERRING, isExternal, type Scope } from './scope.js';
import { stackOf } from './stack.js';

type Functional = Requirements['functional'][number];

/**
 * Numbers the functional requirements in delivery order (epic by epic, story by story), then the
 * `wont` items, which belong to no epic. Returns the key → id map the stories are written with.
 */
export function numberFunctional(
  epics: readonly DraftEpic[],
  wont: readonly DraftRequirement[],
): { functional: Functional[]; idOf: Map<string, string> } {
  const functional: Functional[] = [];
  const idOf = new Map<string, string>();
  const add = (draft: DraftRequirement, epic: number | undefined) => {
    if (idOf.has(draft.key)) return;
    const id = `FR-${functional.length + 1}`;
    idOf.set(draft.key, id);
    functional.push({ id, description: draft.description, priority: draft.priority, ...(epic === undefined ? {} : { epic }) });
  };
  epics.forEach((epic, index) => epic.stories.forEach((story) => story.covers.forEach((draft) => add(draft, index + 1))));
  wont.forEach((draft) => add(draft, undefined));
  return { functional, idOf };
}

const NEGATION = /^(?:no|not|without|never|don'?t|do not|exclude)\b/i;
const NATIVE = /\b(?:native|ios|android|app store|play store)\b/i;

/** The topics of the generic won't-haves, as a deferred feature of the idea would name them. */
const TOPICS: Record<string, RegExp> = {
  'native-apps': /\b(?:native|ios|android|app stores?)\b/i,
  offline: /\boffline\b/i,
  payments: /\bpay(?:s|ing|ments?)?\b|\bcheckout\b/i,
  languages: /\b(?:languages?|translations?|multilingual)\b/i,
};

/** What the MVP explicitly leaves out: the spec's exclusions, assumptions that defer, and what was not asked for. */
export function wontHave(scope: Scope): DraftRequirement[] {
  const { model } = scope;
  const items: DraftRequirement[] = [];
  // What the idea itself puts off is listed in its own words (placeFeatures): a generic won't-have
  // on the same topic would say it twice ("Taking payments online" and "online payment").
  const deferred = model.features.filter((feature) => feature.priority === 'wont').map((feature) => feature.text);
  const add = (key: string, description: string) => {
    const topic = TOPICS[key];
    if (topic && deferred.some((text) => topic.test(text))) return;
    items.push({ key: `wont:${key}`, description: sentenceEnd(description), priority: 'wont' });
  };

  model.constraints.forEach((text, index) => {
    if (NEGATION.test(text.trim())) add(`constraint:${index}`, `${capitalize(text.trim().replace(/\.$/, ''))} (excluded by the spec)`);
  });
  model.assumptions.forEach((text, index) => {
    if (DEFERRING.test(text)) add(`assumption:${index}`, capitalize(text.trim()));
  });
  const texts = [...model.constraints, ...model.needs.map((need) => need.text)];
  if (!texts.some((text) => NATIVE.test(text))) {
    const mobile = model.needs.some((need) => need.source === 'stated' && /\b(?:mobile|phone)/i.test(need.text));
    add(
      'native-apps',
      `Native iOS and Android apps: the responsive web app covers phones${mobile ? ' (the spec asks for mobile use, not for app store apps)' : ''} in the MVP`,
    );
  }
  if (!model.needs.some((need) => need.category === 'offline')) {
    add('offline', 'Working offline: the MVP needs a network connection');
  }
  // Only a price or fee is something a person pays; a deal's value or a unit cost is not.
  const priced = scope.entities.filter((entity) => entity.attributes.some((attr) => attr.kind === 'money' && /price|fee|deposit/.test(attr.name)));
  if (scope.money.length === 0 && priced.length > 0) {
    add('payments', `Taking payments online: ${listing(priced.map((entity) => lower(entity.pluralLabel)))} show prices, and payment happens outside the app in the MVP`);
  }
  if (!model.needs.some((need) => need.category === 'internationalization')) {
    add('languages', 'Interface languages other than English');
  }
  return unique(items, (item) => item.description);
}

/** Measurable wording per category; `detail` carries what the product adds to the baseline. */
function measurable(category: NfrCategory, scope: Scope, need?: NeedSpec): string {
  const tier = scope.context.budget_tier ?? 'startup';
  const first = scope.entities[0];
  const many = first ? lower(first.pluralLabel) : 'records';
  switch (category) {
    case 'performance':
      return `Pages become interactive within 2.5 s on a mid-range phone over 4G (Largest Contentful Paint, 75th percentile), and a list of 1,000 ${many} loads within 1 s.`;
    case 'security':
      return need && /row level security|\brls\b/i.test(need.text)
        ? 'Policies are tested for every role; secrets stay server-side and every input is validated on the server as well as in the form.'
        : 'Row level security is enabled on every table, with policies tested for every role; secrets stay server-side and every input is validated on the server as well as in the form.';
    case 'privacy':
      return 'Personal data (names, emails, phone numbers) is collected only where a feature needs it, never written to logs, exportable on request and deleted within 30 days of account deletion.';
    case 'accessibility':
      return 'All text meets WCAG 2.1 AA contrast (4.5:1, 3:1 for large text); every action works with a keyboard, with a visible focus ring and labels a screen reader announces.';
    case 'reliability':
      return tier === 'enterprise'
        ? '99.9% monthly availability; point-in-time recovery of the database to any moment of the last 7 days.'
        : '99.5% monthly availability on managed hosting; daily database backups kept 7 days, restore rehearsed before launch.';
    case 'scalability':
      return {
        startup: 'Serves 1,000 monthly active users and 100 concurrent sessions on the entry database plan without code changes.',
        scaleup: 'Serves 50,000 monthly active users and 1,000 concurrent sessions; every list is paginated and every foreign key indexed.',
        enterprise: 'Serves 500,000 monthly active users; read-heavy pages cache and every list is paginated with indexed filters.',
      }[tier];
    case 'usability':
      return `Every screen works from 360 px wide upward with touch targets of at least 44×44 px; a new ${lower(scope.primary.label)} finishes their first task within 3 minutes without help.`;
    case 'internationalization':
      return 'All interface text lives in translation files; dates, numbers and currencies follow the viewer\'s locale; the layout survives 30% longer translations.';
    case 'compatibility':
      return 'Works in the latest two versions of Chrome, Safari, Firefox and Edge, on iOS 16+ and Android 10+ browsers.';
    case 'offline':
      return 'The app shell and the data needed for the stated offline task load without a connection (service worker); changes made offline sync within 30 s of reconnecting, and conflicts are shown, never silently lost.';
    case 'compliance':
      return need && /\bgdpr\b/i.test(need.text)
        ? 'GDPR: a lawful basis is recorded for each kind of personal data, people can export and delete their data within 30 days, data stays in an EU region, and processors are listed.'
        : 'Changes to personal and financial data are written to an audit log kept 12 months; data export and deletion requests are served within 30 days.';
    case 'maintainability':
      return 'TypeScript strict mode, database types generated from the schema, lint-clean code, and automated tests for every story\'s acceptance criteria.';
    case 'observability':
      return 'Front-end errors and Edge Function failures are reported with a request id; an alert fires when errors exceed 1% of requests in 5 minutes.';
  }
}

/** Baseline categories every product gets, in the order they are listed after the stated needs. */
const BASELINE: Record<'startup' | 'scaleup' | 'enterprise', NfrCategory[]> = {
  startup: ['performance', 'security', 'accessibility', 'privacy', 'reliability', 'scalability', 'maintainability'],
  scaleup: ['performance', 'security', 'accessibility', 'privacy', 'reliability', 'scalability', 'observability', 'maintainability'],
  enterprise: ['performance', 'security', 'accessibility', 'privacy', 'reliability', 'scalability', 'observability', 'compliance', 'maintainability'],
};

/** Stated needs first (one per category, quoting the spec), then the model's defaults, then the baseline. */
export function nonFunctional(scope: Scope): Requirements['non_functional'] {
  const { needs } = scope.model;
  const entries: Array<{ category: NfrCategory; description: string }> = [];
  const covered = new Set<NfrCategory>();

  const stated = needs.filter((need) => need.source === 'stated');
  for (const need of stated) {
    if (covered.has(need.category)) continue;
    covered.add(need.category);
    // The spec's own words are its source, quoted beside the requirements (statedInSpec), never its text.
    entries.push({ category: need.category, description: `${measurable(need.category, scope, need)} The spec asks for it (quoted under "Stated in the spec").` });
  }
  for (const need of needs) {
    if (need.source !== 'default' || covered.has(need.category)) continue;
    covered.add(need.category);
    entries.push({ category: need.category, description: `${sentenceEnd(capitalize(need.text))} ${measurable(need.category, scope, need)}` });
  }
  for (const category of BASELINE[scope.context.budget_tier ?? 'startup']) {
    if (covered.has(category)) continue;
    covered.add(category);
    entries.push({ category, description: measurable(category, scope) });
  }
  return entries.map((entry, index) => ({ id: `NFR-${index + 1}`, ...entry }));
}

const TIERS = {
  startup: 'Startup budget: managed services on free or entry plans (Supabase Free/Pro, provider pay-as-you-go); no servers to run and no dedicated operations staff.',
  scaleup: 'Scale-up budget: Supabase Pro or Team with point-in-time recovery and a staging project; paid plans for the integrations at expected volume.',
  enterprise: 'Enterprise budget: Supabase Team or Enterprise (SSO, SOC 2 report, support SLA), separate staging and production projects, and vendor reviews for every provider.',
} as const;

/** The spec's own words behind the requirements: its stated needs and constraints, quoted as sources. */
export function statedInSpec(scope: Scope): string[] {
  const { model } = scope;
  return unique([...model.needs.filter((need) => need.source === 'stated').map((need) => need.text), ...model.constraints].map(quoted));
}

/** The spec's own constraints, then what the platform and the budget impose. */
export function constraintsOf(scope: Scope): Requirements['constraints'] {
  const { model, context } = scope;
  const stack = stackOf(scope);
  const providers = unique(model.integrations.filter(isExternal).map((i) => `${i.provider} (${i.kind.replace(/_/g, ' ')})`));
  const texts = unique([
    ...(model.constraints.length > 0 ? [`Every story honours the ${model.constraints.length === 1 ? 'rule' : 'rules'} the spec sets (quoted under "Stated in the spec").`] : []),
    `Front end: ${stack.frontend}${stack.frontend.startsWith('React + Vite') ? ', the stack Lovable builds (it cannot build Next.js)' : ''}.`,
    `Back end: ${stack.backend}; no separate application server in the MVP, and server-side logic lives in Edge Functions.`,
    TIERS[context.budget_tier ?? 'startup'],
    ...(providers.length > 0 ? [`Third-party services are limited to ${listing(providers)}; each is called server-side with its own secret.`] : []),
    ...(context.industry ? [`Built for the ${context.industry} industry: its data-handling rules apply to every feature.`] : []),
  ]);
  return texts.map((description, index) => ({ id: `CON-${index + 1}`, description }));
}
