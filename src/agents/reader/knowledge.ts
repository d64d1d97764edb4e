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
  order: { record: 'order' },
  checkout: { record: 'order' },
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
  complain: { record: 'complaint' },
  quote: { record: 'quote' },
  hire: { record: 'hire' },
  sponsor: { record: 'sponsorship' },
  register: { record: 'registration' },
  visit: { record: 'visit' },
  sign: { record: 'signature', object: true },
  spot: { record: 'sighting' },
  sight: { record: 'sighting' },
};

/** Phrasal verbs that make a record ("sign up to shifts", "check in", "settle up", "fill up"). */
export const PHRASAL_ACTS: Readonly<Record<string, string>> = {
  'sign up': 'signup',
  'check in': 'checkin',
  'settle up': 'settle',
  'pay out': 'payout',
  'hand out': 'assign',
  'give kudos': 'kudos',
  'leave feedback': 'feedback',
  'leave a review': 'review',
  'give feedback': 'feedback',
};

/**
 * Evaluations people give or leave: "give it a score and a private comment", "leave feedback",
 * "give kudos". The record is named by what is given.
 */
export const EVALUATIONS: Readonly<Record<string, string>> = {
  score: 'review', rating: 'rating', star: 'rating', review: 'review', comment: 'comment', feedback: 'feedback',
  kudo: 'kudos', kudos: 'kudos', vote: 'vote', like: 'like', tip: 'tip', grade: 'grade', recommendation: 'recommendation',
};
export const GIVING_VERBS = new Set(['give', 'leave', 'post', 'write', 'add', 'submit', 'send', 'drop']);

/** Classifier nouns: lookup tables when people pick, maintain or filter by them ("pick a category", "tags we put on tickets"). */
export const CLASSIFIERS = new Set(['category', 'tag', 'label', 'genre', 'type', 'kind', 'department', 'skill', 'topic', 'section', 'group', 'collection', 'brand', 'level', 'tier', 'status', 'stage']);

/** Product nouns that keep what qualifies them: a "habit tracker" keeps habits, a "time-off tracker" time off. */
export const KEEPER_NOUNS = new Set(['tracker', 'log', 'logger', 'register', 'manager', 'planner', 'journal', 'database', 'catalog', 'catalogue', 'directory', 'organizer', 'organiser', 'inventory', 'library', 'diary', 'book', 'board', 'list', 'scheduler', 'monitor']);

/** UI and product parts: never a table, whatever qualifies them ("careers page", "bottom nav", "staff side"). */
export const UI_HEADS = new Set(['page', 'screen', 'nav', 'navigation', 'bar', 'button', 'icon', 'toggle', 'portal', 'dashboard', 'view', 'side', 'row', 'column', 'tab', 'widget', 'modal', 'popup', 'form', 'field', 'app', 'website', 'site', 'platform', 'tool', 'system', 'software', 'pipeline', 'checkbox', 'menu', 'sidebar', 'header', 'footer', 'editor', 'area', 'panel', 'card', 'tile', 'chart', 'graph', 'heatmap', 'map', 'link', 'url', 'animation', 'mode', 'theme', 'font', 'emoji', 'flame', 'confetti', 'track']);

/** Records of the phrasal acts above that are not verbs in RECORD_ACTS. */
export const PHRASAL_RECORDS: Readonly<Record<string, string>> = { payout: 'payout', kudos: 'kudos', feedback: 'feedback' };

/** Verbs that keep what they act on as a record: "log every fill-up", "add internal notes", "post an item". */
export const KEEPING_VERBS = new Set([
  'create', 'add', 'log', 'record', 'track', 'keep', 'post', 'submit', 'write', 'file', 'open', 'schedule', 'raise',
  'issue', 'enter', 'save', 'upload', 'publish', 'list', 'make', 'draft', 'plan', 'set', 'define', 'build', 'store',
  'import', 'collect', 'register', 'jot', 'note', 'put', 'produce', 'generate', 'send', 'prescribe', 'capture',
  'attach', 'organise', 'organize', 'maintain', 'manage', 'offer', 'start', 'launch', 'host', 'run', 'create',
  'photograph', 'tag', 'price', 'scan', 'mark',
]);

/** Verbs that work on records that exist: the thing is kept somewhere, even if the idea never says who makes it. */
export const WORKING_VERBS = new Set([
  'assign', 'approve', 'decline', 'reject', 'accept', 'claim', 'edit', 'update', 'archive', 'delete', 'remove', 'close',
  'move', 'reorder', 'rename', 'sell', 'rent', 'confirm', 'cancel', 'acknowledge', 'escalate', 'convert', 'pick',
  'choose', 'select', 'turn', 'allocate', 'hold', 'complete', 'tick', 'drag', 'drop', 'attach', 'link', 'group', 'split',
  'share', 'invite', 'review', 'rate', 'pay', 'book', 'join', 'check', 'return', 'hand', 'print', 'email', 'text',
  'export', 'duplicate', 'reuse', 'fix', 'repair', 'counter', 'swipe', 'watch', 'follow', 'like', 'favourite',
]);

