import type { Candidate } from './candidates.js';
import { score } from './candidates.js';
import { BILLING_VERBS, HAVING_VERBS, KEEPING_VERBS, LOOKING_VERBS, PICKING_VERBS, QUALITIES, RECORD_ACTS, WORKING_VERBS, actVerb } from './knowledge.js';
import { isVerbWord } from './lexicon.js';
import { askedToAct, type Phrase, type Sentence } from './syntax.js';
import { PRODUCT_NOUNS } from './vocabulary.js';
import { wordnet } from './wordnet.js';

/**
 * Who signs in and who is only kept as a record. People who act in the idea (post, book, approve)
 * are roles; people the idea says never sign in ("customers never log in", "patients do NOT get
 * accounts", "I'm the only person who will ever log in") and that it keeps data about are tables.
 */

export interface PeopleReading {
  /** Person candidates that are roles: people who sign in. */
  roles: Candidate[];
  /** Person candidates kept as records: people who do not sign in, and people kept with their details who also do (both a role and a record). */
  records: Candidate[];
  /** Why, for the assumptions. */
  notes: string[];
  /** The idea says only a team of its own signs in ("only the IT team logs into"), naming no kind of person. */
  staffOnly: boolean;
}

const NEGATION = String.raw`(?:\bnot\b|\bnever\b|n['’]t\b|\b(?:dont|doesnt|didnt|wont|cant|isnt|arent|wasnt|werent|shouldnt|wouldnt|couldnt|cannot)\b|\bno\b|\bnobody\b|\bwithout\b)`;
const SIGN_IN = String.raw`(?:log(?:s|ged|ging)?\s*(?:in|into|on)\b|login\b|sign(?:s|ed)?\s*in\b|register(?:s|ed)?\s+(?:in|on|with)\s+(?:the|this|our)\s+(?:app|site|system|platform)\b|(?:get|have|need|create|make|open)s?\s+(?:an?\s+|their\s+own\s+|any\s+)?(?:[a-z]+\s+)?(?:accounts?|logins?)\b|(?:use|open|access|see)s?\s+(?:the|this|our|an?)\s+(?:web\s+)?(?:app|application|system|tool|software|portal|platform|site|website|product)\b|(?:use|open)s?\s+it\b|(?:get|have)s?\s+(?:an?\s+|their\s+own\s+)?(?:[a-z]+\s+)?portal\b)`;
const NEGATED_SIGN_IN = new RegExp(`${NEGATION}(?:\\s+\\w+){0,4}?\\s+${SIGN_IN}`, 'i');
const SIGN_IN_RE = new RegExp(SIGN_IN, 'i');
/** "only the IT team logs into", "Only the front desk will use the system", "I'm the only person who will ever log in". */
const ONLY = /\bonly\b/i;
const ONLY_PERSON = /\b(?:i'?m|i am|we'?re|we are)\s+the\s+only\s+(?:person|one|people|ones|user|users)\b/i;
/** "they're just names", "they're just people we schedule": kept, not signing in. */
const JUST_RECORDS = /\bjust\s+(?:names?|people|contacts?|records?|entries|rows)\b/i;
/** What is kept about people: "client records", "records of our customers", "a file on every student". */
const KEPT_ABOUT = new Set(['record', 'records', 'file', 'files', 'note', 'notes', 'dossier', 'history', 'database', 'register', 'list', 'directory', 'roster']);
/** Verbs of entering people into the product: "register their kids", "enrol pupils", "import employees". */
const REGISTERING_VERBS = new Set(['register', 'enrol', 'enroll', 'import']);
/** Lists of people: "a member list", "a guest list", "customer list" hold the people they are named after. */
const PEOPLE_LISTS = new Set(['list', 'register', 'directory', 'roster', 'database']);
/** Evidence that the idea keeps details of people who also sign in: details listed under them, a record named for them. */
const KEPT_ENOUGH = 1.5;
/** People counted in the tens or more ("about 150 clients") are more than anyone keeps in mind: a list. */
const MANY_PEOPLE = 20;

