import nlp from 'compromise';
import { antecedent, pronounObject, standsIn } from './antecedents.js';
import type { Candidate } from './candidates.js';
import { groupLinks, joinLinks } from './joins.js';
import { wordnet } from './wordnet.js';
import { CATALOGUE_HEADS, CLASSIFIERS, CONTAINERS, HAVING_VERBS, KEEPING_VERBS, PART_HEADS, PICKING_VERBS } from './knowledge.js';
import type { Phrase, Sentence } from './syntax.js';

/**
 * How the idea's records hang together: "each vehicle has service intervals" (one-to-many),
 * "record each payment against the invoice", "one product can sit in several collections"
 * (many-to-many), the parties of a booking, and names that say it ("order item" → order).
 */

export interface Link {
  /** The "one" side (or either side of many-to-many). */
  from: string;
  to: string;
  kind: 'one-to-many' | 'many-to-many';
  why: string;
  /** What the child calls a person it points at ("assignee"), or the other person of a record between people ("followed"). */
  as?: string;
  /** The record that joins the two sides, for people joined to people ("follow" joins members to members). */
  through?: string;
  /** A many-to-many's join is named `from` first ("volunteer_skill"), whichever side is a role. */
  named?: 'from-to';
}

/** Verbs that open a place people then fill: "open a shop", "create a club", "set up a workspace". */
const OPENING_VERBS = new Set(['open', 'create', 'start', 'set', 'build', 'register', 'launch', 'run', 'own']);
/** Records that hold others: the places, groups and containers of a product. */
const PLACES = new Set(['shop', 'store', 'club', 'project', 'workspace', 'team', 'group', 'channel', 'board', 'course', 'class', 'studio', 'restaurant', 'salon', 'clinic', 'school', 'company', 'organisation', 'organization', 'community', 'space', 'league', 'event', 'album', 'gallery', 'page', 'site', 'account', 'household', 'family', 'trip', 'campaign', 'portfolio', 'menu', 'program', 'programme', 'plan']);

/** Verbs by which a person takes a record on: the record then names them. */
const CLAIMING_VERBS = new Set(['claim', 'take', 'handle', 'approve', 'accept', 'review', 'inspect', 'repair', 'fix', 'deliver', 'drive', 'walk', 'teach', 'lead', 'host', 'judge', 'grade', 'mark', 'resolve', 'confirm']);
/** Prepositions by which one record is of, for, from or on another. */
const OF_PREPS = new Set(['of', 'for', 'from', 'on', 'in', 'at', 'under', 'within', 'inside', 'per', 'against', 'to']);

/** "An offer turns into an order", "a failed item becomes a defect": the record made from another names it. */
const BECOMING_VERBS = new Set(['turn', 'convert', 'become', 'change', 'transform', 'promote', 'upgrade']);
/** Things that report on their own: "sensors push a reading", "each machine emits an event". */
const EMITTING_VERBS = new Set(['push', 'emit', 'report', 'transmit', 'upload', 'trigger', 'fire']);
/** "the tags we put on tickets", "labels applied to issues": a classifier put on records. */
const PUTTING_VERBS = new Set(['put', 'apply', 'add', 'attach', 'stick', 'assign', 'give', 'use']);
/** Classifiers a record carries several of at once; the others (a category, a type) it has one of. */
const MANY_LABELS = new Set(['tag', 'label', 'keyword', 'badge', 'flag']);
/** "applications move between stages", "cards go through columns": records that travel through the stations of a process. */
const MOVING_VERBS = new Set(['move', 'go', 'pass', 'progress', 'advance', 'drag', 'flow', 'travel']);
/** "choose the vehicle", "pick a category": what is chosen for the record made in the same breath. */
const CHOOSING_VERBS = new Set(['pick', 'choose', 'select']);
/** "do a pre-trip inspection", "carry out an audit": records made by doing them. */
const DOING_VERBS = new Set(['do', 'perform', 'carry', 'run', 'conduct']);

/** Prepositions that attach a kept thing to its parent: "against the invoice", "under each lesson". */
const ATTACHING = new Set(['against', 'for', 'on', 'in', 'under', 'to', 'into', 'at', 'of', 'per', 'within', 'inside']);
/** Possessives that make what people keep theirs ("their children", "his invoices"); "its" is a record's. */
const POSSESSIVE_PEOPLE = new Set(['their', 'his', 'her']);
/** "can sit in several collections", "be in more than one club": belonging to many. */
const MANY_DET = new Set(['several', 'many', 'multiple', 'more', 'various', 'any']);

export class RelationReader {
  private links: Link[] = [];
  private settled = false;

  constructor(
    private readonly sentences: Sentence[],
    private readonly kept: ReadonlySet<string>,
    private readonly candidateOf: (phrase: Phrase) => Candidate | undefined,
  ) {}

