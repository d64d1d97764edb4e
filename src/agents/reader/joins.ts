import { joinedName, pluralName } from '../naming.js';
import type { Candidate } from './candidates.js';
import { AMOUNT_WORDS, ARRANGING_VERBS, ATTRIBUTE_WORDS, CATALOGUE_HEADS, GROUPING_HEADS, HAVING_VERBS, KEEPING_VERBS, LINE_HOLDERS, LINE_WORDS, NOT_RECORDS, PICKING_VERBS, PLACING_VERBS, QUALITIES, RECURRENCE_WORDS, UI_HEADS } from './knowledge.js';
import type { Link } from './relations.js';
import type { Phrase, Sentence } from './syntax.js';
import { wordnet } from './wordnet.js';

/**
 * Tables that link or group other records. Many-to-many with details of its own ("which volunteer
 * has which skill", "picks exercises for an episode", "drag recipes into the plan"), groups named
 * after what they hold ("groups I create" of habits, "option groups", "the menu is organised in
 * sections"), schedules ("every stylist has their own weekly working hours"); and the measures a
 * record lists ("servings", "portions"), which are its columns, not tables.
 */

/** The evidence of a group that holds records ("habit groups", "option groups"), not parts of one. */
const HOLDS = 'a group of';
/** ... and of the parts a whole is divided in ("menu sections"). */
const DIVIDES = 'the parts';

/** What the candidate table lends these rules. */
export interface CandidateBook {
  readonly byKey: Map<string, Candidate>;
  candidateOf(phrase: Phrase): Candidate | undefined;
  ensure(key: string, head: string, words: string[], first: number): Candidate;
  absorb(kept: Candidate, gone: Candidate): void;
}

/** Weighs the candidates these rules make or unmake, before the candidates are judged. */
export function weighJoinedRecords(book: CandidateBook, sentences: Sentence[]): void {
  for (const sentence of sentences) {
    groupsOf(book, sentence);
    whichHasWhich(book, sentence);
    schedules(book, sentence);
    placesIn(book, sentence);
    pickedFor(book, sentence);
    builtFromCatalogue(book, sentence);
    measures(book, sentence);
  }
}

/** "for a class the teacher picks songs from the library": what several things are picked for is a record of its own. */
function pickedFor(book: CandidateBook, sentence: Sentence): void {
  for (const picked of sentence.phrases) {
    const target = pickTarget(sentence, picked);
    const record = target && book.candidateOf(target);
    if (record && !record.person && book.candidateOf(picked) && !book.candidateOf(picked)!.person) record.evidence.push({ weight: 1.5, why: `${pluralOf(book.candidateOf(picked)!.key)} are picked for each` });
  }
}

/** The "for X" several things are picked for in the sentence ("for an episode the physio picks exercises"). */
function pickTarget(sentence: Sentence, picked: Phrase): Phrase | undefined {
  if (picked.role !== 'object' || !picked.verb || !PICKING_VERBS.has(picked.verb.lemma) || !picked.plural || picked.negated) return undefined;
  return sentence.phrases.find((p) => p.prep === 'for' && p !== picked && (p.verb === picked.verb || !p.verb));
}

/**
 * "build an exercise plan for a patient by picking exercises from our library", "make a playlist by
 * choosing songs from the catalogue": what a record is built of, picked from a catalogue, is a record
 * of the catalogue's, each of them in many such records (joinLinks links the two).
 */
function builtFromCatalogue(book: CandidateBook, sentence: Sentence): void {
  for (const phrase of sentence.phrases) {
    const picked = pickedByGerund(sentence, phrase);
    if (!picked) continue;
    const made = book.candidateOf(picked.made);
    if (!made || made.person) continue;
    // The gerund is the picking, not part of the thing's name: "picking exercises" are exercises.
    const named = book.candidateOf(phrase);
    if (!named || named.person || named === made) continue;
    const prefix = `${picked.gerund}_`;
    const thing = named.key.startsWith(prefix) ? book.ensure(named.key.slice(prefix.length), named.head, named.words.slice(1), named.first) : named;
    if (thing !== named) book.absorb(thing, named);
    thing.evidence.push({ weight: 2, why: `picked from the ${picked.from.head.norm} for each ${made.head.replace(/_/g, ' ')}` });
  }
}

/** The row joining a record and the things it holds, named after both: "program_exercise", "service_song". */
function joinRow(book: CandidateBook, whole: Candidate, held: string, first: number, why: string): void {
  const row = book.ensure(joinedName(whole.key, held), held, [...whole.words, held], first);
  row.person = false;
  row.evidence.push({ weight: 2.5, why });
  const thing = book.byKey.get(held);
  if (thing && !thing.person) thing.evidence.push({ weight: 1, why: `held in a ${whole.head.replace(/_/g, ' ')}, several at once` });
}

