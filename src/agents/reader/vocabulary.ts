import type { CapabilityVerb } from '../model.js';

/**
 * The few closed word lists the reader needs on top of compromise's tagger: which nouns name
 * people, which verbs create or own things, and which nouns never make a sensible table.
 */

/** Nouns for people that compromise does not always tag as #Actor. */
export const PEOPLE = new Set([
  'admin', 'administrator', 'moderator', 'user', 'member', 'customer', 'client', 'owner', 'staff', 'employee',
  'student', 'teacher', 'seller', 'buyer', 'rep', 'representative', 'manager', 'reader', 'writer', 'author', 'editor',
  'subscriber', 'supplier', 'vendor', 'patient', 'doctor', 'nurse', 'veterinarian', 'vet', 'guest', 'host', 'instructor',
  'coach', 'trainer', 'tutor', 'learner', 'parent', 'volunteer', 'attendee', 'organizer', 'organiser', 'participant',
  'stylist', 'driver', 'rider', 'courier', 'agent', 'candidate', 'recruiter', 'tenant', 'landlord', 'resident',
  'player', 'fan', 'follower', 'freelancer', 'contractor', 'consultant', 'therapist', 'mentor', 'mentee',
  'partner', 'merchant', 'shopper', 'visitor', 'developer', 'designer', 'worker', 'technician', 'dispatcher',
  'accountant', 'lawyer', 'receptionist', 'operator', 'approver', 'reviewer', 'creator', 'influencer', 'artist',
]);

/** Words for anyone at all: they make the generic "user" role. */
export const GENERIC_PEOPLE = new Set(['user', 'person', 'people', 'someone', 'anyone', 'everyone', 'everybody', 'individual']);

/** Group words dropped in front of a role ("team members" → member). */
export const GROUP_MODIFIERS = new Set(['team', 'project', 'the', 'our', 'their']);

/** Words for the people with power over the whole product. */
export const ADMIN_WORDS = new Set(['admin', 'administrator', 'moderator', 'superuser', 'operator']);

/** Verbs whose object is something people create or keep records of. */
export const CREATE_VERBS = new Set([
  'create', 'add', 'list', 'publish', 'post', 'write', 'open', 'book', 'schedule', 'record', 'log', 'track', 'buy',
  'keep', 'upload', 'submit', 'leave', 'make', 'build', 'set', 'plan', 'organize', 'organise', 'register', 'sell',
  'reserve', 'rent', 'request', 'draft', 'compose', 'enter', 'store', 'save', 'file', 'raise', 'start', 'host',
  'run', 'launch', 'send', 'issue', 'order', 'place', 'define', 'configure', 'design', 'manage', 'offer',
  'share', 'collect', 'import', 'generate',
]);

/** Verbs that say one thing holds others ("each project has many tasks"). */
export const HAS_VERBS = new Set(['have', 'contain', 'include', 'hold', 'offer', 'own', 'consist', 'comprise', 'carry']);

/** Verbs a person does to a record of the product, mapped to a capability. */
export const CAPABILITY_VERBS: Record<string, CapabilityVerb> = {
  create: 'create', add: 'create', list: 'create', publish: 'create', post: 'create', write: 'create', open: 'create',
  book: 'create', schedule: 'create', record: 'create', log: 'create', buy: 'create', upload: 'create',
  submit: 'create', leave: 'create', make: 'create', build: 'create', plan: 'create', register: 'create',
  reserve: 'create', request: 'create', comment: 'create', review: 'create', keep: 'create', save: 'create',
  send: 'create', share: 'create', collect: 'create', import: 'create', place: 'create', raise: 'create', start: 'create', host: 'create', track: 'create', offer: 'create',
  see: 'view', view: 'view', browse: 'view', search: 'view', read: 'view', find: 'view', filter: 'view',
  explore: 'view', watch: 'view', follow: 'view', check: 'view', export: 'view', download: 'view', compare: 'view',
  edit: 'update', update: 'update', change: 'update', mark: 'update', approve: 'update', reassign: 'update',
  assign: 'update', rate: 'update', move: 'update', reschedule: 'update', answer: 'update', complete: 'update',
  delete: 'delete', remove: 'delete', cancel: 'delete', archive: 'delete', close: 'delete',
  manage: 'manage', moderate: 'manage', administer: 'manage', curate: 'manage', organize: 'manage', organise: 'manage',
};

/** Verbs whose noun form is the record people leave ("members can comment on tasks" → comment). */
export const VERB_RECORDS: Record<string, string> = {
  comment: 'comment', review: 'review', message: 'message', rate: 'rating', enroll: 'enrollment', enrol: 'enrollment',
  subscribe: 'subscription', vote: 'vote',
};

