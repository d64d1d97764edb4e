/**
 * What the reader knows about words beyond WordNet, as data: which verbs make a record of their
 * own ("book" makes a booking), which keep the thing they act on ("log a repair"), and which
 * nouns are never a table (the app, its screens, channels, brands). The reader's code weighs this
 * evidence; reading a new kind of idea should mean adding a line here, not a rule there.
 */

/**
 * Verbs whose act is a record of its own, with the record's name: "customers book a walker" is a
 * booking between them, "flatmates settle up" a settlement. `object` says the record is named
 * after its object when that is a kind of thing rather than a table ("pay rent" → rent payment).
 */
export const RECORD_ACTS: Readonly<Record<string, { record: string; object?: boolean; people?: boolean }>> = {
  book: { record: 'booking' },
  reserve: { record: 'reservation' },
  pay: { record: 'payment', object: true },
  buy: { record: 'order' },
  purchase: { record: 'order' },
  sell: { record: 'sale' },
  order: { record: 'order' },
  subscribe: { record: 'subscription' },
  enrol: { record: 'enrollment' },
  enroll: { record: 'enrollment' },
  apply: { record: 'application' },
  vote: { record: 'vote' },
  rsvp: { record: 'rsvp' },
  follow: { record: 'follow', people: true },
  like: { record: 'like' },
  swipe: { record: 'swipe' },
  rate: { record: 'rating' },
  review: { record: 'review' },
  comment: { record: 'comment' },
  chat: { record: 'message' },
  message: { record: 'message' },
  reply: { record: 'reply' },
  donate: { record: 'donation' },
  pledge: { record: 'pledge' },
  bid: { record: 'bid' },
  request: { record: 'request', object: true },
  invite: { record: 'invitation', people: true },
  borrow: { record: 'loan' },
  lend: { record: 'loan' },
  rent: { record: 'rental' },
  attend: { record: 'attendance' },
  refer: { record: 'referral' },
  tip: { record: 'tip' },
  split: { record: 'split' },
  settle: { record: 'settlement' },
  refund: { record: 'refund' },
  report: { record: 'report', object: true },
  favourite: { record: 'favorite' },
  favorite: { record: 'favorite' },
  bookmark: { record: 'bookmark' },
  watch: { record: 'watch' },
  match: { record: 'match' },
  install: { record: 'installation' },
  signup: { record: 'signup' },
  checkin: { record: 'check_in' },
  tickoff: { record: 'completion', object: true },
  complain: { record: 'complaint' },
  quote: { record: 'quote' },
  hire: { record: 'hire' },
  register: { record: 'registration' },
  visit: { record: 'visit' },
  suggest: { record: 'suggestion' },
  nominate: { record: 'nomination' },
  handout: { record: 'assignment', object: true },
  sight: { record: 'sighting' },
  // Exchanges between people are kept until the other side agrees: "swap a shift with a colleague".
  swap: { record: 'swap' },
  trade: { record: 'trade' },
  // "clock in/out on the job": each shift of work clocked is a time entry.
  clockin: { record: 'time_entry' },
};

/**
 * WordNet hypernyms of the nouns acts leave that a product keeps (verb-records.ts): a document or a
 * statement ("invoice", "answer", "bill"), an evaluation ("score", "grade"). Nouns of acts done in
 * the moment ("sharing", "viewing") are none of these; nor are commerce and payments in general
 * ("spending", "packaging", "earnings", "distribution"), which RECORD_ACTS names where they are records.
 */
export const KEPT_ACT_KINDS = ['document', 'statement', 'evaluation'];

/** Phrasal verbs that make a record ("sign up to shifts", "check in", "settle up", "fill up"). */
/**
 * The verb whose act a word names: itself when it is an act or a verb WordNet knows ("reorder",
 * "rebook"), else a "pre-"/"re-" form read as its bare verb ("pre-order" → order).
 */
export function actVerb(lemma: string, isVerb: (lemma: string) => boolean): string {
  return RECORD_ACTS[lemma] || isVerb(lemma) ? lemma : lemma.replace(/^(pre|re)-?/, '');
}

