import type { Candidate } from './candidates.js';
import type { CandidateBook } from './joins.js';
import { LINE_WORDS, TICKING_VERBS } from './knowledge.js';
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
    }
  }
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
