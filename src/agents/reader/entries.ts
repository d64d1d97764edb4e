import { pluralName } from '../naming.js';
import type { Candidate } from './candidates.js';
import type { CandidateBook } from './joins.js';
import { ENROLLING_VERBS, GENERIC_JOINERS, JOINERS, TAKING_PART_VERBS } from './knowledge.js';
import type { Phrase, Sentence } from './syntax.js';
import { wordnet } from './wordnet.js';

/**
 * The rows people taking part in a record make: "players enter tournaments", "for each tournament
 * the coach picks which players take part", "the registrar places kids on teams", "add my students
 * to the class". Each person in each record is a row of its own (a tournament's players, a team's
 * members, a class's students), named the way an architect names a roster: the record, then who is
 * in it.
 */

/** Prepositions by which people take part in a record: "compete in", "play for", "placed on", "added to". */
const IN_PREPS = new Set(['in', 'into', 'for', 'on', 'onto', 'to', 'at']);
/** Words between a subject and its verb that are no verb of their own: "can", "also", "then". */
const AUXILIARIES = new Set(['can', 'could', 'will', 'would', 'may', 'might', 'must', 'should', 'shall', 'also', 'then', 'all', 'each', 'both', 'do', 'does', 'to', 'want', 'wants']);
/** Pronouns that stand for the record named before: "add my students to them". */
const RECORD_PRONOUNS = new Set(['it', 'them']);

interface Entry {
  /** The people who take part, as named ("players", "kids", "others"). */
  people: Phrase;
  /** The record they take part in, or its key when a pronoun stands for it. */
  thing: Candidate;
  where?: Phrase;
  verb: string;
  sentence: number;
  /** The people took part by their own act (their subject), not placed there by someone else. */
  own: boolean;
}

/** Weighs the rows of the entries the idea states, once the candidates are judged (a record needs reasons of its own to be entered). */
export function weighEntries(book: CandidateBook, sentences: Sentence[], score: (c: Candidate) => number, keep: number): void {
  for (const sentence of sentences) {
    for (const entry of [...takingPart(book, sentences, sentence), ...placed(book, sentences, sentence)]) {
      const { thing, people } = entry;
      if (thing.person || book.byKey.get(thing.key) !== thing) continue;
      const person = book.candidateOf(people);
      const word = entrantWord(person, people, thing);
      if (!word) continue;
      // Only a record kept for reasons of its own has a roster (taken as evidence alone, it cost holdout precision).
      if (score(thing) < keep) continue;
      // Joined another way already ("members join a challenge" → challenge_participant): one roster a record.
      if ([...book.byKey.values()].some((c) => !c.person && c.key.startsWith(`${thing.key}_`) && c.acts.some((a) => a.verb === 'join'))) continue;
      const row = book.ensure(`${thing.key}_${word}`, word, [...thing.words, word], people.head.index);
      // A row about a person, not a person: "tournament_player" is kept, and never signs in.
      row.person = false;
      row.evidence.push({ weight: 2.5, why: `${pluralOf(people)} ${entry.own ? 'take part in' : 'are placed in'} a ${thing.head.replace(/_/g, ' ')}, a row each` });
      const parties = [entry.where, person?.person ? people : undefined].filter((p): p is Phrase => !!p);
      if (!row.acts.some((a) => a.sentence === entry.sentence && a.verb === entry.verb)) row.acts.push({ verb: entry.verb, sentence: entry.sentence, parties });
    }
  }
}

/**
 * Who is in the record: the people's own noun when it names a kind of person ("tournament_player",
 * "class_student"); a member of a group, a participant of anything else, when it only says who they
 * are in general ("others", "everyone") or how young ("kids": team members).
 */
function entrantWord(person: Candidate | undefined, people: Phrase, thing: Candidate): string | undefined {
  const generic = GENERIC_JOINERS.has(people.head.norm) || GENERIC_JOINERS.has(people.head.lemma);
  if (!generic && !person?.person) return undefined;
  const head = person?.head ?? people.head.lemma;
  if (!generic && !wordnet().isA(head, 'juvenile', { senses: 1 })) return head;
  return wordnet().isA(thing.head, 'group', { senses: 1 }) ? JOINERS.group : JOINERS.other;
}

/**
 * "players enter tournaments", "teams compete in the league", "for each tournament the coach picks
 * which players take part", "others browse groups and join": people who are the subject of a verb of
 * taking part, and the record they take part in (its object, its "in"/"for", the "for each" the
 * sentence opens with, or the record the same people named just before).
 */