export const PHRASAL_ACTS: Readonly<Record<string, string>> = {
  'sign up': 'signup',
  'check in': 'checkin',
  'check off': 'tickoff',
  'tick off': 'tickoff',
  'mark done': 'tickoff',
  'mark complete': 'tickoff',
  'mark completed': 'tickoff',
  'mark finished': 'tickoff',
  'settle up': 'settle',
  'pay out': 'payout',
  'hand out': 'handout',
  'check out': 'checkout',
  'lend out': 'lend',
  'give kudos': 'kudos',
  'leave feedback': 'feedback',
  'leave a review': 'review',
  'give feedback': 'feedback',
  // "take attendance", "take roll": who came, a row per person and session.
  'take attendance': 'attend',
  'take roll': 'attend',
  'clock in': 'clockin',
  'clock inout': 'clockin',
  'clock on': 'clockin',
  'clock onoff': 'clockin',
  'clock out': 'clockin',
  'clock off': 'clockin',
};

/**
 * Measures people log against a record, an entry each time: "log time and expenses per project",
 * "record hours against each job" are time entries. (Time logged of nothing kept, "log their own
 * time" after a run, is a result's attribute.)
 */
export const LOGGED_MEASURES: Readonly<Record<string, string>> = { time: 'time_entry', hour: 'time_entry' };

/**
 * Evaluations people give or leave: "give it a score and a private comment", "leave feedback",
 * "give kudos". The record is named by what is given.
 */
export const EVALUATIONS: Readonly<Record<string, string>> = {
  score: 'review', rating: 'rating', star: 'rating', review: 'review', comment: 'comment', feedback: 'feedback',
  kudo: 'kudos', kudos: 'kudos', vote: 'vote', like: 'like', tip: 'tip', grade: 'grade', recommendation: 'recommendation',
};
export const GIVING_VERBS = new Set(['give', 'leave', 'post', 'write', 'add', 'submit', 'send', 'drop']);

/**
 * Records that hold several priced things at once, with the word for one of their rows: an order
 * of three dishes has three order items, an invoice several lines. A customer who orders several
 * things at once makes one of these and a row per thing.
 */
export const LINE_HOLDERS: Readonly<Record<string, string>> = {
  order: 'item', purchase: 'item', sale: 'item', tab: 'item', invoice: 'line', estimate: 'line', quote: 'line', quotation: 'line', receipt: 'line', bill: 'item',
};

/** Words for one row of such a record: "an order with several lines", "an invoice has items". */
export const LINE_WORDS = new Set(['line', 'item', 'line_item', 'row', 'position', 'entry']);

/**
 * Words for how much of a thing a record lists: "a recipe has its ingredients with amount and
 * unit". A thing kept on its own, listed in a record with an amount, is a row joining the two.
 */
export const AMOUNT_WORDS = new Set(['amount', 'quantity', 'qty', 'measure', 'dose', 'dosage', 'portion']);

/** Verbs by which a record (not a person) lists the things it is made of: "recipes list ingredients with quantities", "each kit specifies parts with a quantity". */
export const LISTING_VERBS = new Set(['list', 'specify', 'use', 'call']);

/** Where shoppers gather what they will order, checked out as one order: "put several in a basket", "add to the tab". */
export const CART_WORDS: Readonly<Record<string, string>> = { basket: 'order', cart: 'order', trolley: 'order', tab: 'tab' };

/** What a person joining a thing is to it: a member of a group (a club, a team, a cohort), a participant of anything else (a challenge, a tournament). */
export const JOINERS: Readonly<Record<'group' | 'other', string>> = { group: 'member', other: 'participant' };

/** Adverbs of place written after a noun ("the deli downstairs", "the park nearby"): where a thing is, never part of its name. */
export const PLACE_ADVERBS = new Set(['downstairs', 'upstairs', 'nearby', 'outside', 'inside', 'abroad', 'overseas', 'onsite', 'offsite', 'here', 'there', 'around', 'across']);

/** "in route order", "in alphabetical order": without a determiner, an arrangement, never a record. */
export const ARRANGEMENT_WORDS = new Set(['order', 'sequence']);

/** Classifier nouns: lookup tables when people pick, maintain or filter by them ("pick a category", "tags we put on tickets"). */
export const CLASSIFIERS = new Set(['category', 'tag', 'label', 'genre', 'type', 'kind', 'department', 'skill', 'topic', 'section', 'group', 'collection', 'brand', 'level', 'tier', 'status', 'stage']);