/** "... by picking exercises from our library": the record made by the verb the gerund hangs on, and the catalogue the things are picked from. */
export function pickedByGerund(sentence: Sentence, phrase: Phrase): { made: Phrase; from: Phrase; gerund: string } | undefined {
  const gerund = phrase.prep === 'by' && phrase.words.length >= 2 ? phrase.words[0]!.norm : undefined;
  const verb = gerund && /ing$/.test(gerund) ? wordnet().verbLemma(gerund) : undefined;
  if (!gerund || !verb || !CHOOSING.has(verb) || !phrase.plural || phrase.negated) return undefined;
  const made = sentence.phrases.find((p) => p.verb === phrase.verb && p.role === 'object' && p.start < phrase.start);
  const next = sentence.phrases[sentence.phrases.indexOf(phrase) + 1];
  const from = next?.prep === 'from' && next.start <= phrase.end + 2 && (CATALOGUE_HEADS.has(next.head.lemma) || next.plural) ? next : undefined;
  return made && from ? { made, from, gerund } : undefined;
}

/** Verbs of taking things from a catalogue into a record: "picking", "choosing", "selecting". */
const CHOOSING = new Set(['pick', 'choose', 'select']);

/**
 * "accepted ones are placed into the schedule: two days, three rooms, fixed time slots": what a
 * record is placed into, listed by its parts, has those parts as rows (the rooms, the slots).
 */
function placesIn(book: CandidateBook, sentence: Sentence): void {
  for (const target of sentence.phrases) {
    if (target.role !== 'prep' || !/^(into|in|onto)$/.test(target.prep ?? '') || !target.verb || !PLACING_VERBS.has(target.verb.lemma) || target.negated) continue;
    for (const part of sentence.phrases.filter((p) => p.listOf === target && p.role === 'list' && p.plural)) {
      const place = book.candidateOf(part);
      // Listed as details (-1.5), yet each is a place things are put in.
      if (place && !place.person) place.evidence.push({ weight: 3.5, why: `${pluralOf(place.key)} of the ${target.head.norm} things are placed in` });
    }
  }
}

/**
 * Once everything is weighed: "the plumber logs the parts used from his van stock", "note the
 * materials used on the job": things used up doing the work of a record are listed with it, several
 * each time and each with how many, so a row joins the record and the thing (job_part). The record
 * is the kept one named last before them, in their sentence or the one before; where they come from
 * ("from his van stock") is no such record.
 */
export function weighUsedThings(book: CandidateBook, sentences: Sentence[], score: (c: Candidate) => number, keep: number): void {
  for (const sentence of sentences) {
    for (const used of sentence.phrases) {
      const participle = sentence.tokens[used.end];
      if (used.role !== 'object' || !used.plural || used.negated || !used.verb || !KEEPING_VERBS.has(used.verb.lemma) || !participle || !USING_PARTICIPLES.has(participle.norm)) continue;
      const thing = book.candidateOf(used);
      if (!thing || thing.person) continue;
      const before = [...(sentences[sentence.index - 1]?.phrases ?? []), ...sentence.phrases.filter((p) => p.end <= used.start)];
      // What the work is done on is made, kept or given as an object ("open a consultation for every pet"), before any place or owner.
      const records = (phrases: Phrase[]) => phrases.map((p) => book.candidateOf(p)).filter((c): c is Candidate => !!c && !c.person && c !== thing && score(c) >= keep).at(-1);
      const record = records(before.filter((p) => p.role === 'object')) ?? records(before);
      if (!record) continue;
      joinRow(book, record, thing.key, used.head.index, `${pluralOf(thing.key)} used for each ${record.head.replace(/_/g, ' ')}`);
    }
  }
}

/**
 * Once everything is weighed: "the physio builds a home program for each patient from our exercise
 * library", "the coach makes a set from the drill library": a record made from a catalogue named by
 * what it holds is a choice of those things, each in many such records, so a row joins the record and
 * the thing (program_exercise), and the things are records of their own. A record with lines of its
 * own ("order from the lunch menu") has them as lines instead (picks.ts).
 */
