import type { Candidate } from './candidates.js';
import { HAVING_VERBS, KEEPING_VERBS } from './knowledge.js';
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
}

/** Prepositions that attach a kept thing to its parent: "against the invoice", "under each lesson". */
const ATTACHING = new Set(['against', 'for', 'on', 'in', 'under', 'to', 'into', 'at', 'of', 'per', 'within', 'inside']);
/** "can sit in several collections", "be in more than one club": belonging to many. */
const MANY_DET = new Set(['several', 'many', 'multiple', 'more', 'various', 'any']);

export class RelationReader {
  private readonly links: Link[] = [];

  constructor(
    private readonly sentences: Sentence[],
    private readonly kept: ReadonlySet<string>,
    private readonly candidateOf: (phrase: Phrase) => Candidate | undefined,
  ) {}

  private keyOf(phrase: Phrase | undefined): string | undefined {
    if (!phrase) return undefined;
    const key = this.candidateOf(phrase)?.key;
    return key && this.kept.has(key) ? key : undefined;
  }

  private link(from: string | undefined, to: string | undefined, kind: Link['kind'], why: string): void {
    if (!from || !to || from === to) return;
    if (this.links.some((l) => l.from === from && l.to === to && l.kind === kind)) return;
    this.links.push({ from, to, kind, why });
  }

  read(candidates: Candidate[], acts: Candidate[]): Link[] {
    for (const sentence of this.sentences) this.readSentence(sentence);
    // "order item", "invoice line": a name that starts with another record's name is its child.
    for (const key of this.kept) {
      for (const other of this.kept) {
        if (other !== key && key.startsWith(`${other}_`)) this.link(other, key, 'one-to-many', `"${key.replace(/_/g, ' ')}"`);
      }
    }
    // The parties of an act: a booking has its customer, its room and its time slot.
    for (const record of acts) {
      if (!this.kept.has(record.key)) continue;
      for (const act of record.acts) {
        const subject = this.keyOf(act.subject);
        if (subject) this.link(subject, record.key, 'one-to-many', `${act.verb}`);
        for (const party of act.parties) this.link(this.keyOf(party), record.key, 'one-to-many', `${act.verb} ${party.head.norm}`);
      }
    }
    void candidates;
    return this.resolve();
  }

  private readSentence(sentence: Sentence): void {
    const phrases = sentence.phrases;
    for (const phrase of phrases) {
      const key = this.keyOf(phrase);
      // X has Y.
      if (phrase.role === 'object' && phrase.verb && HAVING_VERBS.has(phrase.verb.lemma) && key) {
        const owner = this.keyOf(phrase.subject);
        if (owner) this.link(owner, key, 'one-to-many', `${owner} has ${key}`);
      }
      // "Y of X", "X's Y", "one of its time slots".
      if (phrase.of && key) this.link(this.keyOf(phrase.of), key, 'one-to-many', `${key} of ${phrase.of.head.norm}`);
      if (phrase.owner && key) this.link(this.keyOf(phrase.owner), key, 'one-to-many', `${phrase.owner.head.norm}'s ${key}`);
      if (key && phrase.det.some((d) => d === 'its') && phrase.coordinated) this.link(this.keyOf(phrase.coordinated), key, 'one-to-many', `its ${key}`);
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
      // A listed attribute that names a record: "Invoices: number, client, ..." → the client of the invoice.
      if (key && phrase.role === 'list' && phrase.listOf) this.link(key, this.keyOf(phrase.listOf), 'one-to-many', `${phrase.listOf.head.norm} lists ${key}`);
      // "one product can sit in several collections", "be in more than one club".
      if (key && phrase.role === 'prep' && phrase.det.some((d) => MANY_DET.has(d)) && phrase.verb && /^(sit|be|belong|appear|go|live)$/.test(phrase.verb.lemma)) {
        const subject = this.keyOf(phrase.subject);
        if (subject) this.link(subject, key, 'many-to-many', `${subject} in several ${key}`);
      }
      // "attach one or more tenants to it", "with one or more interviewers".
      if (key && phrase.det.join(' ').includes('or more') && phrase.verb) {
        const object = phrases.find((p) => p.verb === phrase.verb && p.role === 'object' && p !== phrase);
        const owner = this.keyOf(object) ?? this.keyOf(phrase.subject);
        if (owner) this.link(owner, key, 'many-to-many', `${owner} with one or more ${key}`);
      }
    }
    // "not every stylist does every service": a many-to-many by denial.
    const every = phrases.filter((p) => p.quantity === 'each' && p.det.includes('every') && this.keyOf(p));
    if (every.length >= 2 && /\bnot every\b/i.test(sentence.text)) this.link(this.keyOf(every[0]), this.keyOf(every[1]), 'many-to-many', 'not every ... every');
  }

  /** Both directions of one-to-many between the same pair make a many-to-many; the rest stand. */
  private resolve(): Link[] {
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

function samePair(a: Link, b: Link): boolean {
  return (a.from === b.from && a.to === b.to) || (a.from === b.to && a.to === b.from);
}

function previousKept(phrases: Phrase[], phrase: Phrase, keyOf: (p: Phrase) => string | undefined): string | undefined {
  for (let i = phrases.indexOf(phrase) - 1; i >= 0; i--) {
    const key = keyOf(phrases[i]!);
    if (key) return key;
  }
  return undefined;
}

