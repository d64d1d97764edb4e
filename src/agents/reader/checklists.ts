import type { Candidate } from './candidates.js';
import type { CandidateBook } from './joins.js';
import { HAVING_VERBS, LINE_WORDS, TICKING_VERBS } from './knowledge.js';
import type { Phrase, Sentence } from './syntax.js';
import { wordnet } from './wordnet.js';

/**
 * A list whose items are ticked off one by one keeps its items as rows: "each apartment has its own
 * cleaning checklist ... the cleaner ticks items", "they tick the checklist", "tick every item". The
 * items are what is ticked (checklist_item); a list only read or shared ("a packing list") is not.
 */
export function weighTickedItems(book: CandidateBook, sentences: Sentence[], score: (c: Candidate) => number, keep: number): void {
  for (const sentence of sentences) {
    for (const phrase of sentence.phrases) {
      if (phrase.role !== 'object' || phrase.negated || !ticks(sentence, phrase)) continue;
      const named = book.candidateOf(phrase);
      // "tick the checklist" names the list; "tick every item" its items, of the list named before.
      const list = named && isList(named) ? named : LINE_WORDS.has(phrase.head.lemma) ? listBefore(book, sentences, sentence, phrase) : undefined;
      if (!list) continue;
      const row = book.ensure(`${list.key}_item`, 'item', [...list.words, 'item'], phrase.head.index);
      row.person = false;
      // "tick items off": a line of the list ticked is its row, marked done; no completion table beside it.
      for (const key of new Set([named?.key, phrase.head.lemma])) {
        const completion = key ? book.byKey.get(`${key}_completion`) : undefined;
        if (completion && completion !== row) book.absorb(row, completion);
      }
      if (row.evidence.some((e) => e.why.startsWith('people tick'))) continue;
      row.evidence.push({ weight: 2.5, why: `people tick the ${list.key.replace(/_/g, ' ')} item by item, a row each` });
      // A list kept for nothing but its items is those items ("tick the checklist"), not a table beside them.
      if (score(list) < keep) list.evidence.push({ weight: -1.5, why: 'its ticked items are the rows' });
      const work = workTicked(book, sentence, list, score, keep);
      if (work) {
        const done = book.ensure(`${work.key}_${list.head}_item`, 'item', [...work.words, list.head, 'item'], phrase.head.index);
        done.person = false;
        done.evidence.push({ weight: 2.5, why: `the ${list.head} is ticked anew on each ${work.head.replace(/_/g, ' ')}, a row per item` });
      }
    }
  }
}

/**
 * "each pool has its own checklist ... the technician ticks every item on each visit", "after they
 * finish they tick the checklist": a list kept apart from the work (a thing's own list, or one no
 * record holds) is ticked anew each time the work is done, so the work keeps a row per item ticked
 * (visit_checklist_item) beside the list's own items. The work is the kept record the ticking is
 * said to be on, before or after ("on each visit"), else the best-weighed kept act (WordNet) the idea
 * counts ("each job", "per job"). A list a piece of work has of its own ("each trip has a packing
 * list") is ticked only there: no such row.
 */
function workTicked(book: CandidateBook, sentence: Sentence, list: Candidate, score: (c: Candidate) => number, keep: number): Candidate | undefined {
  const holders = list.phrases.map((p) => p.owner ?? (p.verb && HAVING_VERBS.has(p.verb.lemma) ? p.subject : undefined)).map((p) => p && book.candidateOf(p));
  if (holders.some((h) => h && isAct(h))) return undefined;
  const kept = (c: Candidate | undefined): c is Candidate => !!c && !c.person && c !== list && !holders.includes(c) && book.byKey.get(c.key) === c && score(c) >= keep;
  const said = sentence.phrases.filter((p) => p.role === 'prep' && WORK_PREPS.has(p.prep ?? '') && p.quantity === 'each').map((p) => book.candidateOf(p)).find(kept);
  if (said) return said;
  const counted = [...book.byKey.values()].filter((c) => kept(c) && isAct(c) && c.phrases.some((p) => p.quantity === 'each' || p.prep === 'per'));
  return counted.sort((a, b) => score(b) - score(a))[0];
}

/** Prepositions by which ticking is said to be on a piece of work: "on each visit", "after every groom". */
const WORK_PREPS = new Set(['on', 'for', 'after', 'before', 'during', 'at']);

/** A record of something done (WordNet's first sense an act): a job, a visit, a booking. */
function isAct(candidate: Candidate): boolean {
  return wordnet().lexnames(candidate.head, { senses: 1 }).includes('noun.act');
}

/** The phrase is what a ticking verb marks: "tick the checklist", "ticks items", "check off each item". */
function ticks(sentence: Sentence, phrase: Phrase): boolean {
  const verb = phrase.verb;
  if (!verb || !(verb.lemma in TICKING_VERBS)) return false;
  const particle = TICKING_VERBS[verb.lemma];
  const first = sentence.tokens[0]!.index;
  return !particle || sentence.tokens[verb.index - first + 1]?.norm === particle;
}

function isList(candidate: Candidate): boolean {
  return !candidate.person && wordnet().isA(candidate.head, 'list', { senses: 2 });
}

/** The list named last before the phrase, in its sentence or the one before ("its own checklist (...) and the cleaner ticks items"). */
function listBefore(book: CandidateBook, sentences: Sentence[], sentence: Sentence, phrase: Phrase): Candidate | undefined {
  const before = [...(sentences[sentence.index - 1]?.phrases ?? []), ...sentence.phrases.filter((p) => p.end <= phrase.start)];
  return before.map((p) => book.candidateOf(p)).filter((c): c is Candidate => !!c && isList(c)).at(-1);
}