/** Verbs that only look: weak evidence that the thing is kept. */
export const LOOKING_VERBS = new Set(['see', 'view', 'browse', 'search', 'find', 'filter', 'sort', 'look', 'show', 'display', 'list', 'compare', 'read', 'count', 'know']);

/** Verbs of having and holding: "each project has many tasks". */
export const HAVING_VERBS = new Set(['have', 'contain', 'include', 'hold', 'own', 'consist', 'comprise', 'carry', 'cover', 'take', 'get', 'need', 'come', 'sit', 'belong', 'go']);

/**
 * Nouns that are never a table of the product: the product and its parts, channels, formats and
 * brands, time words, and abstractions that name no record.
 */
export const NOT_RECORDS = new Set([
  // the product and what it is made of
  'app', 'platform', 'system', 'tool', 'site', 'website', 'web', 'page', 'screen', 'view', 'dashboard',
  'portal', 'software', 'solution', 'service menu', 'feature', 'button', 'toggle', 'tab bar', 'nav',
  'navigation', 'menu bar', 'sidebar', 'header', 'footer', 'form', 'field', 'input', 'modal', 'popup', 'widget',
  'interface', 'ui', 'ux', 'design', 'layout', 'theme', 'mode', 'dark mode', 'light mode', 'font', 'colour', 'color',
  'animation', 'micro animation', 'confetti', 'card', 'tile', 'icon', 'emoji', 'link', 'url', 'qr', 'code', 'api',
  'endpoint', 'database', 'backend', 'frontend', 'server', 'edge function', 'function', 'admin area', 'area', 'admin panel',
  'panel', 'editor', 'rich text editor', 'spreadsheet', 'excel', 'word file', 'file', 'pdf', 'csv', 'csv export', 'export',
  'import', 'document', 'paper', 'sheet', 'day sheet', 'whiteboard', 'notebook', 'inbox', 'gmail', 'whatsapp group',
  'group chat', 'phone', 'ipad', 'tablet', 'desktop', 'mobile', 'laptop screen', 'browser', 'pwa', 'shortcut',
  'progress bar', 'bar', 'chart', 'charting library', 'library', 'heatmap', 'map', 'calendar view', 'board', 'grid',
  'day view', 'floor plan', 'report', 'statement', 'printout', 'default', 'setting', 'preference',
  'login', 'account creation', 'sign in', 'password', 'magic link', 'auth', 'authentication', 'rls', 'row level security',
  // channels and outputs
  'email', 'mail', 'sms', 'text', 'text message', 'notification', 'reminder', 'alert box', 'push', 'push notification',
  'message box', 'call', 'phone call', 'whatsapp', 'slack', 'stripe', 'supabase', 'react', 'vite', 'resend', 'google',
  'storage', 'supabase storage', 'domain', 'internet', 'network', 'http', 'endpoint', 'webhook',
  // time
  'time', 'day', 'week', 'month', 'year', 'hour', 'minute', 'second', 'today', 'tomorrow', 'morning', 'evening',
  'night', 'weekend', 'date', 'moment', 'while', 'period', 'season', 'end', 'start', 'beginning', 'past', 'future',
  'version', 'version 1', 'v1', 'mvp', 'now', 'later', 'once', 'time zone',
  // abstractions and talk
  'thing', 'stuff', 'way', 'part', 'kind', 'type', 'sort', 'lot', 'number', 'level', 'one', 'other', 'rest', 'whole',
  'track', 'control', 'chaos', 'mess', 'problem', 'idea', 'need', 'use', 'help', 'support', 'care', 'detail', 'details',
  'information', 'info', 'data', 'everything', 'anything', 'nothing', 'something', 'reason', 'fact', 'question mark',
  'look', 'feel', 'look and feel', 'whitespace', 'white space', 'space', 'photography', 'quality', 'speed', 'security',
  'privacy', 'access', 'reputation', 'history', 'overview', 'glance', 'top', 'bottom', 'side', 'front', 'back', 'place',
  'spot', 'fun', 'value', 'sense', 'note field', 'list', 'total', 'count', 'rate', 'percentage', 'figure', 'stats',
  'statistic', 'statistics', 'analytics', 'insight', 'revenue', 'turnover', 'occupancy', 'progress', 'status', 'state',
  'flow', 'workflow', 'process', 'step', 'management', 'tracking', 'reporting', 'filtering', 'planning', 'scheduling',
  'booking site', 'website', 'marketplace', 'community', 'crm', 'erp', 'saas', 'b2b', 'b2c', 'hub', 'tracker', 'planner',
  'basis', 'purpose', 'context', 'mind', 'eye', 'hand', 'head', 'heart', 'life', 'world', 'city', 'country', 'region',
  'people', 'person', 'everyone', 'anyone', 'someone', 'somebody', 'nobody', 'ppl',
  'user', 'user story', 'story', 'stack', 'tech', 'tech note', 'non functional', 'requirement', 'i18n', 'language',
  'pic', 'picture', 'photo', 'image',
  'video', 'cover image', 'hero photo', 'gallery image', 'video link', 'video url', 'rich text', 'text box',
]);