/** Product nouns that keep what qualifies them: a "habit tracker" keeps habits, a "time-off tracker" time off. */
export const KEEPER_NOUNS = new Set(['tracker', 'log', 'logger', 'register', 'manager', 'planner', 'journal', 'database', 'catalog', 'catalogue', 'directory', 'organizer', 'organiser', 'inventory', 'library', 'diary', 'book', 'board', 'list', 'scheduler', 'monitor']);

/** UI and product parts: never a table, whatever qualifies them ("careers page", "bottom nav", "staff side"). */
export const UI_HEADS = new Set(['page', 'screen', 'nav', 'navigation', 'bar', 'button', 'icon', 'toggle', 'portal', 'dashboard', 'view', 'side', 'row', 'column', 'widget', 'modal', 'popup', 'app', 'website', 'site', 'platform', 'software', 'checkbox', 'sidebar', 'header', 'footer', 'editor', 'panel', 'tile', 'chart', 'graph', 'heatmap', 'animation', 'mode', 'theme', 'font', 'emoji', 'confetti']);

/** Records of the phrasal acts above that are not verbs in RECORD_ACTS. */
export const PHRASAL_RECORDS: Readonly<Record<string, string>> = { payout: 'payout', kudos: 'kudos', feedback: 'feedback' };

/** Verbs that keep what they act on as a record: "log every fill-up", "add internal notes", "post an item". */
export const KEEPING_VERBS = new Set([
  'create', 'add', 'log', 'record', 'track', 'keep', 'post', 'submit', 'write', 'file', 'open', 'schedule', 'raise',
  'issue', 'enter', 'save', 'upload', 'publish', 'list', 'make', 'draft', 'plan', 'set', 'define', 'build', 'store',
  'import', 'collect', 'register', 'jot', 'note', 'put', 'produce', 'generate', 'send', 'prescribe', 'capture',
  'attach', 'organise', 'organize', 'maintain', 'manage', 'offer', 'start', 'launch', 'host',
  'photograph', 'tag', 'price', 'scan', 'mark', 'sign', 'fill', 'complete',
]);

/** Verbs that work on records that exist: the thing is kept somewhere, even if the idea never says who makes it. */
export const WORKING_VERBS = new Set([
  'assign', 'approve', 'decline', 'reject', 'accept', 'claim', 'edit', 'update', 'archive', 'delete', 'remove', 'close',
  'move', 'reorder', 'rename', 'sell', 'rent', 'confirm', 'cancel', 'acknowledge', 'escalate', 'convert', 'pick',
  'choose', 'select', 'turn', 'allocate', 'hold', 'complete', 'tick', 'drag', 'attach', 'link', 'group', 'split',
  'share', 'invite', 'review', 'rate', 'pay', 'book', 'join', 'check', 'return', 'hand', 'print', 'email', 'text',
  'export', 'duplicate', 'reuse', 'fix', 'repair', 'counter', 'swipe', 'watch', 'follow', 'like', 'favourite',
]);

/** Verbs that pick one of a kept set: "pick a room and one of its time slots", "choose the vehicle". */
export const PICKING_VERBS = new Set(['pick', 'choose', 'select', 'book', 'reserve', 'borrow', 'rent', 'join', 'assign', 'scan', 'attach', 'link']);

/** Verbs that only look: weak evidence that the thing is kept. */
export const LOOKING_VERBS = new Set(['see', 'view', 'browse', 'search', 'find', 'filter', 'sort', 'look', 'show', 'display', 'list', 'compare', 'read', 'count', 'know']);
/** Verbs of seeing rows, as who may see what says it: "plumbers only see their own jobs" (sight.ts). */
export const SEEING_VERBS = new Set(['see', 'view', 'read', 'access', 'browse']);

/** Verbs of having and holding: "each project has many tasks". */
export const HAVING_VERBS = new Set(['have', 'contain', 'include', 'hold', 'own', 'consist', 'comprise', 'carry', 'cover', 'take', 'get', 'need', 'come', 'sit', 'belong', 'go']);

/**
 * Nouns that are never a table of the product: the product and its screens, the stack and the
 * channels it uses, and words that name no thing at all.
 */
