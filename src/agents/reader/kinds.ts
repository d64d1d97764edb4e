import type { Candidate } from './candidates.js';
import type { Phrase, Sentence } from './syntax.js';
import { RECORD_OF_HEADS, SELDOM_RECORDS } from './knowledge.js';
import { wordnet } from './wordnet.js';

/**
 * Candidates that name another candidate again, so that one thing is one table:
 * - the record kept about a thing: a "patient record" is the patient's row;
 * - kinds of a thing listed as examples: "every laptop, monitor and phone" where the idea keeps "devices";
 * - a word seldom kept beside a kept one with the same qualifiers: a "maintenance problem" that is
 *   reported becomes the "maintenance request" that is assigned.
 * Returns the candidate `candidate` is another name of, or undefined.
 */
export function namedAgainAs(candidate: Candidate, byKey: ReadonlyMap<string, Candidate>, sentences: readonly Sentence[]): Candidate | undefined {
  const modifiers = candidate.key === candidate.head ? '' : candidate.key.slice(0, -candidate.head.length - 1);
  if (modifiers) {
    const thing = byKey.get(modifiers);
    if (RECORD_OF_HEADS.has(candidate.head) && thing && thing !== candidate) return thing;
    if (SELDOM_RECORDS.has(candidate.head) && !candidate.person) {
      const kept = [...byKey.values()].find((c) => c !== candidate && !c.person && c.key === `${modifiers}_${c.head}` && !SELDOM_RECORDS.has(c.head));
      if (kept) return kept;
    }
    return undefined;
  }
  // (A thing made by an act, "people install" → installation, is a record of its own.)
  return candidate.person || candidate.acts.length > 0 ? undefined : kindOf(candidate, byKey, sentences);
}

/** How far up WordNet's hypernyms a listed kind may be from the thing the idea names ("laptop" → "device" is 7). */
const KIND_DEPTH = 8;

/**
 * A thing named only in a list of its kinds ("laptops, monitors, phones"), while the idea also names
 * what they are a kind of ("devices are handed out"): the more general word is the table. The general
 * word's own first sense must be of the same lexicographer file, so "truck" is no kind of "unit"
 * (a unit of measure) though WordNet's "whole, unit" is among its hypernyms.
 */
function kindOf(candidate: Candidate, byKey: ReadonlyMap<string, Candidate>, sentences: readonly Sentence[]): Candidate | undefined {
  if (candidate.phrases.length === 0 || !candidate.phrases.every((p) => inList(p, sentences))) return undefined;
  const kind = wordnet().lexnames(candidate.head, { senses: 1 })[0];
  if (!kind) return undefined;
  for (const other of byKey.values()) {
    if (other === candidate || other.person || other.key !== other.head || other.phrases.length === 0) continue;
    // Named outside the list: a general word that is itself one of the listed kinds names nothing more general.
    if (other.phrases.every((p) => candidate.phrases.some((q) => sameList(p, q)))) continue;
    if (wordnet().lexnames(other.head, { senses: 1 })[0] !== kind) continue;
    if (wordnet().isA(candidate.head, other.head, { senses: 1, depth: KIND_DEPTH }) && candidate.head !== other.head) return other;
  }
  return undefined;
}

/** A phrase coordinated with others: "laptop" in "every laptop, monitor, phone and dock". */
function inList(phrase: Phrase, sentences: readonly Sentence[]): boolean {
  const phrases = sentences[phrase.sentence]?.phrases ?? [];
  // "our service catalog (mowing, mulch, planting)": what examples are listed under is the kind, not one of a list.
  if (phrases.some((p) => p.listOf === phrase)) return false;
  return !!phrase.coordinated || phrase.listed || phrases.some((p) => p.coordinated === phrase);
}

function sameList(a: Phrase, b: Phrase): boolean {
  return a.sentence === b.sentence && (a.coordinated ?? a) === (b.coordinated ?? b);
}
