import type { IntegrationKind, IntegrationSpec } from '../model.js';
import { hasPhrase } from './phrase.js';

/**
 * Services the product needs beyond its database, from the words that ask for them. A provider
 * the spec names wins; otherwise the default that fits a Supabase + React stack.
 */
interface IntegrationRule {
  kind: IntegrationKind;
  /** Phrases (lower case, whole words) that ask for the integration. */
  phrases: string[];
  /** Phrases that look alike but ask for something else ("search engines" is SEO). */
  not?: string[];
  providers: string[];
  fallback: string;
}

/** "Google login", "GitHub sign-in", "login via Google": a provider's own account signs people in. */
function signInWith(providers: string[]): string[] {
  return providers.flatMap((provider) => {
    const name = provider.toLowerCase();
    return [`${name} login`, `${name} log in`, `${name} sign-in`, `${name} sign in`, `${name} account`, `login via ${name}`, `log in via ${name}`, `sign in via ${name}`];
  });
}

const RULES: IntegrationRule[] = [
  {
    kind: 'payments',
    phrases: ['pay', 'pays', 'paid', 'payment', 'payments', 'checkout', 'check out', 'deposit', 'stripe', 'paypal', 'buy', 'buys'],
    providers: ['Stripe', 'PayPal', 'Paddle', 'Square', 'Lemon Squeezy', 'Braintree', 'Adyen'],
    fallback: 'Stripe',
  },
  {
    kind: 'subscriptions',
    phrases: ['subscription', 'subscriptions', 'subscribe', 'subscribes', 'monthly plan', 'yearly plan', 'recurring billing', 'membership', 'memberships', 'paying subscribers'],
    providers: ['Stripe', 'Paddle', 'Chargebee', 'Lemon Squeezy'],
    fallback: 'Stripe Billing',
  },
  {
    kind: 'email',
    phrases: ['by email', 'email notification', 'email notifications', 'email digest', 'email reminder', 'email reminders', 'email alert', 'email alerts', 'newsletter', 'newsletters', 'send email', 'sends email', 'send emails', 'emails', 'invite by email', 'email invite', 'email invites', 'transactional email'],
    providers: ['Resend', 'SendGrid', 'Postmark', 'Mailgun', 'Amazon SES', 'Mailchimp'],
    fallback: 'Resend',
  },
  {
    kind: 'sms',
    phrases: ['sms', 'text message', 'text messages', 'twilio', 'whatsapp'],
    providers: ['Twilio', 'Vonage', 'MessageBird'],
    fallback: 'Twilio',
  },
  {
    kind: 'oauth',
    phrases: ['sign in with', 'log in with', 'login with', 'sign up with', 'oauth', 'sso', 'single sign-on', 'social login', ...signInWith(['Google', 'GitHub', 'Apple', 'Microsoft', 'Facebook', 'LinkedIn', 'Slack', 'Discord'])],
    not: ['sign in with email', 'sign up with email', 'log in with email', 'login with email', 'sign in with an email', 'sign up with an email', 'sign in with a password'],
    providers: ['Google', 'GitHub', 'Apple', 'Microsoft', 'Facebook', 'LinkedIn', 'Slack', 'Discord', 'Twitter', 'Okta', 'Auth0', 'Azure AD'],
    fallback: 'Supabase Auth',
  },
  {
    kind: 'file_uploads',
    phrases: ['upload', 'uploads', 'photo', 'photos', 'image', 'images', 'picture', 'pictures', 'attachment', 'attachments', 'avatar', 'avatars', 'file', 'files', 'document', 'documents', 'video', 'videos', 'csv import', 'import csv', 'import a csv'],
    providers: ['Cloudinary', 'UploadThing', 'Amazon S3', 'S3'],
    fallback: 'Supabase Storage',
  },
  {
    kind: 'realtime',
    phrases: ['real time', 'real-time', 'realtime', 'live', 'instantly', 'chat', 'presence'],
    providers: ['Pusher', 'Ably', 'Liveblocks'],
    fallback: 'Supabase Realtime',
  },
  {
    kind: 'maps',
    phrases: ['map', 'maps', 'geolocation', 'directions', 'nearby', 'near me', 'mapbox', 'google maps'],
    providers: ['Google Maps', 'Mapbox', 'Leaflet', 'OpenStreetMap'],
    fallback: 'Mapbox',
  },
  {
    kind: 'search',
    phrases: ['search', 'searches', 'full-text', 'full text', 'algolia', 'meilisearch', 'typesense'],
    not: ['search engine', 'search engines'],
    providers: ['Algolia', 'Meilisearch', 'Typesense', 'Elasticsearch'],
    fallback: 'Postgres full-text search',
  },
  {
    kind: 'calendar',
    phrases: ['calendar', 'calendars', 'ical', 'ics', 'google calendar', 'outlook calendar'],
    providers: ['Google Calendar', 'Outlook', 'Cal.com', 'Calendly'],
    fallback: 'iCalendar (.ics) feeds',
  },
  {
    kind: 'analytics',
    phrases: ['analytics', 'google analytics', 'posthog', 'mixpanel', 'plausible', 'track usage', 'funnel', 'funnels'],
    providers: ['Google Analytics', 'PostHog', 'Mixpanel', 'Plausible', 'Amplitude'],
    fallback: 'PostHog',
  },
  {
    kind: 'notifications',
    phrases: ['push notification', 'push notifications', 'push', 'in-app notification', 'in-app notifications', 'onesignal'],
    providers: ['OneSignal', 'Firebase Cloud Messaging', 'Expo'],
    fallback: 'Web Push',
  },
  {
    kind: 'ai',
    phrases: ['ai', 'a.i.', 'gpt', 'llm', 'openai', 'chatgpt', 'claude', 'machine learning', 'generate with ai', 'ai-generated', 'ai-powered'],
    providers: ['OpenAI', 'Anthropic', 'Claude', 'Gemini', 'Mistral'],
    fallback: 'OpenAI',
  },
];

