/**
 * Products people name to say what they want: "Splitwise for our flat", "an Airbnb for parking
 * spaces", "like Rover, but only for dog walks". Each archetype lists the tables such a product
 * is built on. The reader adds them only when an idea points at the product by name, and says so
 * as an assumption. `subject` is the table that the idea's own noun takes the place of ("Airbnb
 * for parking spaces": the listings are parking spaces).
 */
import type { Sentence, Phrase } from './syntax.js';
import { isNoun } from './wordnet.js';

export interface Archetype {
  names: string[];
  /** What kind of product it is, for the assumption: "a shared-expenses app". */
  kind: string;
  tables: string[];
  subject?: string;
  roles?: string[];
}

export const ARCHETYPES: readonly Archetype[] = [
  { names: ['airbnb', 'vrbo'], kind: 'a rental marketplace', tables: ['listing', 'availability', 'booking', 'review', 'message'], subject: 'listing', roles: ['host', 'guest'] },
  { names: ['booking.com', 'expedia', 'hotels.com'], kind: 'a travel booking site', tables: ['property', 'room', 'booking', 'review'], subject: 'property' },
  { names: ['spothero', 'justpark', 'parkwhiz'], kind: 'a parking marketplace', tables: ['parking_space', 'booking', 'payment', 'review'], subject: 'parking_space' },
  { names: ['turo', 'zipcar', 'getaround'], kind: 'a car-sharing marketplace', tables: ['vehicle', 'booking', 'review', 'payment'], subject: 'vehicle' },
  { names: ['uber', 'lyft', 'bolt'], kind: 'a ride-hailing app', tables: ['ride', 'payment', 'rating'], subject: 'ride', roles: ['rider', 'driver'] },
  { names: ['doordash', 'ubereats', 'uber eats', 'deliveroo', 'grubhub', 'just eat'], kind: 'a food-delivery marketplace', tables: ['restaurant', 'menu_item', 'order', 'order_item', 'delivery'], subject: 'restaurant' },
  { names: ['instacart'], kind: 'a grocery-delivery app', tables: ['product', 'order', 'order_item', 'delivery'], subject: 'product' },
  { names: ['tinder', 'bumble', 'hinge', 'grindr'], kind: 'a swipe-to-match app', tables: ['swipe', 'match', 'message'] },
  { names: ['tandem', 'hellotalk'], kind: 'a language-exchange app', tables: ['language', 'user_language', 'match', 'message'] },
  { names: ['splitwise', 'tricount', 'settle up'], kind: 'a shared-expenses app', tables: ['expense', 'expense_split', 'settlement'] },
  { names: ['venmo', 'cash app'], kind: 'a peer-to-peer payments app', tables: ['payment', 'payment_request'] },
  { names: ['strava'], kind: 'a social activity log', tables: ['activity', 'follow', 'kudos', 'comment'], subject: 'activity' },
  { names: ['instagram', 'vsco'], kind: 'a photo-sharing network', tables: ['post', 'follow', 'like', 'comment'], subject: 'post' },
  { names: ['twitter', 'threads', 'bluesky', 'mastodon'], kind: 'a micro-blogging network', tables: ['post', 'follow', 'like'], subject: 'post' },
  { names: ['tiktok'], kind: 'a short-video network', tables: ['video', 'follow', 'like', 'comment'], subject: 'video' },
  { names: ['reddit', 'hacker news'], kind: 'a community forum', tables: ['community', 'post', 'comment', 'vote'], subject: 'post' },
  { names: ['stack overflow', 'stackoverflow', 'quora'], kind: 'a question-and-answer site', tables: ['question', 'answer', 'vote', 'tag'], subject: 'question' },
  { names: ['nextdoor'], kind: 'a neighbourhood network', tables: ['neighborhood', 'post', 'comment'], subject: 'post' },
  { names: ['pinterest'], kind: 'a visual bookmarking site', tables: ['board', 'pin', 'follow'], subject: 'pin' },
  { names: ['youtube', 'twitch', 'vimeo'], kind: 'a video platform', tables: ['channel', 'video', 'comment', 'subscription'], subject: 'video' },
  { names: ['spotify', 'soundcloud'], kind: 'a music streaming service', tables: ['track', 'playlist', 'playlist_track', 'follow'], subject: 'track' },
  { names: ['goodreads', 'letterboxd'], kind: 'a reviews-and-lists network', tables: ['review', 'shelf', 'shelf_item', 'follow'] },
  { names: ['yelp', 'tripadvisor'], kind: 'a local reviews site', tables: ['business', 'review', 'photo'], subject: 'business' },
  { names: ['glassdoor'], kind: 'a company reviews site', tables: ['company', 'review'], subject: 'company' },
  { names: ['patreon', 'ko-fi', 'buy me a coffee'], kind: 'a creator membership platform', tables: ['tier', 'pledge'], roles: ['creator', 'patron'] },
  { names: ['substack', 'ghost', 'beehiiv'], kind: 'a newsletter platform', tables: ['publication', 'post', 'subscription'], subject: 'post' },
  { names: ['mailchimp', 'convertkit'], kind: 'an email marketing tool', tables: ['audience', 'subscriber', 'campaign'], subject: 'campaign' },
  { names: ['kickstarter', 'indiegogo', 'gofundme'], kind: 'a crowdfunding platform', tables: ['campaign', 'reward', 'pledge', 'update'], subject: 'campaign' },
  { names: ['eventbrite', 'ticketmaster', 'luma'], kind: 'an event ticketing site', tables: ['event', 'ticket_type', 'order', 'ticket'], subject: 'event' },
  { names: ['meetup'], kind: 'a group events site', tables: ['group', 'membership', 'event', 'rsvp'], subject: 'event' },
  { names: ['calendly', 'cal.com', 'doodle'], kind: 'a scheduling tool', tables: ['event_type', 'availability', 'booking'], subject: 'event_type' },
  { names: ['opentable', 'resy'], kind: 'a restaurant reservations site', tables: ['restaurant', 'table', 'reservation'], subject: 'restaurant' },
  { names: ['rover', 'wag'], kind: 'a pet-care marketplace', tables: ['pet', 'booking', 'review', 'payment'], subject: 'booking', roles: ['owner', 'sitter'] },
  { names: ['taskrabbit', 'thumbtack', 'fiverr', 'upwork', 'airtasker'], kind: 'a services marketplace', tables: ['job', 'offer', 'booking', 'review', 'message'], subject: 'job' },
  { names: ['etsy', 'ebay', 'depop', 'vinted', 'poshmark', 'craigslist'], kind: 'a resale marketplace', tables: ['listing', 'order', 'review', 'message', 'favorite'], subject: 'listing', roles: ['seller', 'buyer'] },
  { names: ['shopify', 'woocommerce', 'bigcommerce'], kind: 'an online store', tables: ['product', 'product_variant', 'order', 'order_item'], subject: 'product' },
  { names: ['trello', 'asana', 'jira', 'linear', 'monday', 'clickup', 'basecamp'], kind: 'a task board', tables: ['project', 'task', 'comment', 'label'], subject: 'task' },
  { names: ['todoist'], kind: 'a to-do app', tables: ['project', 'task', 'label'], subject: 'task' },
  { names: ['evernote', 'bear'], kind: 'a note-taking app', tables: ['notebook', 'note', 'tag'], subject: 'note' },
  { names: ['github', 'gitlab'], kind: 'a code-collaboration site', tables: ['repository', 'issue', 'pull_request', 'comment'], subject: 'issue' },
  { names: ['slack', 'discord', 'teams'], kind: 'a team chat', tables: ['channel', 'channel_member', 'message'], subject: 'channel' },
  { names: ['whatsapp', 'telegram', 'signal', 'messenger'], kind: 'a messaging app', tables: ['conversation', 'conversation_member', 'message'] },
  { names: ['zoom', 'google meet'], kind: 'a video-meeting tool', tables: ['meeting', 'participant'], subject: 'meeting' },
  { names: ['zendesk', 'freshdesk', 'intercom', 'help scout'], kind: 'a helpdesk', tables: ['ticket', 'ticket_message', 'customer', 'tag'], subject: 'ticket' },
  { names: ['hubspot', 'salesforce', 'pipedrive'], kind: 'a CRM', tables: ['company', 'contact', 'deal', 'activity'], subject: 'deal' },
  { names: ['quickbooks', 'freshbooks', 'xero', 'wave'], kind: 'an invoicing tool', tables: ['client', 'invoice', 'invoice_line', 'payment'], subject: 'invoice' },
  { names: ['mint', 'ynab', 'copilot'], kind: 'a budgeting app', tables: ['account', 'transaction', 'category', 'budget'] },
  { names: ['duolingo', 'babbel', 'memrise'], kind: 'a language-learning app', tables: ['course', 'lesson', 'exercise', 'lesson_completion'], subject: 'course' },
  { names: ['anki', 'quizlet'], kind: 'a flashcards app', tables: ['deck', 'card', 'review'], subject: 'deck' },
  { names: ['kahoot'], kind: 'a quiz game', tables: ['quiz', 'question', 'game', 'answer'], subject: 'quiz' },
  { names: ['coursera', 'udemy', 'teachable', 'skillshare', 'thinkific'], kind: 'an online-course platform', tables: ['course', 'lesson', 'enrollment', 'lesson_progress'], subject: 'course' },
  { names: ['maven'], kind: 'a cohort-course platform', tables: ['course', 'cohort', 'enrollment', 'lesson'], subject: 'course' },
  { names: ['typeform', 'google forms', 'surveymonkey', 'tally', 'jotform'], kind: 'a forms and surveys tool', tables: ['survey', 'question', 'response', 'answer'], subject: 'survey' },
  { names: ['zillow', 'rightmove', 'redfin'], kind: 'a property listings site', tables: ['listing', 'inquiry', 'saved_listing'], subject: 'listing' },
  { names: ['indeed', 'workable', 'greenhouse', 'lever'], kind: 'a job board', tables: ['job', 'candidate', 'application'], subject: 'job' },
  { names: ['classpass', 'mindbody', 'peloton'], kind: 'a class-booking service', tables: ['class', 'class_session', 'booking', 'membership'], subject: 'class' },
  { names: ['pixieset', 'pic-time', 'shootproof'], kind: 'a client-gallery service', tables: ['gallery', 'photo', 'favorite', 'order'], subject: 'gallery' },
  { names: ['toast', 'square', 'lightspeed'], kind: 'a point-of-sale system', tables: ['product', 'order', 'order_item', 'payment'], subject: 'product' },
  { names: ['groupon'], kind: 'a local deals site', tables: ['deal', 'voucher', 'purchase'], subject: 'deal' },
  { names: ['docusign', 'hellosign'], kind: 'an e-signature service', tables: ['document', 'signer', 'signature'], subject: 'document' },
  { names: ['lime', 'bird', 'citibike'], kind: 'a vehicle-sharing service', tables: ['vehicle', 'ride', 'payment'], subject: 'vehicle' },
  { names: ['medium', 'wordpress', 'dev.to'], kind: 'a blogging platform', tables: ['post', 'comment', 'tag'], subject: 'post' },
  { names: ['myfitnesspal', 'fitbit'], kind: 'a health log', tables: ['log_entry', 'goal'], subject: 'log_entry' },
  { names: ['habitica'], kind: 'a habit tracker', tables: ['habit', 'habit_log'], subject: 'habit' },
];

