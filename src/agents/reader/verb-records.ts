import type { Candidate } from './candidates.js';
import {
  ARRANGING_VERBS, ATTRIBUTE_WORDS, GIVING_VERBS, HAVING_VERBS, KEEPING_VERBS, LOOKING_VERBS, NOT_RECORDS, PICKING_VERBS, PLACING_VERBS,
  RECORD_ACTS, RECORDLESS_VERB_KINDS, RECORD_NOUN_KINDS, SELDOM_RECORDS, SIGN_IN_VERBS, UI_HEADS, WORKING_VERBS,
} from './knowledge.js';
import type { Phrase, Sentence } from './syntax.js';
import type { Token } from './tokens.js';
import { wordnet } from './wordnet.js';

/**
 * Records an idea implies with a verb and never names as a noun: "we invoice them monthly" keeps
 * invoices, "others answer them" answers, "judges score each entry" scores, "the driver picks up the
 * kids" pickups. The record is the verb's own noun in WordNet (a derivationally related act, event,
 * message, holding or judgement); it is made when a person of the idea does the act to a record or a
 * person the idea keeps, and it is tied to both. The verb's noun written as the same word ("score",
 * "answer", "invoice") is strong evidence; another noun of the act counts, more weakly, only when the
 * idea names it ("we fire their pieces ... charge per firing").
 * Verbs that keep, work on, pick or look at what they act on are read elsewhere and make nothing here,
 * and so do verbs of seeing, wanting, being, using and running things (WordNet's verb files) and the
 * product's own verbs ("a tracker" tracks).
 */

/** What these rules need of the candidate table. */
export interface VerbRecordBook {
  readonly byKey: Map<string, Candidate>;
  candidateOf(phrase: Phrase): Candidate | undefined;
  ensure(key: string, head: string, words: string[], first: number): Candidate;
}

/** The record a verb names: its noun, and whether that noun is the verb's own word ("to score" → a score). */
export interface VerbRecord {
  noun: string;
  same: boolean;
}

/** Verbs read by other rules: they make a record of their own (knowledge.ts) or keep, work on, pick or look at theirs. */
const READ_ELSEWHERE = [KEEPING_VERBS, WORKING_VERBS, PICKING_VERBS, LOOKING_VERBS, HAVING_VERBS, GIVING_VERBS, PLACING_VERBS, ARRANGING_VERBS, SIGN_IN_VERBS];

