import { isSqlReserved } from '../../contract/index.js';
import {
  AMOUNT_WORDS, ARRANGEMENT_WORDS, LISTING_VERBS, FIGURE_KINDS, BARE_CONTAINERS, CART_WORDS, JOINERS, LINE_HOLDERS, LINE_WORDS, actVerb, PICKING_VERBS, ATTRIBUTE_WORDS, CLASSIFIERS, CONTAINERS, EVALUATIONS, GIVING_VERBS, HAVING_VERBS, KEEPER_NOUNS, KEEPING_VERBS, LOGGED_MEASURES, LOOKING_VERBS, NOT_RECORDS, PHRASAL_ACTS, PHRASAL_RECORDS,
  PLACE_ADVERBS, QUALITIES, RECORD_ACTS, SELDOM_RECORDS, UI_HEADS, WORKING_VERBS,
} from './knowledge.js';
import { joinedName, pluralName } from '../naming.js';
import { archetypesIn } from './archetypes.js';
import { weighEntries } from './entries.js';
import { weighPicks } from './picks.js';
import { weighAssignments } from './assignments.js';
import { weighLedgers } from './ledgers.js';
import { weighCommissions } from './commissions.js';
import { weighTickedItems } from './checklists.js';
import { weighCompounds } from './compounds.js';
import { weighBuiltFromCatalogue, weighGroupMembers, weighJoinedRecords, weighUsedThings } from './joins.js';
import { weighClauses } from './clauses.js';
import { weighVerbRecords } from './verb-records.js';
import { placesCounted, weighCountedRows } from './counted.js';
import { keptAsHappenings, weighHeldActs } from './acts.js';
import { QUEUES, eventNoun, partitiveOwner, queueEntry, verbForm } from './mentions.js';
import { samePeople } from './synonyms.js';
import { askedToAct, type Phrase, type Sentence } from './syntax.js';
import type { Token } from './tokens.js';
import { wordnet } from './wordnet.js';
import { namedAgainAs } from './kinds.js';
import { isPeopleWord } from './lexicon.js';

/**
 * Candidate tables and the evidence for each. Every noun phrase of the idea is a candidate; what
 * the idea does with it adds or takes away weight: people create, keep, book, pay or log it; it
 * has attributes or a heading of its own; it is counted, listed or owned; verbs make records of
 * their own ("book" → booking). The reader keeps the candidates with enough evidence.
 */

export interface Evidence {
  weight: number;
  why: string;
}

export interface Candidate {
  /** snake_case name: "time_slot". */
  key: string;
  /** The head noun's lemma: "slot". */
  head: string;
  /** The words as written in the idea, for labels: "time slots" → ["time", "slot"]. */
  words: string[];
  evidence: Evidence[];
  phrases: Phrase[];
  /** The head is a kind of person (a role, or people kept as records). */
  person: boolean;
  /** Position of the first mention, for ordering. */
  first: number;
  /** Made by a verb ("book" → booking): who did it and what it was done to. */
  acts: Act[];
}

export interface Act {
  verb: string;
  sentence: number;
  subject?: Phrase;
  /** The phrases the act was done to or with ("book a walker for a time slot"). */
  parties: Phrase[];
}

/** The weight of the evidence, each kind counted once: saying the same thing twice is not twice the evidence. */
export function score(candidate: Candidate): number {
  const seen = new Set<string>();
  let sum = 0;
  for (const e of candidate.evidence) {
    if (seen.has(e.why)) continue;
    seen.add(e.why);
    sum += e.weight;
  }
  return sum;
}

/** What products are called: "a system for the reservations". */
const PRODUCT_HEADS = new Set(['app', 'application', 'system', 'tool', 'platform', 'website', 'site', 'portal', 'software', 'database', 'cms', 'crm', 'tracker', 'dashboard']);

/** Nouns that stand in for a name not given: "a waitlist thing", "some booking stuff". */
const PLACEHOLDERS = new Set(['thing', 'stuff', 'thingy', 'solution']);

/** Times of day and calendar words qualify when, not what ("every morning drivers"). */
const TIME_WORDS = new Set(['morning', 'evening', 'night', 'afternoon', 'today', 'tonight', 'daily', 'weekly', 'monthly', 'yearly', 'annual', 'weekend', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** Heads that say little alone: "rate", "line", "entry" are named by what qualifies them. */
const VAGUE_HEADS = new Set(['rate', 'line', 'item', 'entry', 'slot', 'code', 'group', 'type', 'request', 'record', 'log', 'plan', 'list', 'order', 'note', 'form']);

/** Verbs whose object, when it is an event, is the record: "book an appointment". */
const BOOKING_VERBS = new Set(['book', 'reserve', 'schedule']);
const NONE: Candidate = { key: '', head: '', words: [], evidence: [], phrases: [], person: false, first: 0, acts: [] };
/** The names of days and months. */
const CALENDAR_NAMES = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);
const PRONOUN_SUBJECTS = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'people', 'everyone', 'anyone', 'someone', 'users', 'user']);

export class CandidateTable {
  readonly byKey = new Map<string, Candidate>();
  private readonly keyOfPhrase = new Map<number, string>();

  constructor(
    private readonly sentences: Sentence[],
    private readonly productWords: ReadonlySet<string>,
  ) {}

  /** The candidate a phrase names, or undefined for a phrase that names nothing a product keeps. */
  candidateOf(phrase: Phrase): Candidate | undefined {
    const key = this.keyOfPhrase.get(phrase.id);
    return key ? this.byKey.get(key) : undefined;
  }

  read(): Candidate[] {
    for (const sentence of this.sentences) {
      for (const phrase of sentence.phrases) this.register(phrase);
    }
    for (const sentence of this.sentences) this.weigh(sentence);
    for (const sentence of this.sentences) this.weighLines(sentence);
    // "the repair history", "a donation page": a compound named after what it holds is those records.
    weighCompounds(this, this.sentences);
    this.weighProductPhrase();
    this.weighQueueProduct();
    this.weighArchetypes();
    this.findActors();
    weighJoinedRecords(this, this.sentences);
    this.mergeVariants();
    this.mergeSynonyms();
    this.mergeNamedAgain();
    // After merging: this evidence is about the thing, whatever it is named, and must not decide its name.
    weighClauses(this, this.sentences);
    weighCountedRows(this, this.sentences);
    weighHeldActs(this, this.sentences);
    weighLedgers(this, this.sentences);
    weighCommissions(this, this.sentences);
    for (const candidate of this.byKey.values()) this.judge(candidate);
    // After judging: whether a joined thing is kept depends on all that is said of it.
    this.weighJoins();
    // (2: the least evidence for a table, as idea.ts keeps them.)
    weighEntries(this, this.sentences, score, 2);
    weighPicks(this, this.sentences, score, 2);
    weighAssignments(this, this.sentences, score, 2);
    weighTickedItems(this, this.sentences, score, 2);
    weighGroupMembers(this, score, 2);
    weighUsedThings(this, this.sentences, score, 2);
    weighBuiltFromCatalogue(this, this.sentences, score, 2);
    weighVerbRecords(this, this.sentences, score, 2);
    return [...this.byKey.values()];
  }

  private register(phrase: Phrase): void {
    const named = nameOf(phrase);
    if (!named) return;
    // "a list of tags", "a library of exercises": the container names what it holds.
    if (CONTAINERS.has(named.key) && phrase.of) return;
    if (this.productWords.has(named.key) || this.productWords.has(named.head)) return;
    // "in route order", "in alphabetical order": an arrangement, not a record.
    if (ARRANGEMENT_WORDS.has(named.head) && phrase.prep === 'in' && phrase.det.length === 0 && named.key !== named.head) return;
    const candidate = this.ensure(named.key, named.head, named.words, phrase.head.index);
    candidate.phrases.push(phrase);
    this.keyOfPhrase.set(phrase.id, named.key);
  }

