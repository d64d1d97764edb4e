import type { Candidate } from './candidates.js';
import type { CandidateBook } from './joins.js';
import { ASSIGNING_VERBS, LOOKING_VERBS, NOT_RECORDS, PICKING_VERBS, RECORD_ACTS, SELDOM_RECORDS } from './knowledge.js';
import type { Phrase, Sentence } from './syntax.js';
import { wordnet } from './wordnet.js';

/**
 * A noun the idea counts or goes through one by one is a set of rows: "office staff see all
 * inspections", "each site", "three sites". Even a word the product's own parts share with places
 * (a web site, a building site): a product has one site of its own, so sites counted or picked are places.
 */

/** The determiners that count or go through a set: "all sites", "each site", "three sites". */
const COUNTING = /^(all|each|every|any|several|many|multiple|both|two|three|four|five|six|seven|eight|nine|ten|\d+)$/;
/** The determiners that go through every one of a set: "see all inspections", "a team for each visit". */
const EVERY = /^(all|each|every|any)$/;

/**
 * The candidate names places, several of them: its head is a place in WordNet's first two senses, and
 * the idea counts it or picks one ("a foreman picks the site": one of several).
 */
export function placesCounted(candidate: Candidate): boolean {
  const senses = wordnet().nounSenses(candidate.head).filter((sense) => !sense.instance).slice(0, 2);
  if (senses.length < 2 || senses.some((sense) => sense.lexname !== 'noun.location')) return false;
  return candidate.phrases.some((phrase) => phrase.role !== 'list' && (phrase.quantity !== 'one' || phrase.det.some((d) => COUNTING.test(d)) || (phrase.role === 'object' && !!phrase.verb && PICKING_VERBS.has(phrase.verb.lemma))));
}

/**
 * What the idea counts or goes through one row at a time: "staff see all inspections" (every one
 * looked through), "we have 4 fields" (a number of them), "assign a team to each visit" (an act
 * done for each, as "per visit" says). A time so counted ("see each month") is when, not what.
 */
export function weighCountedRows(book: CandidateBook, sentences: Sentence[]): void {
  const periods = new Set<Candidate>();
  for (const sentence of sentences) {
    for (const phrase of sentence.phrases) {
      const thing = book.candidateOf(phrase);
      if (thing && !periods.has(thing) && periodActedFor(thing, phrase, sentence)) {
        periods.add(thing);
        thing.evidence.push({ weight: 1.2, why: 'a period people sign up or pay for, each' });
      }
      if (!thing || thing.person || phrase.negated || wordnet().lexnames(thing.head, { senses: 1 }).includes('noun.time')) continue;
      const every = phrase.det.some((d) => EVERY.test(d));
      if (every && phrase.role !== 'subject' && phrase.verb && LOOKING_VERBS.has(phrase.verb.lemma)) thing.evidence.push({ weight: 1, why: `people ${phrase.verb.lemma} every one of them` });
      // (The same evidence as "counted" and "per it" in candidates.ts, so that saying it both ways counts once.)
      if (phrase.plural && phrase.role !== 'list' && phrase.det.some((d) => /^\d+$/.test(d) && Number(d) > 1)) thing.evidence.push({ weight: 0.5, why: 'counted' });
      if (numberHad(book, thing, phrase)) thing.evidence.push({ weight: NUMBER_HAD, why: 'a number of them, a row each' });
      if (phrase.role === 'prep' && phrase.verb && phrase.det.some((d) => d === 'each' || d === 'every')) thing.evidence.push({ weight: 1.2, why: 'things are counted per it' });
    }
  }
}

/** The weight of a number of things had: with "counted", enough for a table once anything else is said of it. */
const NUMBER_HAD = 1;

/** The words of numbers that count what the business has: "three fields", "two studios". */
const NUMBER_WORDS = /^(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|\d+)$/;

/** WordNet's files of things and places a business can have several of (not its people, times or figures). */
const PLACES_AND_THINGS = new Set(['noun.artifact', 'noun.location', 'noun.object', 'noun.group']);

/**
 * "4 rooms", "a plumbing company with 6 vans", "40 hives across 5 apiaries": a number of things the
 * business has is a set of rows, one each, that other records happen at, on or in. A choice of
 * numbers is a figure ("5 or 10 lessons"), and what people other than the speaker do with a number
 * of things is theirs, not the business's ("each camper pitches 2 tents", "members upload 2 photos").
 */
function numberHad(book: CandidateBook, thing: Candidate, phrase: Phrase): boolean {
  if (!phrase.plural || phrase.role === 'list' || !phrase.det.some((d) => NUMBER_WORDS.test(d) && d !== '1')) return false;
  if (phrase.det.includes('or') || !PLACES_AND_THINGS.has(wordnet().lexnames(thing.head, { senses: 1 })[0] ?? '')) return false;
  return !(phrase.subject && book.candidateOf(phrase.subject)?.person);
}

/** What the names of months and days are in WordNet. */
const CALENDAR_KINDS = ['calendar month', 'day of the week'];

/** Acts that make a record for a period: "register each season", "rent a plot per season", "assigned a plot for the term". */
const SIGNING_UP = (verb: string): boolean => !!RECORD_ACTS[verb] || ASSIGNING_VERBS.has(verb);

/**
 * A period the organisation sets, that people register, pay or are assigned for one at a time:
 * "every season parents register their kids", "members buy a share for the season", "pay per term".
 * Its rows have dates and a state of their own. A unit of the calendar ("every month we open a
 * round", "pay per week") is when, not what: those words are the ones seldom kept by themselves.
 */
function periodActedFor(thing: Candidate, phrase: Phrase, sentence: Sentence): boolean {
  if (thing.person || phrase.negated || SELDOM_RECORDS.has(thing.head) || NOT_RECORDS.has(thing.head)) return false;
  if (!wordnet().lexnames(thing.head, { senses: 2 }).includes('noun.time')) return false;
  // "June–October", "Mondays": a named month or day is a date.
  if (CALENDAR_KINDS.some((kind) => wordnet().isA(thing.head, kind, { senses: 1 }))) return false;
  // "for the season", "per term": the act the period is attached to.
  if (phrase.role === 'prep' && /^(for|per)$/.test(phrase.prep ?? '') && phrase.verb) return SIGNING_UP(phrase.verb.lemma);
  // "Every season parents register ...": a period that opens the clause, and the clause's act.
  if (phrase.quantity === 'each' && !phrase.verb && phrase.start <= 1) return sentence.verbs.some((verb) => SIGNING_UP(verb.lemma));
  return false;
}
