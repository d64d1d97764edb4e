import { snake } from '../naming.js';
import type { AttributeSpec } from '../model.js';
import { attributeKind, makeAttribute } from './attributes.js';
import type { Candidate } from './candidates.js';
import { HAVING_VERBS, KEEPING_VERBS, NOT_RECORDS } from './knowledge.js';
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
  const add = (record: string | undefined, phrase: Phrase, sentence: Sentence) => {
    if (!record || keyOf(phrase)) return;
    const attribute = attributeOf(phrase, sentence);
    if (!attribute) return;
    const list = byRecord.get(record) ?? [];
    if (!list.some((a) => a.name === attribute.name)) list.push(attribute);
    byRecord.set(record, list);
  };
  for (const sentence of sentences) {
    for (const phrase of sentence.phrases) {
      // Listed under a record ("Clients: a, b") or in its brackets ("each student (school, ...)").
      if (phrase.role === 'list' && phrase.listOf) {
        const owner = keyOf(phrase.listOf);
        if (owner) add(owner, phrase, sentence);
        continue;
      }
      if (!phrase.verb) continue;
      // "with a title, a cover image and a price": the attributes of the verb's object (or subject for "has").
      if (phrase.prep === 'with' && (KEEPING_VERBS.has(phrase.verb.lemma) || HAVING_VERBS.has(phrase.verb.lemma))) {
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

/** An attribute from a listed phrase: its name from its words, its kind from them, its values from brackets after it. */
function attributeOf(phrase: Phrase, sentence: Sentence): AttributeSpec | undefined {
  const words = phrase.words.map((t) => t.norm.replace(/'s$/, '')).filter((w) => /^[a-z][a-z0-9-]*$/.test(w));
  const name = snake(words.join(' '));
  if (!name || name.length > 40 || NOT_RECORDS.has(words.join(' ')) && !['photo', 'image', 'pic', 'picture', 'video', 'email', 'phone', 'url', 'link', 'date', 'time', 'cover image', 'video link', 'video url'].includes(words.join(' '))) return undefined;
  const values = valuesAfter(sentence.tokens, phrase.end);
  const kind = values.length >= 2 ? 'enum' : attributeKind(name);
  return makeAttribute(name, kind, values);
}

/** "(draft, sent, partially paid, paid)" right after a phrase: the values it takes. */
function valuesAfter(tokens: Token[], end: number): string[] {
  const first = tokens[end];
  const last = tokens[end - 1];
  if (!first || !(/\(/.test(first.pre) || /\(/.test(last?.post ?? ''))) return [];
  const values: string[] = [];
  let current: string[] = [];
  for (let i = end; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (/^(and|or)$/.test(t.norm)) {
      if (current.length) values.push(current.join(' '));
      current = [];
    } else current.push(t.norm);
    if (/[,/]/.test(t.post) && !/\)/.test(t.post)) {
      if (current.length) values.push(current.join(' '));
      current = [];
    }
    if (/\)/.test(t.post)) break;
  }
  if (current.length) values.push(current.join(' '));
  // Values are short words ("draft", "no-show"), not examples with numbers or long phrases.
  return values.every((v) => v.split(' ').length <= 3 && !/\d/.test(v)) ? values : [];
}
