import type { Candidate } from './candidates.js';
import type { CandidateBook } from './joins.js';
import { ARRANGING_VERBS, KEEPING_VERBS, LOOKING_VERBS, PICKING_VERBS, WORKING_VERBS } from './knowledge.js';
import { isPeopleWord } from './lexicon.js';
import type { Phrase, Sentence } from './syntax.js';
import type { Token } from './tokens.js';
import { wordnet } from './wordnet.js';

/**
 * What a clause of its own says is done to a thing, which the main clause's verbs miss: a relative
 * clause ("an assignment that students submit", "the rewards we define") and a passive ("when a
 * quote is approved", "accepted talks get scheduled"). People doing something to a thing, named
 * apart from the sentence's own act, is evidence that the product keeps a row of it.
 */

/** Words that start a relative clause about a thing ("who" is about people). */
const RELATIVES = new Set(['that', 'which']);
/** Subjects a relative clause has when it does not name them by a noun: "the cohorts they're enrolled in". */
const SUBJECT_WORDS = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'someone', 'somebody', 'everyone', 'everybody', 'anyone', 'people']);
/** Words between a clause's subject and its verb: auxiliaries, modals and adverbs of manner or frequency. */
const BETWEEN = /^(can|could|will|would|shall|should|must|may|might|'ll|'d|'re|'ve|'m|are|is|am|was|were|be|been|being|have|has|had|do|does|did|get|gets|got|also|then|just|only|all|usually|often|always|already|later|first|both|each|then)$/;
/** The auxiliaries of a passive: "is approved", "get scheduled". */
const PASSIVE_AUXILIARIES = /^(is|are|was|were|be|been|being|get|gets|got|getting)$/;
const NEGATIONS = /^(not|never|no|n't|dont|don't|doesn't|didn't|won't|can't|cannot|cant)$/;

/** Weighs what relative clauses and passives say people do to the candidates, before they are judged. */
export function weighClauses(book: CandidateBook, sentences: Sentence[]): void {
  for (const sentence of sentences) {
    for (const phrase of sentence.phrases) {
      const thing = book.candidateOf(phrase);
      if (!thing || thing.person || isTime(thing)) continue;
      const relative = relativeClauseVerbs(book, sentence, phrase);
      if (relative) thing.evidence.push({ weight: Math.max(1, actedOnWeight(relative)), why: `people ${relative.at(-1)!.lemma} it, a clause says` });
      const passive = passiveVerb(sentence, phrase);
      if (passive) thing.evidence.push({ weight: Math.max(0.5, actedOnWeight([passive])), why: `it is ${passive.norm}` });
    }
  }
}

/**
 * The verbs of a relative clause whose missing object is the phrase: "an assignment that students
 * submit", "the rewards we define", "a corrective action that someone is assigned to fix". Without
 * "that" or "which" the subject must be a pronoun ("the pieces we own"), since a noun right after a
 * noun is more often the next clause's subject. A clause with an object of its own is about something else.
 */
function relativeClauseVerbs(book: CandidateBook, sentence: Sentence, phrase: Phrase): Token[] | undefined {
  const { tokens } = sentence;
  if (/[,;:.!?()[\]]/.test(tokens[phrase.end - 1]!.post)) return undefined;
  let at = phrase.end;
  const marked = RELATIVES.has(tokens[at]?.norm ?? '');
  if (marked) at++;
  // (The tagger may read "that" as the determiner of the subject's phrase, "that students submit"; "which"
  // as a determiner asks, "picks which players take part".)
  const named = marked ? sentence.phrases.find((p) => p !== phrase && (p.start === at || (p.start === phrase.end && tokens[at - 1]!.norm === 'that'))) : undefined;
  const person = named && (book.candidateOf(named)?.person || isPeopleWord(named.head.lemma));
  if (person) at = named.end;
  else if (SUBJECT_WORDS.has(tokens[at]?.norm ?? '')) at++;
  else return undefined;
  const verbs: Token[] = [];
  for (; at < tokens.length; at++) {
    const token = tokens[at]!;
    if (NEGATIONS.test(token.norm)) return undefined;
    if (sentence.verbs.includes(token) && !BETWEEN.test(token.norm)) {
      verbs.push(token);
      // "is assigned to fix", "are allowed to do": the verb after "to" is what is done to it.
      if (tokens[at + 1]?.norm === 'to' && tokens[at + 2] && sentence.verbs.includes(tokens[at + 2]!)) {
        at++;
        continue;
      }
      break;
    }
    if (!BETWEEN.test(token.norm) && token.norm !== 'to') return undefined;
    if (/[,;:.!?()]/.test(token.post)) return undefined;
  }
  const last = verbs.at(-1);
  if (!last || phrase.verb === last) return undefined;
  // "the month we pay guides", "each term we run classes": a clause with an object of its own says when, not what.
  if (sentence.phrases.some((p) => p.role === 'object' && verbs.includes(p.verb!) && p.start > phrase.end)) return undefined;
  const next = tokens[tokens.indexOf(last) + 1];
  if (next && /^(a|an|the|their|our|my|his|her|its|your|some|each|every)$/.test(next.norm) && !/[,;:.!?]/.test(last.post)) return undefined;
  return verbs;
}

/** The participle of a passive the phrase is the subject of: "a quote is approved", "talks get scheduled". */
function passiveVerb(sentence: Sentence, phrase: Phrase): Token | undefined {
  if (phrase.role !== 'subject' && phrase.role !== 'object') return undefined;
  if (/[,;:.!?()[\]]/.test(sentence.tokens[phrase.end - 1]!.post)) return undefined;
  const { tokens } = sentence;
  let at = phrase.end;
  while (tokens[at] && /^(also|then|just|automatically|only|always|usually|often|first)$/.test(tokens[at]!.norm)) at++;
  if (!PASSIVE_AUXILIARIES.test(tokens[at]?.norm ?? '')) return undefined;
  at++;
  while (tokens[at] && /^(also|then|just|automatically|only|always|usually|often|first)$/.test(tokens[at]!.norm)) at++;
  const verb = tokens[at];
  if (!verb || !sentence.verbs.includes(verb) || verb.norm.endsWith('ing')) return undefined;
  // A participle: an inflected form ("approved", "scheduled") of a verb WordNet has.
  const lemma = wordnet().verbLemma(verb.norm);
  // "the menu is organised in sections": how a whole is laid out, not what is done to a row of it.
  if (ARRANGING_VERBS.has(verb.lemma) || (lemma && ARRANGING_VERBS.has(lemma))) return undefined;
  return (lemma && lemma !== verb.norm) || verb.tags.has('PastTense') || verb.tags.has('Participle') ? verb : undefined;
}

/** What people doing these verbs to a thing weighs, as for a verb's object (candidates.ts). */
function actedOnWeight(verbs: Token[]): number {
  const weights = verbs.map(({ lemma }) => (KEEPING_VERBS.has(lemma) ? 2 : PICKING_VERBS.has(lemma) ? 1.5 : WORKING_VERBS.has(lemma) ? 1.2 : LOOKING_VERBS.has(lemma) ? 0.5 : 0));
  return Math.max(...weights);
}

/** "the month we pay guides", "every week we publish": a time is when things are done, not what. */
function isTime(candidate: Candidate): boolean {
  return wordnet().lexnames(candidate.head, { senses: 1 }).includes('noun.time');
}