  private keyOf(phrase: Phrase | undefined): string | undefined {
    if (!phrase) return undefined;
    // "swipe right on the ones they want": the record named before.
    if (standsIn(phrase)) return antecedent(this.sentences, phrase.sentence, phrase.start, (p) => this.recordOf(p));
    const key = this.candidateOf(phrase)?.key;
    if (!key) return undefined;
    if (this.kept.has(key)) return key;
    // "the coordinator makes the delivery routes: one route is for ...": the head alone names the compound said before
    // (once the records are final: never a reason to keep one).
    if (!this.settled) return undefined;
    const named = [...this.kept].filter((k) => k.endsWith(`_${key}`));
    return named.length === 1 ? named[0] : undefined;
  }

  /** The record a phrase names, never a person. */
  private recordOf(phrase: Phrase): string | undefined {
    return this.candidateOf(phrase)?.person ? undefined : this.keyOf(phrase);
  }

  private link(from: string | undefined, to: string | undefined, kind: Link['kind'], why: string, as?: string, named?: Link['named']): void {
    if (!from || !to || from === to) return;
    if (this.links.some((l) => l.from === from && l.to === to && l.kind === kind)) return;
    this.links.push({ from, to, kind, why, ...(as ? { as } : {}), ...(named ? { named } : {}) });
  }

  /** "members follow other members": a record between people of one kind joins them to each other, many to many. */
  private peers(people: string, record: string, verb: string): void {
    if (this.links.some((l) => l.through === record)) return;
    this.links.push({ from: people, to: people, kind: 'many-to-many', why: `${people} ${verb} ${people}`, as: participle(verb), through: record });
  }

  /** `settled`: the kept records are final, so records about something may take the nearest one (never a reason to keep a record). */
  /** `served`: people kept as records (clients, patients), the parties of the records the business keeps for them. */
  read(candidates: Candidate[], acts: Candidate[], settled = false, served: ReadonlySet<string> = new Set()): Link[] {
    this.settled = settled;
    // Joins and groups first: "which volunteer has which skill" outweighs "volunteers have skills".
    for (const l of [...joinLinks(this.sentences, (p) => this.keyOf(p), this.candidateOf, (key) => this.catalogue(key), this.kept), ...groupLinks(candidates, this.kept)]) this.link(l.from, l.to, l.kind, l.why, l.as, l.named);
    for (const sentence of this.sentences) this.readSentence(sentence);
    // "order item", "invoice line": a name that starts with another record's name is its child.
    for (const key of this.kept) {
      if (candidates.find((c) => c.key === key)?.person) continue;
      for (const other of this.kept) {
        if (other !== key && key.startsWith(`${other}_`) && !candidates.find((c) => c.key === other)?.person) this.link(other, key, 'one-to-many', `"${key.replace(/_/g, ' ')}"`);
      }
      // "recipe ingredient", "tournament player": a row named by two kept records, the one then the other, joins them both.
      for (const other of this.kept) {
        const whole = key.slice(0, Math.max(0, key.length - other.length - 1));
        if (other !== key && key.endsWith(`_${other}`) && this.kept.has(whole) && !candidates.find((c) => c.key === whole)?.person) this.link(other, key, 'one-to-many', `"${key.replace(/_/g, ' ')}" of a ${other.replace(/_/g, ' ')}`);
      }
    }
    // The parties of an act: a booking has its customer, its room and its time slot.
    for (const record of acts) {
      if (!this.kept.has(record.key)) continue;
      for (const act of record.acts) {
        const subject = this.keyOf(act.subject);
        if (subject) this.link(subject, record.key, 'one-to-many', `${act.verb}`);
        // "cooks follow other cooks", "follow your friends": people of the subject's kind, or people the idea keeps no record of.
        const peer = act.parties.find((p) => p.role === 'object' && this.candidateOf(p)?.person);
        if (subject && peer && this.candidateOf(act.subject!)?.person && (this.keyOf(peer) === subject || !this.kept.has(this.candidateOf(peer)!.key))) this.peers(subject, record.key, act.verb);
        for (const party of act.parties) this.link(this.keyOf(party), record.key, 'one-to-many', `${act.verb} ${party.head.norm}`);
        // "pick a service and a stylist, and book an appointment": what was picked for it.
        const sentence = this.sentences[act.sentence];
        for (const picked of sentence?.phrases.filter((p) => p.role === 'object' && p.verb && PICKING_VERBS.has(p.verb.lemma) && p.verb.lemma !== act.verb && p.subject === act.subject) ?? []) {
          this.link(this.keyOf(picked), record.key, 'one-to-many', `${picked.head.norm} picked for ${record.key}`);
        }
      }
    }
    this.paidFor(acts, new Set(candidates.filter((c) => c.person).map((c) => c.key)), candidates);
    if (settled) this.inOpenedPlace(candidates);
    if (settled) this.aboutNearest(candidates);
    this.servedBy(candidates, served);
    return this.resolve();
  }

