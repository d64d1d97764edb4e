import type { Priority } from '../../contract/index.js';
import { listing, lower, pluralLabel, unique, withArticle } from '../english.js';
import { capitalize } from '../naming.js';
import type { IntegrationKind, IntegrationSpec, RoleSpec } from '../model.js';
import type { DraftEpic, DraftRequirement, DraftStory } from './draft.js';
import { isExternal, type Scope } from './scope.js';

/**
 * The integration epics, after the core workflows: money first (it changes what people can do),
 * then the services that notify, find and show things.
 */
export function integrationEpics(scope: Scope): DraftEpic[] {
  const epics: DraftEpic[] = [];
  if (scope.money.length > 0) {
    const kinds = scope.money.map((integration) => KINDS[integration.kind].title);
    epics.push({
      title: capitalize(listing(unique(kinds))),
      goal:
        `Take money through ${listing(unique(scope.money.map((i) => i.provider)))}: ${unique(scope.money.map((i) => reasonOf(i))).join('; ')}. ` +
        'Amounts come from the database and payment state only changes when the provider confirms it by webhook, so nothing can be paid for twice or unlocked for free.',
      stories: scope.money.map((integration) => integrationStory(scope, integration)),
    });
  }
  if (scope.services.length > 0) {
    const kinds = scope.services.map((integration) => KINDS[integration.kind].title);
    epics.push({
      title: capitalize(listing(unique(kinds))),
      goal:
        `Connect ${scope.model.name} to ${listing(unique(scope.services.map((i) => i.provider)))} for what the spec asks: ${unique(scope.services.map((i) => reasonOf(i))).join('; ')}. ` +
        'Each integration builds on the workflows already delivered, keeps its secrets server-side in Edge Functions, and degrades gracefully when the provider is down.',
      stories: scope.services.map((integration) => integrationStory(scope, integration)),
    });
  }
  return epics;
}

interface KindText {
  title: string;
  priority: Priority;
  /** Words in a capability that show which role this integration serves. */
  actor: RegExp;
  want: (i: IntegrationSpec) => string;
  benefit: string;
  criteria: (i: IntegrationSpec, who: string) => string[];
}