function takingPart(book: CandidateBook, sentences: Sentence[], sentence: Sentence): Entry[] {
  const entries: Entry[] = [];
  for (const [at, verb] of sentence.tokens.entries()) {
    if (!TAKING_PART_VERBS.has(verb.lemma) || !verb.tags.has('Verb') || (verb.lemma === 'take' && sentence.tokens[at + 1]?.norm !== 'part')) continue;
    const people = subjectOf(sentence, at);
    if (!people || people.negated || people.possessive) continue;
    const person = book.candidateOf(people);
    if (!person?.person && !GENERIC_JOINERS.has(people.head.norm)) continue;
    // Several people, or anyone of a kind ("a runner enters a race"); "the coach enters the results" is one person keying in data.
    if (!people.plural && !people.det.some((d) => /^(a|an|each|every|any)$/.test(d))) continue;
    const lemma = verb.lemma === 'take' ? 'take part' : verb.lemma;
    const ofVerb = sentence.phrases.filter((p) => p.verb === verb && p !== people && !p.possessive && !book.candidateOf(p)?.person);
    // "join a club" with its object is the joining rule's (candidates.ts): a member of it.
    if (verb.lemma === 'join' && ofVerb.some((p) => p.role === 'object')) continue;
    const where =
      // "enter tournaments": entered, its object; "play for a team": the others take a preposition.
      ofVerb.find((p) => p.role === 'object' && lemma === 'enter') ??
      ofVerb.find((p) => p.role === 'prep' && IN_PREPS.has(p.prep ?? '')) ??
      // "For each tournament the coach picks which players take part".
      sentence.phrases.find((p) => p.role === 'prep' && p.start < people.start && p.quantity === 'each' && IN_PREPS.has(p.prep ?? '') && !book.candidateOf(p)?.person) ??
      // "others browse groups by course and join": what the same people named before.
      (ofVerb.length === 0 ? [...sentence.phrases].reverse().find((p) => p.end <= at && p.role === 'object' && p.subject === people && !book.candidateOf(p)?.person) : undefined);
    const thing = where && book.candidateOf(where);
    if (thing) entries.push({ people, thing, where, verb: lemma, sentence: sentence.index, own: true });
  }
  return entries;
}

/**
 * The subject of the verb at a position: the phrase right before it ("players can also enter"), or,
 * after "and"/"or", the subject of the clause it continues ("others browse groups and join").
 */
function subjectOf(sentence: Sentence, at: number): Phrase | undefined {
  let before = at - 1;
  while (before >= 0 && AUXILIARIES.has(sentence.tokens[before]!.norm)) before--;
  const right = sentence.phrases.find((p) => p.role === 'subject' && p.end === before + 1);
  if (right) return right;
  if (!/^(and|or)$/.test(sentence.tokens[before]?.norm ?? '') || /[.;:]/.test(sentence.tokens[before - 1]?.post ?? '')) return undefined;
  return [...sentence.phrases].reverse().find((p) => p.end <= before && p.subject)?.subject;
}

/**
 * "the registrar places kids on teams", "add my students to them", "enrol trainees in a course":
 * several people put into a record by someone else. (One person assigned to a record is a column of
 * it: "assign a cleaner to each visit".)
 */
function placed(book: CandidateBook, sentences: Sentence[], sentence: Sentence): Entry[] {
  const entries: Entry[] = [];
  for (const people of sentence.phrases) {
    if (people.role !== 'object' || !people.verb || people.negated || !ENROLLING_VERBS.has(people.verb.lemma)) continue;
    if (!people.plural && !people.det.some((d) => d === 'several' || d === 'more')) continue;
    if (!book.candidateOf(people)?.person) continue;
    const where = sentence.phrases.find((p) => p.verb === people.verb && p.role === 'prep' && p.start > people.start && IN_PREPS.has(p.prep ?? '') && !book.candidateOf(p)?.person);
    let thing = where && book.candidateOf(where);
    // "add my students to them": the record named before stands where the pronoun is.
    const [prep, pronoun] = [sentence.tokens[people.end], sentence.tokens[people.end + 1]];
    if (!thing && prep && pronoun && IN_PREPS.has(prep.norm) && RECORD_PRONOUNS.has(pronoun.norm)) thing = recordBefore(book, sentences, sentence, people.start);
    if (thing) entries.push({ people, thing, ...(where ? { where } : {}), verb: people.verb.lemma, sentence: sentence.index, own: false });
  }
  return entries;
}

/** The last record (no person) named before a position, in the sentence or the one before. */
function recordBefore(book: CandidateBook, sentences: Sentence[], sentence: Sentence, position: number): Candidate | undefined {
  const before = [...(sentences[sentence.index - 1]?.phrases ?? []), ...sentence.phrases.filter((p) => p.end <= position)];
  for (let i = before.length - 1; i >= 0; i--) {
    const candidate = book.candidateOf(before[i]!);
    if (candidate && !candidate.person) return candidate;
  }
  return undefined;
}

/** The people as a plural noun ("campers", "others"). */
function pluralOf(people: Phrase): string {
  return people.plural ? people.head.norm : pluralName(people.head.lemma);
}