  /**
   * "customers pre-order ... and pay online", "book a room ... pay for the group": a payment pays
   * for what people order, book, rent or register, the first such record the idea names.
   */
  private paidFor(acts: Candidate[], people: ReadonlySet<string>, candidates: Candidate[]): void {
    // "Booking site for our escape rooms: ... pay for the whole group": without an act of buying, the record named as one (a booking, an order).
    const purchase = acts.find((c) => this.kept.has(c.key) && c.acts.some((act) => PURCHASES.has(act.verb))) ?? candidates.find((c) => this.kept.has(c.key) && PURCHASE_RECORDS.has(c.head));
    if (!purchase) return;
    for (const payment of acts) {
      if (payment === purchase || !this.kept.has(payment.key) || !payment.acts.some((act) => act.verb === 'pay')) continue;
      if (this.links.some((l) => l.to === payment.key && l.from === purchase.key)) continue;
      this.link(purchase.key, payment.key, 'one-to-many', `${payment.key} pays for ${purchase.key}`);
      // What was picked for the purchase (a pitch, a time slot) is the purchase's, not the payment's: "pick a room and a time slot, pay ...".
      for (const picked of this.links.filter((l) => l.to === payment.key && l.from !== purchase.key && !people.has(l.from) && l.why.includes('picked'))) this.link(picked.from, purchase.key, 'one-to-many', picked.why);
      this.links = this.links.filter((l) => !(l.to === payment.key && l.from !== purchase.key && !people.has(l.from) && this.links.some((p) => p.from === l.from && p.to === purchase.key)));
    }
  }

  /**
   * "When a client phones we look them up ... One appointment can include several services": the
   * appointments, estimates and tickets a business keeps are for the people it serves, even when
   * no sentence says so. Each person kept as a record is a party of each such record not tied to them.
   */
  private servedBy(candidates: Candidate[], served: ReadonlySet<string>): void {
    for (const record of candidates) {
      if (!this.kept.has(record.key) || record.person || !SERVICE_RECORDS.has(record.head)) continue;
      for (const person of served) {
        if (!this.kept.has(person) || this.links.some((l) => samePair(l, { from: person, to: record.key, kind: 'one-to-many', why: '' }))) continue;
        this.link(person, record.key, 'one-to-many', `${record.key} for a ${person}`);
      }
    }
  }

  /**
   * "As an organiser, I want to create a club ... As an organiser, I want to schedule each meeting":
   * when people open one kind of place, what the same people keep afterwards, tied to no other
   * record, is kept in it (said in one sentence, the place's own rule in readSentence).
   */
  private inOpenedPlace(candidates: Candidate[]): void {
    const opened = this.sentences.flatMap((sentence) =>
      sentence.phrases.flatMap((phrase) => {
        const place = this.recordOf(phrase);
        const by = this.keyOf(phrase.subject);
        return place && by && phrase.role === 'object' && phrase.verb && OPENING_VERBS.has(phrase.verb.lemma) && isPlace(this.candidateOf(phrase)!.head) ? [{ place, by, sentence: sentence.index }] : [];
      }),
    );
    const first = opened[0];
    if (!first || opened.some((o) => o.place !== first.place)) return;
    const person = (key: string) => !!candidates.find((c) => c.key === key)?.person;
    for (const sentence of this.sentences.slice(first.sentence + 1)) {
      for (const phrase of sentence.phrases) {
        const key = this.recordOf(phrase);
        if (!key || key === first.place || phrase.role !== 'object' || !phrase.verb || !KEEPING_VERBS.has(phrase.verb.lemma) || this.keyOf(phrase.subject) !== first.by || this.catalogue(key)) continue;
        // Already in a place of its own ("meetings of each club"), or joining people: not this place's.
        if (this.links.some((l) => (l.to === key && !person(l.from) && l.kind === 'one-to-many' && isPlace(candidates.find((c) => c.key === l.from)?.head ?? '')) || l.through === key)) continue;
        this.link(first.place, key, 'one-to-many', `${key} in the ${first.place}`);
      }
    }
  }

  /**
   * A reply, a note, a completion or a waiver is always about something: when nothing the idea
   * says ties it to a record, it belongs to the record named nearest to it where it is named
   * ("threaded into their open ticket when they reply", "add internal notes" after "claim tickets").
   */
  private aboutNearest(candidates: Candidate[]): void {
    const byKey = new Map(candidates.map((c) => [c.key, c]));
    const person = (key: string) => !!byKey.get(key)?.person;
    for (const key of this.kept) {
      const candidate = byKey.get(key);
      if (!candidate || candidate.person || !isAbout(candidate) || this.links.some((l) => l.through === key)) continue;
      if (this.links.some((l) => l.to === key && !person(l.from)) || this.links.some((l) => l.from === key && l.kind === 'one-to-many' && !person(l.to))) continue;
      let nearest: { key: string; distance: number } | undefined;
      // A record made by a verb ("when they reply", "they can chat") is named where the verb is.
      const places = [...candidate.phrases, ...candidate.acts.flatMap((act) => this.verbAt(act.sentence, act.verb))];
      for (const phrase of places) {
        const sentence = this.sentences[phrase.sentence];
        for (const other of sentence?.phrases ?? []) {
          const otherKey = this.keyOf(other);
          // A ticket or a proposal (words of communication too) may be what a reply is about; another remark may not.
          if (!otherKey || otherKey === key || person(otherKey) || this.catalogue(otherKey) || isRemark(byKey.get(otherKey)!)) continue;
          // What came before is what it is about ("claim tickets ... add notes"); after, a little further.
          // "ask questions under each lesson; the others in the cohort can reply": the record named with "each" is what every one is about.
          const distance = other.role === 'prep' && other.quantity === 'each' ? -1 : other.start < phrase.start ? phrase.start - other.end : (other.start - phrase.end) * 1.5;
          if (!nearest || distance < nearest.distance) nearest = { key: otherKey, distance };
        }
      }
      if (nearest) this.link(nearest.key, key, 'one-to-many', `${key} about ${nearest.key}`);
    }
  }