export const NOT_RECORDS = new Set([
  // the product and what it is made of
  'app', 'platform', 'system', 'site', 'website', 'web', 'page', 'screen', 'view', 'dashboard', 'portal',
  'software', 'solution', 'feature', 'button', 'toggle', 'tab bar', 'nav', 'navigation', 'menu bar', 'sidebar',
  'header', 'footer', 'input', 'modal', 'popup', 'widget', 'interface', 'ui', 'ux', 'design', 'layout', 'theme', 'mode',
  'dark mode', 'light mode', 'font', 'colour', 'color', 'animation', 'micro animation', 'confetti', 'tile', 'icon',
  'emoji', 'url', 'qr', 'api', 'endpoint', 'database', 'backend', 'frontend', 'server', 'edge function', 'function',
  'admin area', 'admin panel', 'panel', 'editor', 'rich text editor', 'spreadsheet', 'excel', 'word file', 'pdf', 'csv',
  'csv export', 'whiteboard', 'notebook', 'inbox', 'gmail', 'whatsapp group', 'group chat', 'ipad', 'tablet',
  'desktop', 'mobile', 'browser', 'pwa', 'shortcut', 'progress bar', 'bar', 'chart', 'charting library', 'heatmap',
  'calendar view', 'grid', 'day view', 'printout', 'login', 'account creation', 'sign in', 'password', 'magic link',
  'auth', 'authentication', 'rls', 'row level security', 'booking site', 'marketplace', 'crm', 'erp', 'saas', 'b2b',
  'b2c', 'hub', 'tracker', 'planner', 'mvp', 'version', 'v1', 'stack', 'tech', 'tech note', 'i18n', 'user story',
  'non functional', 'non-functional', 'nfr', 'kpi', 'kpis', 'requirements', 'nice to have',
  // channels and services
  'email', 'mail', 'sms', 'text', 'text message', 'notification', 'push', 'push notification', 'whatsapp', 'slack',
  'stripe', 'supabase', 'react', 'vite', 'resend', 'google', 'storage', 'supabase storage', 'domain', 'internet',
  'network', 'http', 'webhook',
  // words that name no thing
  'thing', 'stuff', 'way', 'part', 'lot', 'one', 'other', 'rest', 'whole', 'everything', 'anything', 'nothing',
  'something', 'information', 'info', 'data', 'detail', 'details', 'people', 'person', 'everyone', 'anyone', 'someone',
  'somebody', 'nobody', 'ppl', 'user', 'time', 'day', 'today', 'tomorrow', 'now', 'later', 'once', 'while', 'moment',
  'control', 'chaos', 'mess', 'idea', 'need', 'use', 'help', 'reason', 'fact', 'look', 'feel', 'look and feel',
  'whitespace', 'white space', 'space', 'quality', 'speed', 'security', 'privacy', 'access', 'reputation', 'overview',
  'glance', 'top', 'bottom', 'front', 'back', 'fun', 'sense', 'note field', 'stats', 'statistic', 'statistics',
  'analytics', 'insight', 'turnover', 'occupancy', 'management', 'tracking', 'reporting', 'filtering', 'planning',
  'scheduling', 'pricing', 'billing', 'basis', 'purpose', 'context', 'mind', 'eye', 'hand', 'head', 'heart', 'life', 'world',
]);

/**
 * Nouns that are usually not a table (times, documents and media, figures, places in general),
 * but are in some products: a league's seasons, a lost-and-found's reports. They need evidence of
 * their own to be kept.
 */
export const SELDOM_RECORDS = new Set([
  'week', 'month', 'year', 'hour', 'minute', 'second', 'morning', 'evening', 'night', 'weekend', 'date', 'period',
  'end', 'start', 'beginning', 'past', 'future', 'time zone', 'report', 'statement', 'document', 'file',
  'paper', 'sheet', 'photo', 'image', 'picture', 'pic', 'video', 'cover image', 'hero photo', 'gallery image',
  'video link', 'video url', 'rich text', 'text box', 'tool', 'form', 'field', 'map', 'menu', 'library', 'board',
  'card', 'code', 'link', 'template', 'default', 'setting', 'preference', 'reminder', 'call', 'phone call', 'phone',
  'history', 'progress', 'status', 'state', 'step', 'flow', 'workflow', 'process', 'list', 'total', 'count', 'rate',
  'percentage', 'figure', 'value', 'revenue', 'place', 'spot', 'region', 'country', 'city', 'language', 'requirement',
  'kind', 'type', 'sort', 'number', 'level', 'problem', 'support', 'care', 'track', 'community', 'story', 'export',
  'import', 'item', 'draft', 'pipeline',
]);