export function readPeople(sentences: Sentence[], candidates: Candidate[], candidateOf: (phrase: Phrase) => Candidate | undefined): PeopleReading {
  const people = candidates.filter((c) => c.person);
  const role = new Map<Candidate, number>(people.map((c) => [c, 0]));
  const record = new Map<Candidate, number>(people.map((c) => [c, 0]));
  const add = (map: Map<Candidate, number>, c: Candidate | undefined, weight: number) => {
    if (c && map.has(c)) map.set(c, map.get(c)! + weight);
  };
  // Apart from the weighing: who the idea says signs in, and what it says it keeps about people
  // ("client records", "a file on every student", "singers with their voice part"). People with
  // both are a role and a record of the same name, the role's record.
  const signing = new Set<Candidate>();
  const keeping = new Map<Candidate, number>(people.map((c) => [c, 0]));
  const keep = (c: Candidate | undefined, weight: number) => {
    add(record, c, weight);
    add(keeping, c, weight);
  };
  const notes: string[] = [];
  /**
   * People the business keeps whoever signs in: counted in the tens ("about 80 students"), billed ("we invoice each
   * client"), in a list named after them ("a guest list"), given a record of their own ("a plan for a patient"), or
   * entered into the product by someone ("import employees").
   */
  const held = new Set<Candidate>();
  let onlySigners: Candidate[] | null = null;
  let staffOnly = false;
  let lastPerson: Candidate | undefined;
  /** Words listed under "Roles:" that name no kind of person ("Roles: quality, dispatcher"): roles all the same. */
  const declared: Candidate[] = [];

  for (const sentence of sentences) {
    const personPhrases = sentence.phrases.filter((p) => candidateOf(p)?.person);
    // The person a sign-in statement is about: the subject before it, or the last person named ("they").
    const subjectBefore = (at: number): Candidate | undefined => {
      const before = personPhrases.filter((p) => sentence.tokens[p.end - 1] && charAt(sentence, p.end - 1) <= at);
      if (before.length > 0) return candidateOf(before[before.length - 1]!);
      // "The families who receive the food don't use the app": "who" speaks of people, so the statement is about them, not the last person named.
      if (sentence.phrases.some((p) => p.role === 'subject' && charAt(sentence, p.end - 1) <= at && sentence.tokens[p.end]?.norm === 'who')) return undefined;
      return lastPerson;
    };
    const text = sentence.text;
    const negated = NEGATED_SIGN_IN.exec(text);
    if (negated) {
      const who = subjectBefore(negated.index);
      add(record, who, 4);
      if (who) notes.push(`${who.words.join(' ')}: the idea says they do not sign in, so they are records kept by the people who do`);
    } else if (SIGN_IN_RE.test(text)) {
      const at = SIGN_IN_RE.exec(text)!.index;
      if (ONLY_PERSON.test(text)) onlySigners = [];
      else if (ONLY.test(text.slice(0, at))) {
        // "Only the front desk will use the system: me and two receptionists": the people listed after it are the signers too.
        const who = personPhrases.filter((p) => charAt(sentence, p.start) < at || p.listed).map(candidateOf).filter((c): c is Candidate => !!c);
        if (who.length === 0) staffOnly = true;
        onlySigners = [...(onlySigners ?? []), ...who];
        for (const c of who) add(role, c, 3);
        for (const c of who) signing.add(c);
      } else {
        const who = subjectBefore(at);
        add(role, who, 3);
        if (who) signing.add(who);
      }
    }
    if (JUST_RECORDS.test(text)) add(record, subjectBefore(JUST_RECORDS.exec(text)!.index) ?? lastPerson, 2);
    // "about 150 clients", "for each client": people counted, or gone through one by one, are a list the idea keeps.
    for (const phrase of personPhrases) {
      const count = phrase.det.map((d) => Number(d)).find((n) => Number.isInteger(n) && n > 0);
      if (count !== undefined && count >= MANY_PEOPLE) held.add(candidateOf(phrase)!);
      if (count !== undefined) add(keeping, candidateOf(phrase), count >= MANY_PEOPLE ? KEPT_ENOUGH : 0.75);
      else if (phrase.quantity === 'each' && phrase.role !== 'list') add(keeping, candidateOf(phrase), 0.75);
    }
    // People the business bills, makes a record for, enters into the product or lists are kept, whoever signs in.
    for (const [at, phrase] of personPhrases.entries()) {
      if (!keptByTheBusiness(sentence, phrase, personPhrases[at + 1])) continue;
      held.add(candidateOf(phrase)!);
      add(keeping, candidateOf(phrase), KEPT_ENOUGH);
    }
    // "records of our customers", "a file on every student", "client notes": what is kept about people is theirs.
    for (const phrase of sentence.phrases) {
      if (!KEPT_ABOUT.has(phrase.head.norm) && !KEPT_ABOUT.has(phrase.head.lemma)) continue;
      const about = [phrase.of, sentence.phrases.find((p) => p.start === phrase.end + 1 && /^(on|about|for)$/.test(sentence.tokens[phrase.end]?.norm ?? ''))].map((p) => p && candidateOf(p));
      const named = candidateOf(phrase);
      // (Kept evidence only: it makes people who sign in a record too, and never turns a role into a record alone.)
      for (const c of [...about, named?.person ? named : undefined]) if (c?.person) add(keeping, c, 2);
    }

    // "we look them up by phone number or add them (name, phone, email)": the people just named are kept.
    const them = sentence.tokens.findIndex((t, i) => /^(them|him|her)$/.test(t.norm) && i > 0 && KEEPING_VERBS.has(sentence.tokens[i - 1]!.lemma));
    if (them >= 0) {
      // "them" is the last plural named before it: people only if that was people ("mark them as shipped" is the orders).
      const before = sentence.phrases.filter((p) => p.end <= them && (p.plural || candidateOf(p)?.person || sentence.tokens[them]!.norm !== 'them'));
      const antecedent = before.length ? candidateOf(before[before.length - 1]!) : lastPerson;
      if (antecedent?.person) keep(antecedent, 1.5);
    }
    for (const phrase of personPhrases) {
      const c = candidateOf(phrase)!;
      lastPerson = c;
      // "Clients: company name, billing email": a heading that lists a person's details keeps them as records; one over what they do is a role.
      if (phrase.heading) {
        const details = sentence.phrases.filter((p) => p.listOf === phrase && p.role === 'list').length;
        if (details >= 2) keep(c, 3);
        else add(role, c, 2);
      }
      // Doing something in the product ("customers book online", "tenants see their lease") is signing in; coming in or phoning is not.
      if (phrase.role === 'subject' && !phrase.negated) {
        const verbs = sentence.phrases.filter((p) => p.subject === phrase && p.verb && !p.negated).map((p) => p.verb!.lemma);
        const next = sentence.verbs.find((v) => v.index > phrase.head.index);
        if (next) verbs.push(next.lemma);
        if (verbs.some(inProduct)) add(role, c, 1.5);
        else if (verbs.length > 0) add(role, c, 0.3);
      }
      // "Calendly for piano teachers", "a marketplace for tutors": the people the product is made for use it.
      if (sentence.index === 0 && phrase.prep === 'for' && phrase.plural && madeFor(sentence, phrase)) add(role, c, 3);
      // "want customers to pre-order": people asked to do something in the product sign in.
      const asked = askedToAct(sentence, phrase);
      if (asked && inProduct(asked.lemma)) add(role, c, 1.5);
      // "As a landlord, I want...": a story's subject signs in.
      if (/^as an?\s*$/i.test(sentence.tokens.slice(Math.max(0, phrase.start - 2), phrase.start).map((t) => t.norm).join(' ') + ' ') && phrase.start <= 3) add(role, c, 3);
      // "Suppliers have a name, a contact email and a lead time": people with attributes are records.
      const had = sentence.phrases.filter((p) => p.subject === phrase && p.role === 'object' && p.verb?.lemma === 'have').length;
      if (phrase.role === 'subject' && had >= 2) keep(c, 1.5);
      // "each client can have one or more matters": records hang off them.
      else if (phrase.role === 'subject' && had === 1) add(keeping, c, 0.75);
      // "book visits with veterinarians", "chat with the seller": the other party of an act uses the product too.
      if (phrase.prep === 'with' && phrase.verb && phrase.verb.lemma in RECORD_ACTS) add(role, c, 1);
      // "Stylists work at a salon": staff of a record are kept with it.
      if (phrase.role === 'subject' && sentence.phrases.some((p) => p.subject === phrase && p.verb && /^(work|belong)$/.test(p.verb.lemma) && (p.prep === 'at' || p.prep === 'for' || p.prep === 'in'))) add(record, c, 1);
      // "assign a mechanic", "assigned to attendants": people work is given to see it in the product.
      if (phrase.verb && /^(assign|allocate|delegate)$/.test(phrase.verb.lemma) && phrase.role !== 'list') {
        add(role, c, 1);
        continue;
      }
      // ("several families have two or three kids": what a record has, counted, is a description of it, not data kept.)
      if ((phrase.role === 'object' && !(phrase.verb && HAVING_VERBS.has(phrase.verb.lemma))) || (phrase.role === 'prep' && phrase.quantity === 'each')) add(record, c, phrase.verb && (KEEPING_VERBS.has(phrase.verb.lemma) || WORKING_VERBS.has(phrase.verb.lemma) || PICKING_VERBS.has(phrase.verb.lemma)) ? 1 : 0.5);
      if (phrase.role === 'list' && /^roles?$/i.test(phrase.listOf?.head.norm ?? '')) add(role, c, 4);
      // "Admin" alone on a line, then "- approve instructor applications": a person heading a list of what they do.
      const next = sentences[sentence.index + 1];
      if (sentence.phrases.length === 1 && phrase.end === sentence.tokens.length && next && startsWithAct(next)) add(role, c, 2);
    }
    for (const phrase of sentence.phrases) {
      const c = candidateOf(phrase);
      if (c && !c.person && phrase.role === 'list' && /^roles?$/i.test(phrase.listOf?.head.norm ?? '') && !declared.some((d) => d.key === c.key)) declared.push({ ...c, person: true, phrases: [phrase] });
    }
    // A person with listed attributes is a record: "a file on each student (school, year group...)".
    for (const phrase of sentence.phrases) {
      const owner = phrase.listOf && candidateOf(phrase.listOf);
      if (owner?.person && phrase.role === 'list' && !/^roles?$/i.test(phrase.listOf!.head.norm)) keep(owner, 0.5);
    }
  }
  if (onlySigners) {
    for (const c of people) {
      // Everyone else the idea keeps data about is a record; people only mentioned in passing are nothing.
      if (onlySigners.includes(c)) continue;
      add(role, c, -2);
      if (record.get(c)! >= 0.5) add(record, c, 2);
    }
  }

  // The narrator runs the operation ("we write up a ticket", "I jot down what we covered"): the people they serve are records unless they act in the product.
  const operated = sentences.some((sentence) =>
    sentence.phrases.some((p) => p.role === 'object' && p.verb && !p.negated && (KEEPING_VERBS.has(p.verb.lemma) || WORKING_VERBS.has(p.verb.lemma)) && /^(we|i)$/.test(pronounBefore(sentence, p) ?? '')),
  );
  const roles: Candidate[] = [];
  const records: Candidate[] = [];
  for (const c of people) {
    const r = role.get(c)!;
    const k = record.get(c)!;
    // "one of the juniors", "the on-call quality person": a description of people the idea names otherwise.
    if (describesPeople(c)) {
      if (r >= 1 && GENERIC_PERSONS.has(c.head)) roles.push(c);
      continue;
    }
    // Kept as a record: the idea says they do not sign in, or it only keeps data about them and never has them act.
    const kept = (k >= 2 && k >= r - 1 && score(c) + k >= 3) || (k >= 1.2 && r < 0.5 && score(c) >= 1.5) || (operated && k >= 0.5 && r < 0.5 && score(c) >= 1);
    if (kept) {
      records.push(c);
      // "We keep client records ... clients log in to see their appointments": kept, and signing in.
      if (signing.has(c) && r >= 3 && (!onlySigners || onlySigners.includes(c))) roles.push(c);
    }
    // A role is someone the idea has act, or names often; an example in a list ("extras like a second driver") is neither.
    // People named only as examples or in lists ("contractors (plumber, electrician)") are roles only when the idea says so ("Roles: ...").
    // When the idea names who signs in ("I'm the only person who will ever log in"), no one else is a role.
    else if ((r > 0 || score(c) >= 1) && (r >= 1 || c.phrases.some((p) => !p.example && p.role !== 'list')) && (!onlySigners || onlySigners.includes(c))) {
      roles.push(c);
      // People who sign in and whose details the idea keeps ("singers with their voice part and section") are records too, and
      // so are people the business counts in the tens ("80 students ... parents register their kids") or bills ("clients book
      // online ... we invoice each client monthly"): its customers and members, whose details it keeps.
      if (held.has(c) || (signing.has(c) && keeping.get(c)! >= KEPT_ENOUGH)) records.push(c);
    }
  }
  return { roles: [...roles, ...declared, ...organisationsSigningIn(sentences, candidateOf)], records, notes, staffOnly };
}

