import type { Candidate } from './candidates.js';
import { indexForm, wordnet } from './wordnet.js';

/**
 * People the idea names with two words of one WordNet synset ("4 physiotherapists ... the physio",
 * "their children ... eight kids", "birders ... a birdwatcher") are one kind of person: one role or
 * one table, named as the idea first names them. Only the words' first senses count, so a word
 * whose first meaning is another ("client", first a client of a professional, beside "customer") stays apart.
 */
export function samePeople(a: Candidate, b: Candidate): boolean {
  if (!a.person || !b.person || a.key !== a.head || b.key !== b.head || a.head === b.head) return false;
  return synonym(a.head, b.head) || synonym(b.head, a.head);
}

/** `b` names the first sense of `a`. */
function synonym(a: string, b: string): boolean {
  const first = (word: string) => {
    const lemma = wordnet().nounLemma(word) ?? wordnet().wordnetNoun(word);
    return lemma === undefined ? undefined : wordnet().nounSenses(lemma).find((sense) => !sense.instance);
  };
  const [senseA, senseB] = [first(a), first(b)];
  if (!senseA || senseA.lexname !== 'noun.person') return false;
  if (senseB && senseA.offset === senseB.offset) return true;
  // A word WordNet writes in two ("bird_watcher") and the idea in one ("birdwatcher"), with no entry of its own.
  const joined = (word: string) => indexForm(word).replace(/[_-]/g, '');
  return wordnet().nounLemma(b) === undefined && senseA.words.some((word) => joined(word) === joined(b));
}
