import { wordnet } from './wordnet.js';

/** Word classes from WordNet, for correcting the tagger: whether a lemma can be a noun, a verb. */
export function isNounWord(lemma: string): boolean {
  return wordnet().isNoun(lemma);
}

export function isVerbWord(lemma: string): boolean {
  return wordnet().isVerb(lemma);
}