/**
 * What says the business keeps a person, whoever signs in: it bills them (`billed`), makes a record for one of them
 * ("build a plan for a patient", "upload a gallery for the client"; a plural names whom a kind of thing is meant for,
 * "shifts for the drivers"), someone enters them into the product ("parents register their kids", "we import
 * employees with their manager"), or a list is named after them ("a guest list with RSVP", "customer list with
 * addresses": the tagger may read such a "list" as a verb, and a singular names it, as a noun before another does).
 */
function keptByTheBusiness(sentence: Sentence, phrase: Phrase, nextPerson: Phrase | undefined): boolean {
  const verb = phrase.verb?.lemma ?? '';
  if (phrase.prep === 'for' && !phrase.plural && KEEPING_VERBS.has(verb)) return true;
  if (phrase.role === 'object' && REGISTERING_VERBS.has(verb)) return true;
  if (!phrase.plural && PEOPLE_LISTS.has(sentence.tokens[phrase.end]?.lemma ?? '') && !/[,;:.]/.test(phrase.head.post)) return true;
  return billed(sentence, phrase, nextPerson);
}

/** Forms of "be" and "get" before a participle: "customers get billed", "are charged weekly". */
const PASSIVE_AUXILIARIES = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', 'get', 'gets', 'got', 'getting']);
/** Charging in the active names a payment taken as often as an account ("charge clients a subscription"); being charged is billing. */
const BILLED_PARTICIPLES = new Set([...BILLING_VERBS, 'charge']);