/** Adjectives that say how a thing is, not what kind it is: dropped from names ("their open ticket" → ticket). */
export const QUALITIES = new Set([
  'new', 'old', 'open', 'closed', 'own', 'other', 'same', 'different', 'whole', 'full', 'big', 'small', 'large',
  'little', 'good', 'best', 'great', 'main', 'first', 'last', 'next', 'previous', 'current', 'past', 'future', 'single',
  'multiple', 'several', 'many', 'various', 'specific', 'particular', 'certain', 'special', 'real', 'actual', 'simple',
  'quick', 'easy', 'free', 'online', 'offline', 'local', 'entire', 'individual', 'separate', 'extra', 'additional',
  'available', 'possible', 'nice', 'gorgeous', 'beautiful', 'clean', 'fresh', 'empty', 'busy', 'tiny', 'short', 'long',
  'high', 'low', 'fixed', 'exact', 'correct', 'right', 'wrong', 'total', 'overall', 'normal', 'usual', 'regular',
  'typical', 'common', 'shared', 'personal', 'favorite', 'favourite', 'secondhand', 'used', 'unused', 'unacknowledged',
  'upcoming', 'outstanding', 'overdue', 'accepted', 'rejected', 'failed', 'broken', 'completed', 'done', 'active',
  'inactive', 'archived', 'selected', 'chosen', 'assigned', 'given', 'paid', 'unpaid', 'late', 'early', 'yearly',
  'weekly', 'daily', 'monthly', 'annual', 'fancy', 'whole group', 'specific', 'relevant', 'important', 'tricky',
  'senior', 'junior', 'lucky', 'whatever', 'such', 'certain', 'entire', 'live', 'real time', 'realtime', 'automatic',
]);

/** Nouns that gather others: "a list of tags", "a library of exercises" name the tags and the exercises. */
export const CONTAINERS = new Set([
  'list', 'set', 'collection', 'library', 'catalogue', 'catalog', 'series', 'group', 'bunch', 'range', 'pool', 'menu',
  'database', 'history', 'log', 'register', 'directory', 'archive', 'inventory', 'stack', 'pile', 'queue', 'dozens',
  'lots', 'number', 'couple', 'handful', 'kind', 'type', 'sort', 'one', 'each', 'every', 'all', 'some', 'any', 'most',
]);

/**
 * Words that name an attribute of a record rather than a record: kept as columns. A noun here
 * becomes a table only on strong evidence of its own (a heading, people creating it).
 */
export const ATTRIBUTE_WORDS = new Set([
  'name', 'title', 'label', 'email', 'phone', 'mobile', 'address', 'price', 'cost', 'amount', 'value', 'fee', 'total',
  'date', 'time', 'datetime', 'timestamp', 'deadline', 'duration', 'length', 'status', 'state', 'stage', 'priority',
  'description', 'note', 'notes', 'comment', 'body', 'content', 'text', 'summary', 'bio', 'photo', 'picture', 'image',
  'pic', 'avatar', 'logo', 'cover', 'video', 'url', 'link', 'website', 'quantity', 'count', 'number', 'size', 'colour',
  'color', 'weight', 'height', 'capacity', 'limit', 'rating', 'score', 'level', 'grade', 'currency', 'percentage',
  'discount', 'reference', 'code', 'method', 'condition', 'model', 'serial', 'location', 'position', 'order',
  'rank', 'year', 'age', 'gender', 'birthday', 'allergy', 'allergies', 'diagnosis', 'goal', 'goals', 'instructions',
  'reason', 'result', 'outcome', 'feedback', 'temperature', 'humidity', 'battery', 'reading', 'odometer', 'litre',
  'liter', 'mileage', 'vendor', 'breed', 'species', 'type', 'kind', 'difficulty', 'servings', 'unit',
  'range', 'interval', 'frequency', 'recommendation', 'strength', 'concern', 'abstract', 'format', 'sets', 'reps',
  'urgency', 'occupancy', 'bedroom', 'rent', 'deposit', 'salary', 'department', 'school', 'year group', 'exam board',
  'target grade', 'seat limit', 'party size', 'prep time', 'cook time', 'hold time', 'flag', 'checkbox', 'toggle',
  'streak', 'heatmap', 'emoji', 'sku', 'tracking number', 'vat number', 'serial number', 'asset tag', 'warranty',
]);

/** Words of signing in: "customers never log in", "staff do everything", "only the IT team logs into". */
export const SIGN_IN_VERBS = new Set(['log', 'login', 'sign', 'signin', 'use', 'access', 'open', 'register', 'have', 'get']);
export const SIGN_IN_OBJECTS = new Set(['account', 'accounts', 'login', 'logins', 'app', 'system', 'application', 'tool', 'portal', 'site', 'platform', 'access']);
