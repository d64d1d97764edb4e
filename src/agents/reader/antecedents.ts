import type { Phrase, Sentence } from './syntax.js';
import type { Token } from './tokens.js';

/**
 * Words that stand for a record named before them: "organise it into modules", "converts it into
 * an invoice", "swipe right on the ones they want". The record they stand for is the last one named
 * before them, in their sentence or the one before (a line of a list often names it: "- create a
 * course: ..." then "- organise it into modules").
 */

/** Object pronouns that stand for a record: "attach it to", "sort them into". */
const OBJECT_PRONOUNS = new Set(['it', 'them']);
/** "the ones they want", "the one they picked". */
const ONES = new Set(['one', 'ones']);

/** A phrase that is only "the one(s)": it names no record of its own. */
export function standsIn(phrase: Phrase): boolean {
  return !phrase.of && phrase.words.length === 1 && ONES.has(phrase.head.norm) && phrase.det.some((d) => d === 'the' || d === 'those');
}

/** The object pronoun of the verb a prepositional phrase hangs on ("organise it into modules" → organise, at "it"). */
export function pronounObject(sentence: Sentence, phrase: Phrase): { verb: Token; at: number } | undefined {
  if (phrase.role !== 'prep' || !phrase.prep) return undefined;
  let at = phrase.start - 1;
  while (at >= 0 && phrase.det.includes(sentence.tokens[at]?.norm ?? '')) at--;
  if (sentence.tokens[at]?.norm !== phrase.prep) return undefined;
  const pronoun = sentence.tokens[at - 1];
  const verb = sentence.tokens[at - 2];
  if (!pronoun || !verb || !OBJECT_PRONOUNS.has(pronoun.norm) || !verb.tags.has('Verb')) return undefined;
  return { verb, at: at - 1 };
}

/** The last record named before a position: `recordOf` gives a phrase's record, or nothing for people and words that are not records. */
export function antecedent(sentences: Sentence[], sentence: number, position: number, recordOf: (phrase: Phrase) => string | undefined): string | undefined {
  for (let index = sentence; index >= Math.max(0, sentence - 1); index--) {
    const phrases = sentences[index]?.phrases ?? [];
    for (let i = phrases.length - 1; i >= 0; i--) {
      const phrase = phrases[i]!;
      if (index === sentence && phrase.start >= position) continue;
      const key = standsIn(phrase) ? undefined : recordOf(phrase);
      if (key) return key;
    }
  }
  return undefined;
}