export function weighBuiltFromCatalogue(book: CandidateBook, sentences: Sentence[], score: (c: Candidate) => number, keep: number): void {
  for (const sentence of sentences) {
    for (const from of sentence.phrases) {
      if (from.prep !== 'from' || from.role !== 'prep' || from.negated || !from.verb || !KEEPING_VERBS.has(from.verb.lemma) || !CATALOGUE_HEADS.has(from.head.lemma)) continue;
      const thing = book.candidateOf(from);
      // The catalogue names what it holds ("exercise library" → exercise); a bare "our library" names nothing.
      if (!thing || thing.person || thing.head === from.head.lemma) continue;
      const made = book.candidateOf(sentence.phrases.find((p) => p.verb === from.verb && p.role === 'object' && p.start < from.start) ?? from);
      if (!made || made === thing || made.person || LINE_HOLDERS[made.head] !== undefined || score(made) < keep) continue;
      joinRow(book, made, thing.key, from.head.index, `${pluralOf(thing.key)} picked from the ${from.head.norm} for each ${made.head.replace(/_/g, ' ')}`);
    }
  }
}

/** Participles of using a thing up in the work: "parts used", "materials consumed", "filters fitted". */
const USING_PARTICIPLES = new Set(['used', 'consumed', 'fitted', 'installed', 'replaced']);

/**
 * Once everything is weighed: a kept "option group" holds options, a kept "skill set" skills. The
 * group's members are records of their own when the idea does not make them another way.
 */
export function weighGroupMembers(book: CandidateBook, score: (c: Candidate) => number, keep: number): void {
  for (const group of [...book.byKey.values()]) {
    if (group.person || group.words.length !== 2 || !GROUPING_HEADS.has(group.head) || score(group) < keep || group.evidence.some((e) => e.why.startsWith(DIVIDES))) continue;
    const member = group.words[0]!;
    if (!wordnet().isNoun(member) || QUALITIES.has(member) || ATTRIBUTE_WORDS.has(member) || wordnet().personNoun(member)) continue;
    // A "study group", a "support group": named by what its people do (an act, a verb too), not by what it holds.
    if (wordnet().isVerb(member) && wordnet().lexnames(member, { senses: 1 }).includes('noun.act')) continue;
    const held = book.ensure(member, member, [member], group.first);
    held.evidence.push({ weight: keep, why: `a ${group.words.join(' ')} holds them` });
    group.evidence.push({ weight: 0, why: `${HOLDS} ${pluralOf(member)}` });
  }
}

/**
 * "habits under headers (groups I create myself, like Morning, Work)": a group people make, of the
 * records named before it; "the menu is organised in sections (Tapas, Drinks)": parts of the whole
 * arranged into them. Either way a table of its own, named with what it groups.
 */
function groupsOf(book: CandidateBook, sentence: Sentence): void {
  for (const phrase of sentence.phrases) {
    const group = book.candidateOf(phrase);
    if (!group || group.key !== group.head || !GROUPING_HEADS.has(group.head) || phrase.negated || !phrase.verb) continue;
    const examples = sentence.phrases.some((p) => p.listOf === phrase) || /^(like|such)$/.test(sentence.tokens[phrase.end + 2]?.norm ?? '') || sentence.tokens.slice(phrase.end, phrase.end + 4).some((t) => t.norm === 'like');
    const verb = phrase.verb.lemma;
    let named: Phrase | undefined;
    if (ARRANGING_VERBS.has(verb) && (phrase.prep === 'in' || phrase.prep === 'into')) {
      // "organise habits into groups" (what is grouped), "the menu is organised in sections" (what is divided).
      named = sentence.phrases.find((p) => p.verb === phrase.verb && p.role === 'object' && p.start < phrase.start) ?? phrase.subject;
    } else if (phrase.role === 'object' && KEEPING_VERBS.has(verb) && phrase.plural && examples) {
      // "groups I create myself": what they group is the last thing named before them.
      // ("my habits under collapsible headers (groups ...)": the headers are the screen's, the habits are kept.)
      // (A group in brackets renames the phrase before it: "shelves (groups I create)" are the groups themselves.)
      named = [...sentence.phrases.filter((p) => p.end <= phrase.start && p !== phrase.listOf)].reverse().find((p) => {
        const held = book.candidateOf(p);
        return p.plural && held && !held.person && !GROUPING_HEADS.has(held.head) && !UI_HEADS.has(held.head) && !NOT_RECORDS.has(held.head);
      });
    }
    const whole = named && book.candidateOf(named);
    if (!whole || whole.person || whole === group || whole.words.length > 2) continue;
    const key = joinedName(whole.key, group.head);
    const row = book.ensure(key, group.head, [whole.key, group.head], phrase.head.index);
    // What is arranged is held by the groups (habits in groups); a whole divided has them as parts (a menu's sections).
    const held = named !== phrase.subject || phrase.role === 'object';
    row.evidence.push({ weight: 2.5, why: held ? `${HOLDS} ${pluralOf(whole.key)}` : `${DIVIDES} ${pluralOf(whole.key)} are divided in` });
    if (book.byKey.get(group.key) === group) book.absorb(row, group);
  }
}

