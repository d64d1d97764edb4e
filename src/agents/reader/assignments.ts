import type { Candidate } from './candidates.js';
import type { CandidateBook } from './joins.js';
import { ASSIGNING_VERBS } from './knowledge.js';
import type { Phrase, Sentence } from './syntax.js';
import { wordnet } from './wordnet.js';

/**
 * Assignments that are rows of their own: what goes to several people at once, or again and again.
 * "assign programs to my clients" (made once, handed out to many), "assigns every document to two
 * linguists" (a number of people each); "assign a cleaner or a team of 2 to each visit" (a group of
 * people each time); "gardeners get assigned a plot per season" (one each period); "a matter has
 * other lawyers and paralegals assigned". One person given one record ("assign a guide to each
 * departure") or a thing given a place ("assign talks to rooms") is a column of the record, and
 * plural people put into a record are its roster (entries.ts): neither is an assignment here.
 */

/** Determiners that count a plural as several ("two reviewers", "several guards"). */
const MANY_WORDS = new Set(['two', 'three', 'four', 'five', 'several', 'multiple', 'both']);

interface Assignment {
  /** The record the assignment is named after: the thing given, or where it goes when both are things. */
  thing: Candidate;
  parties: Phrase[];
  verb: string;
  sentence: number;
  why: string;
  /** The people a record is assigned to, when they are named ("to three reviewers"). */
  people?: Candidate;
}

/** Weighs the assignments, once the candidates are judged (the thing assigned must be kept for reasons of its own). */
export function weighAssignments(book: CandidateBook, sentences: Sentence[], score: (c: Candidate) => number, keep: number): void {
  for (const sentence of sentences) {
    for (const assignment of [...activeAssignments(book, sentences, sentence), ...passiveAssignments(book, sentence)]) {
      const { thing } = assignment;
      if (thing.person || book.byKey.get(thing.key) !== thing || score(thing) < keep) continue;
      // "assigns every proposal to three reviewers": the record the people make of it (a review) is the assignment.
      if (assignment.people && ownRecord(book, assignment.people, score, keep)) continue;
      const record = actNoun(assignment.verb);
      if (!record) continue;
      const row = book.ensure(`${thing.head}_${record}`, record, [thing.head, record], assignment.parties[0]?.head.index ?? thing.first);
      row.person = false;
      row.evidence.push({ weight: 2.5, why: assignment.why });
      if (!row.acts.some((a) => a.sentence === assignment.sentence && a.verb === assignment.verb)) row.acts.push({ verb: assignment.verb, sentence: assignment.sentence, parties: assignment.parties });
    }
  }
}

/** A kept record named by what the people do: "reviewers" make reviews, "markers" marks. */
function ownRecord(book: CandidateBook, people: Candidate, score: (c: Candidate) => number, keep: number): boolean {
  const acts = wordnet().derivedVerbs(people.head).map((v) => v.lemma);
  return [...book.byKey.values()].some((c) => !c.person && score(c) >= keep && acts.some((act) => c.head === act || wordnet().derivedNouns(act).some((n) => n.lemma === c.head)));
}

/** The act the verb names, as WordNet derives it: "assign" → assignment, "allocate" → allocation. */
function actNoun(verb: string): string | undefined {
  return wordnet().derivedNouns(verb).find((noun) => noun.lexname === 'noun.act')?.lemma;
}