export interface Pointer {
  archetype: Archetype;
  /** "for parking spaces": what the idea's product is about instead of the archetype's subject. */
  about?: Phrase;
  sentence: number;
}

/**
 * The archetypes an idea points at: "Splitwise for our flat", "like Rover, but only for dog walks",
 * "Tandem meets Tinder", "an Airbnb for parking spaces". A name that is also an English word
 * ("Square", "Mint") counts only when written as a name and used as one ("like Mint", "Mint for").
 */
export function archetypesIn(sentences: Sentence[]): Pointer[] {
  const found: Pointer[] = [];
  for (const sentence of sentences) {
    const tokens = sentence.tokens;
    for (let i = 0; i < tokens.length; i++) {
      for (const length of [2, 1]) {
        const words = tokens.slice(i, i + length);
        if (words.length < length) continue;
        const archetype = archetypeNamed(words.map((t) => t.norm.replace(/[’']s$/, '')).join(' '));
        if (!archetype || found.some((f) => f.archetype === archetype)) continue;
        const capitalised = /^\p{Lu}/u.test(words[0]!.text);
        const before = tokens.slice(Math.max(0, i - 2), i).map((t) => t.norm).join(' ');
        const after = tokens[i + length]?.norm ?? '';
        const pointing = /(^|\s)(like|similar to|clone of|meets|version of|alternative to)$/.test(before) || /^(for|but|meets|clone|style|-style|like)$/.test(after) || /-style$|,$/.test(words[length - 1]!.post.trim());
        const common = isNoun(words.map((t) => t.norm).join('_')) || isNoun(words.map((t) => t.lemma).join('_'));
        // A common word ("Square") or a name of two words ("Google Forms") counts only when the idea points at it.
        // A name the idea only uses ("we use a WhatsApp group", "emails through Resend") points at nothing.
        if (!pointing || ((common || length > 1) && !capitalised)) continue;
        const about = sentence.phrases.find((p) => p.start > i && p.prep === 'for' && (p.start - (i + length)) <= 6);
        found.push({ archetype, sentence: sentence.index, ...(about ? { about } : {}) });
      }
    }
  }
  return found;
}

/** The archetype a product name points at ("Splitwise", "Uber Eats"), by any of its names. */
export function archetypeNamed(name: string): Archetype | undefined {
  const key = name.toLowerCase().replace(/[’']s$/, '');
  return ARCHETYPES.find((archetype) => archetype.names.includes(key));
}
