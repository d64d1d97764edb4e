import { snake } from '../naming.js';
import type { AttributeSpec } from '../model.js';
import { attributeKind, defaultValues, makeAttribute } from './attributes.js';
import type { Candidate } from './candidates.js';
import { ATTRIBUTE_WORDS, CLASSIFIERS, CONTAINERS, GIVING_VERBS, GROUPING_HEADS, HAVING_VERBS, KEEPING_VERBS, NOT_RECORDS, PICKING_VERBS } from './knowledge.js';
import type { Phrase, Sentence } from './syntax.js';
import type { Token } from './tokens.js';

/**
 * The attributes of each kept record, from the ways ideas list them: under a heading ("Clients:
 * company name, billing email"), in brackets ("a file on each student (school, year group)"),
 * after "with" ("lessons with a title and a video link"), and after "has" ("every laptop has an
 * asset tag, model, serial number"). Values in brackets after an attribute make it an enum.
 */
export function readFields(sentences: Sentence[], kept: ReadonlySet<string>, candidateOf: (phrase: Phrase) => Candidate | undefined): Map<string, AttributeSpec[]> {
  const byRecord = new Map<string, AttributeSpec[]>();
  const keyOf = (phrase: Phrase | undefined): string | undefined => {
    const key = phrase && candidateOf(phrase)?.key;
    return key && kept.has(key) ? key : undefined;
  };
  const ofPhrases = new Set(sentences.flatMap((s) => s.phrases.flatMap((p) => (p.of ? [p.of] : []))));
  const add = (record: string | undefined, phrase: Phrase, sentence: Sentence) => {
    if (ofPhrases.has(phrase) && phrase.words.length <= 2) return;
    // A record named among attributes is a link, and "a list of questions" is the questions: rows, not a column.
    if (!record || keyOf(phrase) || candidateOf(phrase)?.person || (phrase.of && CONTAINERS.has(phrase.head.lemma))) return;
    if (phrase.plural && CLASSIFIERS.has(phrase.head.lemma) && kept.has(phrase.head.lemma)) return;
    const attribute = attributeOf(phrase, sentence);
    if (!attribute) return;
    const list = byRecord.get(record) ?? [];
    if (!list.some((a) => a.name === attribute.name)) list.push(attribute);
    byRecord.set(record, list);
  };
  // "stock movements (receipt, transfer, adjustment)": kinds of a record, not its attributes.
  const kinds = new Set<Phrase>();
  for (const sentence of sentences) {
    for (const phrase of sentence.phrases) {
      const record = keyOf(phrase);
      if (!record || !phrase.plural || CLASSIFIERS.has(phrase.head.lemma) || candidateOf(phrase)?.person) continue;
      const listed = sentence.phrases.filter((p) => p.listOf === phrase && p.role === 'list');
      const { values, spellings } = valuesAfter(sentence.tokens, phrase.end);
      if (values.length < 2 || listed.length === 0) continue;
      if (listed.some((p) => ATTRIBUTE_WORDS.has(p.head.lemma) || attributeKind(snake(p.words.map((t) => t.norm).join(' '))) !== 'text')) continue;
      for (const p of listed) kinds.add(p);
      const list = byRecord.get(record) ?? [];
      if (!list.some((a) => a.name === 'type')) list.push(makeAttribute('type', 'enum', values, spellings));
      byRecord.set(record, list);
    }
  }
  for (const sentence of sentences) {
    for (const phrase of sentence.phrases) {
      if (kinds.has(phrase)) continue;
      // Listed under a record ("Clients: a, b") or in its brackets ("each student (school, ...)").
      if (phrase.role === 'list' && phrase.listOf) {
        // "organised in sections (Tapas, Drinks)": the names of groups are their rows, not columns.
        if (phrase.listOf.plural && GROUPING_HEADS.has(phrase.listOf.head.lemma) && kept.has(candidateOf(phrase.listOf)?.key ?? '')) continue;
        // "invited as households, like the Jones family": an example named by a proper name is one of the rows.
        if (phrase.example && namedByName(phrase)) continue;
        // "record each payment against the invoice (date, amount, method)": the details are of what is recorded.
        const recorded = phrase.listOf.role === 'prep' && phrase.listOf.verb && KEEPING_VERBS.has(phrase.listOf.verb.lemma)
          ? sentence.phrases.find((p) => p.verb === phrase.listOf!.verb && p.role === 'object' && keyOf(p))
          : undefined;
        const owner = keyOf(recorded) ?? keyOf(phrase.listOf);
        if (owner) add(owner, phrase, sentence);
        continue;
      }
      if (!phrase.verb) continue;
      // "with a title, a cover image and a price": the attributes of the verb's object (or subject for "has").
      if (phrase.prep === 'with' && (KEEPING_VERBS.has(phrase.verb.lemma) || HAVING_VERBS.has(phrase.verb.lemma) || GIVING_VERBS.has(phrase.verb.lemma) || PICKING_VERBS.has(phrase.verb.lemma))) {
        const object = [...sentence.phrases].reverse().find((p) => p.verb === phrase.verb && p.role === 'object' && p.start < phrase.start);
        add(keyOf(object) ?? (HAVING_VERBS.has(phrase.verb.lemma) ? keyOf(phrase.subject) : undefined), phrase, sentence);
        continue;
      }
      // "every laptop has an asset tag, model, serial number".
      if (phrase.role === 'object' && HAVING_VERBS.has(phrase.verb.lemma) && phrase.verb.lemma === 'have') add(keyOf(phrase.subject), phrase, sentence);
    }
  }
  return byRecord;
}

