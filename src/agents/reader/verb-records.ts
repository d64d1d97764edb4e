import type { Candidate } from './candidates.js';
import type { CandidateBook } from './joins.js';
import {
  ATTRIBUTE_WORDS, GIVING_VERBS, HAVING_VERBS, KEEPING_VERBS, KEPT_ACT_KINDS, LOOKING_VERBS, NOT_RECORDS, PICKING_VERBS, RECORD_ACTS,
  RECURRENCE_WORDS, SELDOM_RECORDS, UI_HEADS, WORKING_VERBS,
} from './knowledge.js';
import { isPeopleWord } from './lexicon.js';
import type { Phrase, Sentence } from './syntax.js';
import type { Token } from './tokens.js';
import { wordnet, type Derived } from './wordnet.js';

/**
 * Records an act leaves behind, named by the noun WordNet derives from its verb: "we invoice them
 * monthly" keeps invoices, "others answer them" answers, "judges score each entry" scores. Only a
 * noun of a kind that is kept (a document, a statement, an evaluation: `KEPT_ACT_KINDS`) makes one,
 * and only when people of the product do it to its records or people; what is done in the moment
 * ("search", "share", "view") leaves nothing. RECORD_ACTS (knowledge.ts) names the records of the
 * common acts; this reads the others from WordNet.
 */

/** Pronouns a person subject stands as: "we invoice them", "others answer them". */
const PERSON_PRONOUNS = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'someone', 'everyone', 'anyone', 'others', 'people']);
/** Pronouns that stand for the records or people an act is done to. */
const OBJECT_PRONOUNS = new Set(['them', 'it', 'him', 'her', 'us', 'me', 'each', 'everyone']);
/** Words between a subject and its verb: modals, auxiliaries, adverbs of manner or frequency. */
const BETWEEN = /^(can|could|will|would|shall|should|must|may|might|also|then|just|only|all|usually|often|always|later|first|both|each|to|want|wants|need|needs|do|does|get|gets|able|be|are|is)$/;
/** The auxiliaries of a passive ("they're released", "I get notified"): the subject is what is acted on, not who acts. */
const PASSIVE_AUXILIARIES = /^(is|are|was|were|be|been|being|get|gets|got|getting)$/;
/** Words that say an act is done again and again, so its records pile up: "monthly", "each", "per round". */
const REPEATED = /^(each|every|per|weekly|monthly|daily|yearly|annually|fortnightly|nightly|quarterly)$/;

/** What a verb's act leaves: the noun, with the sentence it was said in and who did it to what. */
interface VerbAct {
  verb: Token;
  noun: KeptNoun;
  sentence: Sentence;
  subject?: Phrase;
  object?: Phrase;
  /** The act is said to recur or to be done to each of several things. */
  repeated: boolean;
}

/**
 * Weighs the records verbs imply, once the candidates are judged: a record kept for reasons of its
 * own (named elsewhere, acted on again, done to a kept record or each of several) is kept; an act said
 * once, of nothing the idea keeps, is weak evidence only.
 */
export function weighVerbRecords(book: CandidateBook, sentences: Sentence[], score: (c: Candidate) => number, keep: number): void {
  for (const sentence of sentences) {
    const kept = (c: Candidate) => score(c) >= keep;
    for (const act of verbActs(book, sentence, kept)) {
      const named = book.byKey.get(act.noun.lemma);
      if (named?.person) continue;
      // "agents answer the customer" where replies are kept: the act's record is there already.
      if (coveredBy(book, act.noun, kept)) continue;
      const target = act.object && book.candidateOf(act.object);
      // Done to a record the idea keeps, to each of them, again and again, or named again: kept.
      const keptTarget = !!target && !target.person && kept(target);
      const said = !!named && named.phrases.length > 0;
      const strong = keptTarget || act.repeated || said;
      const { lemma } = act.noun;
      const record = named ?? book.ensure(lemma, lemma, [lemma], act.verb.index);
      // (Weak evidence stays under the line at which a thing tied to a role is kept, 0.8 in idea.ts.)
      record.evidence.push({ weight: strong ? 2.5 : 0.5, why: `people ${act.verb.lemma}${act.object ? ` ${act.object.head.norm}` : ''}, a ${lemma} each time` });
      // ("answer them": the record "them" stands for is a party of the act, as a named object is.)
      const parties = sentence.phrases.filter((p) => (p.verb === act.verb && p.role !== 'subject') || p === act.object);
      record.acts.push({ verb: act.verb.lemma, sentence: sentence.index, ...(act.subject ? { subject: act.subject } : {}), parties });
    }
  }
}

