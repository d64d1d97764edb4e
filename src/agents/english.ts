import { isMassNoun, pluralName, words } from './naming.js';

/**
 * Small pieces of English that every agent's sentences are built from, so that "a user", "an
 * hour" and "an API key" read right whichever agent writes them.
 */

/** Letters whose spoken name starts with a vowel sound: "an F", "an S", but "a U". */
const VOWEL_LETTERS = /^[aefhilmnorsx]/i;

/** "a" or "an" for the phrase that follows, by how it sounds. */
export function article(phrase: string): 'a' | 'an' {
  const text = phrase.trim();
  const first = /^\S+/.exec(text)?.[0] ?? '';
  // An acronym is read letter by letter: "an API key", "an FAQ", "a URL".
  if (/^[A-Z][A-Z0-9]+s?$/.test(first)) return VOWEL_LETTERS.test(first) ? 'an' : 'a';
  const word = text.toLowerCase();
  if (/^(?:8|11\b|18\b)/.test(word)) return 'an';
  if (/^(?:uni(?![mn])|use|usu|uti|ubiq|eu|ewe|one\b|once)/.test(word)) return 'a';
  if (/^(?:hour|honest|honou?r|heir)/.test(word)) return 'an';
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** The phrase with its article: "an appointment"; a mass noun takes none ("staff", "week staff"). */
export function withArticle(phrase: string): string {
  const last = /([A-Za-z]+)\s*$/.exec(phrase)?.[1] ?? '';
  return last && isMassNoun(last) ? phrase : `${article(phrase)} ${phrase}`;
}

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** Keeps the first occurrence of each item, in order; "Stripe" and "stripe" are the same item. */
export function unique<T>(items: readonly T[], key: (item: T) => string = String): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item).toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A label as it reads mid-sentence: "Salon owner" → "salon owner", but "SKU" and "GitHub" stay as they are. */
export function lower(label: string): string {
  const text = label.trim();
  const space = text.search(/\s/);
  const first = space < 0 ? text : text.slice(0, space);
  const acronym = first.length > 1 && first === first.toUpperCase() && first !== first.toLowerCase();
  // A capital inside the word makes it a name: "GitHub", "TripSlip", "iPhone".
  const name = /^[A-Za-z]+$/.test(first) && /[A-Z]/.test(first.slice(1)) && /[a-z]/.test(first);
  return acronym || name ? text : first.toLowerCase() + text.slice(first.length);
}

/** Plural of a human label, inflecting the last word: "Salon owner" → "salon owners". */
export function pluralLabel(label: string): string {
  const plural = words(pluralName(label)).join(' ');
  return /^[A-Z]{2,}/.test(label) ? plural.replace(/^\S+/, (w) => w.toUpperCase()) : plural;
}