/**
 * An example written with a capital ("the Jones family", "pitches like Meadow or Lakeside"): the
 * name of one thing, not a kind of detail. (An example is never the first word of its sentence.)
 */
function namedByName(phrase: Phrase): boolean {
  return phrase.words.some((token) => /^[A-Z]/.test(token.text));
}

/** An attribute from a listed phrase: its name from its words, its kind from them, its values from brackets after it. */
function attributeOf(phrase: Phrase, sentence: Sentence): AttributeSpec | undefined {
  // "a date of birth": the phrase after "of" is part of the attribute's name.
  const of = phrase.of && phrase.of.words.length <= 2 ? ['of', ...phrase.of.words.map((t) => t.norm)] : [];
  const words = [...phrase.words.map((t) => t.norm.replace(/'s$/, '')), ...of].filter((w) => /^[a-z][a-z0-9-]*$/.test(w));
  const name = snake(words.join(' '));
  if (!name || name.length > 40 || NOT_RECORDS.has(words.join(' ')) && !['photo', 'image', 'pic', 'picture', 'video', 'email', 'phone', 'url', 'link', 'date', 'time', 'cover image', 'video link', 'video url'].includes(words.join(' '))) return undefined;
  const { values, spellings } = valuesAfter(sentence.tokens, phrase.end);
  const defaults = values.length < 2 ? defaultValues(name) : undefined;
  if (defaults) return makeAttribute(name, 'enum', defaults);
  const kind = values.length >= 2 ? 'enum' : attributeKind(name);
  return makeAttribute(name, kind, values, spellings);
}

/** A value as the idea writes it: its words ("partially paid") and its spelling ("JetBrains"). */
interface Listed {
  value: string;
  spelling: string;
}

/** The values of a list, and the spellings of those the idea writes with capitals ("Adobe, JetBrains"). */
function listed(values: Token[][]): { values: string[]; spellings: Record<string, string> } {
  const spelt: Listed[] = values.map((tokens) => ({ value: tokens.map((t) => t.norm).join(' '), spelling: tokens.map((t) => t.text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).join(' ') }));
  const spellings: Record<string, string> = {};
  for (const { value, spelling } of spelt) if (/\p{Lu}/u.test(spelling) && spelling.toLowerCase() === value) spellings[value] = spelling;
  return { values: spelt.map((v) => v.value), spellings };
}

const NONE = { values: [] as string[], spellings: {} as Record<string, string> };

/** "(draft, sent, partially paid, paid)" right after a phrase: the values it takes. */
function valuesAfter(tokens: Token[], end: number): { values: string[]; spellings: Record<string, string> } {
  const first = tokens[end];
  const last = tokens[end - 1];
  // "a status: pending, confirmed, cancelled or completed."
  if (first && /:/.test(last?.post ?? '') && !/\(/.test(first.pre)) return valuesUntil(tokens, end, /[.;!?\n]/);
  if (!first || !(/\(/.test(first.pre) || /\(/.test(last?.post ?? ''))) return NONE;
  const values: Token[][] = [];
  let current: Token[] = [];
  for (let i = end; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (/^(and|or)$/.test(t.norm)) {
      if (current.length) values.push(current);
      current = [];
    } else current.push(t);
    if (/[,/]/.test(t.post) && !/\)/.test(t.post)) {
      if (current.length) values.push(current);
      current = [];
    }
    if (/\)/.test(t.post)) break;
  }
  if (current.length) values.push(current);
  // Values are short words ("draft", "no-show"), not examples with numbers or long phrases.
  return values.every((v) => v.length <= 3 && !v.some((t) => /\d/.test(t.norm))) ? listed(values) : NONE;
}

/** Short values separated by commas and "or"/"and" up to the end of the clause. */
function valuesUntil(tokens: Token[], from: number, end: RegExp): { values: string[]; spellings: Record<string, string> } {
  const values: Token[][] = [];
  let current: Token[] = [];
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (/^(and|or)$/.test(t.norm)) {
      if (current.length) values.push(current);
      current = [];
    } else current.push(t);
    if (/,/.test(t.post)) {
      if (current.length) values.push(current);
      current = [];
    }
    if (end.test(t.post)) break;
  }
  if (current.length) values.push(current);
  return values.length >= 2 && values.every((v) => v.length <= 3 && !v.some((t) => /\d/.test(t.norm))) ? listed(values) : NONE;
}