/** The acts of a sentence that leave a record: a verb of people, done to the product's records or people, or to nothing named. */
function verbActs(book: CandidateBook, sentence: Sentence, kept: (c: Candidate) => boolean): VerbAct[] {
  const acts: VerbAct[] = [];
  for (const verb of sentence.verbs) {
    const lemma = wordnet().verbLemma(verb.norm) ?? verb.lemma;
    if (!/^[a-z]{3,}$/.test(lemma) || RECORD_ACTS[lemma]) continue;
    if (sentence.phrases.some((p) => p.verb === verb && p.negated)) continue;
    const noun = keptNoun(lemma);
    if (!noun) continue;
    const at = sentence.tokens.indexOf(verb);
    if (passive(sentence.tokens, at)) continue;
    // "we bill them every week": a time after the verb says when, and that the act recurs.
    const when = sentence.phrases.find((p) => p.verb === verb && p.role === 'object' && isTime(p));
    const object = sentence.phrases.find((p) => p.verb === verb && p.role === 'object' && p !== when);
    const subject = object?.subject ?? sentence.phrases.find((p) => p.verb === verb && p.role === 'subject');
    if (!byPeople(book, sentence, verb, subject)) continue;
    if (object && !ofTheProduct(book, object)) continue;
    // "Monthly we invoice clients", "score each entry per round": said of the words about the act.
    const around = sentence.tokens.slice(Math.max(0, at - 3), at + 8);
    const repeated = [object, when].some((p) => !!p && (p.quantity === 'each' || p.det.some((d) => REPEATED.test(d)))) || around.some((t) => REPEATED.test(t.norm) || RECURRENCE_WORDS.has(t.norm));
    const target = object ?? (OBJECT_PRONOUNS.has(sentence.tokens[at + 1]?.norm ?? '') ? antecedent(book, sentence, at, kept) : undefined);
    acts.push({ verb, noun, sentence, ...(subject ? { subject } : {}), ...(target ? { object: target } : {}), repeated });
  }
  return acts;
}

/**
 * Verbs the reader already reads as working on a record (keeping, picking, looking, having it):
 * their nouns name the handling ("addition", "search", "view"), never a record of its own.
 */
function listedVerb(lemma: string): boolean {
  return KEEPING_VERBS.has(lemma) || WORKING_VERBS.has(lemma) || PICKING_VERBS.has(lemma) || LOOKING_VERBS.has(lemma) || HAVING_VERBS.has(lemma) || GIVING_VERBS.has(lemma);
}

/**
 * The noun a verb's act leaves that is kept: a derivation that keeps the verb's stem ("invoice",
 * "answer", "inspection"), no person, and in the senses the two words share a kind of KEPT_ACT_KINDS.
 * The verb's own word first ("score" before "scoring"). A verb of looking or handling leaves none,
 * whatever its noun ("search" is an examination in WordNet, and is done in the moment).
 */
export function keptNoun(verb: string): KeptNoun | undefined {
  if (listedVerb(verb)) return undefined;
  const stem = verb.slice(0, Math.min(4, verb.length - 1));
  const derived = wordnet().derivedNouns(verb)
    .filter((d) => d.lemma.startsWith(stem) && !d.lemma.includes('_') && !d.lexnames.includes('noun.person'))
    .map((d) => ({ lemma: d.lemma, senses: keptSenses(d) }))
    .filter((d) => d.senses.length > 0);
  const noun = derived.find((d) => d.lemma === verb) ?? derived.find((d) => !d.lemma.endsWith('ing')) ?? derived[0];
  if (!noun || NOT_RECORDS.has(noun.lemma) || UI_HEADS.has(noun.lemma) || SELDOM_RECORDS.has(noun.lemma)) return undefined;
  return noun;
}