/** "we must know which volunteer has which skill": each has several of the other, both ways. */
function whichHasWhich(book: CandidateBook, sentence: Sentence): void {
  for (const [holder, held] of whichPairs(sentence)) {
    const candidate = book.candidateOf(held);
    if (!candidate || candidate.person || !book.candidateOf(holder)) continue;
    candidate.evidence.push({ weight: 2, why: `which ${holder.head.norm} has which ${held.head.norm}` });
  }
}

/** The pairs "which X has which Y" names: the holder, then the held. */
export function whichPairs(sentence: Sentence): Array<[Phrase, Phrase]> {
  const pairs: Array<[Phrase, Phrase]> = [];
  const which = sentence.phrases.filter((p) => p.det.includes('which') && !p.coordinated);
  for (let i = 0; i + 1 < which.length; i++) {
    const [holder, held] = [which[i]!, which[i + 1]!];
    const between = sentence.tokens.slice(holder.end, held.start);
    if (between.length > 0 && between.length <= 3 && between.some((t) => HAVING_VERBS.has(t.lemma) || t.tags.has('Verb'))) pairs.push([holder, held]);
  }
  return pairs;
}

/**
 * "list the subjects they teach with their own hourly rate per subject", "the services they offer, each
 * at their own price per service": a value each person sets of their own for each thing is a detail
 * of the pair, so people and things are joined many to many. The people are the clause's subject.
 */
export function ownPerPairs(sentence: Sentence, candidateOf: (phrase: Phrase) => Candidate | undefined): Array<[Phrase, Phrase]> {
  const pairs: Array<[Phrase, Phrase]> = [];
  for (const [i, value] of sentence.phrases.entries()) {
    if (!value.det.includes('own') || !value.det.some((d) => /^(their|his|her)$/.test(d)) || value.negated) continue;
    const per = sentence.phrases[i + 1];
    if (!per || per.prep !== 'per' || per.start > value.end + 1 || candidateOf(per)?.person) continue;
    const people = value.subject ?? [...sentence.phrases.slice(0, i)].reverse().find((p) => p.role === 'subject' && candidateOf(p)?.person);
    if (people && candidateOf(people)?.person) pairs.push([people, per]);
  }
  return pairs;
}

/**
 * "every stylist has their own weekly working hours": a recurring span of time each record has
 * of its own is a schedule, a row per day (weekday, start, end), not a column.
 */
function schedules(book: CandidateBook, sentence: Sentence): void {
  for (const phrase of sentence.phrases) {
    const span = book.candidateOf(phrase);
    if (!span || span.person || span.key === span.head || !phrase.plural || phrase.negated) continue;
    if (!wordnet().lexnames(span.head, { senses: 1 }).includes('noun.time')) continue;
    const holder = phrase.role === 'object' && phrase.verb && HAVING_VERBS.has(phrase.verb.lemma) ? phrase.subject : phrase.owner;
    const each = !!holder && (holder.quantity === 'each' || phrase.det.includes('own') || !!phrase.owner);
    const words = sentence.tokens.slice(phrase.start, phrase.end + 2).map((t) => t.norm);
    const recurring = words.some((w) => RECURRENCE_WORDS.has(w)) || /^(per|each|every|a)$/.test(words.at(-2) ?? '') && /^(week|day|month)$/.test(words.at(-1) ?? '');
    if (!holder || !each || !recurring || !book.candidateOf(holder)) continue;
    span.evidence.push({ weight: 2.5, why: `each ${holder.head.norm} has ${pluralOf(span.key)} of its own, a row per day` });
  }
}

/**
 * "prep time, cook time, servings, difficulty": a measure listed among a record's details
 * (WordNet: a kind of measure or quantity) is how much of the record there is, a column of it.
 */
function measures(book: CandidateBook, sentence: Sentence): void {
  for (const phrase of sentence.phrases) {
    const word = book.candidateOf(phrase);
    if (!word || word.person || !phrase.plural || !isMeasure(word.head)) continue;
    // "has a title, ..., servings, difficulty": among three or more details; "a yield (how many portions)": a count.
    const listed = phrase.role === 'object' && !!phrase.verb && HAVING_VERBS.has(phrase.verb.lemma) && sentence.phrases.filter((p) => p.verb === phrase.verb && p.role === 'object').length >= 3;
    const counted = sentence.tokens.slice(Math.max(0, phrase.start - 2), phrase.start + 2).map((t) => t.norm).join(' ').includes('how many');
    if (listed || counted) word.evidence.push({ weight: -2.5, why: `how many ${pluralOf(word.head)}, a count: a column` });
  }
}