/** What each kind of integration means to a user, and how to test it. */
const KINDS: Record<IntegrationKind, KindText> = {
  payments: {
    title: 'payments',
    priority: 'must',
    actor: /\b(?:pay|buy|purchase|check ?out|book|order)/i,
    want: (i) => `to pay online with ${i.provider}`,
    benefit: 'I do not have to pay in person or by bank transfer',
    criteria: (i) => [
      `Checkout opens ${i.provider}'s hosted payment page with the amount read from the database, never from the browser.`,
      `A webhook verifies ${i.provider}'s signature before marking the payment as paid; a replayed event changes nothing.`,
      'A cancelled or failed payment leaves the purchase unpaid and says so, with a way to try again.',
      `${i.provider} secret keys live only in Edge Function secrets.`,
    ],
  },
  subscriptions: {
    title: 'subscriptions',
    priority: 'must',
    actor: /\b(?:subscri|plan|member)/i,
    want: (i) => `to subscribe to a plan through ${i.provider}`,
    benefit: 'I get the paid content and features without renewing by hand',
    criteria: (i) => [
      `Subscribing opens ${i.provider}'s hosted checkout for the chosen plan; access starts when the ${i.provider} webhook confirms it.`,
      'Paid content is served only while the subscription is active; row level security checks it, not the interface.',
      `A subscriber can cancel or change their plan from a ${i.provider} customer portal link in their settings.`,
      'A failed renewal ends access at the end of the paid period and emails the subscriber.',
    ],
  },
  email: {
    title: 'email notifications',
    priority: 'should',
    actor: /\b(?:email|invite|notif|digest)/i,
    want: (i) => `to get emails from ${i.provider} when something concerns me`,
    benefit: 'I hear about what matters without checking the app',
    criteria: (i) => [
      `The emails the spec asks for are sent through ${i.provider} within one minute of the event that triggers them.`,
      'Every email names the product, links straight to the record it is about and, unless transactional, has an unsubscribe link that works.',
      'A failed send is retried and logged; it never blocks the action that triggered it.',
    ],
  },
  sms: {
    title: 'SMS reminders',
    priority: 'should',
    actor: /\b(?:sms|text|remind)/i,
    want: (i) => `to get text messages from ${i.provider}`,
    benefit: 'I do not miss what I signed up for',
    criteria: (i) => [
      'A phone number is checked to be in international (E.164) format before it is saved.',
      `Messages go out through ${i.provider} at the scheduled time, at most one per event and person.`,
      'Replying STOP ends all messages to that number, and the setting shows in the person\'s profile.',
    ],
  },
  oauth: {
    title: 'social sign-in',
    priority: 'should',
    actor: /\bsign/i,
    want: (i) => `to sign in with ${i.provider}`,
    benefit: 'I do not need another password',
    criteria: (i) => [`A "Continue with ${i.provider}" button signs the person in and creates the account on first use.`],
  },
  file_uploads: {
    title: 'file uploads',
    priority: 'should',
    actor: /\b(?:upload|photo|image|file|picture)/i,
    want: (i) => `to upload images and files to ${i.provider}`,
    benefit: 'my records show what they are about',
    criteria: (i) => [
      `Uploads go to a ${i.provider} bucket with storage policies that mirror the record's row level security.`,
      'Images are JPEG, PNG or WebP up to 5 MB; anything else is refused with a clear message before uploading.',
      'An upload shows progress, and a preview once done; removing the record removes its files.',
    ],
  },
  realtime: {
    title: 'live updates',
    priority: 'should',
    actor: /\b(?:live|real ?time|leaderboard|chat|message)/i,
    want: (i) => `to see changes live through ${i.provider}`,
    benefit: 'I never act on stale information',
    criteria: () => [
      'A change made by one person appears for everyone viewing the same page within 2 seconds, without a reload.',
      'After the connection drops, the page reconnects by itself and catches up on what it missed.',
      'Live updates respect row level security: nobody receives rows they could not read.',
    ],
  },
  maps: {
    title: 'maps',
    priority: 'should',
    actor: /\b(?:map|near|browse|find|address|location)/i,
    want: (i) => `to see places on a ${i.provider} map`,
    benefit: 'I can find what is near me',
    criteria: (i) => [
      `Addresses are turned into coordinates when saved, and ${i.provider} shows them as pins.`,
      'Choosing a pin opens the same details as the list; the list stays available for keyboard and screen-reader users.',
      'When the map cannot load, the list still works.',
    ],
  },
  search: {
    title: 'search',
    priority: 'should',
    actor: /\b(?:search|find|browse|filter)/i,
    want: (i) => `to search with ${i.provider}`,
    benefit: 'I find the record I need in seconds',
    criteria: () => [
      'Typing in the search box shows matching results within 500 ms on 10,000 records, ranked by relevance.',
      'Results can be narrowed by the filters the list already has, and a search with no match says so and suggests clearing filters.',
      'Search never returns rows the person may not read.',
    ],
  },
  calendar: {
    title: 'calendar sync',
    priority: 'should',
    actor: /\b(?:calendar|schedul|book)/i,
    want: (i) => `to add dates to my ${i.provider} calendar`,
    benefit: 'my schedule stays in one place',
    criteria: () => [
      'Every dated record offers "Add to calendar" with an .ics file holding its title, time and link.',
      'Changing or cancelling the record updates or cancels the calendar entry.',
    ],
  },
  analytics: {
    title: 'usage analytics',
    priority: 'could',
    actor: /\b(?:statistic|report|analytic|dashboard|insight)/i,
    want: (i) => `to see usage analytics in ${i.provider}`,
    benefit: 'decisions rest on how the product is really used',
    criteria: () => [
      'Sign-up, first record created and each core action are tracked as named events.',
      'No personal data (names, emails, free text) is sent to the analytics provider.',
      'Tracking starts only after consent where the law asks for it.',
    ],
  },
  notifications: {
    title: 'notifications',
    priority: 'should',
    actor: /\b(?:notif|remind|alert|push)/i,
    want: (i) => `to get ${i.provider} notifications`,
    benefit: 'I react in time',
    criteria: () => [
      'The app asks for notification permission only when the person turns on a notification, not on first visit.',
      'Each kind of notification can be switched off in settings.',
      'A notification opens the record it is about.',
    ],
  },
  ai: {
    title: 'AI assistance',
    priority: 'should',
    actor: /\b(?:ai|suggest|generat|summar)/i,
    want: (i) => `help from ${i.provider}`,
    benefit: 'routine writing and sorting take less of my time',
    criteria: (i) => [
      `Calls to ${i.provider} go through an Edge Function; the API key never reaches the browser.`,
      'AI output is marked as suggested and is editable before it is saved.',
      'Each person has a daily limit of AI requests, and reaching it says so.',
    ],
  },
};

function integrationStory(scope: Scope, integration: IntegrationSpec): DraftStory {
  const kind = KINDS[integration.kind];
  const actor = actorFor(scope, kind.actor);
  const requirement: DraftRequirement = {
    key: `integration:${integration.kind}:${integration.provider}`,
    description: `${capitalize(kind.title)} through ${integration.provider}: ${reasonOf(integration)}.`,
    priority: kind.priority,
  };
  return {
    title: `${capitalize(kind.title)} with ${integration.provider}`,
    as_a: lower(actor.label),
    i_want: kind.want(integration),
    so_that: kind.benefit,
    acceptance_criteria: [
      `${capitalize(trimReason(integration.reason))}, as the spec asks.`,
      ...kind.criteria(integration, withArticle(lower(actor.label))),
      ...(isExternal(integration)
        ? [`Without ${integration.provider} credentials configured, the rest of the app keeps working and ${pluralLabel(scope.admin?.label ?? 'operator')} see why in the logs.`]
        : []),
    ],
    covers: [requirement],
  };
}

/** The role whose capabilities mention what the integration is for; the primary role otherwise. */
function actorFor(scope: Scope, pattern: RegExp): RoleSpec {
  return scope.roles.find((role) => role.capabilities.some((cap) => pattern.test(cap.text))) ?? scope.primary;
}

function trimReason(reason: string): string {
  return reason.trim().replace(/[.\s]+$/, '');
}

/** The reason mid-sentence: lower case, unless it starts with the provider's name ("Stripe takes payments online"). */
function reasonOf(integration: IntegrationSpec): string {
  const reason = trimReason(integration.reason);
  return reason.startsWith(integration.provider) ? reason : lower(reason);
}