  private readSentence(sentence: Sentence): void {
    const phrases = sentence.phrases;
    for (const phrase of phrases) {
      const key = this.keyOf(phrase);
      // X has Y.
      if (phrase.role === 'object' && phrase.verb && (HAVING_VERBS.has(phrase.verb.lemma) || (KEEPING_VERBS.has(phrase.verb.lemma) && !!phrase.subject && !this.candidateOf(phrase.subject)?.person)) && key && phrase.subject) {
        const owner = this.keyOf(phrase.subject);
        if (owner) this.link(owner, key, 'one-to-many', `${owner} has ${key}`);
      }
      // "an order keeps ... its line items": "its" is the clause's subject.
      if (key && phrase.det.some((d) => d === 'its' || d === 'their') && phrase.subject && !this.candidateOf(phrase.subject)?.person) this.link(this.keyOf(phrase.subject), key, 'one-to-many', `its ${key}`);
      // "Y of X", "X's Y", "one of its time slots".
      if (phrase.of && key) this.link(this.keyOf(phrase.of), key, 'one-to-many', `${key} of ${phrase.of.head.norm}`);
      if (phrase.owner && key) this.link(this.keyOf(phrase.owner), key, 'one-to-many', `${phrase.owner.head.norm}'s ${key}`);
      if (key && phrase.det.some((d) => d === 'its') && phrase.coordinated) this.link(this.keyOf(phrase.coordinated), key, 'one-to-many', `its ${key}`);
      // "each deal belongs to a company", "is owned by a rep", "tasks can be assigned to members".
      if (key && phrase.role === 'prep' && phrase.verb && phrase.subject) {
        const child = this.keyOf(phrase.subject);
        const verb = phrase.verb.lemma;
        const toParent = /^(belong|assign|attach|link|send|issue|bill|address|deliver|give|sell|tie|connect)$/.test(verb) && phrase.prep === 'to';
        if (child && (toParent || (verb === 'own' && phrase.prep === 'by'))) {
          const person = this.candidateOf(phrase)?.person;
          this.link(key, child, 'one-to-many', `${child} ${verb} ${phrase.prep} ${key}`, person && verb === 'assign' ? 'assignee' : undefined);
        }
      }
      // "courses made of lessons", "a menu made up of sections", "a survey consisting of questions".
      if (key && phrase.verb && ((phrase.prep === 'of' && /^(make|compose|consist|build)$/.test(phrase.verb.lemma)) || (phrase.prep === 'into' && /^(divide|break|split|organise|organize|group)$/.test(phrase.verb.lemma)))) {
        const whole = [...phrases.slice(0, phrases.indexOf(phrase))].reverse().find((p) => this.keyOf(p) && !this.candidateOf(p)?.person && p.verb !== phrase.verb || (p.verb === phrase.verb && p.role === 'object'));
        if (whole && this.keyOf(whole)) this.link(this.keyOf(whole), key, 'one-to-many', `${whole.head.norm} made of ${key}`);
      }
      // "Stylists work at a salon": the people of a place.
      if (key && phrase.role === 'prep' && phrase.verb && /^(work|belong|teach|practise|practice|serve)$/.test(phrase.verb.lemma) && (phrase.prep === 'at' || phrase.prep === 'for' || phrase.prep === 'in') && phrase.subject && this.candidateOf(phrase.subject)?.person) {
        this.link(key, this.keyOf(phrase.subject), 'one-to-many', `${phrase.subject.head.norm} work at ${key}`);
      }
      // "Sellers open a shop and list products": what the same people add after opening a place goes in it.
      if (key && phrase.role === 'object' && phrase.verb && OPENING_VERBS.has(phrase.verb.lemma) && phrase.subject && PLACES.has(this.candidateOf(phrase)!.head)) {
        const later = phrases.find((p) => p.start > phrase.end && p.role === 'object' && p.subject === phrase.subject && p.verb && p.verb !== phrase.verb && KEEPING_VERBS.has(p.verb.lemma) && this.keyOf(p) && !this.candidateOf(p)?.person);
        this.link(key, this.keyOf(later), 'one-to-many', `${later?.head.norm} in the ${key}`);
      }
      // "Agents claim tickets", "managers approve purchase orders": the person who takes a record on is on it.
      if (key && phrase.role === 'object' && phrase.verb && CLAIMING_VERBS.has(phrase.verb.lemma) && phrase.subject && this.candidateOf(phrase.subject)?.person) {
        this.link(this.keyOf(phrase.subject), key, 'one-to-many', `${phrase.subject.head.norm} ${phrase.verb.lemma} ${key}`, this.keyOf(phrase.subject));
      }
      // "every ticket from one person", "the tags we put on tickets": a record and the one it is of, for or on.
      if (key && phrase.role === 'prep' && phrase.prep && OF_PREPS.has(phrase.prep)) {
        const owner = [...phrases.slice(0, phrases.indexOf(phrase))].reverse().find((p) => (p.verb === phrase.verb || !p.verb) && p.sentence === phrase.sentence && this.keyOf(p) && p !== phrase && !p.listed);
        const child = this.keyOf(owner);
        if (child && !this.candidateOf(owner!)?.person) this.link(key, child, 'one-to-many', `${child} ${phrase.prep} ${key}`);
      }
      // "once an offer is accepted it turns into an order", "a failed item becomes a defect": the result names what it came from.
      if (key && phrase.verb && BECOMING_VERBS.has(phrase.verb.lemma) && ((phrase.role === 'prep' && phrase.prep === 'into') || (phrase.role === 'object' && phrase.verb.lemma === 'become'))) {
        const object = phrases.find((p) => p.verb === phrase.verb && p.role === 'object' && p !== phrase && p.start < phrase.start);
        // "when we accept an enquiry it is converted into a booking": "it" is the last record named.
        const source = object ?? phrase.subject ?? [...phrases.slice(0, phrases.indexOf(phrase))].reverse().find((p) => this.keyOf(p) && !this.candidateOf(p)?.person);
        const sourceKey = this.keyOf(source);
        if (sourceKey && !this.candidateOf(source!)?.person) this.link(sourceKey, key, 'one-to-many', `${sourceKey} turns into ${key}`);
      }
      // "Sensors push a reading every 5 minutes": a thing that reports makes records of its own.
      if (key && phrase.role === 'object' && phrase.verb && EMITTING_VERBS.has(phrase.verb.lemma) && phrase.subject && !this.candidateOf(phrase.subject)?.person) {
        this.link(this.keyOf(phrase.subject), key, 'one-to-many', `${phrase.subject.head.norm} ${phrase.verb.lemma} ${key}`);
      }
      // "the tags we put on tickets": a classifier named just before, put on the records.
      if (key && phrase.role === 'prep' && (phrase.prep === 'on' || phrase.prep === 'to') && phrase.verb && PUTTING_VERBS.has(phrase.verb.lemma) && !this.candidateOf(phrase)?.person) {
        const label = [...phrases.slice(0, phrases.indexOf(phrase))].reverse().find((p) => !p.listed && this.keyOf(p) && CLASSIFIERS.has(this.candidateOf(p)!.head));
        const labelKey = this.keyOf(label);
        if (labelKey && labelKey !== key) this.link(labelKey, key, MANY_LABELS.has(this.candidateOf(label!)!.head) ? 'many-to-many' : 'one-to-many', `${labelKey} put on ${key}`);
      }
      // "applications move between stages by drag and drop": the stage a record is in.
      if (key && phrase.role === 'prep' && phrase.prep && /^(between|through|across|into|to)$/.test(phrase.prep) && phrase.verb && MOVING_VERBS.has(phrase.verb.lemma) && phrase.subject && phrase.plural) {
        const mover = this.keyOf(phrase.subject);
        if (mover && !this.candidateOf(phrase.subject)?.person) this.link(key, mover, 'one-to-many', `${mover} move ${phrase.prep} ${key}`);
      }
      // "sellers post an item ... and pick a category", "do an inspection: choose the vehicle": what is chosen is the record's.
      if (key && phrase.role === 'object' && phrase.verb && CHOOSING_VERBS.has(phrase.verb.lemma) && phrase.subject && !this.candidateOf(phrase)?.person) {
        const made = this.madeBy(phrases, phrase);
        this.link(key, this.keyOf(made), 'one-to-many', `${key} chosen for ${made?.head.norm}`);
      }
      // "do a pre-trip inspection: ... mark each item pass or fail": the items gone through while making a record are its parts.
      if (key && phrase.role === 'object' && phrase.verb && PART_HEADS.has(this.candidateOf(phrase)!.head) && phrase.subject) {
        const made = this.madeBy(phrases, phrase);
        this.link(this.keyOf(made), key, 'one-to-many', `${key} of the ${made?.head.norm}`);
      }
      // "my buildings and the units in each (unit number, ...)": "each" alone is the record named before.
      const after = sentence.tokens[phrase.end];
      const each = sentence.tokens[phrase.end + 1];
      if (key && after && each && OF_PREPS.has(after.norm) && each.norm === 'each' && (/[,.;:()]/.test(each.post) || /\(/.test(sentence.tokens[phrase.end + 2]?.pre ?? '') || phrase.end + 2 >= sentence.tokens.length)) {
        const parent = phrase.coordinated ?? previousPhrase(phrases, phrase, (p) => !!this.keyOf(p) && !this.candidateOf(p)?.person);
        this.link(this.keyOf(parent), key, 'one-to-many', `${key} ${after.norm} each ${parent?.head.norm}`);
      }
      // "Y per X": "an allowance per leave type", "one invoice per family".
      if (phrase.prep === 'per' && key) {
        const counted = previousKept(phrases, phrase, (p) => this.keyOf(p));
        this.link(key, counted, 'one-to-many', `${counted} per ${key}`);
      }
      // "record each payment against the invoice", "organise it into modules".
      if (key && phrase.role === 'prep' && phrase.prep && ATTACHING.has(phrase.prep) && phrase.verb && phrase.prep !== 'per') {
        const object = phrases.find((p) => p.verb === phrase.verb && p.role === 'object' && p.start < phrase.start);
        const objectKey = this.keyOf(object);
        if (objectKey && (KEEPING_VERBS.has(phrase.verb.lemma) || phrase.quantity === 'each' || phrase.prep === 'into' || phrase.prep === 'under' || phrase.prep === 'against')) {
          if (phrase.prep === 'into') this.link(objectKey, key, 'one-to-many', `${objectKey} into ${key}`);
          else this.link(key, objectKey, 'one-to-many', `${objectKey} ${phrase.prep} ${key}`);
        }
        // "each module into lessons": the coordinated "each X" is the container of the next.
        const previous = phrases[phrases.indexOf(phrase) - 1];
        if (phrase.prep === 'into' && previous?.quantity === 'each' && previous.coordinated) this.link(this.keyOf(previous), key, 'one-to-many', `each ${previous.head.norm} into ${key}`);
      }
      // "create quizzes with a title, a time limit and a list of questions": the list is the quiz's questions.
      if (phrase.of && CONTAINERS.has(phrase.head.lemma) && phrase.prep === 'with' && phrase.verb) {
        const owner = [...phrases].reverse().find((p) => p.verb === phrase.verb && p.role === 'object' && p.start < phrase.start);
        this.link(this.keyOf(owner), this.keyOf(phrase.of), 'one-to-many', `a list of ${phrase.of.head.norm}`);
      }
      // "articles with a title, a body and tags": tags named with a record's attributes are shared labels.
      if (key && phrase.prep === 'with' && phrase.plural && CLASSIFIERS.has(this.candidateOf(phrase)!.head) && phrase.verb) {
        const owner = [...phrases].reverse().find((p) => p.verb === phrase.verb && p.role === 'object' && p.start < phrase.start);
        this.link(this.keyOf(owner), key, 'many-to-many', `${phrase.head.norm} on ${owner?.head.norm}`);
      }
      // A listed attribute that names a record: "Invoices: number, client, ..." → the client of the invoice.
      if (key && phrase.role === 'list' && phrase.listOf) this.link(key, this.keyOf(phrase.listOf), 'one-to-many', `${phrase.listOf.head.norm} lists ${key}`);
      // "one product can sit in several collections", "be in more than one club".
      if (key && phrase.role === 'prep' && phrase.det.some((d) => MANY_DET.has(d)) && phrase.verb && /^(sit|be|belong|appear|go|live)$/.test(phrase.verb.lemma)) {
        const subject = this.keyOf(phrase.subject);
        if (subject) this.link(subject, key, 'many-to-many', `${subject} in several ${key}`);
      }
      // "attach one or more tenants to it", "with one or more interviewers": the record they are attached to has many of them.
      if (key && phrase.det.join(' ').includes('or more') && phrase.verb) {
        const object = phrases.find((p) => p.verb === phrase.verb && p.role === 'object' && p !== phrase && this.keyOf(p) && !this.candidateOf(p)?.person);
        // "create a lease ..., and attach one or more tenants to it": "it" is what the sentence creates.
        const created = phrases.find((p) => p.role === 'object' && p.verb && KEEPING_VERBS.has(p.verb.lemma) && p !== phrase && this.keyOf(p) && !this.candidateOf(p)?.person && p.start < phrase.start);
        const earlier = created ?? [...phrases.slice(0, phrases.indexOf(phrase))].reverse().find((p) => this.keyOf(p) && !this.candidateOf(p)?.person && p !== phrase);
        const owner = this.keyOf(object) ?? this.keyOf(earlier) ?? this.keyOf(phrase.subject);
        if (owner) this.link(owner, key, 'many-to-many', `${owner} with one or more ${key}`);
      }
      // "organise it into modules", "converts it into an invoice", "attach it to the order": "it" is the record named before.
      const pronoun = key ? pronounObject(sentence, phrase) : undefined;
      if (pronoun && !this.candidateOf(phrase)?.person) {
        const named = antecedent(this.sentences, sentence.index, pronoun.at, (p) => this.recordOf(p));
        if (phrase.prep === 'into') this.link(named, key, 'one-to-many', `${named} into ${key}`);
        else if (ATTACHING.has(phrase.prep!) && (KEEPING_VERBS.has(pronoun.verb.lemma) || PUTTING_VERBS.has(pronoun.verb.lemma))) this.link(key, named, 'one-to-many', `${named} ${phrase.prep} ${key}`);
      }
      // "schedule each meeting with a date and the book we'll discuss", "run classes by level", "in one of our pools": the record made names another.
      // Once the records are final only: "pay by bank transfer" is no reason to keep a transfer.
      if (this.settled && key && phrase.role === 'prep' && phrase.verb && !this.candidateOf(phrase)?.person && this.namedFor(phrase)) {
        const made = phrases.find((p) => p.verb === phrase.verb && p.role === 'object' && p.start < phrase.start);
        const madeKey = made ? this.recordOf(made) : undefined;
        if (madeKey) this.link(key, madeKey, 'one-to-many', `${madeKey} ${phrase.prep} ${key}`);
      }
      // "parents add their children", "landlords keep their buildings": what people keep as theirs is tied to them.
      if (key && phrase.det.some((d) => POSSESSIVE_PEOPLE.has(d)) && phrase.role === 'object' && phrase.verb && (KEEPING_VERBS.has(phrase.verb.lemma) || HAVING_VERBS.has(phrase.verb.lemma)) && phrase.subject && this.candidateOf(phrase.subject)?.person) {
        this.link(this.keyOf(phrase.subject), key, 'one-to-many', `${phrase.subject.head.norm}'s ${key}`);
      }
      // "a proposal can have co-speakers", "a club has members": people of a record are its members.
      if (key && this.candidateOf(phrase)?.person && phrase.role === 'object' && phrase.verb && HAVING_VERBS.has(phrase.verb.lemma) && phrase.plural) {
        const owner = this.keyOf(phrase.subject);
        if (owner && !this.candidateOf(phrase.subject!)?.person) this.link(owner, key, 'many-to-many', `${owner} has ${key}`);
      }
    }
    // "not every stylist does every service": a many-to-many by denial.
    const every = phrases.filter((p) => p.quantity === 'each' && p.det.includes('every') && this.keyOf(p));
    if (every.length >= 2 && /\bnot every\b/i.test(sentence.text)) this.link(this.keyOf(every[0]), this.keyOf(every[1]), 'many-to-many', 'not every ... every');
  }

  /**
   * A record named as what another is made with or by, one of them: "with the book", "by level",
   * "in one of our pools". A plain "with a ..." names a part unless it comes after the record's details ("with a date, a place and the book").
   */
  private namedFor(phrase: Phrase): boolean {
    const first = phrase.coordinated ?? phrase;
    if (phrase.prep === 'by') return !phrase.plural && (phrase.det.length === 0 || phrase.det.includes('the'));
    if (phrase.prep === 'with') return !phrase.plural && first.prep === 'with' && phrase.det.includes('the');
    return phrase.det[0] === 'one' && phrase.det.length > 1 && ATTACHING.has(phrase.prep ?? '');
  }

  /** Where a verb of an act stands in its sentence, as a span of one token. */
  private verbAt(index: number, verb: string): Array<Pick<Phrase, 'sentence' | 'start' | 'end'>> {
    const sentence = this.sentences[index];
    const at = sentence?.tokens.findIndex((t) => t.lemma === verb || t.norm === verb) ?? -1;
    return at >= 0 ? [{ sentence: index, start: at, end: at + 1 }] : [];
  }

  /** The record the same people make in the sentence, by another verb ("sellers post an item ... and pick a category"). */
  private madeBy(phrases: Phrase[], phrase: Phrase): Phrase | undefined {
    return phrases.find(
      (p) =>
        p !== phrase && p.role === 'object' && p.subject === phrase.subject && p.verb && p.verb !== phrase.verb && !CHOOSING_VERBS.has(p.verb.lemma) &&
        (KEEPING_VERBS.has(p.verb.lemma) || DOING_VERBS.has(p.verb.lemma)) && !!this.keyOf(p) && !this.candidateOf(p)?.person,
    );
  }

  /**
   * Things chosen from a catalogue ("pick what they want done", "picks exercises from the
   * library", "ingredients are shared between recipes") belong to many records at once.
   */
  private catalogue(key: string): boolean {
    for (const sentence of this.sentences) {
      const shared = SHARED.exec(sentence.text);
      for (const phrase of sentence.phrases) {
        // "our service menu has ...", "the parts catalogue": a catalogue named by what it lists.
        if (phrase.words.length >= 2 && CATALOGUE_HEADS.has(phrase.head.lemma) && phrase.words.at(-2)!.lemma === key) return true;
        if (this.keyOf(phrase) !== key) continue;
        if (phrase.verb && /^(pick|choose|select|browse)$/.test(phrase.verb.lemma) && phrase.role !== 'subject') return true;
        // "the same option group is reused across lots of dishes": what is shared, not what it is shared across.
        if (shared && !(phrase.role === 'prep' && /^(across|between|among|in|by|wherever)$/.test(phrase.prep ?? '') && phrase.start > 0 && phraseOffset(sentence, phrase) > shared.index)) return true;
      }
    }
    return false;
  }

  /** Both directions of one-to-many between the same pair make a many-to-many; the rest stand. */
  private resolve(): Link[] {
    // "One appointment can include several services", "a recipe has ingredients": a record holding catalogue items holds them many-to-many.
    for (const link of this.links) {
      if (link.kind === 'one-to-many' && / has |include/.test(` ${link.why} `) && this.catalogue(link.to) && !this.catalogue(link.from)) link.kind = 'many-to-many';
    }
    const out: Link[] = [];
    for (const link of this.links) {
      if (out.some((l) => samePair(l, link))) continue;
      const reverse = this.links.find((l) => l.from === link.to && l.to === link.from && l.kind === 'one-to-many');
      const many = this.links.find((l) => samePair(l, link) && l.kind === 'many-to-many');
      if (many) out.push(many);
      else if (reverse && link.kind === 'one-to-many') {
        // The first statement wins unless the two were said about the same sentence's list.
        out.push(link);
      } else out.push(link);
    }
    return out;
  }
}

/** Records that are about another: what people say, do or sign about it. */
function isAbout(candidate: Candidate): boolean {
  if (candidate.acts.length > 0 || ABOUT_HEADS.has(candidate.head)) return true;
  const kinds = wordnet().lexnames(candidate.head, { senses: 1 });
  return kinds.length > 0 && kinds.every((kind) => kind === 'noun.communication' || kind === 'noun.act');
}

/** A place or a group people open and fill: a shop, a club, a choir, a league (WordNet's groups beyond the list). */
function isPlace(head: string): boolean {
  return PLACES.has(head) || wordnet().lexnames(head, { senses: 1 }).includes('noun.group');
}

/** A remark about something: made by a verb ("reply", "chat") or named as one ("a note", "a review"). */
function isRemark(candidate: Candidate): boolean {
  return candidate.acts.length > 0 || ABOUT_HEADS.has(candidate.head);
}

/** Words that say a thing is shared between the records that use it. */
const SHARED = /\b(shared between|shared across|reused across|reuse[sd]? (it|them)|used across|used in many|used by many|attach it wherever)\b/i;

/** Where a phrase starts in its sentence's text, in characters. */
function phraseOffset(sentence: Sentence, phrase: Phrase): number {
  let at = 0;
  for (const token of sentence.tokens.slice(0, phrase.start)) at += token.pre.length + token.text.length + token.post.length;
  return at;
}

/** Acts whose record is paid for: an order, a booking, a rental, a registration. */
const PURCHASES = new Set(['order', 'pre-order', 'preorder', 'buy', 'purchase', 'book', 'reserve', 'rent', 'register', 'enrol', 'enroll', 'subscribe', 'signup', 'apply']);

/** What a business keeps for the people it serves: their appointments, estimates, tickets and cases. */
const SERVICE_RECORDS = new Set([
  'appointment', 'booking', 'reservation', 'visit', 'session', 'consultation', 'treatment', 'estimate', 'quote', 'quotation',
  'invoice', 'order', 'ticket', 'case', 'episode', 'lease', 'contract', 'enquiry', 'inquiry', 'request', 'claim', 'referral', 'job',
]);

/** Records that are bought or booked, named as such: what a payment pays for when no act of buying is told. */
const PURCHASE_RECORDS = new Set(['booking', 'order', 'reservation', 'rental', 'registration', 'enrolment', 'enrollment', 'subscription', 'purchase']);

/** Heads of records written or done about something else. */
const ABOUT_HEADS = new Set(['reply', 'note', 'comment', 'message', 'review', 'rating', 'feedback', 'completion', 'waiver', 'signature', 'rsvp', 'vote', 'answer', 'response', 'reaction', 'log', 'entry']);

/** What the other person of a record between people is called: "follow" → "followed". */
function participle(verb: string): string {
  return nlp(verb).verbs().toPastTense().text().toLowerCase().replace(/[^a-z]+/g, '_') || verb;
}

function samePair(a: Link, b: Link): boolean {
  return (a.from === b.from && a.to === b.to) || (a.from === b.to && a.to === b.from);
}

function previousPhrase(phrases: Phrase[], phrase: Phrase, accept: (p: Phrase) => boolean): Phrase | undefined {
  for (let i = phrases.indexOf(phrase) - 1; i >= 0; i--) if (accept(phrases[i]!)) return phrases[i];
  return undefined;
}

function previousKept(phrases: Phrase[], phrase: Phrase, keyOf: (p: Phrase) => string | undefined): string | undefined {
  for (let i = phrases.indexOf(phrase) - 1; i >= 0; i--) {
    const key = keyOf(phrases[i]!);
    if (key) return key;
  }
  return undefined;
}