/**
 * People the business bills are its customers, whose billing details it keeps: the object of a
 * verb of billing ("we invoice each client", "bill customers monthly"), or a subject billed or
 * charged in its own clause before anyone else is named ("customers get billed monthly",
 * "customers pick a plan and are charged weekly").
 */
function billed(sentence: Sentence, phrase: Phrase, nextPerson: Phrase | undefined): boolean {
  if (phrase.role !== 'subject') return !phrase.prep && !!phrase.verb && BILLING_VERBS.has(phrase.verb.lemma);
  const tokens = sentence.tokens;
  for (let i = phrase.end; i + 1 < (nextPerson?.start ?? tokens.length) && !/[.;:]/.test(tokens[i - 1]!.post); i++) {
    if (PASSIVE_AUXILIARIES.has(tokens[i]!.norm) && BILLED_PARTICIPLES.has(wordnet().verbLemma(tokens[i + 1]!.norm) ?? '')) return true;
  }
  return false;
}

/**
 * Organisations the idea has sign in ("cafés we supply get a login", "clinics log in to order
 * tests"): their people are a role named after the organisation ("cafe_user"), and the
 * organisation stays a record of its own (a role and a table never share a name). The narrator's
 * own organisation ("our school uses the app") is the product's owner, not a role.
 */
