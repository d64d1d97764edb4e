import { RECORD_ACTS } from './knowledge.js';
import type { Phrase } from './syntax.js';
import type { Token } from './tokens.js';
import { wordnet } from './wordnet.js';

/**
 * Things an idea keeps but names only in passing: one of a set someone has ("one of our
 * listings"), a queue people wait in ("a waitlist thing"), and acts written where a noun stands
 * ("40% of what sold"), which name their record ("sale"), never the bare verb.
 */

/** Determiners that pick some out of a set: "one of", "each of", "any of". */
const PICKS = new Set(['one', 'each', 'every', 'any', 'some', 'all', 'none', 'either', 'several', 'many', 'most', 'few', 'two', 'three', 'four', 'five']);
/** Possessive determiners: whose set it is. */
const POSSESSIVES = new Set(['our', 'their', 'its', 'my', 'your', 'his', 'her', 'ur']);

/**
 * The owner word of a partitive over a possessed plural: "one of our listings" → "our", "each of
 * its rooms" → "its". Saying which one of them is meant shows the set is kept, one row each.
 */
export function partitiveOwner(phrase: Phrase): string | undefined {
  if (!phrase.plural) return undefined;
  const pick = phrase.det.findIndex((d) => PICKS.has(d));
  if (pick < 0) return undefined;
  return phrase.det.slice(pick + 1).find((d) => POSSESSIVES.has(d));
}

/** Lists people wait in one by one: each person waiting is a row ("waitlist_entry"). */
export const QUEUES = new Set(['waitlist', 'waiting_list', 'queue', 'wait_list', 'waitinglist', 'line_up', 'lineup']);

/** The row one person waiting makes in a queue: "waitlist" → "waitlist_entry". */
export function queueEntry(key: string): string | undefined {
  return QUEUES.has(key) ? `${key}_entry` : undefined;
}

/**
 * The record a verb form standing as a noun names: "what sold" → sale, "what they donated" →
 * donation. The record an act makes (knowledge.ts), else WordNet's noun of the act that is not a
 * gerund and keeps the verb's stem ("consign" → consignment); undefined when the verb names no record.
 */
export function eventNoun(verb: string): string | undefined {
  const rule = RECORD_ACTS[verb]?.record;
  if (rule) return rule;
  // ("join" → "junction", "jointure" are nouns of the act, but not the words people use for it: the
  // noun keeps the verb's stem and ends as a noun of an act does.)
  const stem = verb.slice(0, Math.min(4, verb.length - 1));
  const act = wordnet().derivedNouns(verb).find((d) => d.lexname === 'noun.act' && d.lemma !== verb && d.lemma.startsWith(stem) && ACT_ENDINGS.test(d.lemma) && !d.lemma.includes('_'));
  return act?.lemma;
}

/** How English makes the noun of an act from its verb: payment, donation, rental, delivery, acceptance. */
const ACT_ENDINGS = /(ment|ion|al|ance|ence|ery|ary|age|y)$/;

/** A head written as a verb ("sold", "shipped"): a form WordNet knows only as a verb's, never as a noun. */
export function verbForm(token: Token): boolean {
  const norm = token.norm.replace(/'s$/, '');
  return !wordnet().nounLemma(norm) && norm !== token.lemma && wordnet().isVerb(token.lemma) && (token.tags.has('PastTense') || token.tags.has('Participle') || token.tags.has('Verb'));
}