/** More senses than this and a verb is a general one ("run" has 41, "pass" 25, "answer" 10, "invoice" 1). */
const GENERAL_VERB_SENSES = 15;
/** Words for people that stand for any of them: "others answer them", "everyone votes". */
const ANYONE = new Set(['we', 'i', 'you', 'they', 'he', 'she', 'others', 'other', 'everyone', 'everybody', 'someone', 'somebody', 'anyone', 'anybody', 'nobody', 'people', 'ppl', 'users']);
/** Pronouns that stand for records named before: "answer them", "score each". */
const STANDING_FOR = new Set(['them', 'it', 'each', 'all', 'these', 'those']);
const PASSIVE_AUX = /^(is|are|was|were|be|been|being|get|gets|got|gotten|getting)$/;
const NEGATION = /^(not|never|no|n't|dont|don't|doesn't|won't|cannot|can't)$/;

/** The noun of the record a verb makes, or undefined when it names none. `known` says which nouns the idea already has as candidates. */
export function verbRecord(verb: string, known: (noun: string) => boolean = () => false): VerbRecord | undefined {
  // (The sense first linked decides: "roast" links to a criticism, but first to a joint of meat.)
  const nouns = wordnet().derivedNouns(verb).filter((d) => RECORD_NOUN_KINDS.has(d.lexname));
  const own = (lemma: string) => lemma === verb || lemma === verb.replace(/_/g, '') || lemma === verb.replace(/_/g, '-');
  // The idea's own word for the act wins ("we fire the pieces ... per firing"); another noun of the act
  // than the verb's own word counts only then ("receive" → reception, "adjust" → adjustment are as
  // often another sense).
  const named = nouns.find((d) => known(d.lemma.replace(/-/g, '_')));
  if (named) return { noun: named.lemma.replace(/-/g, '_'), same: own(named.lemma) };
  const same = nouns.find((d) => own(d.lemma));
  return same ? { noun: same.lemma.replace(/-/g, '_'), same: true } : undefined;
}

/**
 * Weighs the records the idea's verbs make, once every candidate is judged: whether the thing acted
 * on is kept is known only then. `likely` is the score from which a thing is likely kept (a thing
 * graded or invoiced is kept, and the act's record ties it); `productVerbs` are the verbs of the
 * product's own name ("tracker").
 */
export function weighVerbRecords(book: VerbRecordBook, sentences: Sentence[], score: (c: Candidate) => number, likely: number, productVerbs: ReadonlySet<string>): void {
  for (const sentence of sentences) {
    for (let at = 0; at < sentence.tokens.length; at++) {
      const token = sentence.tokens[at]!;
      if (!sentence.verbs.includes(token)) continue;
      const verb = phrasalLemma(sentence, at) ?? token.lemma;
      if (!makesRecords(verb, productVerbs) || negated(sentence, at) || bracketed(sentence.tokens, at)) continue;
      const record = verbRecord(verb, (noun) => book.byKey.get(noun)?.person === false);
      if (!record || NOT_RECORDS.has(record.noun) || SELDOM_RECORDS.has(record.noun) || UI_HEADS.has(record.noun) || (ATTRIBUTE_WORDS.has(record.noun) && !record.same)) continue;
      const existing = book.byKey.get(record.noun);
      if (existing?.person) continue;
      const reading = readClause(book, sentence, token, at, (c) => score(c) >= likely);
      if (!reading) continue;
      // Likely kept, or named more fully by one that is ("talk proposals" ... "score proposals").
      const kept = (phrase: Phrase) => {
        const candidate = book.candidateOf(phrase);
        if (!candidate || candidate.key === record.noun) return false;
        if (candidate.person) return !ANYONE.has(phrase.head.norm);
        return score(candidate) >= likely || [...book.byKey.values()].some((c) => !c.person && c.head === candidate.head && score(c) >= likely);
      };
      const acted = reading.patients.filter(kept);
      const context = reading.context.filter((p) => kept(p) && !book.candidateOf(p)!.person);
      if (acted.length === 0 && context.length === 0) continue;
      const made = existing ?? book.ensure(record.noun, record.noun.split('_').pop()!, record.noun.split('_'), token.index);
      const what = (acted[0] ?? context[0])!;
      made.evidence.push({ weight: record.same ? 2.5 : 1.5, why: `people ${verb.replace(/_/g, ' ')} ${acted.length ? 'a' : 'for a'} ${what.head.lemma}` });
      const parties = [...reading.patients, ...reading.context].filter((p) => book.candidateOf(p) && (p.role === 'object' || !book.candidateOf(p)!.person));
      made.acts.push({ verb, sentence: sentence.index, ...(reading.agent ? { subject: reading.agent } : {}), parties });
    }
  }
}

/** A verb can make a record: not one read by other rules, not the product's own, and not seeing, wanting, being, using or running things. */
function makesRecords(verb: string, productVerbs: ReadonlySet<string>): boolean {
  if (RECORD_ACTS[verb] || productVerbs.has(verb) || READ_ELSEWHERE.some((verbs) => verbs.has(verb) || verbs.has(verb.split('_')[0]!))) return false;
  // ("run classes", "pass the skills", "pull stock": a verb of very many senses takes its meaning from its object.)
  if (wordnet().verbSenseCount(verb) > GENERAL_VERB_SENSES) return false;
  const kind = wordnet().verbLexnames(verb, { senses: 1 })[0];
  return !!kind && !RECORDLESS_VERB_KINDS.has(kind);
}

/** "pick up", "drop off": a verb and its particle that WordNet knows as one verb. */
function phrasalLemma(sentence: Sentence, at: number): string | undefined {
  const particle = sentence.tokens[at + 1];
  if (!particle || !/^(up|off|out|in|back|over)$/.test(particle.norm) || /[,;:.!?]/.test(sentence.tokens[at]!.post)) return undefined;
  const lemma = `${sentence.tokens[at]!.lemma}_${particle.norm}`;
  return wordnet().isVerb(lemma) ? lemma : undefined;
}

interface Clause {
  /** The person who acts, when the idea names one as a phrase. */
  agent?: Phrase;
  /** What the act is done to: its object, what a pronoun stands for, a passive's subject. */
  patients: Phrase[];
  /** The records it is done for or with ("invoice them for everything shipped"). */
  context: Phrase[];
}

/**
 * Who does the act and to what. The agent must be a person: a person's phrase or a word for people
 * ("we", "others"); a passive ("customers get billed", "questions answered yes or no") has the
 * thing acted on as its subject, and may leave the person unsaid.
 */
function readClause(book: VerbRecordBook, sentence: Sentence, verb: Token, at: number, likely: (c: Candidate) => boolean): Clause | undefined {
  const own = sentence.phrases.filter((p) => p.verb === verb && p.role !== 'subject');
  const before = sentence.tokens[at - 1];
  const passive = (!!before && PASSIVE_AUX.test(before.norm)) || reducedRelative(sentence, at);
  const subject = own.find((p) => p.subject)?.subject ?? nearestSubject(sentence, at);
  // ("distance and pace, members say": an object is never across a comma; "pass the level's skills" acts on the skills.)
  const objects = own.filter((p) => p.role === 'object' && !p.possessive && !sentence.tokens.slice(at, p.start).some((t) => /[,;:]/.test(t.post)));
  const context = own.filter((p) => p.role === 'prep' && p.prep !== 'by');
  if (passive) {
    // ("a driver based on vehicle type": a participle after people describes them.)
    const patient = reducedRelative(sentence, at) ? sentence.phrases.find((p) => p.end === at && book.candidateOf(p)?.person === false) : subject && !('pronoun' in subject) ? subject : undefined;
    const by = own.find((p) => p.prep === 'by' && book.candidateOf(p)?.person);
    if (!patient) return undefined;
    return { ...(by ? { agent: by } : {}), patients: [patient], context };
  }
  if (!subject) return undefined;
  const agent = 'pronoun' in subject ? undefined : subject;
  if (agent && !book.candidateOf(agent)?.person && !ANYONE.has(agent.head.norm)) return undefined;
  if ('pronoun' in subject && !ANYONE.has(subject.pronoun)) return undefined;
  const patients = [...objects];
  // "answer them", "score each 1-20": the records named before.
  const next = sentence.tokens[at + 1]?.norm ?? '';
  if (patients.length === 0 && STANDING_FOR.has(next)) {
    const antecedent = namedBefore(book, sentence, at, next, likely, agent);
    if (antecedent) patients.push(antecedent);
  }
  // "mark it reimbursed", "get them repaired": a participle after an object pronoun says what was done to it.
  const previous = sentence.tokens[at - 1]?.norm ?? '';
  if (patients.length === 0 && STANDING_FOR.has(previous) && sentence.tokens[at]!.norm.endsWith('ed')) {
    const antecedent = namedBefore(book, sentence, at - 1, previous, likely, agent);
    if (antecedent) patients.push(antecedent);
  }
  // "offer to take it", "volunteer to cover them": what the act offered is done to.
  if (patients.length === 0 && next === 'to' && STANDING_FOR.has(sentence.tokens[at + 3]?.norm ?? '') && sentence.tokens[at + 2]?.tags.has('Verb')) {
    const antecedent = namedBefore(book, sentence, at, sentence.tokens[at + 3]!.norm, likely, agent);
    if (antecedent) patients.push(antecedent);
  }
  // "sees which kids to pick up": the phrase a wh-word asks about is what the infinitive acts on.
  if (patients.length === 0 && sentence.tokens[at - 1]?.norm === 'to') {
    const asked = sentence.phrases.find((p) => p.end === at - 1 && p.det.some((d) => d === 'which' || d === 'what'));
    if (asked) patients.push(asked);
  }
  return { ...(agent ? { agent } : {}), patients, context };
}

/** "questions answered yes or no": a past participle right after a noun phrase, with nothing between, acts on it. */
function reducedRelative(sentence: Sentence, at: number): boolean {
  const token = sentence.tokens[at]!;
  if (!(token.tags.has('PastTense') || token.tags.has('Participle')) || !token.norm.endsWith('ed')) return false;
  const phrase = sentence.phrases.find((p) => p.end === at);
  return !!phrase && !/[,;:]/.test(sentence.tokens[at - 1]!.post) && phrase.role !== 'subject';
}

/** The subject nearest before the verb in its clause: a subject phrase or a pronoun for people. */
function nearestSubject(sentence: Sentence, at: number): Phrase | { pronoun: string } | undefined {
  for (let i = at - 1; i >= 0; i--) {
    const token = sentence.tokens[i]!;
    if (/[.;:!?\n]/.test(token.post) && i < at - 1) return undefined;
    const phrase = sentence.phrases.find((p) => p.head === token && p.role === 'subject');
    if (phrase) return phrase;
    if (token.tags.has('Pronoun') && ANYONE.has(token.norm) && !token.tags.has('Possessive')) return { pronoun: token.norm };
  }
  return undefined;
}

/**
 * What a pronoun stands for: the last thing named before it in its sentence, that
 * the idea keeps (`likely`) and that is not who acts; "it" is a record, "them" and "each" may be
 * people too ("invoice them").
 */
function namedBefore(book: VerbRecordBook, sentence: Sentence, at: number, pronoun: string, likely: (c: Candidate) => boolean, agent: Phrase | undefined): Phrase | undefined {
  // (A line of a list is a clause of its own: "- members upload photos\n- judges ... score each".)
  const line = sentence.tokens.slice(0, at).findLastIndex((t) => /\n/.test(t.post));
  const before = sentence.phrases.filter((p) => p.end <= at && p.start > line);
  for (let i = before.length - 1; i >= 0; i--) {
    const phrase = before[i]!;
    const candidate = book.candidateOf(phrase);
    // ("judges (not club members) ... score each": an aside in brackets is not what a pronoun stands for.)
    if (!candidate || ANYONE.has(phrase.head.norm) || !likely(candidate) || (agent && book.candidateOf(agent) === candidate) || bracketed(sentence.tokens, phrase.start)) continue;
    if (pronoun === 'it' ? !candidate.person : phrase.plural || phrase.quantity === 'each') return phrase;
  }
  return undefined;
}

/** "never invoice them", "can't answer": a negation just before the verb (one after it, "answered yes / no", is the answer's). */
function negated(sentence: Sentence, at: number): boolean {
  return sentence.tokens.slice(Math.max(0, at - 3), at).some((t) => NEGATION.test(t.norm));
}

/** "(paid, sent to printer, shipped)": the values of a status, not acts. */
function bracketed(tokens: Token[], at: number): boolean {
  for (let i = at; i >= 0; i--) {
    if (/[)\]]/.test(tokens[i]!.post) && i < at) return false;
    if (/[([]/.test(tokens[i]!.pre)) return true;
  }
  return false;
}
