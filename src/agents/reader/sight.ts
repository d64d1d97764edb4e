import type { AccessRule, AccessScope } from '../../contract/index.js';
import type { Candidate } from './candidates.js';
import { SEEING_VERBS } from './knowledge.js';
import { isNegation, type Phrase, type Sentence } from './syntax.js';

/**
 * What the idea says people may see: "plumbers only see their own jobs", "caregivers shouldn't
 * see other clients", "the pastor sees everything", "drivers never see invoices". Each becomes a
 * read rule of the product model (CONTRACT 2a), so that the app shows people what the idea lets
 * them see and no more; where the idea is silent, the architect's defaults decide.
 */

/** Words that stand for every row of everything: "sees everything", "can view all". */
const EVERYTHING = new Set(['everything', 'all', 'anything', 'every']);
/** Pronouns that point back at rows named just before: "the landlord sees all of them". */
const BACK_POINTERS = new Set(['them', 'those', 'these', 'it']);
/** "the jobs assigned to them", "the rooms booked by them": the rows name the person. */
const PERSON_PRONOUNS = new Set(['them', 'him', 'her', 'me', 'us', 'you']);
const PERSON_LINKS = new Set(['to', 'by', 'for', 'with']);

export interface SightContext {
  sentences: Sentence[];
  candidateOf: (phrase: Phrase) => Candidate | undefined;
  /** Keys of the records the model keeps. */
  kept: Set<string>;
  roles: Set<string>;
  /** Roles that see every row anyway: a rule for them says nothing new. */
  privileged: Set<string>;
}

export function readSight(context: SightContext): AccessRule[] {
  const rules: AccessRule[] = [];
  const add = (role: string, entity: string, scope: AccessScope) => {
    if (context.privileged.has(role) || !context.kept.has(entity)) return;
    // The first thing said of a role and a record is what holds: a later sentence seldom takes it back.
    if (!rules.some((r) => r.role === role && r.entity === entity)) rules.push({ role, entity, actions: ['read'], scope });
  };
  /** The record a sentence last let someone see: what "all of them" points back at. */
  let lastSeen: string | undefined;
  for (const sentence of context.sentences) {
    for (let position = 0; position < sentence.tokens.length; position++) {
      const verb = sentence.tokens[position]!;
      if (!SEEING_VERBS.has(verb.lemma)) continue;
      const object = sentence.phrases.find((p) => p.verb === verb && p.role === 'object');
      const subject = object?.subject ?? subjectBefore(sentence, position);
      const people = subject ? peopleOf(sentence, subject, context) : [];
      // "tutors' contact details", "their kid's schedule": what is seen is the thing possessed, not its possessor;
      // but "their pets' visits" are seen because the pets are theirs: their own pets, and those visits.
      if (object && possessor(sentence, object)) {
        const ownKey = context.candidateOf(object)?.key;
        if (!object.negated && ownKey && context.kept.has(ownKey) && scopeOf(sentence, object) === 'own') {
          const possessed = sentence.phrases.find((p) => p.start === object.end);
          const possessedKey = possessed ? context.candidateOf(possessed)?.key : undefined;
          for (const role of people) {
            add(role, ownKey, 'own');
            if (possessedKey && context.kept.has(possessedKey)) add(role, possessedKey, 'own');
          }
        }
        continue;
      }
      const objectKey = object ? context.candidateOf(object)?.key : undefined;
      if (object && objectKey && context.kept.has(objectKey)) {
        lastSeen = objectKey;
        const scope = scopeOf(sentence, object);
        if (scope) for (const role of people) add(role, objectKey, scope);
        continue;
      }
      const after = sentence.tokens.slice(position + 1, position + 4).map((t) => t.norm);
      const negated = object?.negated ?? negatedBefore(sentence, position);
      if (negated || !EVERYTHING.has(after[0] ?? '')) continue;
      if (after[1] === 'of' && BACK_POINTERS.has(after[2] ?? '')) {
        // "the landlord sees all of them": the rows named just before.
        if (lastSeen) for (const role of people) add(role, lastSeen, 'all');
      } else if (after[0] === 'everything' || (after[0] === 'all' && (after[1] === undefined || /[.,;!]/.test(sentence.tokens[position + 1]!.post)))) {
        // "the pastor sees everything": every record.
        for (const role of people) for (const entity of context.kept) add(role, entity, 'all');
      }
    }
  }
  return rules;
}

/** "tutors' contact details": the phrase owns the one right after it, which is what is seen. */
function possessor(sentence: Sentence, phrase: Phrase): boolean {
  const last = sentence.tokens[phrase.end - 1];
  const joined = /^\s*$/.test(last?.post ?? '');
  return phrase.possessive || (joined && sentence.phrases.some((other) => other !== phrase && other.start === phrase.end && other.verb === phrase.verb));
}

/** Which of the rows the sentence lets its people see, if it says so. */
function scopeOf(sentence: Sentence, object: Phrase): AccessScope | undefined {
  const det = new Set(object.det);
  // "shouldn't see other clients": all but their own.
  if (object.negated) return det.has('other') ? 'own' : 'none';
  if (det.has('own') || det.has('their') || det.has('his') || det.has('her') || det.has('my') || det.has('our')) return 'own';
  // "see only the jobs assigned to them", "the rooms booked by them".
  const [participle, link, pronoun] = sentence.tokens.slice(object.end, object.end + 3);
  if (participle && link && pronoun && participle.norm.endsWith('ed') && PERSON_LINKS.has(link.norm) && PERSON_PRONOUNS.has(pronoun.norm)) return 'own';
  if (det.has('all') || det.has('every') || det.has('any') || det.has('everyone')) return 'all';
  return undefined;
}

/** The subject phrase of the clause a verb ends: the last subject before it. */
function subjectBefore(sentence: Sentence, position: number): Phrase | undefined {
  let found: Phrase | undefined;
  for (const phrase of sentence.phrases) if (phrase.role === 'subject' && phrase.end <= position) found = phrase;
  return found;
}

/** "can't see", "should never view", "doesn't see": a negation between the subject and the verb. */
function negatedBefore(sentence: Sentence, position: number): boolean {
  return sentence.tokens.slice(Math.max(0, position - 3), position).some((token) => isNegation(token.norm));
}

/** The roles a subject names, with those listed with it ("plumbers and customers see ..."). */
function peopleOf(sentence: Sentence, subject: Phrase, context: SightContext): string[] {
  const phrases = [subject, ...sentence.phrases.filter((p) => p.coordinated === subject && p.role === 'subject')];
  const roles = phrases.map((p) => context.candidateOf(p)?.key).filter((key): key is string => key !== undefined && context.roles.has(key));
  return [...new Set(roles)];
}
