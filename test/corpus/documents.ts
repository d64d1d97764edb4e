import pluralize from 'pluralize';
import { isAdjective, isNoun, isVerb } from '../../src/agents/reader/wordnet.js';

/**
 * What the documents of an idea are measured by: whether they carry its stated features, whether
 * requirements are written in the product's own words, whether the idea's product names keep
 * their capitals, and whether stories read as English. Plain checks over the generated markdown,
 * so that a test can run them on every idea of the corpus.
 */

/** Lower case, hyphens and runs of spaces as one space: "GitHub-style  heatmap" → "github style heatmap". */
export const normal = (text: string): string => text.toLowerCase().replace(/[-_/]+/g, ' ').replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim();

/** The document without its fenced code (SQL, YAML, Mermaid): identifiers there are lower case by design. */
export function prose(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

/** The lines under a "Deferred" heading, up to the next heading of the same or a higher level. */
export function deferredSection(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let level = 0;
  for (const line of lines) {
    const heading = /^(#+)\s+(.*)$/.exec(line);
    if (heading) {
      if (level > 0 && heading[1]!.length <= level) level = 0;
      if (/\bdeferred\b/i.test(heading[2]!)) level = heading[1]!.length;
      continue;
    }
    if (level > 0) out.push(line);
  }
  return out.join('\n');
}

/** True when the text carries the feature's words in order (case, hyphens and spacing aside). */
export function mentions(text: string, feature: string): boolean {
  return ` ${normal(text)} `.includes(` ${normal(feature)} `);
}

const wordsOf = (text: string): string[] => normal(text).split(' ').filter(Boolean);

/**
 * Every run of `n` words of the idea, joined by spaces. A run ends at a comma: the idea's lists
 * ("company name, billing email, VAT number") are the product's fields, which requirements name.
 */
export function runsOf(text: string, n = 8): Set<string> {
  const runs = new Set<string>();
  for (const sentence of text.split(/[.!?;:,()\n]+/)) {
    const words = wordsOf(sentence);
    for (let i = 0; i + n <= words.length; i++) runs.add(words.slice(i, i + n).join(' '));
  }
  return runs;
}

/** The first run of `n` words of the line that the idea also has, if any. */
export function copiedRun(line: string, runs: ReadonlySet<string>, n = 8): string | undefined {
  const words = wordsOf(line);
  for (let i = 0; i + n <= words.length; i++) {
    const run = words.slice(i, i + n).join(' ');
    if (runs.has(run)) return run;
  }
  return undefined;
}

/** The PRD's requirement lines: functional, non-functional and constraint items, stories and their acceptance criteria. */
export function requirementLines(prd: string): string[] {
  const lines = prd.split('\n');
  const details = lines.findIndex((line) => line.startsWith('## 6. Epic Details'));
  const end = lines.findIndex((line, i) => i > details && line.startsWith('## '));
  return lines.filter((line, i) => /^- (?:FR|NFR|CON)\d+:/.test(line) || (i > details && (end < 0 || i < end) && (/^As an? /.test(line) || /^\d+\. /.test(line))));
}

/** Providers and platforms the documents name; their capitals are part of their names. */
const KNOWN_NAMES = ['Stripe', 'PayPal', 'Google', 'GitHub', 'Slack', 'Supabase', 'Lovable', 'Resend', 'Twilio', 'WhatsApp', 'Apple', 'Microsoft', 'Facebook', 'LinkedIn', 'Discord', 'Mapbox', 'Algolia', 'PostgreSQL', 'Vercel', 'Netlify', 'OpenAI', 'Calendly', 'Mailchimp', 'Airbnb', 'Splitwise', 'Notion', 'Trello', 'Shopify', 'Zoom', 'Instagram'];

/**
 * The product names an idea writes: known providers and platforms, and any word written with a
 * capital inside a sentence that is no dictionary word (Splitwise) or has a capital inside (GitHub).
 */
export function productNames(idea: string): string[] {
  const names = new Set<string>();
  for (const sentence of idea.split(/(?<=[.!?:;])\s+|\n+/)) {
    const tokens = sentence.split(/[^A-Za-z]+/).filter(Boolean);
    // Capitalised items of a list ("Applied, Screen, Technical, Onsite") are the names of values, not products.
    const listed = new Set(sentence.match(/\b[A-Z][a-z]+(?:,\s*[A-Z][a-z]+)+/g)?.flatMap((list) => list.split(/,\s*/)) ?? []);
    tokens.forEach((token, i) => {
      if (!/^[A-Z]/.test(token) || token.length < 3 || token === token.toUpperCase()) return;
      const lower = token.toLowerCase();
      const known = KNOWN_NAMES.includes(token);
      const inner = /[a-z][A-Z]/.test(token);
      // A word the idea also writes in lower case ("the", "work") is a word, not a name.
      const unknownWord = i > 0 && !listed.has(token) && !new RegExp(`\\b${lower}\\b`).test(idea) && !isNoun(lower) && !isVerb(lower) && !isAdjective(lower) && !isNoun(pluralize.singular(lower));
      if (known || inner || unknownWord) names.add(token);
    });
  }
  return [...names];
}

const isWord = (name: string): boolean => {
  const lower = name.toLowerCase();
  return isNoun(lower) || isVerb(lower) || isAdjective(lower);
};

/** Where a document writes a product name with other capitals than the idea's: "github", "supabase Realtime". */
export function miscapitalised(markdown: string, name: string): string[] {
  const text = prose(markdown);
  const found: string[] = [];
  const pattern = new RegExp(`(?<![A-Za-z0-9_./-])${name}(?![A-Za-z0-9_])`, 'gi');
  for (const match of text.matchAll(pattern)) {
    if (match[0] !== name) {
      const at = match.index ?? 0;
      // A URL, a path, an identifier or a package with its version ("stripe 23.1.0") is lower case by design.
      const after = text.slice(at + name.length, at + name.length + 3);
      if (/[/.@:_-]$/.test(text.slice(Math.max(0, at - 1), at)) || /^[/._-][a-z]/.test(after) || /^ \d/.test(after)) continue;
      // A name that is also an English word ("resend", "stripe") is the name only where it acts or is used: "stripe takes", "through resend".
      if (/to $/.test(text.slice(Math.max(0, at - 3), at))) continue;
      if (isWord(name) && !/^ [a-z]+s\b/.test(text.slice(at + name.length, at + name.length + 20)) && !/(?:through|via|with|from|by|and|or) $/.test(text.slice(Math.max(0, at - 9), at))) continue;
      found.push(text.slice(Math.max(0, at - 30), at + name.length + 30).replace(/\n/g, ' '));
    }
  }
  return found;
}

/**
 * Verbs whose action needs two parties: with one subject they need "with ..." or an object
 * ("match with a shift", "swap shifts"), never stand alone ("a barista can match").
 */
const RECIPROCAL = ['match', 'chat', 'swap', 'meet', 'trade', 'exchange', 'pair', 'date', 'marry', 'converse', 'correspond', 'collaborate', 'agree', 'mingle', 'connect', 'partner'];
const RECIPROCAL_FORMS = new Set(RECIPROCAL.flatMap((verb) => [verb, `${verb}${/(?:ch|sh|s|x)$/.test(verb) ? 'es' : verb.endsWith('e') ? 's' : 's'}`, `${verb.replace(/e$/, '')}ing`]));
/** What may follow a reciprocal verb: its partner or an object. */
const ENDS_CLAUSE = /^(?:$|[,.;:)]|so\b|and\b|or\b|but\b|from\b|in\b|on\b|at\b|when\b|if\b|to\b|until\b|before\b|after\b)/;

const SINGULAR_BE = /^(?:is|was|has|does|isn't|wasn't|hasn't|doesn't)$/;
const PLURAL_BE = /^(?:are|were|have|do|aren't|weren't|haven't|don't)$/;
/** Nouns people use without "a" for one person ("staff", "personnel"): never "a staff". */
const isCountable = (noun: string): boolean => {
  const word = noun.toLowerCase();
  return SAME_IN_PLURAL.has(word) || (pluralize.isSingular(word) && !pluralize.isPlural(word));
};
/** Countable nouns whose plural is the singular ("a series", "two series"). */
const SAME_IN_PLURAL = new Set(['series', 'species', 'sheep', 'fish', 'deer', 'aircraft', 'means', 'moose', 'offspring', 'salmon', 'trout']);
const startsWithVowelSound = (word: string): boolean => {
  const w = word.toLowerCase();
  // An acronym is read letter by letter ("an API", "a URL"); a word in capitals ("a SECURITY DEFINER function") is read as a word.
  if (/^[A-Z]{2,4}s?$/.test(word)) return /^[aefhilmnorsx]/i.test(word);
  if (/^(?:uni(?![mn])|use|usu|uti|eu|one\b|once)/.test(w)) return false;
  if (/^(?:hour|honest|honou?r|heir)/.test(w)) return true;
  return /^[aeiou]/.test(w);
};

/** Grammar slips in one sentence of a story or requirement, each said in a few words. */
export function grammarSlips(sentence: string): string[] {
  const slips: string[] = [];
  // A quoted name ("the feature “reports” is") is one thing, whatever its words.
  // A bracket opens an aside: "a role (staff or admin)" is a role, then its examples.
  const tokens = sentence.replace(/“[^”]*”/g, 'it').replace(/"/g, ' ').replace(/\(/g, ' ( ').split(/\s+/).filter(Boolean);
  const bare = (token: string | undefined) => (token ?? '').replace(/[,.;:!?)]+$/, '');
  for (let i = 0; i < tokens.length; i++) {
    const word = bare(tokens[i]);
    const lower = word.toLowerCase();
    // "a"/"an" by sound, and only before one countable thing: "As a staff member", "an extra", never "a staff".
    if ((lower === 'a' || lower === 'an') && i + 1 < tokens.length) {
      const next = bare(tokens[i + 1]).replace(/'s$/, '');
      if (/^[A-Za-z]/.test(next) && (lower === 'an') !== startsWithVowelSound(next)) slips.push(`"${word} ${next}"`);
      // The noun the article goes with: "a staff member" → member; "a workspace's page" → workspace.
      const phrase = [next];
      for (let j = i + 2; j < tokens.length && !/[,.;:)]$|'s$/.test(tokens[j - 1]!); j++) {
        const w = bare(tokens[j]).toLowerCase();
        const stem = w.replace(/'s$/, '');
        if (STOP.test(w) || !/^[a-z-]+(?:'s)?$/.test(w) || !isNoun(stem) || (/[^su]s$/.test(w) && isVerb(w.slice(0, -1)))) break;
        phrase.push(bare(tokens[j]));
      }
      const noun = phrase.at(-1)!.replace(/'s$/, '').toLowerCase();
      if (/^[a-z]+$/.test(noun) && isNoun(pluralize.singular(noun)) && !isCountable(noun)) slips.push(`"${word} ${phrase.join(' ')}": "${noun}" is not one countable thing`);
    }
    // Agreement: "a member have", "members has".
    if (i > 0 && SINGULAR_BE.test(lower) && /^[A-Za-z]+s$/.test(tokens[i - 1]!) && pluralize.isPlural(bare(tokens[i - 1]).toLowerCase()) && !pluralize.isSingular(bare(tokens[i - 1]).toLowerCase()) && isNoun(pluralize.singular(bare(tokens[i - 1]).toLowerCase())) && !/^(?:a|an|each|every|one)$/i.test(bare(tokens[i - 2]))) {
      slips.push(`"${bare(tokens[i - 1])} ${word}": a plural subject with a singular verb`);
    }
    if (i > 1 && PLURAL_BE.test(lower) && !/\)$/.test(tokens[i - 1]!) && /^(?:a|an|each|every)$/i.test(bare(tokens[i - 2])) && isCountable(bare(tokens[i - 1]))) {
      slips.push(`"${bare(tokens[i - 2])} ${bare(tokens[i - 1])} ${word}": a singular subject with a plural verb`);
    }
    if (lower === 'i' && i + 1 < tokens.length && /^(?:is|has|does|wants|needs|was)$/.test(bare(tokens[i + 1]))) slips.push(`"I ${bare(tokens[i + 1])}"`);
    // A reciprocal verb with one subject needs its partner: "can match with", "swap shifts"; "a match" is a noun.
    if (RECIPROCAL_FORMS.has(lower) && actsAsVerb(lower, tokens.slice(0, i))) {
      const ends = /[,.;:)]$/.test(tokens[i]!) || ENDS_CLAUSE.test(tokens.slice(i + 1).join(' ').toLowerCase());
      if (ends && !pluralSubjectBefore(tokens, i)) slips.push(`"${word}" needs a partner ("${lower} with ...") or an object`);
    }
  }
  return slips;
}

/** A word after a modal, "to" or a pronoun, or after "a barista", is a verb ("can match", "a barista matches"). */
function actsAsVerb(verb: string, before: string[]): boolean {
  const raw = before.at(-1) ?? '';
  // "name, date and ...": a list of things, not an action.
  if (/[,;:]$/.test(raw)) return false;
  const previous = raw.toLowerCase();
  if (previous === 'to') return /^(?:want|wants|need|needs|able|like|how|lets?|going|tries|try)$/i.test(before.at(-2) ?? '');
  if (/^(?:can|cannot|may|must|will|would|should|could|i|you|we|they|who|he|she|it|then|also)$/.test(previous)) return true;
  return /^(?:a|an|the|each|every)$/i.test(before.at(-2) ?? '') && isCountable(previous) && !isAdjective(previous) && /s$/.test(verb);
}

/** Words that end the noun phrase an article opens. */
const STOP = /^(?:can|may|must|will|would|should|is|are|was|were|has|have|wants|needs|gets|sees|i|who|whom|which|that|with|of|for|to|from|in|on|at|by|and|or|but|so|as|than|when|where|whose|after|before|per|into|through|without)$/i;

/** "Members and owners chat", "both people match": the verb has its two parties already. */
function pluralSubjectBefore(tokens: string[], at: number): boolean {
  const before = tokens.slice(Math.max(0, at - 6), at).map((t) => t.toLowerCase().replace(/[,.;:]+$/, ''));
  if (before.includes('both') || before.includes('they') || before.includes('we') || before.includes('each') && before.includes('other')) return true;
  const subject = before.filter((w) => !/^(?:can|may|must|will|should|to|then|also|want|wants|i|they)$/.test(w)).at(-1) ?? '';
  return before.includes('and') || (/s$/.test(subject) && pluralize.isPlural(subject) && !pluralize.isSingular(subject));
}

/** The architecture checklist's rows: check, result, evidence. */
export function checklistRows(architecture: string): Array<{ check: string; result: string; evidence: string }> {
  const at = architecture.indexOf('## 17. Checklist Results Report');
  return architecture
    .slice(at)
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Check ') && !line.startsWith('|---'))
    .map((line) => {
      const [check = '', result = '', evidence = ''] = line.slice(2, -2).split(' | ');
      return { check, result, evidence };
    });
}