/** Adjectives that say how a thing is, not what kind it is: dropped from names ("their open ticket" → ticket). */
export const QUALITIES = new Set([
  'new', 'old', 'open', 'closed', 'own', 'other', 'same', 'different', 'whole', 'full', 'big', 'small', 'large',
  'little', 'good', 'best', 'great', 'main', 'first', 'last', 'next', 'previous', 'current', 'past', 'future', 'single',
  'multiple', 'several', 'many', 'various', 'specific', 'particular', 'certain', 'special', 'real', 'actual', 'simple',
  'quick', 'easy', 'free', 'online', 'offline', 'local', 'entire', 'individual', 'separate', 'extra', 'additional',
  'available', 'possible', 'nice', 'gorgeous', 'beautiful', 'clean', 'fresh', 'empty', 'busy', 'tiny', 'short', 'long',
  'high', 'low', 'fixed', 'exact', 'correct', 'right', 'wrong', 'total', 'overall', 'normal', 'usual', 'regular',
  'typical', 'common', 'shared', 'personal', 'private', 'favorite', 'favourite', 'secondhand', 'used', 'unused', 'unacknowledged',
  'upcoming', 'outstanding', 'overdue', 'accepted', 'rejected', 'failed', 'broken', 'completed', 'done', 'active',
  'inactive', 'archived', 'selected', 'chosen', 'assigned', 'given', 'paid', 'unpaid', 'late', 'early', 'yearly',
  'weekly', 'daily', 'monthly', 'annual', 'fancy', 'whole group', 'specific', 'relevant', 'important', 'tricky',
  'senior', 'junior', 'valid', 'expired', 'remaining', 'unlimited', 'lucky', 'whatever', 'such', 'certain', 'entire', 'live', 'real time', 'realtime', 'automatic',
]);

/**
 * Words that name a part of a whole, and mean something only with it: an invoice's lines, an
 * inspection's items and checks, a route's stops, a recipe's steps, a form's answers, a day's slots.
 * The relation reader ties a part gone through while making a record to that record; the model
 * names a part with its one whole ("invoice_line").
 */
export const PART_HEADS = new Set([
  'line', 'item', 'entry', 'row', 'step', 'answer', 'response', 'result', 'check', 'stop', 'detail', 'piece', 'part',
  'component', 'element', 'set', 'section', 'option', 'slot',
]);

/** Nouns that gather others: "a list of tags", "a library of exercises" name the tags and the exercises. */
export const CONTAINERS = new Set([
  'list', 'set', 'collection', 'library', 'catalogue', 'catalog', 'series', 'group', 'bunch', 'range', 'pool', 'menu',
  'database', 'history', 'log', 'register', 'record', 'file', 'directory', 'archive', 'inventory', 'stack', 'pile', 'queue', 'dozens',
  'lots', 'number', 'couple', 'handful', 'kind', 'type', 'sort', 'one', 'each', 'every', 'all', 'some', 'any', 'most',
]);

/**
 * Heads of compounds named after the records they hold or show (compounds.ts): a "repair history",
 * a "service catalog", a "harvest list", a "message thread", a "rehearsal calendar", a "donation
 * page", a "dispatch board" are the repairs, services, harvests, messages, rehearsals, donations
 * and dispatches, a row each, and never a table of their own.
 */
export const HOLDER_HEADS = new Set([
  'list', 'catalog', 'catalogue', 'library', 'directory', 'archive', 'inventory', 'database', 'register', 'menu',
  'history', 'log', 'logbook', 'journal', 'diary', 'calendar', 'schedule', 'timeline', 'agenda', 'thread', 'feed',
  'tracker', 'book', 'board', 'page', 'screen', 'view', 'dashboard', 'portal', 'chart', 'graph', 'heatmap', 'widget', 'panel',
]);

/** Holders that keep their rows by date: a history, a log, a calendar, a thread (each repair, rehearsal, message is a row). */
export const TIMELINES = new Set(['history', 'log', 'logbook', 'journal', 'diary', 'calendar', 'schedule', 'timeline', 'agenda', 'thread', 'feed']);