/** A word whose first sense is an amount (WordNet: a measure or quantity), or a word for one: servings, doses, portions. */
export function isMeasure(head: string): boolean {
  const kinds = wordnet().lexnames(head, { senses: 1 });
  if (kinds.includes('noun.time')) return false;
  return AMOUNT_WORDS.has(head) || kinds.includes('noun.quantity') || wordnet().isA(head, 'measure', { senses: 1 });
}

/** The many-to-many links of these rules, once the kept records are known. */
export function joinLinks(
  sentences: Sentence[],
  keyOf: (phrase: Phrase | undefined) => string | undefined,
  candidateOf: (phrase: Phrase) => Candidate | undefined,
  catalogue: (key: string) => boolean,
  kept: ReadonlySet<string>,
): Link[] {
  const links: Link[] = [];
  const record = (p: Phrase | undefined) => (p && keyOf(p) && !candidateOf(p)?.person ? keyOf(p) : undefined);
  const link = (from: string | undefined, to: string | undefined, why: string) => {
    if (from && to && from !== to && !links.some((l) => l.from === from && l.to === to)) links.push({ from, to, kind: 'many-to-many', why, named: 'from-to' });
  };
  for (const sentence of sentences) {
    // "which volunteer has which skill".
    for (const [holder, held] of whichPairs(sentence)) link(keyOf(holder), record(held), `which ${holder.head.norm} has which ${held.head.norm}`);
    // "tutors list the subjects they teach with their own hourly rate per subject": a detail of each person and thing together.
    for (const [holder, held] of ownPerPairs(sentence, candidateOf)) link(keyOf(holder), record(held), `each ${holder.head.norm}'s own ${held.head.norm} details`);
    for (const phrase of sentence.phrases) {
      const verb = phrase.verb?.lemma;
      if (!verb || phrase.negated) continue;
      // "for an episode the physio picks exercises from the library": picked for it, several, each with its own details.
      const target = LINE_WORDS.has(candidateOf(phrase)?.head ?? '') ? undefined : pickTarget(sentence, phrase);
      if (target) link(record(target), record(phrase), `${phrase.head.norm} picked for each ${target.head.norm}`);
      // "add songs to a playlist", "drag recipes into the plan": a shared thing placed in a record, again and again.
      if (phrase.role === 'prep' && /^(to|into|onto|in)$/.test(phrase.prep ?? '') && PLACING_VERBS.has(verb)) {
        const placed = sentence.phrases.find((p) => p.verb === phrase.verb && p.role === 'object' && p.start < phrase.start);
        const thing = record(placed);
        if (thing && catalogue(thing)) link(record(phrase), thing, `${placed!.head.norm} placed in ${phrase.head.norm}`);
      }
      // "build weekly meal plans by dragging recipes into a grid": made by placing things in it.
      const gerund = phrase.prep === 'by' ? phrase.words[0] : undefined;
      const placing = gerund && /ing$/.test(gerund.norm) ? wordnet().verbLemma(gerund.norm) : undefined;
      if (placing && (PLACING_VERBS.has(placing) || (CHOOSING.has(placing) && pickedByGerund(sentence, phrase)))) {
        const made = sentence.phrases.find((p) => p.verb === phrase.verb && p.role === 'object' && p.start < phrase.start);
        const thing = record(phrase) ?? (kept.has(phrase.head.lemma) ? phrase.head.lemma : undefined);
        link(record(made), thing, `${made?.head.norm} made by ${gerund!.norm} ${phrase.head.norm}`);
      }
    }
  }
  return links;
}

/** "habit group" holds habits, "option group" options: the group's records are its rows (one group each). */
export function groupLinks(candidates: Candidate[], kept: ReadonlySet<string>): Link[] {
  const links: Link[] = [];
  for (const group of candidates) {
    const [member, ...rest] = group.key.split('_');
    if (!kept.has(group.key) || rest.length !== 1 || !GROUPING_HEADS.has(group.head) || !kept.has(member!)) continue;
    if (group.evidence.some((e) => e.why.startsWith(HOLDS)) || group.head === 'group') links.push({ from: group.key, to: member!, kind: 'one-to-many', why: `a ${group.key.replace(/_/g, ' ')} holds ${pluralOf(member!)}` });
  }
  return links;
}

function pluralOf(key: string): string {
  return pluralName(key).replace(/_/g, ' ');
}
