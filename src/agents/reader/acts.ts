import type { Candidate } from './candidates.js';
import type { CandidateBook } from './joins.js';
import { HAVING_VERBS, KEEPING_VERBS } from './knowledge.js';
import type { Phrase, Sentence } from './syntax.js';
import { wordnet } from './wordnet.js';

/**
 * Acts and events a product keeps a row of each time: "log heats", "coaches need a valid background
 * check on file". A noun of an act is often only a feature or a status ("approval", "tracking"); what
 * the idea says of it shows that it happens again and again, each time with its own date and details.
 */

/** WordNet's lexicographer files of happenings: acts people do, events, processes. */
const HAPPENING_KINDS = new Set(['noun.act', 'noun.event', 'noun.process']);

/** Words that say an act's result holds for a while, so it is kept with its date: "a valid check", "a current certificate". */
const STANDING_WORDS = new Set(['valid', 'current', 'expired', 'unexpired', 'lapsed', 'up_to_date', 'in_date']);

/** A noun that names a happening in one of its senses ("heat" is also an animal's oestrus, "calving" a birth). */
export function isHappening(head: string): boolean {
  return wordnet().nounSenses(head).some((sense) => HAPPENING_KINDS.has(sense.lexname));
}

/**
 * People keep it again and again: several of it are the object of a verb of keeping ("log heats",
 * "record calvings"), so here the word names the happenings, not a state or a quality.
 */
export function keptAsHappenings(candidate: Candidate): boolean {
  return isHappening(candidate.head) && candidate.phrases.some((p) => p.role === 'object' && p.plural && !p.negated && !!p.verb && KEEPING_VERBS.has(p.verb.lemma));
}

/**
 * "coaches need background checks on file", "volunteers must have a current safeguarding check":
 * an act whose result people hold, kept on file or said to be valid, is a record with its date (and
 * a new one each time it is renewed).
 */
export function weighHeldActs(book: CandidateBook, sentences: Sentence[]): void {
  for (const sentence of sentences) {
    for (const phrase of sentence.phrases) {
      const act = book.candidateOf(phrase);
      if (!act || act.person || phrase.negated || !isHappening(act.head)) continue;
      const onFile = sentence.tokens[phrase.end]?.norm === 'on' && sentence.tokens[phrase.end + 1]?.norm === 'file';
      if (onFile || (standing(phrase) && heldByPeople(book, phrase))) act.evidence.push({ weight: 2.5, why: onFile ? 'kept on file' : 'held while valid, with its date' });
    }
  }
}

function standing(phrase: Phrase): boolean {
  return phrase.words.slice(0, -1).some((word) => STANDING_WORDS.has(word.norm.replace(/-/g, '_')));
}

/** "volunteers must have a current check", "drivers need a valid licence check": what people have or need. */
function heldByPeople(book: CandidateBook, phrase: Phrase): boolean {
  if (phrase.role !== 'object' || !phrase.verb || !HAVING_VERBS.has(phrase.verb.lemma) || !phrase.subject) return false;
  return !!book.candidateOf(phrase.subject)?.person;
}
