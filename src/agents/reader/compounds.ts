import { valuesFollow, type Candidate, type Evidence } from './candidates.js';
import { ATTRIBUTE_WORDS, CONTAINERS, GROUPING_HEADS, HOLDER_HEADS, KEEPER_NOUNS, KEEPING_VERBS, NOT_RECORDS, QUALITIES, RECORD_ACTS, TIMELINES, UI_HEADS } from './knowledge.js';
import { isPeopleWord } from './lexicon.js';
import { QUEUES } from './mentions.js';
import type { Phrase, Sentence } from './syntax.js';
import type { Token } from './tokens.js';
import { wordnet } from './wordnet.js';
import type { CandidateBook } from './joins.js';

/**
 * Records named only as the modifier of what holds or shows them: "the full repair history" is
 * the repairs, "our service catalog" the services, "a message thread per client" the messages,
 * "a donation page" the donations, "the dispatch board" the dispatches, a row each. The compound
 * is the container, never a table of its own: its phrases name the record it holds, which gets
 * the weight a container gives what it holds ("a list of them").
 *
 * Nothing is held by a modifier that says whose or where the container is, or how it is laid out:
 * people ("the admin dashboard", "a customer portal"), places ("the home page", "the kitchen
 * screen"), attributes ("a price list"), other containers and parts of the product ("the list
 * view"), words the product never keeps, and gerunds ("a shopping list", "a landing page"), which
 * hold the record of their act only when the act makes one ("a booking page" → booking).
 */

/** The record a compound holds: its key, head and words. */
interface Held {
  key: string;
  head: string;
  words: string[];
}

/** The weight "a list of them" gives what one list holds (candidates.ts), and doing to the list what keeps its rows. */
const HOLDING = 1.5;
const KEEPING = 1.5;
const EXAMPLES = 1;
/** A record an act makes ("a donation page", "a payment history"), or acts in what keeps them by date ("a repair history"). */
const MADE = 0.5;
const DATED = 0.5;

/** Evidence the compound's own phrases carry over to what it holds: what the idea puts off, and what it is kept per. */
const carried = (e: Evidence): boolean => e.why === 'deferred by the idea' || e.why.startsWith('kept per ');

/** Records made by acts (knowledge.ts): "donate" makes a donation. */
const ACT_RECORDS = new Set(Object.values(RECORD_ACTS).map((act) => act.record));

/** Weighs the records compounds hold and folds each compound into the record it holds. */
export function weighCompounds(book: CandidateBook, sentences: Sentence[]): void {
  for (const sentence of sentences) {
    for (const phrase of sentence.phrases) {
      const compound = book.candidateOf(phrase);
      const held = compound && !phrase.negated ? heldBy(phrase, compound) : undefined;
      if (!compound || !held) continue;
      const record = book.ensure(held.key, held.head, held.words, phrase.head.index);
      if (record === compound || record.person) continue;
      const evidence: Evidence[] = [{ weight: HOLDING, why: `a ${held.container} of them` }];
      if (ACT_RECORDS.has(held.key)) evidence.push({ weight: MADE, why: 'a record people make' });
      // "the full repair history", "a rehearsal calendar": a row each time it happens.
      else if (TIMELINES.has(held.container) && happens(held.head)) evidence.push({ weight: DATED, why: `each one dated in a ${held.container}` });
      // "we upload the song list", "maintain our service catalog": what is done to the list is done to its rows.
      for (const p of compound.phrases.filter((p) => p.role === 'object' && p.verb && KEEPING_VERBS.has(p.verb.lemma))) evidence.push({ weight: KEEPING, why: `${p.verb!.lemma} them` });
      // "our service catalog (mowing, mulch per yard, planting)": examples of the rows it holds.
      if (compound.phrases.some((p) => valuesFollow(sentences[p.sentence]!.tokens, p.end))) evidence.push({ weight: EXAMPLES, why: 'examples of its rows' });
      compound.evidence.splice(0, compound.evidence.length, ...compound.evidence.filter(carried), ...evidence);
      book.absorb(record, compound);
    }
  }
}

/** Something that happens, by WordNet's first sense: an act or an event ("repair", "rehearsal"). */
function happens(noun: string): boolean {
  const kind = wordnet().lexnames(noun, { senses: 1 })[0];
  return kind === 'noun.act' || kind === 'noun.event';
}

/** The record a compound phrase holds, with the container's word, or undefined when it holds none. */
export function heldBy(phrase: Phrase, candidate: Candidate): (Held & { container: string }) | undefined {
  const container = candidate.head;
  if (!HOLDER_HEADS.has(container) || candidate.key === candidate.head || phrase.of || phrase.possessive) return undefined;
  const written = candidate.key.replace(/_/g, ' ');
  if (NOT_RECORDS.has(written) || ATTRIBUTE_WORDS.has(written)) return undefined;
  // The modifier next to the head holds; words before it qualify it ("tool shed inventory": a shed's).
  const modifiers = candidate.words.slice(0, -1);
  const token = modifierToken(phrase, modifiers.at(-1)!);
  // "the careers page", "an events screen": a plural on a page names the section's topic, not its rows.
  if (!token || (UI_HEADS.has(container) && token.tags.has('Plural'))) return undefined;
  const record = recordOf(token);
  if (!record) return undefined;
  // ("purchase order list": a compound WordNet knows is held whole; "cover band song list" holds songs.)
  const before = modifiers.at(-2);
  const words = before && wordnet().isNoun(`${before}_${record}`) ? [before, record] : [record];
  return { key: words.join('_'), head: record, words, container };
}

/** The token of the phrase a modifier word was written as. */
function modifierToken(phrase: Phrase, word: string): Token | undefined {
  const words = phrase.words.slice(0, -1);
  return words.reverse().find((t) => t.norm.replace(/'s$/, '').replace(/-/g, '_') === word);
}

/** The record a modifier names, or undefined when it says whose, where or how the container is. */
function recordOf(token: Token): string | undefined {
  const norm = token.norm.replace(/-/g, '_');
  // "a booking page" holds bookings; "a shopping list", "a landing page" hold no record of shopping or landing.
  const verb = /ing$/.test(norm) ? wordnet().verbLemma(norm) : undefined;
  if (verb) return RECORD_ACTS[verb]?.record;
  const noun = wordnet().nounLemma(norm);
  if (!noun || QUALITIES.has(noun)) return undefined;
  if (isPeopleWord(noun) || place(noun)) return undefined;
  if (ATTRIBUTE_WORDS.has(noun) || NOT_RECORDS.has(noun)) return undefined;
  if (CONTAINERS.has(noun) || KEEPER_NOUNS.has(noun) || UI_HEADS.has(noun) || HOLDER_HEADS.has(noun) || GROUPING_HEADS.has(noun) || QUEUES.has(noun)) return undefined;
  return noun;
}

/** Where a thing is, or what it is made of, by WordNet's first sense: "home", "shed", "kitchen", "floor", "deli", "paper". */
function place(noun: string): boolean {
  return PLACES.some((kind) => wordnet().isA(noun, kind, { senses: 1 }));
}

/** WordNet hypernyms of places and materials: what a container is in, or made of, never what it holds. */
const PLACES = ['location', 'building', 'room', 'surface', 'establishment', 'facility', 'material'];