  /**
   * The first sentence's name for the product says what it keeps: a "booking site" keeps
   * bookings, a "time-off tracker" time off, an "invoicing app" invoices.
   */
  private weighProductPhrase(): void {
    const first = this.sentences[0];
    const phrase = first?.phrases.find((p) => p.words.length >= 2 && (!isPersonWord(p.head.lemma) || PRODUCT_HEADS.has(p.head.lemma)) && (this.productWords.has(p.head.lemma) || KEEPER_NOUNS.has(p.head.lemma) || UI_HEADS.has(p.head.lemma)));
    if (!phrase) return;
    const modifier = phrase.words[phrase.words.length - 2]!;
    const keeper = KEEPER_NOUNS.has(phrase.head.lemma);
    const verb = modifier.tags.has('Gerund') || modifier.norm.endsWith('ing') ? wordnet().verbLemma(modifier.norm) : undefined;
    // ("a reading log", "a training log", "a packing planner": a container named by an act holds the record the act makes, or nothing.)
    const record = verb ? (RECORD_ACTS[verb]?.record ?? (!keeper && wordnet().isNoun(verb) ? verb : undefined)) : keeper ? (wordnet().nounLemma(modifier.norm) ?? modifier.lemma) : undefined;
    // "a monitoring dashboard" keeps what is monitored, not monitors.
    if (!record || NOT_RECORDS.has(record) || isPersonWord(record)) return;
    const key = record.replace(/-/g, '_');
    // "a booking platform" where people "book an appointment": the appointment is the booking.
    const booked = verb ? [...this.byKey.values()].find((c) => c.acts.some((act) => act.verb === verb) && c.key !== key && c.head !== record) : undefined;
    const candidate = booked ?? this.ensure(key, key.split('_').pop()!, key.split('_'), modifier.index);
    candidate.evidence.push({ weight: 2, why: `the product is a ${phrase.words.map((t) => t.norm).join(' ')}` });
  }

  /** "a waitlist thing for walk-ins", "queue app for our barbershop": a product that is a queue keeps a row per person waiting. */
  private weighQueueProduct(): void {
    for (const phrase of this.sentences[0]?.phrases ?? []) {
      const key = nameOf(phrase)?.key ?? '';
      const head = phrase.head.lemma;
      const queue = [...QUEUES].find((q) => `_${key}_`.includes(`_${q}_`));
      if (queue && (key.endsWith(queue) || PRODUCT_HEADS.has(head) || PLACEHOLDERS.has(head))) return this.addQueueEntry(queue, `the product is a ${queue.replace(/_/g, ' ')}`);
    }
  }

  /** Named products the idea is like: "Splitwise for our flat" keeps expenses, splits and settlements. */
  private weighArchetypes(): void {
    for (const pointer of archetypesIn(this.sentences)) {
      const { archetype } = pointer;
      const name = archetype.names[0]!;
      this.archetypes.push(`Read as ${archetype.kind} like ${capital(name)}: ${archetype.tables.map((t) => t.replace(/_/g, ' ')).join(', ')} are assumed from it`);
      const about = pointer.about && !this.candidateOf(pointer.about)?.person ? this.candidateOf(pointer.about) : undefined;
      for (const table of archetype.tables) {
        const candidate = table === archetype.subject && about ? about : this.ensure(table, table.split('_').pop()!, table.split('_'), Number.MAX_SAFE_INTEGER);
        candidate.evidence.push({ weight: 3, why: `a ${name}-like product keeps it` });
      }
    }
  }

  /** Assumptions the archetypes the idea points at bring. */
  readonly archetypes: string[] = [];

  /** Words whose first sense is not a person but that act like people here ("agents claim tickets"). */
  private findActors(): void {
    for (const candidate of this.byKey.values()) {
      if (candidate.person) continue;
      // Acting as people do in a product: keeping, picking, working on records.
      const acting = candidate.phrases.some((p) => p.role === 'subject' && !p.negated && this.sentences[p.sentence]!.phrases.some((o) => o.subject === p && o.verb && (KEEPING_VERBS.has(o.verb.lemma) || WORKING_VERBS.has(o.verb.lemma) || PICKING_VERBS.has(o.verb.lemma) || GIVING_VERBS.has(o.verb.lemma) || o.verb.lemma in RECORD_ACTS)));
      // ("sensors push a reading", "the machine logs a cycle": a device acts, and is still a thing; "cleaners" that are paid or see their jobs are people.)
      if (acting && wordnet().personNoun(candidate.head, { senses: 2 }) && !CONTAINERS.has(candidate.head) && (!isDevice(candidate.head) || this.treatedAsPeople(candidate))) candidate.person = true;
    }
  }

  /** Only people are paid ("pay cleaners per job") or see their work in the product ("cleaners see their own jobs"); a device is neither. */
  private treatedAsPeople(candidate: Candidate): boolean {
    const looks = (p: Phrase) => this.sentences[p.sentence]!.phrases.some((o) => o.subject === p && o.verb && !o.negated && PEOPLE_LOOKING.has(o.verb.lemma));
    return candidate.phrases.some((p) => !p.negated && ((p.role === 'object' && p.verb?.lemma === 'pay') || (p.role === 'subject' && looks(p))));
  }

  ensure(key: string, head: string, words: string[], first: number): Candidate {
    let candidate = this.byKey.get(key);
    if (!candidate) {
      candidate = { key, head, words, evidence: [], phrases: [], person: isPersonWord(head), first, acts: [] };
      this.byKey.set(key, candidate);
    }
    candidate.first = Math.min(candidate.first, first);
    return candidate;
  }

  private add(candidate: Candidate | undefined, weight: number, why: string): void {
    if (candidate) candidate.evidence.push({ weight, why });
  }