/** Records whose substance is what the person wrote: their text is the body. */
export const BODY_RECORDS = new Set(['comment', 'review', 'message']);

/** Participles that split a thing into parts: "courses made of lessons". */
export const PART_VERBS = new Set(['make', 'compose', 'divide', 'split', 'consist', 'break', 'organize', 'organise', 'group']);

/** Modifiers and classifier nouns that name a shared lookup table ("by category", "tags"). */
export const CLASSIFIERS = new Set(['category', 'tag', 'genre', 'label', 'topic', 'collection', 'department', 'brand', 'skill']);

/**
 * Nouns that are never a table of their own: the product itself, abstractions, channels, views and
 * outputs of the app, and words of time.
 */
export const NOT_ENTITIES = new Set([
  'thing', 'way', 'stuff', 'app', 'application', 'platform', 'system', 'tool', 'site', 'website', 'page', 'screen',
  'data', 'datum', 'information', 'info', 'time', 'end', 'start', 'list', 'code', 'real time', 'statistic', 'stat',
  'statistics', 'dashboard', 'report', 'reminder', 'alert', 'notification', 'email', 'sms', 'message', 'text', 'map',
  'search', 'search engine', 'user experience', 'experience', 'interface', 'ui', 'ux', 'mobile', 'phone', 'web',
  'online', 'offline', 'internet', 'account', 'login', 'sign', 'billing', 'pricing', 'payment', 'deposit', 'checkout',
  'cart', 'total', 'result', 'score', 'view', 'digest', 'leaderboard', 'pipeline', 'feature', 'part', 'kind', 'type',
  'lot', 'number', 'level', 'day', 'week', 'month', 'year', 'hour', 'minute', 'second', 'today', 'date', 'use', 'need',
  'people', 'person', 'everyone', 'anyone', 'someone', 'team', 'business', 'company name', 'one', 'other', 'spot',
  'seat', 'place', 'draft', 'quality', 'speed', 'security', 'privacy', 'access', 'support', 'help', 'stripe', 'google',
  'csv', 'pdf', 'excel', 'api', 'attendance', 'analytics', 'analytic', 'insight', 'metric', 'history', 'status',
  'them', 'it', 'step', 'process', 'flow', 'workflow', 'management', 'option', 'setting', 'preference', 'detail',
  'availability', 'progress', 'problem', 'issue tracker', 'goal', 'idea', 'product idea', 'barcode', 'scanning',
  'check', 'in', 'care', 'b2b', 'b2c', 'saas', 'crm', 'erp', 'marketplace', 'network', 'community', 'service provider',
  'description', 'body', 'content', 'bio', 'details', 'instructions', 'summary', 'prompt', 'reason', 'name', 'title',
]);

/** Nouns that name the product itself in its first sentence ("a booking platform"). */
export const PRODUCT_NOUNS = new Set([
  'app', 'application', 'platform', 'tool', 'system', 'marketplace', 'crm', 'website', 'site', 'portal', 'service',
  'software', 'saas', 'network', 'community', 'dashboard', 'erp', 'lms', 'solution', 'product', 'suite', 'hub',
  'tracker', 'planner', 'scheduler', 'directory',
]);

/** Places and organisations that a product serves ("for small agencies"), for segments. */
export const ORGANISATIONS = new Set([
  'agency', 'salon', 'team', 'studio', 'business', 'company', 'school', 'clinic', 'shop', 'store', 'restaurant',
  'startup', 'gym', 'office', 'hospital', 'practice', 'firm', 'organisation', 'organization', 'nonprofit', 'club',
  'warehouse', 'hotel', 'university', 'class', 'family', 'household', 'brand', 'retailer', 'creator', 'freelancer',
]);

/** Subordinators that open a new clause inside a sentence. */
export const SUBORDINATORS = new Set(['when', 'where', 'while', 'if', 'because', 'until', 'unless', 'whenever', 'whereas', 'so']);

/** Words that hand the action to someone else: "QuizMaster lets teachers create quizzes". */
export const ENABLING_VERBS = new Set(['let', 'allow', 'help', 'enable', 'empower']);

/** Words that quantify a noun: "many tasks", "a list of questions". */
export const MANY_WORDS = new Set(['many', 'several', 'multiple', 'some', 'all', 'any', 'numerous', 'various', 'unlimited']);
export const ONE_WORDS = new Set(['a', 'an', 'one', 'the', 'each', 'every', 'single', 'its', 'their', 'his', 'her', 'our', 'your', 'my', 'this', 'that', 'own']);
export const COLLECTION_WORDS = new Set(['list', 'set', 'collection', 'series', 'group', 'number', 'bunch']);