export function organisationsSigningIn(sentences: Sentence[], candidateOf: (phrase: Phrase) => Candidate | undefined): Candidate[] {
  const found: Candidate[] = [];
  for (const sentence of sentences) {
    const signIn = SIGN_IN_RE.exec(sentence.text);
    if (!signIn || NEGATED_SIGN_IN.test(sentence.text) || !ACCOUNT_WORDS.test(signIn[0])) continue;
    const before = sentence.phrases.filter((p) => charAt(sentence, p.end - 1) <= signIn.index);
    const subject = before.filter((p) => p.role === 'subject').at(-1);
    const c = subject && !subject.negated ? candidateOf(subject) : undefined;
    if (!subject || !c || c.person || subject.det.some((d) => /^(our|my)$/.test(d)) || !isOrganisation(c.head)) continue;
    // People named between the organisation and the sign-in are who signs in: "cafés whose baristas log in".
    if (before.slice(before.indexOf(subject) + 1).some((p) => candidateOf(p)?.person)) continue;
    const key = `${c.key}_user`;
    if (!found.some((f) => f.key === key)) found.push({ ...c, key, words: [...c.words, 'user'], person: true, phrases: [subject], evidence: [], acts: [] });
  }
  return found;
}

/** Signing in with an account of one's own, as opposed to only using the app on someone's behalf. */
const ACCOUNT_WORDS = /log|sign|account|regist/i;

/** A body of people or the place they run (a firm, a club; a café, a shop, a gym), by WordNet's first sense. */
function isOrganisation(head: string): boolean {
  if (wordnet().lexnames(head, { senses: 1 })[0] === 'noun.group') return true;
  return ['structure', 'establishment', 'facility'].some((kind) => wordnet().isA(head, kind, { senses: 1 }));
}