/** Containers that say nothing of their own: "a list", "a bunch" is never a table by itself. */
export const BARE_CONTAINERS = new Set(['group', 'menu', 'list', 'set', 'bunch', 'number', 'couple', 'handful', 'lots', 'dozens', 'kind', 'type', 'sort', 'one', 'each', 'every', 'all', 'some', 'any', 'most', 'range', 'pile', 'stack']);

/**
 * Words that name an attribute of a record rather than a record: kept as columns. A noun here
 * becomes a table only on strong evidence of its own (a heading, people creating it).
 */
export const ATTRIBUTE_WORDS = new Set([
  'name', 'title', 'label', 'email', 'phone', 'mobile', 'address', 'price', 'cost', 'amount', 'value', 'fee', 'total',
  'date', 'time', 'datetime', 'timestamp', 'deadline', 'duration', 'length', 'status', 'state', 'priority',
  'description', 'notes', 'body', 'content', 'text', 'summary', 'bio', 'photo', 'picture', 'image',
  'pic', 'avatar', 'logo', 'cover', 'video', 'url', 'link', 'website', 'quantity', 'count', 'number', 'size', 'colour',
  'color', 'weight', 'height', 'capacity', 'limit', 'level', 'grade', 'currency', 'percentage',
  'discount', 'reference', 'code', 'method', 'condition', 'model', 'serial', 'position', 'rank', 'year', 'age', 'gender', 'birthday', 'allergy', 'allergies', 'diagnosis', 'instructions',
  'reason', 'outcome', 'temperature', 'humidity', 'battery', 'odometer', 'litre',
  'liter', 'mileage', 'breed', 'species', 'type', 'kind', 'difficulty', 'servings', 'range', 'frequency', 'recommendation', 'strength', 'concern', 'abstract', 'format', 'sets', 'reps',
  'urgency', 'occupancy', 'bedroom', 'rent', 'deposit', 'salary', 'school', 'year group', 'exam board',
  'target grade', 'seat limit', 'party size', 'prep time', 'cook time', 'hold time', 'flag', 'checkbox', 'toggle',
  'streak', 'heatmap', 'emoji', 'sku', 'tracking number', 'vat number', 'serial number', 'asset tag', 'warranty',
]);

/**
 * WordNet hypernyms of figures: rates, ratios, averages ("the no-show rate", "avg wait + turnover
 * per table"). A report computes them from records; they are never kept as a table.
 */
export const FIGURE_KINDS = ['magnitude_relation', 'statistic'];

/** Heads that name the record kept about a thing, not a thing: a "patient record" is the patient's row. */
export const RECORD_OF_HEADS = new Set(['record', 'file', 'profile', 'details', 'detail', 'info', 'information', 'data', 'register']);

/** Words of signing in: "customers never log in", "staff do everything", "only the IT team logs into". */
export const SIGN_IN_VERBS = new Set(['log', 'login', 'sign', 'signin', 'use', 'access', 'open', 'register', 'have', 'get']);
export const SIGN_IN_OBJECTS = new Set(['account', 'accounts', 'login', 'logins', 'app', 'system', 'application', 'tool', 'portal', 'site', 'platform', 'access']);

/**
 * People who use a product for themselves, and so may pick their role at sign-up: the customers,
 * members and learners of it. Staff (vets, receptionists, mechanics) are appointed instead.
 */
export const SELF_SERVICE_PEOPLE = new Set([
  'customer', 'client', 'member', 'buyer', 'seller', 'reader', 'writer', 'author', 'student', 'learner', 'user', 'guest',
  'patient', 'attendee', 'subscriber', 'player', 'participant', 'tenant', 'traveler', 'traveller', 'visitor', 'shopper',
  'fan', 'listener', 'creator', 'host', 'owner', 'renter', 'rider', 'driver', 'applicant', 'candidate', 'parent',
  'volunteer', 'speaker', 'organiser', 'organizer', 'birder', 'flatmate', 'partner', 'patron', 'backer', 'donor',
  'freelancer', 'mentee', 'mentor', 'cook', 'gardener', 'walker', 'sitter', 'barista', 'landlord', 'agent',
]);

/**
 * Records that group others, named after what they hold or what they divide: "groups I create
 * (Morning, Work)" of habits are habit groups, "the menu is organised in sections" has menu sections,
 * "option groups" hold options. (joins.ts)
 */
