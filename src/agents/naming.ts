import pluralize from 'pluralize';

/**
 * One place for turning words into identifiers, so that a table, its TypeScript type, its hook,
 * its route and its label always agree.
 */

/** Words of an identifier or phrase: "OrderItem", "order_item", "order item" → ["order", "item"]. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export const snake = (text: string): string => words(text).join('_');
export const kebab = (text: string): string => words(text).join('-');
export const pascal = (text: string): string => words(text).map(capitalize).join('');
export const camel = (text: string): string => {
  const p = pascal(text);
  return p.charAt(0).toLowerCase() + p.slice(1);
};
/** "order_item" → "Order item". */
export const sentence = (text: string): string => capitalize(words(text).join(' '));
/** "order_item" → "Order Item". */
export const title = (text: string): string => words(text).map(capitalize).join(' ');

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * pluralize runs a list of regular expressions per call, and the agents inflect the same few
 * words thousands of times a run: remember the answers (a pure function, so a cache is safe).
 */
function remembered(inflect: (word: string) => string): (word: string) => string {
  const known = new Map<string, string>();
  return (word) => {
    let answer = known.get(word);
    if (answer === undefined) {
      answer = inflect(word);
      if (known.size >= 10_000) known.clear();
      known.set(word, answer);
    }
    return answer;
  };
}

/** One word, plural or singular (pluralize's rules, remembered). */
export const pluralWord = remembered((word) => pluralize.plural(word));
export const singularWord = remembered((word) => pluralize.singular(word));
const pluralOnly = remembered((word) => String(pluralize.isPlural(word) && !pluralize.isSingular(word)));
/** True for a word that is plural and cannot be read as singular ("tasks", not "news"). */
export const isPluralWord = (word: string): boolean => pluralOnly(word) === 'true';

/** Nouns whose plural is the singular yet count one by one: "a series", "a sheep". */
const SAME_IN_PLURAL = new Set(['series', 'species', 'sheep', 'fish', 'deer', 'moose', 'aircraft', 'offspring', 'salmon', 'trout', 'bison', 'swine']);
const massOnly = remembered((word) => String(!SAME_IN_PLURAL.has(word) && pluralize.isSingular(word) && pluralize.isPlural(word)));
/** True for a noun that takes no "a" ("staff", "hardware", "equipment"): pluralize's uncountable words. */
export const isMassNoun = (word: string): boolean => massOnly(word.toLowerCase()) === 'true';

/** Plural of a snake_case name, inflecting only the last word: "order_item" → "order_items". */
export function pluralName(name: string): string {
  const parts = words(name);
  const last = parts.pop() ?? name;
  return [...parts, pluralWord(last)].join('_');
}

/** Singular of a snake_case name: "order_items" → "order_item". */
export function singularName(name: string): string {
  const parts = words(name);
  const last = parts.pop() ?? name;
  return [...parts, singularWord(last)].join('_');
}

/**
 * The name of a record made of two others: "invoice" + "line" → "invoice_line". A word the second
 * part repeats is dropped from the first, so no name says a word twice: "template" + "template_item"
 * → "template_item", "question_template" + "question" → "template_question".
 */
export function joinedName(first: string, second: string): string {
  const repeated = new Set(words(second));
  return [...words(first).filter((word) => !repeated.has(word)), ...words(second)].join('_');
}

/** PostgreSQL reserved words that cannot be bare identifiers (the ones entity and field names hit). */
const RESERVED = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'both', 'case', 'cast', 'check',
  'collate', 'column', 'constraint', 'create', 'current_date', 'current_role', 'current_time', 'current_timestamp',
  'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for',
  'foreign', 'from', 'grant', 'group', 'having', 'in', 'initially', 'intersect', 'into', 'lateral', 'leading', 'limit',
  'localtime', 'localtimestamp', 'not', 'null', 'offset', 'on', 'only', 'or', 'order', 'placing', 'primary',
  'references', 'returning', 'select', 'session_user', 'some', 'symmetric', 'table', 'then', 'to', 'trailing', 'true',
  'union', 'unique', 'user', 'using', 'variadic', 'when', 'where', 'window', 'with',
]);

export function isReserved(identifier: string): boolean {
  return RESERVED.has(identifier.toLowerCase());
}

/** An enum value as people read it: as the idea writes it ("JetBrains"), else its words ("in progress"). */
export function valueLabel(value: string, labels?: Record<string, string>): string {
  return labels?.[value] ?? value.replace(/_/g, ' ');
}