/** Words for someone, whoever they are: a table of them is a table of nobody in particular. */
const GENERIC_PERSONS = new Set(['person', 'people', 'someone', 'somebody', 'one', 'individual']);

/**
 * People named by a description rather than a kind: "the on-call quality person" (a generic head:
 * the role is its qualifier), "one of the juniors" (a quality made a noun, named once, a subset of
 * people the idea names otherwise). Never a table; a role only for the generic head that acts.
 */
function describesPeople(c: Candidate): boolean {
  if (GENERIC_PERSONS.has(c.head)) return true;
  return c.key === c.head && c.phrases.length === 1 && QUALITIES.has(c.head) && !c.phrases.some((p) => p.role === 'subject' || p.heading || p.listed);
}

/** Words the reader counts as people that name things here: a person word listed among made things only ("every laptop, monitor and phone"). */
export function thingsNamedAsPeople(sentences: Sentence[], candidates: Candidate[]): Candidate[] {
  return candidates.filter((c) => c.person && c.phrases.length > 0 && c.phrases.every((p) => listedAmongThings(sentences, p, candidates)));
}

/** Listed with made things only ("every laptop, monitor, phone and dock"): a device, whatever its first sense. */
function listedAmongThings(sentences: Sentence[], phrase: Phrase, candidates: Candidate[]): boolean {
  const first = phrase.coordinated ?? phrase;
  const list = sentences[phrase.sentence]!.phrases.filter((p) => p !== phrase && (p === first || p.coordinated === first));
  const made = (p: Phrase) => !candidates.some((c) => c.person && c.phrases.includes(p)) && wordnet().lexnames(p.head.lemma, { senses: 1 })[0] === 'noun.artifact';
  return list.length >= 2 && list.every(made);
}

/**
 * "Calendly for piano teachers", "Like Calendly but for personal trainers", "a marketplace for
 * tutors": people right after "for", itself right after a product word or a product's name (a
 * capitalised word WordNet does not know).
 */
function madeFor(sentence: Sentence, phrase: Phrase): boolean {
  let at = phrase.start - 1;
  while (at >= 0 && sentence.tokens[at]!.tags.has('Determiner')) at--;
  if (sentence.tokens[at]?.norm !== 'for') return false;
  let before = at - 1;
  if (/^(but|just|only)$/.test(sentence.tokens[before]?.norm ?? '')) before--;
  const product = sentence.tokens[before];
  if (!product || /[,;:.]/.test(product.post)) return false;
  return PRODUCT_NOUNS.has(product.lemma) || (/^\p{Lu}/u.test(product.text) && !wordnet().isNoun(product.norm) && !wordnet().isVerb(product.norm));
}

/** "- approve instructor applications": a line that starts with something done in the product. */
function startsWithAct(sentence: Sentence): boolean {
  const first = sentence.tokens[0];
  return !!first && sentence.verbs.some((v) => v.index === first.index) && inProduct(first.lemma);
}

/** Character offset of a token in the sentence text, for matching regular expressions to phrases. */
function charAt(sentence: Sentence, tokenIndex: number): number {
  let at = 0;
  for (let i = 0; i < tokenIndex && i < sentence.tokens.length; i++) {
    const t = sentence.tokens[i]!;
    at += (t.pre + t.text + t.post).length;
  }
  return at - (sentence.tokens[0]?.pre.length ?? 0);
}

/** Verbs of using the product, as opposed to the world outside it (coming in, phoning, bringing a bike). */
function inProduct(word: string): boolean {
  // "pre-order", "re-book": the bare verb's act.
  const verb = actVerb(word, isVerbWord);
  return KEEPING_VERBS.has(verb) || PICKING_VERBS.has(verb) || LOOKING_VERBS.has(verb) || WORKING_VERBS.has(verb) || verb in RECORD_ACTS || /^(log|sign|manage|approve|want|need|track|receive|get|upload|download)$/.test(verb);
}

/** The pronoun subject of the clause a phrase is in ("we write up a ticket" → we). */
function pronounBefore(sentence: Sentence, phrase: Phrase): string | undefined {
  for (let i = phrase.start - 1; i >= 0; i--) {
    const t = sentence.tokens[i]!;
    if (t.tags.has('Pronoun') && !t.tags.has('Possessive')) return t.norm;
    if (/[.;:]/.test(t.post)) return undefined;
  }
  return undefined;
}