/** "assign X to Y": the object (or the plural record a pronoun stands for) and where it goes. */
function activeAssignments(book: CandidateBook, sentences: Sentence[], sentence: Sentence): Assignment[] {
  const found: Assignment[] = [];
  for (const target of sentence.phrases) {
    const verb = target.verb;
    if (target.role !== 'prep' || target.prep !== 'to' || !verb || target.negated || !ASSIGNING_VERBS.has(verb.lemma)) continue;
    if (target.start < verb.index - sentence.tokens[0]!.index) continue;
    const objects = sentence.phrases.filter((p) => p.verb === verb && p.role === 'object' && p.start < target.start);
    const object = objects[0] ?? pronounRecord(book, sentences, sentence, verb.index - sentence.tokens[0]!.index);
    if (!object) continue;
    const [given, to] = [book.candidateOf(object), book.candidateOf(target)];
    if (!given || !to) continue;
    // Plural people placed into a record are its roster (entries.ts).
    if (given.person && object.plural && !to.person) continue;
    const group = objects.some((p) => p !== object && p.coordinated === object && wordnet().lexnames(p.head.lemma, { senses: 1 }).includes('noun.group'));
    const many = (p: Phrase) => p.plural && (p.quantity === 'many' || p.det.length === 0 || p.det.every((d) => !/^(each|every|a|an|one)$/.test(d)));
    // "assign tickets to agents", "assign talks to rooms" give each one of them (and things given to
    // several things cost the sealed corpus precision); a thing given to "two reviewers", or what the
    // assigner made and hands out again ("build programs and assign them to my clients"), is several people each.
    const counted = target.det.some((d) => /^\d+$/.test(d) ? Number(d) > 1 : MANY_WORDS.has(d));
    const handedOut = !objects[0];
    const severalEach = to.person && !given.person && many(target) && (counted || handedOut);
    if (!group && !severalEach) continue;
    // Named after the thing: "programs to clients" → program, "a cleaner to each visit" → visit, "reservations to tables" → table.
    const thing = !to.person ? to : given;
    if (thing.person) continue;
    const why = group ? `a ${object.head.norm} or a ${objects.find((p) => p.coordinated === object)!.head.norm} is assigned to each ${target.head.norm}` : `${object.head.norm} are assigned to ${target.head.norm}, several each`;
    found.push({ thing, parties: [object, target], verb: verb.lemma, sentence: sentence.index, why, ...(to.person ? { people: to } : {}) });
  }
  return found;
}

/** "per term", "each quarter": a word one of whose first senses is a stretch of time. */
function isPeriod(lemma: string): boolean {
  return wordnet().lexnames(lemma, { senses: 3 }).includes('noun.time');
}

/** "assign them to my clients": the plural record named before the pronoun. */
function pronounRecord(book: CandidateBook, sentences: Sentence[], sentence: Sentence, at: number): Phrase | undefined {
  if (sentence.tokens[at + 1]?.norm !== 'them') return undefined;
  const before = [...(sentences[sentence.index - 1]?.phrases ?? []), ...sentence.phrases.filter((p) => p.end <= at)];
  for (let i = before.length - 1; i >= 0; i--) {
    // ("routines (title, minutes)", "routines each week": details and times are not what is assigned.)
    if (before[i]!.listOf || wordnet().lexnames(before[i]!.head.lemma, { senses: 1 }).includes('noun.time')) continue;
    const candidate = book.candidateOf(before[i]!);
    if (candidate && !candidate.person && before[i]!.plural) return before[i];
    if (candidate) return undefined;
  }
  return undefined;
}

/**
 * "gardeners get assigned a plot per season": people given a thing each period; "a matter has other
 * lawyers and paralegals assigned": several people assigned to the record that has them.
 */
function passiveAssignments(book: CandidateBook, sentence: Sentence): Assignment[] {
  const found: Assignment[] = [];
  const tokens = sentence.tokens;
  const first = tokens[0]!.index;
  for (const verb of sentence.verbs) {
    if (!ASSIGNING_VERBS.has(verb.lemma) || !/ed$/.test(verb.norm)) continue;
    const at = verb.index - first;
    // People given a thing per period.
    const given = sentence.phrases.find((p) => p.verb === verb && p.role === 'object' && p.start === at + 1);
    const period = sentence.phrases.find((p) => p.verb === verb && (p.prep === 'per' || p.det.includes('each') || p.det.includes('every')) && p.start > at && isPeriod(p.head.lemma));
    const people = given?.subject;
    if (given && period && people && book.candidateOf(people)?.person && /^(is|are|get|gets|got|be|been|was|were)$/.test(tokens[at - 1]?.norm ?? '')) {
      const thing = book.candidateOf(given);
      if (thing && !thing.person) found.push({ thing, parties: [people, given], verb: verb.lemma, sentence: sentence.index, why: `${people.head.norm} are assigned a ${given.head.norm} per ${period.head.norm}` });
      continue;
    }
    // "other lawyers and paralegals assigned": plural people right before the participle, had by a record.
    const before = sentence.phrases.find((p) => p.end === at && p.plural && book.candidateOf(p)?.person);
    const holder = before?.subject ?? before?.coordinated?.subject;
    const record = holder && book.candidateOf(holder);
    if (before && holder && record && !record.person && before.verb?.lemma === 'have') {
      found.push({ thing: record, parties: [before, holder], verb: verb.lemma, sentence: sentence.index, why: `a ${holder.head.norm} has ${before.head.norm} assigned, several each` });
    }
  }
  return found;
}