/** A noun an act leaves, with the senses of it that are kept kinds (WordNet synset offsets). */
export interface KeptNoun {
  lemma: string;
  senses: number[];
}

function keptSenses(derived: Derived): number[] {
  return derived.offsets.filter((offset) => KEPT_ACT_KINDS.some((kind) => wordnet().synsetIsA(offset, kind)));
}

/**
 * A record the idea keeps already that is the act's noun by another name, or what it is a kind of:
 * "reply" for the answers agents give, "rating" for the scores judges give. (Its own dominant senses,
 * so a word sharing a rare sense — "account" for a bill — covers nothing.)
 */
function coveredBy(book: CandidateBook, noun: KeptNoun, kept: (c: Candidate) => boolean): Candidate | undefined {
  return [...book.byKey.values()].find((c) => !c.person && c.key !== noun.lemma && kept(c) && noun.senses.some((offset) => wordnet().synsetUnder(offset, c.head, { senses: 2, depth: 2 })));
}

/** "before they're released", "I get notified": a participle after an auxiliary is done to its subject. */
function passive(tokens: Token[], at: number): boolean {
  const before = tokens[at - 1]?.norm ?? '';
  return PASSIVE_AUXILIARIES.test(before) || (before === 're' || before === "'re") || /'re$/.test(tokens[at - 1]?.text ?? '');
}

/**
 * What "them" or "it" after the verb stands for: the last record kept that an earlier verb acted on in
 * the sentence ("members post questions about their hives and beekeepers answer them" → the questions),
 * else the last record named before it.
 */
function antecedent(book: CandidateBook, sentence: Sentence, at: number, kept: (c: Candidate) => boolean): Phrase | undefined {
  const plural = sentence.tokens[at + 1]!.norm === 'them';
  const before = sentence.phrases.filter((p) => p.end <= at && p.plural === plural && book.candidateOf(p) && !book.candidateOf(p)!.person && kept(book.candidateOf(p)!));
  return before.filter((p) => p.role === 'object').at(-1) ?? before.at(-1);
}

/** The act is done by people: a person subject, or a pronoun for one ("we invoice them"), just before the verb or its modals. */
function byPeople(book: CandidateBook, sentence: Sentence, verb: Token, subject: Phrase | undefined): boolean {
  const person = (p: Phrase) => !!book.candidateOf(p)?.person || isPeopleWord(p.head.lemma) || PERSON_PRONOUNS.has(p.head.norm);
  if (subject) return person(subject);
  const { tokens } = sentence;
  for (let at = tokens.indexOf(verb) - 1; at >= 0; at--) {
    const word = tokens[at]!.norm;
    if (PERSON_PRONOUNS.has(word)) return true;
    // "experienced beekeepers answer them": the phrase that ends right before is the subject.
    const before = sentence.phrases.find((p) => p.end === at + 1 && p.role === 'subject');
    if (before) return person(before);
    if (!BETWEEN.test(word) || /[,;:.!?()]/.test(tokens[at]!.post)) return false;
  }
  return false;
}

/** "every week", "each month": a time, by its first WordNet sense. */
function isTime(phrase: Phrase): boolean {
  return wordnet().lexnames(phrase.head.lemma, { senses: 1 }).includes('noun.time');
}

/** What the act is done to is one of the product's records or people, not an attribute or a channel ("answer the phone"). */
function ofTheProduct(book: CandidateBook, object: Phrase): boolean {
  if (OBJECT_PRONOUNS.has(object.head.norm)) return true;
  const thing = book.candidateOf(object);
  if (!thing) return false;
  return thing.person || (!NOT_RECORDS.has(thing.key) && !NOT_RECORDS.has(thing.head) && !ATTRIBUTE_WORDS.has(thing.head) && !SELDOM_RECORDS.has(thing.head) && !UI_HEADS.has(thing.head));
}