/** A price per period: "€4.99 a month", "$49/year", "10 dollars per week". */
export const RECURRING_PRICE = /(?:[€$£]\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?(?:€|\$|£|eur|euros?|usd|dollars?|pounds?))\s*(?:a|an|per|\/|each)\s*(?:month|year|week|mo|yr)\b/i;

/** "no online payment", "without email": a phrase the sentence refuses, up to two words after the "no". */
const refused = (lower: string, phrase: string): boolean => new RegExp(`\\b(?:no|not|without|never)\\s+(?:[a-z-]+\\s+){0,2}${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(lower);
/** "for now", "not yet", "later": what is refused is put off, not ruled out. */
const PUT_OFF = /\b(?:for now|yet|later|at first|in v1|for the mvp)\b/;

/** Integrations asked for in the sentences of the spec, in the order of the rules above. */
export function readIntegrations(sentences: string[]): IntegrationSpec[] {
  const found: IntegrationSpec[] = [];
  const lower = sentences.map((s) => s.toLowerCase());
  for (const rule of RULES) {
    const asks = (s: string): boolean =>
      (rule.phrases.some((p) => hasPhrase(s, p) && !refused(s, p)) && !(rule.not ?? []).some((p) => onlyIn(s, rule.phrases, p))) || (rule.kind === 'subscriptions' && RECURRING_PRICE.test(s));
    const at = lower.findIndex(asks);
    if (at < 0) continue;
    const provider = rule.providers.find((p) => lower.some((s) => hasPhrase(s, p.toLowerCase())));
    // The sentence that asks for it and names the provider says most ("Payments with Stripe").
    const named = provider ? lower.findIndex((s) => asks(s) && hasPhrase(s, provider.toLowerCase())) : -1;
    const hit = sentences[named >= 0 ? named : at]!;
    found.push({
      kind: rule.kind,
      provider: provider ?? rule.fallback,
      stated: provider !== undefined,
      reason: hit.trim(),
    });
  }
  return found;
}

/**
 * Services the spec puts off ("so no online payment for now"): the words it refuses them with,
 * each said once, for the documents to list as deferred.
 */
export function deferredIntegrations(sentences: string[]): string[] {
  const deferred: string[] = [];
  for (const sentence of sentences.map((s) => s.toLowerCase())) {
    if (!PUT_OFF.test(sentence)) continue;
    for (const rule of RULES) {
      for (const phrase of rule.phrases) {
        const match = new RegExp(`\\b(?:no|not|without)\\s+((?:[a-z-]+\\s+){0,2}${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})\\b`).exec(sentence);
        if (match && !deferred.some((text) => text.includes(match[1]!))) deferred.push(match[1]!);
      }
    }
  }
  return deferred;
}

/** True when every match of the rule's phrases in the sentence is inside the excluded phrase. */
function onlyIn(lower: string, phrases: string[], excluded: string): boolean {
  if (!hasPhrase(lower, excluded)) return false;
  const without = lower.split(excluded).join(' ');
  return !phrases.some((p) => hasPhrase(without, p));
}

const LABELS: Record<IntegrationKind, string> = {
  payments: 'Payments', subscriptions: 'Subscriptions', email: 'Email', sms: 'SMS', oauth: 'Social sign-in',
  file_uploads: 'File uploads', realtime: 'Live updates', maps: 'Maps', search: 'Search', calendar: 'Calendar sync',
  analytics: 'Analytics', notifications: 'Push notifications', ai: 'AI features',
};

/** What people call an integration of this kind: "Social sign-in", "Live updates". */
export function integrationLabel(kind: IntegrationKind): string {
  return LABELS[kind];
}

/** The assumption behind a provider the spec did not name. */
export function providerNote(integration: Pick<IntegrationSpec, 'kind' | 'provider'>): string {
  return `${LABELS[integration.kind]} through ${integration.provider}: the spec names no provider`;
}

/** The provider that fits a Supabase + React stack when none is named. */
export function defaultProvider(kind: IntegrationKind): string {
  return RULES.find((rule) => rule.kind === kind)!.fallback;
}

const PURPOSES: Record<IntegrationKind, string> = {
  payments: 'takes payments online',
  subscriptions: 'bills recurring plans',
  email: 'sends email',
  sms: 'sends text messages',
  oauth: 'signs people in with an account they already have',
  file_uploads: 'stores uploaded files and images',
  realtime: 'pushes changes to open screens as they happen',
  maps: 'shows places on a map',
  search: 'finds records by their text',
  calendar: 'puts dates in people\'s calendars',
  analytics: 'measures how the product is used',
  notifications: 'sends push notifications',
  ai: 'generates text with a language model',
};

/** What an integration is for, when the model does not say: "Stripe takes payments online". */
export function integrationPurpose(kind: IntegrationKind, provider: string): string {
  return `${provider} ${PURPOSES[kind]}`;
}