export const GROUPING_HEADS = new Set(['group', 'section', 'folder', 'collection', 'category']);

/** Verbs that arrange records into the groups or parts above: "organised in sections", "sort habits into groups". */
export const ARRANGING_VERBS = new Set(['organise', 'organize', 'divide', 'split', 'group', 'sort', 'arrange', 'break']);

/** Containers that name a catalogue of what qualifies them: a "service menu" lists services, a "parts catalogue" parts. */
export const CATALOGUE_HEADS = new Set(['menu', 'catalogue', 'catalog', 'library', 'range', 'list']);

/** Verbs that put a shared thing into a record: "add songs to a playlist", "drag recipes into the plan". */
export const PLACING_VERBS = new Set(['add', 'put', 'drag', 'drop', 'move', 'place', 'pin', 'save', 'slot', 'insert']);

/** Words of recurrence: "weekly working hours", "shifts per week" are a schedule, a row per day or week. */
export const RECURRENCE_WORDS = new Set(['weekly', 'daily', 'monthly', 'fortnightly', 'recurring', 'regular', 'usual']);

/**
 * Verbs by which people take part in a record, each a row of its own: "players enter tournaments",
 * "teams compete in the league", "which players take part" (entries.ts; "take" stands for "take part").
 */
export const TAKING_PART_VERBS = new Set(['enter', 'join', 'participate', 'compete', 'play', 'belong', 'take']);

/** Verbs of billing someone ("invoice each client", "customers get billed monthly"): the people billed are the business's customers. */
export const BILLING_VERBS = new Set(['bill', 'invoice']);

/** Verbs that give a thing or a person to another ("assign a plot", "allocate rooms to groups"): WordNet names the act (assignment). */
export const ASSIGNING_VERBS = new Set(['assign', 'allocate', 'allot', 'reassign']);

/**
 * How an amount the idea keeps goes up and down: "points add up", "stock goes down" (the amount
 * first, then these words), "spend points", "earn 1 point", "increases stock", "uses it up" (these
 * words, then the amount). Each change is a row of the amount's ledger (ledgers.ts).
 */
export const AMOUNT_CHANGES_AFTER = ['add up', 'adds up', 'go up', 'goes up', 'go down', 'goes down', 'run low', 'runs low', 'run out', 'runs out', 'move', 'moves', 'increase', 'increases', 'decrease', 'decreases'];
export const AMOUNT_CHANGING_VERBS = new Set(['spend', 'earn', 'increase', 'decrease', 'deduct', 'use', 'top', 'take']);
/** The particle some of those verbs need to change an amount: "use it up", "top up credit", "take points away". */
export const AMOUNT_PARTICLES: Readonly<Record<string, string>> = { use: 'up', top: 'up', take: 'away' };
/** A ledger's row: goods move ("stock_movement"), units of value change hands ("point_transaction"). */
export const LEDGER_ROWS: Readonly<Record<'goods' | 'units', string>> = { goods: 'movement', units: 'transaction' };

/** Verbs that mark a list's items done one by one, with the particle they need ("tick every item", "check off the list"). */
export const TICKING_VERBS: Readonly<Record<string, string | undefined>> = { tick: undefined, check: 'off', cross: 'off' };

/** Verbs by which someone puts several people into a record: "places kids on teams", "add my students to the class". */
export const ENROLLING_VERBS = new Set(['add', 'place', 'put', 'move', 'assign', 'enrol', 'enroll', 'sign']);

/** Words for people in general: those joining a record are its members or participants ("others join the group"). */
export const GENERIC_JOINERS = new Set(['others', 'other', 'everyone', 'everybody', 'anyone', 'anybody', 'people', 'users', 'user', 'someone', 'folks']);

/** "what they want", "what each person needs": the things people pick for themselves (picks.ts). */
export const WANTING_VERBS = new Set(['want', 'need', 'like', 'fancy', 'prefer', 'choose', 'pick']);

/**
 * How a business keeps part of what people pay and passes the rest on: "we take a cut", "we keep 15%",
 * "we take 18% commission" (commissions.ts). The share is a word WordNet files under these.
 */
export const SHARE_KEEPING_VERBS = new Set(['take', 'keep']);
export const SHARE_KINDS = ['share', 'fee'];