  private weigh(sentence: Sentence): void {
    const acted = new Set<Token>();
    // "nutrition per ingredient later", "online booking maybe later, not now": what waits is not built now.
    if (DEFERRING.test(sentence.text)) {
      for (const phrase of sentence.phrases) {
        const later = DEFERRING.exec(sentence.text)!;
        if (charOffset(sentence, phrase.start) < later.index + later[0].length + 40) this.add(this.candidateOf(phrase), -1.5, 'deferred by the idea');
      }
    }
    // "add each one with a photo", "log every one of them": kept one by one, the plural named before.
    for (const verb of sentence.verbs) {
      const at = sentence.tokens.indexOf(verb);
      const [a, b] = [sentence.tokens[at + 1]?.norm, sentence.tokens[at + 2]?.norm];
      if (!KEEPING_VERBS.has(verb.lemma) || !/^(each|every)$/.test(a ?? '') || b !== 'one') continue;
      this.add(this.antecedent(sentence, at), 2, `${verb.lemma} each of them`);
    }
    for (const phrase of sentence.phrases) {
      const candidate = this.candidateOf(phrase);
      const container = CONTAINERS.has(nameOf(phrase)?.key ?? '') && phrase.of ? phrase : undefined;
      if (container?.of) {
        const held = this.candidateOf(container.of);
        this.add(held, container.quantity === 'one' ? 1.5 : 0.8, `a ${phrase.head.norm} of them`);
        // "maintain the list of tags": what is done to the list is done to its items.
        if (container.verb && KEEPING_VERBS.has(container.verb.lemma) && container.role === 'object') this.add(held, 1.5, `${container.verb.lemma} them`);
        // "(billing, bug, feature request)": examples of the rows it holds.
        if (/\(/.test(sentence.tokens[container.of.end]?.pre ?? '') || /\(/.test(sentence.tokens[container.of.end - 1]?.post ?? '')) this.add(held, 1, 'examples of its rows');
      }
      if (!candidate) continue;
      const subject = phrase.subject;
      const verb = phrase.verb?.lemma;
      if (phrase.heading) {
        // "Roles: driver, mechanic, foreman", "Users: pickers, packers": a heading over kinds of people names no record.
        const listed = sentence.phrases.filter((p) => p.listOf === phrase);
        if (listed.length > 0 && listed.filter((p) => isPersonWord(headLemma(p.head) ?? '')).length * 2 >= listed.length) this.add(candidate, -5, 'a heading over people');
        // "Hardware: every truck ... has sensors": a heading over prose that never names it again titles a section.
        else if (listed.length === 0 && candidate.phrases.length === 1) this.add(candidate, 0.5, 'a section title');
        else this.add(candidate, 3, 'a heading of its own');
        // "Promo codes: percentage, expiry date, max uses": a heading over attributes is a record, whatever its head word.
        if (listed.some((p) => ATTRIBUTE_WORDS.has(headLemma(p.head) ?? ''))) this.add(candidate, 0.5, HEADING_OVER_ATTRIBUTES);
      }
      if (phrase.role === 'list' && phrase.listOf && linkDetail(phrase, candidate)) this.add(candidate, 1, 'which one, a detail that points at a record');
      else if (phrase.role === 'list' && phrase.listOf) this.add(candidate, -1.5, 'listed with the details of something else');
      // "a stage (lead, qualified, won, lost)": a closed set of values is an attribute's, not a table's.
      if (phrase.prep === 'with' && valuesFollow(sentence.tokens, phrase.end) && !phrase.of) this.add(candidate, -1.5, 'its values are listed');
      if (phrase.quantity === 'each') this.add(candidate, 0.8, `"${phrase.det.join(' ')} ${phrase.head.norm}"`);
      else if (phrase.quantity === 'many') this.add(candidate, 0.5, 'counted');
      this.weighPartitive(sentence, phrase, candidate);
      if (phrase.plural && phrase.role !== 'list') this.add(candidate, 0.3, 'plural');
      // "my web studio", "our flat": the narrator's own one of it, not a table; in a user story "my" is the persona's.
      if (phrase.det.some((d) => d === 'our' || d === 'my') && !phrase.plural && phrase.quantity === 'one' && phrase.role !== 'list' && !/^\W*as an?\b/i.test(sentence.text)) this.add(candidate, -2.5, 'the speaker’s own, one of it');
      // "create an account", "get accounts": signing in, not a record.
      if (candidate.head === 'account' && verb && /^(create|have|get|need|open|make|register|sign)$/.test(verb) && (!subject || this.candidateOf(subject)?.person || phrase.negated)) {
        this.add(candidate, -2, 'an account to sign in with');
        continue;
      }
      if (verb && !phrase.negated) {
        const direct = phrase.role === 'object';
        // "add each one with a photo": "one" is the plural named just before ("my plants").
        if (direct && KEEPING_VERBS.has(verb) && (candidate.head === 'one' || candidate.head === 'ones')) {
          const antecedent = this.antecedent(sentence, phrase.start);
          if (antecedent) this.add(antecedent, 2, `${verb} each of them`);
        }
        // "join a waitlist", "join the queue": each person joining is an entry of it.
        if (direct && verb === 'join' && queueEntry(candidate.key)) this.addQueueEntry(candidate.key, 'people join it, an entry each', { verb, sentence: sentence.index, ...(subject ? { subject } : {}), parties: [phrase] });
        // "members join a challenge", "runners join a club": each person joining is a row of its own.
        else if (direct && verb === 'join' && !candidate.person && !NOT_RECORDS.has(candidate.key)) this.joins.push({ sentence, phrase, thing: candidate });
        // "log time per project", "record hours against each job": an entry each time, logged against the record.
        const logged = direct && KEEPING_VERBS.has(verb) ? LOGGED_MEASURES[candidate.head] : undefined;
        const against = logged && candidate.key === candidate.head ? sentence.phrases.find((p) => p.verb === phrase.verb && p.role === 'prep' && /^(per|against|on|for|to)$/.test(p.prep ?? '') && this.candidateOf(p) && !this.candidateOf(p)!.person && !NOT_RECORDS.has(this.candidateOf(p)!.key)) : undefined;
        if (logged && against) {
          const entry = this.ensure(logged, logged.split('_').pop()!, logged.split('_'), phrase.head.index);
          entry.evidence.push({ weight: 2.5, why: `people ${verb} ${phrase.head.norm} ${against.prep} ${against.head.norm}` });
          entry.acts.push({ verb, sentence: sentence.index, ...(subject ? { subject } : {}), parties: [against] });
        }
        if (direct && KEEPING_VERBS.has(verb)) this.add(candidate, 2, `${verb} it`);
        else if (direct && PICKING_VERBS.has(verb)) this.add(candidate, 1.5, `${verb} one`);
        else if (direct && WORKING_VERBS.has(verb)) this.add(candidate, 1.2, `${verb} it`);
        else if (direct && LOOKING_VERBS.has(verb)) this.add(candidate, 0.5, `${verb} it`);
        else if (direct && HAVING_VERBS.has(verb) && subject) {
          // "has a title, hero photo, short intro, ...": a list of what a record has is its attributes.
          const listed = sentence.phrases.filter((p) => p.verb === phrase.verb && p.role === 'object').length >= 3 && phrase.quantity === 'one';
          const owner = this.candidateOf(subject);
          // "each table has a QR sticker": one of a thing per record is its attribute; "several lines" are rows.
          const single = phrase.quantity === 'one' && !phrase.plural;
          if (!listed) this.add(candidate, single ? 0.5 : owner && !owner.person && !PRONOUN_SUBJECTS.has(subject.head.norm) ? 1.5 : 1, `a ${subject.head.norm} has ${single ? 'one' : 'them'}`);
          this.add(this.candidateOf(subject), listed ? 0.5 : 1, `has ${phrase.head.norm}`);
        } else if (direct) this.add(candidate, 0.3, `${verb} it`);
        // "keep health records for their pets": what records are about is kept too.
        if (phrase.role === 'prep' && (phrase.prep === 'for' || phrase.prep === 'about' || phrase.prep === 'of') && KEEPING_VERBS.has(verb) && phrase.det.some((d) => /^(their|his|her|each|every)$/.test(d))) this.add(candidate, 1.7, `records kept for each of them`);
        // "buy class packs or a monthly membership": what people buy is on sale.
        if (direct && (verb === 'buy' || verb === 'purchase')) this.add(candidate, 1.5, `people ${verb} it`);
        // "save recipes to their favourites", "add items to my watchlist": a collection of one's own is a record of its own.
        if (phrase.role === 'prep' && (phrase.prep === 'to' || phrase.prep === 'into') && KEEPING_VERBS.has(verb) && phrase.det.some((d) => /^(their|my|your|our|his|her)$/.test(d)) && phrase.plural) {
          candidate.person = false;
          this.add(candidate, 2.5, `people ${verb} things to their ${phrase.head.norm}`);
        }
        else if (phrase.role === 'prep' && phrase.prep && ['into', 'under', 'in', 'for', 'against', 'to', 'from', 'on', 'per'].includes(phrase.prep)) this.add(candidate, 0.4, `${verb} ${phrase.prep} it`);
      }
      if (phrase.role === 'subject' && sentence.verbs.length > 0) this.add(candidate, 0.3, 'does something');
      if (phrase.owner) this.add(this.candidateOf(phrase.owner), 1, `has ${phrase.head.norm}`);
      // "an allowance per leave type", "stock per bin": what things are counted by is a record, and so is what is counted.
      if (phrase.prep === 'per' && !candidate.person && !NOT_RECORDS.has(candidate.head)) {
        this.add(candidate, 1.2, 'things are counted per it');
        const counted = sentence.phrases.filter((p) => p.end <= phrase.start && p.end >= phrase.start - 3 && p !== phrase).at(-1);
        if (counted && !PRONOUN_SUBJECTS.has(counted.head.norm)) this.add(this.candidateOf(counted), 1, `kept per ${phrase.head.norm}`);
      }
      // "their country office's public holidays": what a thing's Xs are, is kept.
      if (phrase.owner && phrase.plural && !candidate.person) this.add(candidate, 0.8, `a ${phrase.owner.head.norm}'s ${phrase.head.norm}`);
      // "group those people by the company", "filter by category": a grouping record.
      if (phrase.prep === 'by' && verb && /^(group|sort|filter|organise|organize|split|break|report|count|search|list|browse|find|rank|view)$/.test(verb)) this.add(candidate, 1.2, `${verb} by it`);
      // "pick a category", "the tags we put on tickets": a lookup table.
      if (CLASSIFIERS.has(candidate.head) && verb && !phrase.negated && phrase.role !== 'list') this.add(candidate, 1, 'people pick or apply it');
      // "give it a score and a private comment", "leave feedback": an evaluation of its own.
      if (verb && GIVING_VERBS.has(verb) && EVALUATIONS[candidate.head] && !phrase.negated && phrase.role === 'object') {
        const record = EVALUATIONS[candidate.head]!;
        const made = this.ensure(record, record, [record], phrase.head.index);
        made.evidence.push({ weight: 2.5, why: `people ${verb} ${phrase.head.norm}` });
        made.acts.push({ verb, sentence: sentence.index, ...(subject ? { subject } : {}), parties: sentence.phrases.filter((p) => p.verb === phrase.verb && p !== phrase && p.role !== 'subject') });
      }
      // "once accepted it turns into an order", "a failed item becomes a defect": a record made from another.
      if (verb && ((phrase.prep === 'into' && /^(turn|convert|change|make)$/.test(verb)) || (phrase.role === 'object' && verb === 'become'))) this.add(candidate, 2, `something ${verb}s into it`);
      // "post an item with pics, size, condition and price", "artworks come with artist, date and an image": a thing with details of its own.
      const details = sentence.phrases.filter((p) => p.prep === 'with' && p.start > phrase.start && (phrase.role === 'object' ? p.verb === phrase.verb : p.subject === phrase)).length;
      if ((phrase.role === 'object' || phrase.role === 'subject') && details >= 2) this.add(candidate, 1, 'has details of its own');
      // "drivers do a pre-trip inspection", "carry out an audit": an act people perform is kept.
      if (phrase.role === 'object' && verb && /^(do|perform|conduct|complete|run|carry)$/.test(verb) && wordnet().lexnames(candidate.head, { senses: 1 }).some((kind) => kind === 'noun.act' || kind === 'noun.event')) this.add(candidate, 2, `people ${verb} it`);
      // "service intervals (oil every 10,000 km, safety inspection every 12 months)": examples of its rows.
      if (phrase.plural && phrase.role !== 'list' && valuesFollow(sentence.tokens, phrase.end) && !CLASSIFIERS.has(candidate.head)) this.add(candidate, 0.8, 'examples of its rows');
      // "we want a system for the reservations", "an app for our recipes": what the product is for.
      // (Who it is for — "an app for small agencies", "a marketplace for handmade goods" — is its audience, not a table.)
      if (phrase.prep === 'for' && !candidate.person && (sentence.index > 0 || phrase.det.includes('the')) && !wordnet().lexnames(candidate.head, { senses: 1 }).includes('noun.group') && sentence.phrases.some((p) => p.end <= phrase.start && p.end >= phrase.start - 2 && (this.productWords.has(p.head.lemma) || PRODUCT_HEADS.has(p.head.lemma)))) this.add(candidate, 1.5, 'the product is for it');
      // "choose from this week's bakes": what people choose from is a catalogue.
      if (phrase.prep === 'from' && verb && /^(choose|pick|select|order|book)$/.test(verb)) this.add(candidate, 1.5, `people ${verb} from them`);
      // "a tax rate picked from the rates we've saved": chosen from a kept list, so a lookup table.
      if (/^(picked|chosen|selected|taken)$/.test(sentence.tokens[phrase.end]?.norm ?? '') && sentence.tokens[phrase.end + 1]?.norm === 'from') this.add(candidate, 2.5, 'picked from a kept list');
      // "courses made of lessons": the parts of a record are records.
      if (phrase.prep === 'of' && verb && /^(make|compose|consist|build)$/.test(verb)) this.add(candidate, 2, 'the parts of something kept');
      if (phrase.of && !container) this.add(this.candidateOf(phrase.of), phrase.of.quantity === 'each' ? 1.2 : 0.3, `${phrase.head.norm} of ${phrase.of.quantity === 'each' ? 'each of them' : 'it'}`);
      // "articles with a title, a body and tags": shared labels of a record.
      if (phrase.prep === 'with' && phrase.plural && CLASSIFIERS.has(candidate.head) && verb && KEEPING_VERBS.has(verb)) this.add(candidate, 2, `labels on what people ${verb}`);
      // "mark lessons complete", "tick a habit as done": a completion per person and thing.
      if (verb && /^(mark|tick|check|set)$/.test(verb) && phrase.role === 'object' && !candidate.person && COMPLETE.test(sentence.tokens.slice(phrase.end, phrase.end + 3).map((t) => t.norm).join(' '))) {
        const key = `${candidate.key}_completion`;
        const made = this.ensure(key, 'completion', [...candidate.words, 'completion'], phrase.head.index);
        made.evidence.push({ weight: 2.5, why: `people mark ${phrase.head.norm} done` });
        made.acts.push({ verb, sentence: sentence.index, ...(subject ? { subject } : {}), parties: [phrase] });
      }
      // Verbs that make a record of their own: one act per verb token.
      if (phrase.verb && !phrase.negated && !acted.has(phrase.verb)) {
        const act = this.act(sentence, phrase.verb, phrase);
        if (act) acted.add(phrase.verb);
      }
    }
    // Verbs with no phrase after them ("pay in the app", "settle up", "they can chat").
    for (const verb of sentence.verbs) {
      if (acted.has(verb)) continue;
      const negated = sentence.phrases.some((p) => p.verb === verb && p.negated) || precededByNegation(sentence.tokens, verb);
      if (!negated) this.act(sentence, verb, undefined);
    }
  }

  /**
   * "one of our listings", "each of its rooms": one picked out of a set someone has, so the set is
   * kept, a row each; "its" and "their" point back at the thing that has them ("a show ... one of its tiers").
   */
  private weighPartitive(sentence: Sentence, phrase: Phrase, candidate: Candidate): void {
    const owner = partitiveOwner(phrase);
    if (!owner || candidate.person) return;
    this.add(candidate, 1.2, 'one of a set someone has');
    if (owner !== 'its' && owner !== 'their') return;
    const antecedent = sentence.phrases.filter((p) => p.end <= phrase.start && p.plural === (owner === 'their')).at(-1);
    const having = antecedent && this.candidateOf(antecedent);
    if (having && !having.person && having !== candidate) this.add(having, 1, `has ${phrase.head.norm}`);
  }

  /** The row a person waiting makes in a queue ("waitlist_entry"), rather than the queue, which is the product's one list. */
  private addQueueEntry(queue: string, why: string, act?: Act): void {
    const key = queueEntry(queue)!;
    const entry = this.ensure(key, 'entry', key.split('_'), Number.MAX_SAFE_INTEGER);
    entry.evidence.push({ weight: 2.5, why });
    if (act) entry.acts.push(act);
  }

  /**
   * A priced thing a customer orders several of at once has line items: "put several in a basket",
   * "add to a shared tab", "an order with several lines", "an invoice has items", a quantity stated
   * where something is ordered. The order is kept, and a row per thing in it named after it ("order_item").
   */
  private weighLines(sentence: Sentence): void {
    const holders = sentence.phrases.filter((p) => !p.negated && LINE_HOLDERS[this.candidateOf(p)?.head ?? ''] !== undefined);
    const ordered = sentence.verbs.map((v) => RECORD_ACTS[v.lemma]?.record).find((record) => record && LINE_HOLDERS[record] !== undefined);
    for (const phrase of sentence.phrases) {
      const candidate = this.candidateOf(phrase);
      if (!candidate || phrase.negated) continue;
      const cart = CART_WORDS[candidate.key];
      if (cart && phrase.role === 'prep' && /^(in|into|to|onto)$/.test(phrase.prep ?? '') && phrase.verb && KEEPING_VERBS.has(phrase.verb.lemma)) {
        const holder = cart === candidate.key ? candidate : this.ensure(cart, cart, [cart], phrase.head.index);
        if (holder !== candidate) this.add(holder, 1.5, `a ${phrase.head.norm} is checked out as one ${cart}`);
        this.addLine(holder, undefined, `things are put in a ${phrase.head.norm} to order`);
        // What goes in is what the shop sells: the verb's objects, or the plural named before ("put several in a basket").
        const objects = sentence.phrases.filter((p) => p.verb === phrase.verb && p.role === 'object');
        for (const thing of objects.length ? objects.map((p) => this.candidateOf(p)) : [this.antecedent(sentence, phrase.start)]) {
          if (thing && !thing.person && thing !== holder) this.add(thing, 1.5, 'ordered, several at once');
        }
        continue;
      }
      // "an order with several lines", "a checklist has items": rows of their own, named with their whole.
      if (LINE_WORDS.has(candidate.key) && (phrase.plural || phrase.quantity === 'many')) {
        // ("an order has a status, a tracking number and several line items": the subject of the having, however far.)
        // ("purchase orders go to one supplier with several lines": the subject, when it is a record with lines.)
        const subject = phrase.subject && this.candidateOf(phrase.subject);
        const had = phrase.verb && subject?.person === false && (HAVING_VERBS.has(phrase.verb.lemma) || (phrase.prep === 'with' && LINE_HOLDERS[subject.head] !== undefined)) ? phrase.subject : undefined;
        const holder = sentence.phrases.filter((h) => h.end <= phrase.start && phrase.start - h.end <= 4 && this.candidateOf(h)?.person === false && (this.holds(sentence, h.end, phrase.start) || headsLines(h, phrase))).at(-1) ?? had;
        const whole = holder && this.candidateOf(holder);
        if (whole && whole !== candidate && !LINE_WORDS.has(whole.key)) this.addLine(whole, candidate, `a ${whole.head.replace(/_/g, ' ')} holds several ${phrase.head.norm}`);
        continue;
      }
      if (AMOUNT_WORDS.has(candidate.head) && phrase.prep === 'with') this.weighAmount(sentence, phrase, candidate);
      if (LINE_HOLDERS[candidate.head] !== undefined && this.madeFromSeveral(sentence, phrase)) this.addLine(candidate, undefined, `made from several records, a line for each`);
      // "place an order with ... quantity", "order several dishes, each with a quantity": a quantity per thing ordered.
      if (candidate.head === 'quantity' || candidate.head === 'qty') {
        const whole = holders.map((h) => this.candidateOf(h)).find((c) => c && !CART_WORDS[c.key]) ?? (ordered ? this.byKey.get(ordered) : undefined);
        if (whole) this.addLine(whole, undefined, `a quantity of each thing in the ${whole.head}`);
      }
    }
  }

  /**
   * "a recipe has the ingredients with amount and unit", "each kit is a list of parts with a quantity":
   * a thing kept on its own, listed in a record with how much of it, is a row joining the two.
   */
  private weighAmount(sentence: Sentence, amount: Phrase, word: Candidate): void {
    const before = sentence.phrases.filter((p) => p.end <= amount.start).reverse();
    const paired = pairedWithAmount(sentence, before, amount);
    if (paired) return this.weighPairedAmount(paired, before, word);
    const listed = before.find((p) => p.prep !== 'with');
    if (!listed?.plural || listed.start < amount.start - 12) return;
    // The record whose list it is: the subject of the "has" or "is" the list hangs on.
    // ("recipes list ingredients with quantities": a record that lists them, said with a verb of listing.)
    const having = (p: Phrase) => !!p.verb && !!p.subject && (HAVING_VERBS.has(p.verb.lemma) || LISTING_VERBS.has(p.verb.lemma) || p.verb.lemma === 'be' || p.verb.tags.has('Copula'));
    const owner = having(listed) ? listed : before.find((p) => p.start < listed.start && p.role === 'object' && having(p));
    const thing = this.candidateOf(listed);
    const whole = owner?.subject && this.candidateOf(owner.subject);
    if (!thing || !whole || thing.person || whole.person || thing === whole || LINE_WORDS.has(thing.key) || LINE_HOLDERS[whole.head] !== undefined) return;
    const row = this.ensure(joinedName(whole.key, thing.key), thing.head, [...whole.words, ...thing.words], listed.head.index);
    row.evidence.push({ weight: 2.5, why: `a ${whole.head} lists ${pluralName(thing.head)}, with the ${word.head} of each` });
    this.add(thing, 1, `listed in a ${whole.head} with its ${word.head}`);
    // The record that lists them is one too, whatever else is said of it.
    if (LISTING_VERBS.has(owner!.verb!.lemma)) this.add(whole, 1.5, `lists ${pluralName(thing.head)} with the ${word.head} of each`);
  }

  /**
   * "produce an invoice per matter from the unbilled time and expenses", "build a quote from the
   * surveyed items": a record made from several other records has a line for each of them. What it is
   * made from is plural or more than one thing, and none of it people.
   */
  private madeFromSeveral(sentence: Sentence, made: Phrase): boolean {
    if (made.role !== 'object' || !made.verb || made.negated) return false;
    // Right after "from", or joined to what is ("from the logged hours and expenses"); not "from our shop each month".
    const from: Phrase[] = [];
    for (const p of sentence.phrases) {
      if (p.verb === made.verb && p.role === 'prep' && p.prep === 'from' && p.start > made.start && (sentence.tokens[p.start - 1]?.norm === 'from' || (!!p.coordinated && from.includes(p.coordinated)))) from.push(p);
    }
    const things = from.map((p) => this.candidateOf(p)).filter((c) => c && !c.person);
    return things.length > 0 && things.length === from.length && (from.length > 1 || from[0]!.plural);
  }

  /**
   * "recipes (style, IBU) with ingredients and amounts", "kits with parts and quantities": a record
   * with plural things and how much of each holds them as rows joining the two (recipe_ingredient).
   * The record is the last phrase before the "with" that is no detail in a list.
   */
  private weighPairedAmount(listed: Phrase, before: Phrase[], word: Candidate): void {
    const record = before.find((p) => p.end <= listed.start && p.prep !== 'with' && p.role !== 'list');
    const [thing, whole] = [this.candidateOf(listed), record && this.candidateOf(record)];
    if (!thing || !whole || thing.person || whole.person || thing === whole || LINE_WORDS.has(thing.key) || LINE_HOLDERS[whole.head] !== undefined) return;
    const row = this.ensure(joinedName(whole.key, thing.key), thing.head, [...whole.words, ...thing.words], listed.head.index);
    row.evidence.push({ weight: 2.5, why: `a ${whole.head} has ${pluralName(thing.head)}, with the ${word.head} of each` });
    this.add(thing, 1, `listed in a ${whole.head} with its ${word.head}`);
  }

  /** The words between two phrases say the first holds the second: "with", "has", "can have several". */
  private holds(sentence: Sentence, from: number, to: number): boolean {
    return sentence.tokens.slice(from, to).some((t) => t.norm === 'with' || HAVING_VERBS.has(t.lemma));
  }

  /** The rows of an order-like record: "order_item", "invoice_line"; the part's own phrases move to it. */
  private addLine(holder: Candidate, part: Candidate | undefined, why: string): void {
    // "several line items" of an order are its items, as an architect names them: order_item, invoice_line.
    const word = (part?.key === 'line_item' ? LINE_HOLDERS[holder.head] : part?.key) ?? LINE_HOLDERS[holder.head] ?? 'item';
    const line = this.ensure(joinedName(holder.key, word), word.split('_').pop()!, [...holder.words, ...word.split('_')], part?.first ?? holder.first);
    if (part && part !== line) this.absorb(line, part);
    line.evidence.push({ weight: 2.5, why });
    holder.evidence.push({ weight: 1, why: 'holds rows of its own' });
  }

  /** Things people join, weighed once everything is read ("members join a challenge"). */
  private readonly joins: Array<{ sentence: Sentence; phrase: Phrase; thing: Candidate }> = [];

  /**
   * The row a person joining a thing makes: a club's members, a challenge's participants. Only a
   * thing kept for reasons of its own, or a group, has them ("join the call" keeps nothing).
   */
  private weighJoins(): void {
    for (const { sentence, phrase, thing } of this.joins) {
      const joiner = phrase.subject && this.candidateOf(phrase.subject);
      if (!joiner?.person || this.byKey.get(thing.key) !== thing) continue;
      const group = wordnet().isA(thing.head, 'group', { senses: 1 });
      // Kept without the joining itself (the "join one" a picking verb gives).
      const kept = score({ ...thing, evidence: thing.evidence.filter((e) => e.why !== 'join one') }) >= 2;
      if (!group && !kept) continue;
      const word = group ? JOINERS.group : JOINERS.other;
      const row = this.ensure(joinedName(thing.key, word), word, [...thing.words, word], phrase.head.index);
      // A row about a person, not a person: "challenge_participant" is kept, never signs in.
      row.person = false;
      row.evidence.push({ weight: 2.5, why: `people join a ${thing.head}, a row each` });
      row.acts.push({ verb: 'join', sentence: sentence.index, ...(phrase.subject ? { subject: phrase.subject } : {}), parties: [phrase] });
    }
  }

  /** The last plural thing named before a phrase, in its sentence or the one before ("my plants ... each one"). */
  private antecedent(sentence: Sentence, at: number): Candidate | undefined {
    const before = [...(this.sentences[sentence.index - 1]?.phrases ?? []), ...sentence.phrases.filter((p) => p.start < at)];
    for (let i = before.length - 1; i >= 0; i--) {
      const candidate = this.candidateOf(before[i]!);
      if (candidate && before[i]!.plural && !candidate.person) return candidate;
    }
    return undefined;
  }

  /** A verb that makes a record: the record candidate gets weight, and remembers its parties. */
  private act(sentence: Sentence, verb: Token, first: Phrase | undefined): boolean {
    const at = sentence.tokens.indexOf(verb);
    // "tick it off", "check them off": the particle after a pronoun; "mark today as done": the state after "as".
    const pronounFirst = /^(it|them|one|each)$/.test(sentence.tokens[at + 1]?.norm ?? '');
    const particle = sentence.tokens[at + (pronounFirst ? 2 : 1)]?.norm;
    const state = sentence.tokens.slice(at + 1, at + 6).findIndex((t) => t.norm === 'as');
    // ("mark them as done" of records is a status; of a day, "mark today as done", a record of its own.)
    const marked = state >= 0 && TIME_WORDS.has(sentence.tokens[at + 1]?.norm ?? '') ? PHRASAL_ACTS[`${verb.lemma} ${sentence.tokens[at + 2 + state]?.norm}`] : undefined;
    // "pay the tutor out weekly", "check people in": the particle after the verb's object, when no phrase follows
    // it (then it is a preposition: "check the bike in the shed").
    const objectPhrase = sentence.phrases.find((p) => p.verb === verb && p.role === 'object' && p.start > at);
    const afterObject = objectPhrase && !sentence.phrases.some((p) => p.start === objectPhrase.end + 1) ? sentence.tokens[objectPhrase.end]?.norm : undefined;
    const [phrasal, particleWord] =
      particle && PHRASAL_ACTS[`${verb.lemma} ${particle}`] ? [PHRASAL_ACTS[`${verb.lemma} ${particle}`], particle]
      : marked ? [marked, particle]
      : afterObject && PHRASAL_ACTS[`${verb.lemma} ${afterObject}`] ? [PHRASAL_ACTS[`${verb.lemma} ${afterObject}`], afterObject]
      : [undefined, particle];
    // "ticks off who collected": what is ticked is whether people came, not a record.
    if (phrasal && /^(who|whom|whether)$/.test(sentence.tokens[at + 2]?.norm ?? '')) return false;
    // "ask to swap", "request to reschedule": a request of that act.
    const asked = /^(ask|request|apply)$/.test(verb.lemma) && sentence.tokens[at + 1]?.norm === 'to' ? sentence.tokens[at + 2] : undefined;
    if (asked && /^[a-z]{3,}$/.test(asked.lemma) && wordnet().isVerb(asked.lemma) && !/^(be|have|get|do|make|see|know)$/.test(asked.lemma)) {
      const key = `${eventNoun(asked.lemma) ?? asked.lemma}_request`.replace(/-/g, '_');
      const request = this.ensure(key, 'request', key.split('_'), verb.index);
      request.evidence.push({ weight: 2.5, why: `people ${verb.lemma} to ${asked.lemma}` });
      request.acts.push({ verb: 'request', sentence: sentence.index, ...(first?.subject ? { subject: first.subject } : {}), parties: [] });
      return true;
    }
    // "pre-order", "re-book": the act of the bare verb.
    // ("reorder", "rebook" are verbs of their own; only a prefixed form WordNet lacks is read as its base.)
    const lemma = phrasal ?? actVerb(verb.lemma, (word) => wordnet().isVerb(word));
    const rule = RECORD_ACTS[lemma];
    const record = rule?.record ?? PHRASAL_RECORDS[lemma];
    if (!record) return false;
    // "(paid, sent to printer, shipped)": values of a status, not acts.
    if (insideBrackets(sentence.tokens, at)) return false;
    // "sign up to the shifts": the phrases after a phrasal verb hang on its particle.
    const particleToken = phrasal && !marked ? sentence.tokens[at + (pronounFirst ? 2 : 1)] : undefined;
    const parties = sentence.phrases.filter((p) => (p.verb === verb || (particleToken && p.verb === particleToken)) && p.role !== 'subject');
    const subject = first?.subject ?? parties[0]?.subject ?? sentence.phrases.find((p) => askedToAct(sentence, p) === verb) ?? sentence.phrases.find((p) => p.role === 'subject' && p.end <= at);
    // "follow ur friends", "invite members": social acts are between people.
    if (rule?.people && parties.some((p) => p.role === 'object') && !parties.some((p) => p.role === 'object' && this.candidateOf(p)?.person)) return false;
    // "Swipe left to archive": a gesture in the interface, unless people swipe on something ("swipe right on a shift").
    // ("sign up", "settle up" are acts of their own, not gestures.)
    if (!phrasal && /^(left|right|up|down)$/.test(particle ?? '') && !parties.some((p) => p.prep === 'on')) return false;
    // "we also pay for software licences": the business paying its own bills is not a record of the product.
    // ... unless the clause hands the act to others ("I want customers to pre-order and pay online").
    const pronoun = sentence.tokens.slice(0, at).reverse().find((t) => t.tags.has('Pronoun') || sentence.phrases.some((p) => p.head === t && this.candidateOf(p)?.person));
    const speaker = !!pronoun && /^(we|i)$/.test(pronoun.norm) && !subject;
    // ... but the business paying the people who work through it is a payout: "we pay guides per tour", "I pay my cleaners per job".
    const paid = speaker && lemma === 'pay' ? parties.find((p) => p.role === 'object' && (this.candidateOf(p)?.person || wordnet().personNoun(p.head.lemma, { senses: 2 }))) : undefined;
    if (paid) return this.keepAct(sentence, { key: 'payout', head: 'payout', act: 'payout' }, 'the business pays people', subject, parties, verb.index, paid);
    if (speaker && (lemma === 'pay' || lemma === 'buy' || lemma === 'order' || lemma === 'subscribe')) return false;
    // A record named after a kind of thing paid or requested: "pay rent" → rent_payment.
    // "tick off the checklist": the phrase after the particle is the object.
    // "devices are handed out to employees": the passive's subject is what is acted on (a device assignment).
    const passive = /^(is|are|was|were|be|been|being|get|gets|got)$/.test(sentence.tokens[at - 1]?.norm ?? '') && subject?.role === 'subject' && subject.end < at ? subject : undefined;
    const object = parties.find((p) => p.role === 'object') ?? (phrasal && !pronounFirst ? sentence.phrases.find((p) => p.start === at + 2) : undefined) ?? passive;
    const objectKey = object ? nameOf(object) : undefined;
    // "request vacation days": a time word names no kind; its qualifier does.
    const kind = objectKey && NOT_RECORDS.has(objectKey.head) && objectKey.key !== objectKey.head ? objectKey.key.split('_')[0]! : objectKey?.head;
    const objectIsKind = rule?.object && objectKey && kind && !isPersonWord(objectKey.head) && !NOT_RECORDS.has(kind) && !QUALITIES.has(kind);
    const key = objectIsKind ? `${kind}_${record}` : record;
    // "sign up with email", "register in the app": joining the product is not a record; signing up for a shift is.
    if ((lemma === 'signup' || lemma === 'register') && !parties.some((p) => (p.prep === 'for' || p.prep === 'to' || p.prep === 'on' || p.role === 'object') && this.candidateOf(p) && !NOT_RECORDS.has(this.candidateOf(p)!.key) && !this.candidateOf(p)!.person)) return true;
    // "split into tickets", "split into aliquots": parts of a thing, not a split of its own.
    if (lemma === 'split' && parties.some((p) => p.prep === 'into')) {
      for (const p of parties.filter((p) => p.prep === 'into')) this.add(this.candidateOf(p), 1, 'parts split off');
      return true;
    }
    // "report a maintenance issue", "log an incident": what is reported is the record.
    if (lemma === 'report' && object && this.candidateOf(object) && !this.candidateOf(object)!.person) {
      const reported = this.candidateOf(object)!;
      reported.evidence.push({ weight: 2.5, why: 'people report it' });
      reported.acts.push({ verb: lemma, sentence: sentence.index, ...(subject ? { subject } : {}), parties: parties.filter((p) => p !== object) });
      return true;
    }
    // "book an appointment", "schedule a meeting": an event booked is the booking itself.
    const booked = object && BOOKING_VERBS.has(lemma) ? this.candidateOf(object) : undefined;
    if (booked && !booked.person && wordnet().lexnames(booked.head, { senses: 1 }).some((kind) => kind === 'noun.act' || kind === 'noun.event' || kind === 'noun.communication')) {
      booked.evidence.push({ weight: 2.5, why: `people ${verb.lemma} it` });
      booked.acts.push({ verb: lemma, sentence: sentence.index, ...(subject ? { subject } : {}), parties: parties.filter((p) => p !== object) });
      return true;
    }
    return this.keepAct(sentence, { key, head: record, act: lemma }, `people ${phrasal ? `${verb.lemma} ${particleWord}` : verb.lemma}`, subject, parties, verb.index, object);
  }

  /** The record an act leaves, with what it was done with: "book a walker for a time slot" keeps the slot too. */
  private keepAct(sentence: Sentence, { key, head, act }: { key: string; head: string; act: string }, why: string, subject: Phrase | undefined, parties: Phrase[], position: number, object: Phrase | undefined): true {
    const candidate = this.ensure(key, head, key.split('_'), position);
    candidate.evidence.push({ weight: 2.5, why });
    for (const party of parties) {
      const kept = this.candidateOf(party);
      if (kept && !kept.person && party !== object && !whereDone(party, kept)) this.add(kept, 0.8, `${act} ${party.prep ?? ''} it`.replace('  ', ' '));
    }
    candidate.acts.push({ verb: act, sentence: sentence.index, ...(subject ? { subject } : {}), parties });
    void PRONOUN_SUBJECTS;
    return true;
  }

  /** "their open ticket" and "tickets", "a new draft invoice" and "invoices": one candidate. */
  private mergeVariants(): void {
    for (const candidate of [...this.byKey.values()]) {
      if (candidate.key === candidate.head) continue;
      const base = this.byKey.get(candidate.head);
      // Tables an archetype brings ("user_language") are names of their own, never variants.
      if (!base || base.person !== candidate.person || candidate.phrases.length === 0) continue;
      // People keep the name the idea first gives them: "Sales reps ... a rep" are sales reps.
      if (candidate.person) {
        const [kept, gone] = candidate.first <= base.first ? [candidate, base] : [base, candidate];
        this.absorb(kept, gone);
        continue;
      }
      const modifiers = candidate.key.slice(0, -candidate.head.length - 1).split('_');
      // A modifier that is a record of its own makes a kind of its own ("invoice template", "order item");
      // other qualifiers ("talk proposal", "escape room", "pre-trip inspection") name the same thing.
      const kind = modifiers.some((word) => score(this.byKey.get(word) ?? NONE) >= 1.5 || this.byKey.get(word)?.person);
      const noun = modifiers.some((word) => wordnet().isNoun(word) && !QUALITIES.has(word));
      if (kind || (noun && score(base) < 0.5) || score(candidate) > score(base) + 2) continue;
      // The name the idea uses more wins ("their salons" over "hair salons"); on a tie, the plain one.
      // A compound the idea uses again and again is a name of its own ("purchase orders" beside "orders").
      if (noun && candidate.phrases.length >= 2) continue;
      // A vague head ("rate", "type", "line") takes its qualifier's name: "tax rate".
      const vague = SELDOM_RECORDS.has(base.head) || ATTRIBUTE_WORDS.has(base.head) || VAGUE_HEADS.has(base.head);
      const [kept, gone] = noun && (vague || candidate.phrases.length >= base.phrases.length) ? [candidate, base] : [base, candidate];
      this.absorb(kept, gone);
    }
  }

  /** "Patient record" and "patients", "laptops, monitors" and "devices": one thing, one candidate (kinds.ts). */
  private mergeNamedAgain(): void {
    for (const candidate of [...this.byKey.values()]) {
      const kept = this.byKey.get(candidate.key) === candidate ? namedAgainAs(candidate, this.byKey, this.sentences) : undefined;
      if (kept) this.absorb(kept, candidate);
    }
  }

  /** "physiotherapists" and "the physio", "children" and "kids": one kind of person (synonyms.ts), named as the idea first names them. */
  private mergeSynonyms(): void {
    for (const candidate of [...this.byKey.values()]) {
      if (this.byKey.get(candidate.key) !== candidate) continue;
      const same = [...this.byKey.values()].find((other) => other !== candidate && samePeople(other, candidate));
      if (!same) continue;
      const [kept, gone] = candidate.first <= same.first ? [candidate, same] : [same, candidate];
      this.absorb(kept, gone);
    }
  }

  absorb(kept: Candidate, gone: Candidate): void {
    kept.evidence.push(...gone.evidence);
    kept.phrases.push(...gone.phrases);
    kept.acts.push(...gone.acts);
    kept.first = Math.min(kept.first, gone.first);
    for (const phrase of gone.phrases) this.keyOfPhrase.set(phrase.id, kept.key);
    this.byKey.delete(gone.key);
  }

  /** Weight that comes from the word itself: names that are never tables, mentions, WordNet's sense. */
  private judge(candidate: Candidate): void {
    const mentions = candidate.phrases.length;
    // "a stage (lead, qualified, won)" ... "totals per stage": a dimension whose values the idea lists is an enum.
    const enumerated = candidate.phrases.some((p) => valuesFollow(this.sentences[p.sentence]!.tokens, p.end) && !p.plural);
    if (enumerated && candidate.evidence.some((e) => e.why === 'things are counted per it')) candidate.evidence.push({ weight: -1.2, why: 'its values are listed, so it is an enum' });
    // Listed among another's details but also a subject or object of its own: mostly a thing.
    if (candidate.phrases.some((p) => p.role !== 'list') && candidate.evidence.some((e) => e.why === 'listed with the details of something else')) candidate.evidence.push({ weight: 1, why: 'named outside the lists too' });
    if (mentions >= 2) candidate.evidence.push({ weight: Math.min(2, 0.6 * (mentions - 1)), why: `named ${mentions} times` });
    // "purchase date", "habit name": a compound whose head is an attribute is an attribute.
    // ("leave type", "room type": a kind of something, named, is a lookup table.)
    if (candidate.key !== candidate.head && ATTRIBUTE_WORDS.has(candidate.head) && !CLASSIFIERS.has(candidate.head) && !candidate.acts.length && !candidate.evidence.some((e) => e.why === HEADING_OVER_ATTRIBUTES)) candidate.evidence.push({ weight: -2.5, why: `a ${candidate.head}, an attribute` });
    const phrase = candidate.key.replace(/_/g, ' ');
    // "all sites", "each site": counted, a word the product's parts share with places names the places (counted.ts).
    const place = placesCounted(candidate);
    if (place) candidate.evidence.push({ weight: 0, why: 'places, counted' });
    else if (NOT_RECORDS.has(phrase) || (candidate.key === candidate.head && NOT_RECORDS.has(candidate.head))) {
      candidate.evidence.push({ weight: -20, why: 'not something a product keeps' });
    } else if (SELDOM_RECORDS.has(phrase) || (candidate.key === candidate.head && SELDOM_RECORDS.has(candidate.head))) {
      candidate.evidence.push({ weight: -2.5, why: 'seldom a record by itself' });
    } else if (SELDOM_RECORDS.has(candidate.head) && !VAGUE_HEADS.has(candidate.head)) {
      candidate.evidence.push({ weight: -1.2, why: `a ${candidate.head}, seldom a record` });
    }
    if (!place && (UI_HEADS.has(candidate.head) || UI_HEADS.has(candidate.key))) candidate.evidence.push({ weight: -20, why: 'a part of the product, not a record' });
    // "every Thursday", "in September", "June–October": days and months are when, never what.
    if (candidate.words.every((word) => CALENDAR_NAMES.has(word))) candidate.evidence.push({ weight: -20, why: 'a day or a month, a time' });
    // "the menu", "a list": a container by itself is the product's one list, not a table.
    if (candidate.key === candidate.head && BARE_CONTAINERS.has(candidate.head)) candidate.evidence.push({ weight: -3, why: 'a container' });
    // "the no-show rate", "avg wait + turnover": a figure a report computes from the records.
    if (isFigure(candidate.head) && !candidate.acts.length) candidate.evidence.push({ weight: -2, why: `a ${candidate.head}, a figure computed from records` });
    // "sets, reps, servings": the list has the written word, whose lemma ("rep", "serving") may be another.
    const written = candidate.phrases.some((p) => p.words.length === 1 && ATTRIBUTE_WORDS.has(p.words[0]!.norm));
    if (ATTRIBUTE_WORDS.has(candidate.key.replace(/_/g, ' ')) || (candidate.key === candidate.head && (ATTRIBUTE_WORDS.has(candidate.head) || written))) {
      candidate.evidence.push({ weight: -1.5, why: 'usually an attribute' });
    }
    if (isSqlReserved(candidate.key) && candidate.key !== 'order' && candidate.key !== 'user' && candidate.key !== 'group' && candidate.key !== 'table') {
      candidate.evidence.push({ weight: -20, why: 'a word of the language, not a thing' });
    }
    const kinds = candidate.key === candidate.head ? wordnet().lexnames(candidate.head, { senses: 2 }) : [];
    // ("log heats", "record calvings": kept again and again, the word names the happenings, not a state.)
    if (kinds.length > 0 && kinds.every((kind) => ABSTRACT_KINDS.has(kind)) && !keptAsHappenings(candidate)) candidate.evidence.push({ weight: -1, why: `an abstract word (${kinds.join(', ')})` });
    if (!wordnet().wordnetNoun(candidate.head) && !candidate.acts.length && !/_/.test(candidate.key)) candidate.evidence.push({ weight: -1.5, why: 'not a noun WordNet knows' });
  }
}

/** The evidence a heading gets when what it lists are attributes. */
const HEADING_OVER_ATTRIBUTES = 'a heading over attributes';

/** WordNet lexicographer files of words that name no record by themselves. */
const ABSTRACT_KINDS = new Set(['noun.attribute', 'noun.quantity', 'noun.state', 'noun.feeling', 'noun.cognition', 'noun.motive', 'noun.phenomenon', 'noun.shape', 'noun.relation', 'noun.process']);

function precededByNegation(tokens: Token[], verb: Token): boolean {
  const at = tokens.indexOf(verb);
  for (let i = Math.max(0, at - 3); i < at; i++) {
    if (/^(not|never|no|n't|dont|don't|doesn't|won't|cannot|can't)$/.test(tokens[i]!.norm)) return true;
  }
  return false;
}

/** A figure: a rate, ratio or statistic by its WordNet hypernyms ("no-show rate", "turnover", "average"). */
function isFigure(head: string): boolean {
  return FIGURE_KINDS.some((kind) => wordnet().isA(head, kind, { senses: 1 }));
}

/** Looking at records on a screen, which people do and devices do not ("a display shows", "a scanner reads" are devices' acts). */
const PEOPLE_LOOKING = new Set(['see', 'view', 'browse']);

/** A made thing by its first sense ("monitor" is a person first, "sensor", "machine" are devices). */
function isDevice(head: string): boolean {
  return wordnet().lexnames(head, { senses: 1 })[0] === 'noun.artifact';
}

export function isPersonWord(head: string): boolean {
  return wordnet().personNoun(head) || PEOPLE_WORDS.has(head);
}

/** People words WordNet does not read as people in their first sense. */
const PEOPLE_WORDS = new Set(['admin', 'user', 'member', 'staff', 'rep', 'flatmate', 'physio', 'barista', 'host', 'guest', 'walker', 'owner', 'player', 'reviewer', 'speaker', 'chair', 'driver', 'agent', 'attendant', 'picker', 'packer']);

/** Words for someone, whoever they are: "the person writing", "someone asking". */
const GENERIC_PERSONS = new Set(['person', 'someone', 'somebody', 'anyone', 'anybody', 'one']);

export interface Named {
  key: string;
  head: string;
  words: string[];
}

/** The candidate name of a phrase: its head's lemma with the modifiers that make a kind ("canned response", "time slot"). */
export function nameOf(phrase: Phrase): Named | undefined {
  // "people writing in": a trailing gerund is what the people do, not what they are.
  // "the deli downstairs", "the café nearby": a trailing adverb of place says where, not what.
  const last = phrase.words[phrase.words.length - 1]!;
  // "the person writing", "people calling in": after people, a gerund is what they do, even one that is a noun too
  // (after a person word used as a modifier it names a kind: "customer meetings", "staff training").
  const before = phrase.words[phrase.words.length - 2];
  const doing = !!before && last.norm.endsWith('ing') && (last.tags.has('Gerund') || !!wordnet().verbLemma(last.norm)) && isPeopleWord(headLemma(before) ?? '') && (before.tags.has('Plural') || GENERIC_PERSONS.has(before.norm));
  const trailing = phrase.words.length > 1 && ((last.tags.has('Gerund') && !last.tags.has('Noun')) || PLACE_ADVERBS.has(last.norm) || doing);
  const words = trailing ? phrase.words.slice(0, -1) : phrase.words;
  const headToken = words[words.length - 1]!;
  const head = headLemma(headToken);
  if (!head || !/^[a-z][a-z-]*$/.test(head) || head.length < 2) return undefined;
  if (isProperName(headToken)) return undefined;
  const modifiers: string[] = [];
  for (const token of words.slice(0, -1)) {
    const word = token.norm.replace(/'s$/, '').replace(/-/g, '_');
    if (!/^[a-z][a-z_]*$/.test(word) || QUALITIES.has(word) || TIME_WORDS.has(word) || token.norm.endsWith("'s") || token.text.endsWith("'") || (token.tags.has('Gerund') && !wordnet().isNoun(word)) || alternatives(token)) {
      modifiers.length = 0;
      continue;
    }
    if (isProperName(token) && !/^[A-Z]{2,}$/.test(token.text)) {
      modifiers.length = 0;
      continue;
    }
    modifiers.push(word === 'time' && token.lemma === 'time' ? 'time' : word);
  }
  const kept = modifiers.slice(-2);
  const key = [...kept, head.replace(/-/g, '_')].join('_');
  return { key, head: head.replace(/-/g, '_'), words: [...kept, head] };
}

/** "vacation/sick requests": words written as slashed alternatives say which of several kinds, never one kind. */
function alternatives(token: Token): boolean {
  return token.tags.has('SlashedTerm');
}

function headLemma(token: Token): string | undefined {
  const norm = token.norm.replace(/'s$/, '').replace(/'$/, '');
  if (!norm) return undefined;
  // "40% of what sold": a verb where a noun stands names its record ("sale"), or nothing.
  if (verbForm(token)) return eventNoun(token.lemma);
  const lemma = wordnet().nounLemma(norm);
  // "sellers" is a lemma of its own in WordNet (Peter Sellers); a proper name never beats the plural's singular.
  if (lemma && lemma === norm && token.lemma !== norm && wordnet().isNoun(token.lemma) && wordnet().nounSenses(norm).every((sense) => sense.instance)) return token.lemma;
  if (lemma) return lemma;
  // "co-speakers", "co-hosts": a prefixed compound WordNet lacks is a kind of its head.
  if (/^(co|sub|pre|re|multi|self)-?[a-z]{3,}/.test(norm) && !wordnet().isNoun(token.lemma)) return wordnet().nounHead(norm) ?? token.lemma;
  return token.lemma;
}

/** "with ingredients and amounts": the plural thing an amount is joined to by "and" under the same "with". */
function pairedWithAmount(sentence: Sentence, before: Phrase[], amount: Phrase): Phrase | undefined {
  const thing = before[0];
  if (!thing || thing.prep !== 'with' || thing.role !== 'prep' || amount.role !== 'prep' || !thing.plural || thing.end + 1 !== amount.start) return undefined;
  return sentence.tokens[thing.end]?.norm === 'and' ? thing : undefined;
}

/** "quotes: line items for labour and parts": a heading right before the lines names the record they belong to. */
function headsLines(heading: Phrase, lines: Phrase): boolean {
  return heading.role === 'heading' && heading.end === lines.start;
}

/** A capitalised word in mid-sentence that WordNet does not know as a common noun: a brand or a name. */
function isProperName(token: Token): boolean {
  if (!/^\p{Lu}/u.test(token.text)) return false;
  if (token.tags.has('ProperNoun') || token.tags.has('Organization') || token.tags.has('Place') || token.tags.has('FirstName')) return true;
  return /\p{Lu}.*\p{Lu}/u.test(token.text.slice(1)) && !wordnet().isNoun(token.norm);
}

function insideBrackets(tokens: Token[], at: number): boolean {
  for (let i = at; i >= 0; i--) {
    if (/[)\]]/.test(tokens[i]!.post) && i < at) return false;
    if (/[([]/.test(tokens[i]!.pre)) return true;
  }
  return false;
}

function capital(name: string): string {
  return name.replace(/(^|\s)\p{Ll}/gu, (letter) => letter.toUpperCase());
}

/** "complete", "as done", "as read": the state a person marks a thing with. */
const COMPLETE = /^(as )?(complete|completed|done|finished|read|watched|attended|passed|learned|learnt)\b/;

/** Words that put something off: "later", "maybe later, not now", "in a future version", "ignore for now". */
export const DEFERRING = /\b(?:(?:maybe|possibly|perhaps)\s+later|later\b|not now|in (?:a )?(?:future|later) (?:version|phase|release)|for (?:a )?v2|phase 2|ignore (?:it |that )?for now|nice to have|not (?:needed|required) (?:yet|for now|in v1)|out of scope)/i;

function charOffset(sentence: Sentence, tokenIndex: number): number {
  let at = 0;
  for (let i = 0; i < tokenIndex && i < sentence.tokens.length; i++) {
    const t = sentence.tokens[i]!;
    at += (t.pre + t.text + t.post).length;
  }
  return at;
}

/** A bracketed list right after a phrase: "(lead, qualified, won)". */
export function valuesFollow(tokens: Token[], end: number): boolean {
  return /\(/.test(tokens[end]?.pre ?? '') || /\(/.test(tokens[end - 1]?.post ?? '');
}

/**
 * "a sample with a barcode, which project, and its location", "serial, model, which office it's in":
 * a detail said as "which X" names one of a set of X kept elsewhere, so X is a record the detail
 * points at, not a value. A time ("which day") or an arrangement ("in which order") is a value.
 */
function linkDetail(phrase: Phrase, candidate: Candidate): boolean {
  if (!phrase.det.includes('which') || ARRANGEMENT_WORDS.has(candidate.head)) return false;
  return !wordnet().lexnames(candidate.head, { senses: 1 }).includes('noun.time');
}

/**
 * "clock in on the shop tablet", "log it from a tablet on the floor": after a preposition of place or
 * means, a thing or a place (WordNet's first sense) is where or with what the act is done, not a record it is done for.
 */
function whereDone(party: Phrase, candidate: Candidate): boolean {
  if (!party.prep || !['on', 'at', 'in', 'from', 'by', 'via', 'through'].includes(party.prep)) return false;
  const kind = wordnet().lexnames(candidate.head, { senses: 1 })[0];
  return kind === 'noun.artifact' || kind === 'noun.location' || kind === 'noun.object';
}
