import { MISSING_NOUNS } from './wordnet-additions.js';
import { wordnet } from './wordnet.js';

/** Word classes from WordNet, for correcting the tagger: whether a lemma can be a noun, a verb. */
export function isNounWord(lemma: string): boolean {
  // Nouns WordNet 3.1 lacks ("waitlist", "barista") are nouns all the same.
  return wordnet().isNoun(lemma) || Object.hasOwn(MISSING_NOUNS, lemma);
}

export function isVerbWord(lemma: string): boolean {
  return wordnet().isVerb(lemma);
}

/** A word for people ("staff", "reps", "members"), for telling a subject from a noun before a verb. */
export function isPeopleWord(lemma: string): boolean {
  return wordnet().personNoun(lemma) || /^(staff|team|crew|people|folks|ppl)$/.test(lemma);
}
