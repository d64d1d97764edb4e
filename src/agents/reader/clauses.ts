import type { Token } from './tokens.js';
import { COLLECTION_WORDS, ENABLING_VERBS, MANY_WORDS, ONE_WORDS, PEOPLE, SUBORDINATORS } from './vocabulary.js';

/**
 * A shallow parse of each clause into "subject verb objects (prep items)* (with items)": enough
 * to tell who does what to which things, what things have, and how they hang together. It works
 * on compromise's tags and corrects the few guesses it gets wrong in product specs (plural nouns
 * tagged as verbs at the start of a sentence, verbs like "log" or "record" tagged as nouns).
 */

/** A noun phrase as listed in the spec: "several answer options", "a status (open, done)". */
export interface Item {
  /** Content words without the determiner: [answer, options]. */
  words: Token[];
  /** 'many' for "many/several X", "a list of X" or a bare plural; 'one' for "a/the/each X". */
  quantity: 'many' | 'one';
  plural: boolean;
  /** "a list of questions": the item names a collection of its last words. */
  collection: boolean;
  /** Values listed after the item: "(open, in progress, done)" or ": pending, confirmed". */
  values: string[];
  /** "a rating from 1 to 5". */
  scale: boolean;
  /** "the results of every attempt": the phrase after "of". */
  of?: Item;
}

export interface PrepPhrase {
  prep: string;
  items: Item[];
}

export interface VerbGroup {
  /** Who does it: the clause's subject, or a new one after "and" ("and members can comment"). */
  subjects: Item[];
  verb: string;
  verbToken: Token;
  passive: boolean;
  objects: Item[];
  preps: PrepPhrase[];
  /** "with a title, a time limit and a list of questions". */
  withItems: Item[];
  /** The words of the group, for capability texts: "create quizzes". */
  text: string;
  /** Words from the verb to the end of the group. */
  phrase: string;
}

export interface Clause {
  subjects: Item[];
  groups: VerbGroup[];
  text: string;
  tokens: Token[];
}

const PREPOSITIONS = new Set([
  'with', 'for', 'at', 'in', 'on', 'by', 'to', 'of', 'per', 'from', 'through', 'against', 'across', 'during', 'before',
  'after', 'into', 'below', 'above', 'as', 'via', 'about', 'within', 'without', 'under', 'over', 'between', 'among',
  'such', 'like', 'around', 'near', 'inside', 'onto', 'up',
]);
const CONJUNCTIONS = new Set(['and', 'or', 'but', 'nor', 'plus', 'then']);
const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being']);

export const isPerson = (t: Token): boolean => PEOPLE.has(t.lemma) || (t.tags.has('Actor') && !/\p{Lu}.*\p{Lu}/u.test(t.text));
const isDet = (t: Token): boolean =>
  ONE_WORDS.has(t.norm) || MANY_WORDS.has(t.norm) || t.tags.has('Determiner') || (t.tags.has('Possessive') && t.tags.has('Pronoun'));
const isPrep = (t: Token): boolean => PREPOSITIONS.has(t.norm);
const isConj = (t: Token): boolean => CONJUNCTIONS.has(t.norm);
const isAux = (t: Token): boolean => t.tags.has('Modal') || t.tags.has('Auxiliary') || t.tags.has('Copula') || t.norm === 'not';
const isAdverb = (t: Token): boolean => t.tags.has('Adverb') && !t.tags.has('Noun');
const isNumber = (t: Token): boolean => t.tags.has('Value') || /^\d/.test(t.norm);
/** Ends the phrase it follows: a comma, a bracket, a colon or the end of a sentence. */
const closes = (t: Token): boolean => /[,;:()\].!?]/.test(t.post);
/** An -s form whose lemma differs: a plural noun, or a verb after a singular subject. */
const sForm = (t: Token): boolean => t.norm !== t.lemma && t.norm.endsWith('s');

export class ClauseParser {
  /** Lemmas compromise tagged as nouns somewhere in the spec, to correct its verb guesses elsewhere. */
  constructor(private readonly nouns: ReadonlySet<string>) {}

  parse(sentence: Token[]): Clause[] {
    return this.split(sentence).map((tokens) => this.parseClause(tokens));
  }

  /** Splits at semicolons, at a colon that does not introduce values, and at subordinators. */
  private split(sentence: Token[]): Token[][] {
    const clauses: Token[][] = [];
    let current: Token[] = [];
    sentence.forEach((t, i) => {
      if (SUBORDINATORS.has(t.norm) && i > 0 && !(t.norm === 'so' && sentence[i + 1]?.norm === 'that')) {
        if (current.length) clauses.push(current);
        current = [];
        return;
      }
      current.push(t);
      const valuesFollow = current.length >= 2 && current.slice(-3, -1).some((p) => isDet(p));
      if (t.post.includes(';') || (t.post.includes(':') && !valuesFollow)) {
        clauses.push(current);
        current = [];
      }
    });
    if (current.length) clauses.push(current);
    return clauses;
  }

  private parseClause(tokens: Token[]): Clause {
    const text = tokens.map((t) => t.pre + t.text + t.post).join('').trim();
    let i = 0;
    // "QuizMaster lets teachers create quizzes": the people after the enabling verb are the subject.
    const enabling = tokens.findIndex((t, k) => k < 5 && (ENABLING_VERBS.has(t.lemma) || ENABLING_VERBS.has(t.norm.replace(/s$/, ''))) && t.tags.has('Verb'));
    if (enabling >= 0) i = enabling + 1;
    while (i < tokens.length && (isAdverb(tokens[i]!) || isConj(tokens[i]!))) i++;
    let subjects: Item[] = [];
    const imperative = tokens[i]?.tags.has('Verb') && tokens[i + 1] && (isPrep(tokens[i + 1]!) || isDet(tokens[i + 1]!));
    if (!imperative) {
      while (i < tokens.length) {
        const read = this.readItem(tokens, i, 'subject');
        if (!read.item) break;
        subjects.push(read.item);
        i = read.next;
        const t = tokens[i];
        if (t && isConj(t) && tokens[i + 1] && !this.verbStarts(tokens, i + 1, subjects)) i++;
        else break;
      }
    }
    const groups: VerbGroup[] = [];
    while (i < tokens.length) {
      if (isConj(tokens[i]!)) i++;
      if (groups.length > 0 && i < tokens.length && this.startsClause(tokens, i, subjects)) {
        const read = this.readItem(tokens, i, 'subject');
        subjects = read.item ? [read.item] : subjects;
        i = read.next;
      }
      const read = this.readGroup(tokens, i, subjects);
      i = read.next;
      if (read.group) groups.push(read.group);
    }
    return { subjects, groups, text, tokens };
  }

  /** One verb with what follows it: "create quizzes with a title, a time limit and a list of questions". */
  private readGroup(tokens: Token[], from: number, subjects: Item[]): { group: VerbGroup | null; next: number } {
    const start = from;
    let i = from;
    let passive = false;
    while (i < tokens.length && (isAux(tokens[i]!) || isAdverb(tokens[i]!) || BE.has(tokens[i]!.norm))) {
      if (BE.has(tokens[i]!.norm)) passive = true;
      i++;
    }
    const verbToken = tokens[i];
    if (!verbToken) return { group: null, next: tokens.length };
    if (!verbToken.tags.has('Verb') && !this.verbStarts(tokens, i, subjects)) return { group: null, next: Math.max(i + 1, start + 1) };
    passive = passive && (verbToken.tags.has('PastTense') || verbToken.tags.has('Passive') || verbToken.tags.has('Participle'));
    i++;
    const objects: Item[] = [];
    const preps: PrepPhrase[] = [];
    const withItems: Item[] = [];
    // Particles of phrasal verbs: "check members in", "sign up".
    if (tokens[i] && /^(up|out|in)$/.test(tokens[i]!.norm) && (!tokens[i + 1] || closes(tokens[i]!) || isPrep(tokens[i + 1]!))) i++;
    const list = this.readList(tokens, i, subjects);
    objects.push(...list.items);
    i = list.next;
    for (;;) {
      const t = tokens[i];
      if (!t) break;
      if (isPrep(t)) {
        let prep = t.norm;
        i++;
        if (prep === 'such' && tokens[i]?.norm === 'as') {
          prep = 'such as';
          i++;
        }
        const phrase = this.readList(tokens, i, subjects);
        i = phrase.next;
        if (prep === 'with' && objects.length > 0 && phrase.items.every((it) => !it.words.some(isPerson))) withItems.push(...phrase.items);
        else preps.push({ prep, items: phrase.items });
        continue;
      }
      if (t.norm === 'each' && tokens[i + 1] && isPrep(tokens[i + 1]!)) {
        i++;
        continue;
      }
      if ((isConj(t) || closes(tokens[i - 1]!)) && this.verbStarts(tokens, isConj(t) ? i + 1 : i, subjects)) {
        if (isConj(t)) i++;
        break;
      }
      if (isAux(t) && tokens[i - 1] && isConj(tokens[i - 1]!)) break;
      if ((isConj(t) || closes(tokens[i - 1]!)) && this.startsClause(tokens, isConj(t) ? i + 1 : i, subjects)) break;
      if (isAdverb(t) || isConj(t) || isNumber(t)) {
        i++;
        continue;
      }
      if (this.verbStarts(tokens, i, subjects)) break;
      i++;
    }
    const words = tokens.slice(start, i);
    while (words.length && isConj(words[words.length - 1]!)) words.pop();
    const phrase = words.map((t) => t.pre + t.text + t.post).join('').replace(/[\s,;:.]+$/, '').trim();
    const verbAt = words.indexOf(verbToken);
    const core = words.slice(verbAt, verbAt + 1 + countObjectWords(tokens, verbAt + start + 1, objects, preps));
    const group: VerbGroup = {
      subjects,
      verb: verbToken.lemma,
      verbToken,
      passive,
      objects,
      preps,
      withItems,
      text: core.map((t) => t.pre + t.text + t.post).join('').replace(/[\s,;:.()]+$/, '').replace(/^[\s(]+/, '').trim(),
      phrase,
    };
    return { group, next: i };
  }

  /** "..., and members can comment": a noun phrase followed by a verb opens a new clause. */
  startsClause(tokens: Token[], i: number, subjects: Item[]): boolean {
    const read = this.readItem(tokens, i, 'subject', subjects);
    const t = tokens[read.next];
    // "and log calls": a verb-like head is the verb, unless a determiner makes it a noun ("and each invoice has").
    if (read.item && !isDet(tokens[i]!) && isVerbLike(read.item.words[0]!.lemma)) return false;
    // "and insurance details.": an -s word ending the clause is a plural noun, not a verb.
    if (t && sForm(t) && (closes(t) || !tokens[read.next + 1])) return false;
    return !!read.item && !!t && (isAux(t) || (t.tags.has('Verb') && this.verbStarts(tokens, read.next, [read.item])));
  }

  /** Items separated by commas, "and" and "or", up to a preposition, a new verb or the end. */
  private readList(tokens: Token[], start: number, subjects: Item[]): { items: Item[]; next: number } {
    const items: Item[] = [];
    let i = start;
    while (i < tokens.length) {
      const read = this.readItem(tokens, i, 'object', subjects);
      if (!read.item) break;
      items.push(read.item);
      i = read.next;
      const t = tokens[i];
      if (!t) break;
      const separated = isConj(t) || closes(tokens[i - 1]!);
      if (!separated) break;
      const after = isConj(t) ? i + 1 : i;
      if (!tokens[after] || this.verbStarts(tokens, after, subjects) || isPrep(tokens[after]!) || isAux(tokens[after]!)) break;
      if (tokens[after]!.norm === 'each' && tokens[after + 1] && isPrep(tokens[after + 1]!)) break;
      if (this.startsClause(tokens, after, subjects)) break;
      i = after;
    }
    return { items, next: i };
  }

  /** One noun phrase: determiners, then content words up to a boundary; values in brackets or after a colon. */
  private readItem(tokens: Token[], start: number, mode: 'subject' | 'object', subjects: Item[] = []): { item: Item | null; next: number } {
    let i = start;
    let quantity: Item['quantity'] | null = null;
    while (i < tokens.length && (isDet(tokens[i]!) || isNumber(tokens[i]!))) {
      const t = tokens[i]!;
      if (MANY_WORDS.has(t.norm) || (isNumber(t) && t.norm !== 'one' && t.norm !== '1')) quantity = 'many';
      else quantity ??= 'one';
      if (closes(t)) break;
      i++;
    }
    const words: Token[] = [];
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (words.length > 0 && /^[(]/.test(t.pre)) break;
      if (isPrep(t) || isConj(t) || isAux(t) || (isDet(t) && !t.tags.has('Noun')) || SUBORDINATORS.has(t.norm)) break;
      if ((isAdverb(t) || ITEM_STOPS.has(t.norm)) && words.length > 0) break;
      if (t.tags.has('Pronoun') && !t.tags.has('Possessive')) break;
      if (words.length > 0 && !this.continues(tokens, i, mode, subjects)) break;
      if (words.length === 0 && mode === 'object' && this.verbStarts(tokens, i, subjects)) break;
      words.push(t);
      i++;
      if (closes(t) || t.norm.endsWith("'s")) break;
    }
    if (words.length === 0) return { item: null, next: i };
    let collection = false;
    let of: Item | undefined;
    if (tokens[i]?.norm === 'of' && !closes(words[words.length - 1]!)) {
      const inner = this.readItem(tokens, i + 1, 'object', subjects);
      if (inner.item) {
        if (words.length === 1 && COLLECTION_WORDS.has(words[0]!.lemma)) {
          collection = true;
          words.splice(0, words.length, ...inner.item.words);
        } else of = inner.item;
        i = inner.next;
      }
    }
    // "a rating from 1 to 5": a bounded scale.
    let scale = false;
    if (tokens[i]?.norm === 'from' && tokens[i + 1] && isNumber(tokens[i + 1]!) && tokens[i + 2]?.norm === 'to' && tokens[i + 3] && isNumber(tokens[i + 3]!)) {
      scale = true;
      i += 4;
    }
    const values: string[] = [];
    const last = tokens[i - 1]!;
    if (/^[(]/.test(tokens[i]?.pre ?? '') || last.post.includes('(')) i = readValues(tokens, i, values, ')');
    else if (last.post.includes(':')) i = readValues(tokens, i, values, null);
    const head = words[words.length - 1]!;
    const plural = head.tags.has('Plural') || sForm(head);
    return {
      item: { words, quantity: collection || quantity === 'many' || (plural && quantity !== 'one') ? 'many' : 'one', plural, collection, values, scale, ...(of ? { of } : {}) },
      next: i,
    };
  }

  /** Whether the word at i carries on the noun phrase before it. */
  private continues(tokens: Token[], i: number, mode: 'subject' | 'object', subjects: Item[]): boolean {
    const t = tokens[i]!;
    const previous = tokens[i - 1]!;
    if (isNumber(t)) return false;
    if (mode === 'subject') return !this.verbStarts(tokens, i, subjects) && !(isPerson(previous) && previous.tags.has('Plural') && t.tags.has('Verb'));
    if (!t.tags.has('Verb') || t.tags.has('Gerund')) return true;
    return sForm(t) || this.nouns.has(t.lemma);
  }

  /** Whether the word at i begins a verb group (after a subject, a conjunction or a comma). */
  verbStarts(tokens: Token[], i: number, subjects: Item[]): boolean {
    const t = tokens[i];
    if (!t) return false;
    if (isDet(t) || isPrep(t) || isConj(t) || isNumber(t)) return false;
    if (isAux(t) || BE.has(t.norm)) return true;
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    if (previous && !closes(previous) && (isDet(previous) || (previous.tags.has('Adjective') && !previous.tags.has('Verb')))) return false;
    if (previous && isPrep(previous) && this.nouns.has(t.lemma)) return false;
    // "Cooks post recipes": a plural opening the clause, then a verb-like word with an object.
    const pluralSubject = !!previous && sForm(previous) && (i === 1 || (!!tokens[i - 2] && isDet(tokens[i - 2]!)));
    if (pluralSubject && isVerbLike(t.lemma) && !sForm(t) && next && (isDet(next) || sForm(next) || next.tags.has('Plural'))) return true;
    // Right after a verb, a plural or a known noun is its object: "track deals", "book spots".
    const beforePrevious = tokens[i - 2];
    const previousIsNoun = !!beforePrevious && (isDet(beforePrevious) || (beforePrevious.tags.has('Adjective') && !beforePrevious.tags.has('Verb')));
    const afterVerb = !!previous && !isAux(previous) && !previousIsNoun && !isPerson(previous) && (previous.tags.has('Verb') || isVerbLike(previous.lemma));
    if (afterVerb && (sForm(t) || this.nouns.has(t.lemma)) && !BE.has(previous!.norm)) return false;
    const objectFollows = !!next && !closes(t) && (isDet(next) || isPrep(next) || next.tags.has('Noun') || next.tags.has('Pronoun') || next.tags.has('Adjective') || sForm(next));
    const subjectPlural = subjects.some((s) => s.plural);
    const afterBreak = !previous || isConj(previous) || closes(previous);
    if (afterBreak && subjectPlural && sForm(t) && previous) return false;
    if (t.tags.has('Verb') && !t.tags.has('Gerund')) {
      if (next && (isAux(next) || BE.has(next.norm)) && !previous) return false;
      if (afterBreak && previous && !objectFollows && this.nouns.has(t.lemma)) return false;
      if (!previous && next?.tags.has('Noun') && (next.tags.has('Plural') || isPerson(next))) return false;
      return true;
    }
    // compromise tags "log" in "Reps log activities" as a noun: a verb-like word right after the
    // people doing it, or after "and", with an object following, is the verb.
    const afterPeople = !!previous && (isPerson(previous) || (previous.tags.has('Plural') && subjects.length > 0 && i > 0));
    return (afterPeople || (afterBreak && !!previous)) && objectFollows && isVerbLike(t.lemma);
  }
}

const VERB_LIKE = new Set([
  'log', 'record', 'list', 'book', 'track', 'schedule', 'comment', 'message', 'review', 'rate', 'check', 'search',
  'export', 'import', 'upload', 'share', 'post', 'like', 'follow', 'pay', 'answer', 'note', 'view', 'access', 'order',
  'plan', 'file', 'request', 'report', 'store', 'set', 'design', 'host', 'train', 'support', 'cancel',
  'complete', 'update', 'manage', 'create', 'add', 'open', 'join', 'invite', 'approve', 'reassign', 'assign',
  'publish', 'save', 'buy', 'see', 'mark', 'keep', 'leave', 'pick', 'browse', 'sell', 'rent', 'reserve', 'moderate',
  'resolve', 'handle', 'process', 'edit', 'delete', 'remove', 'send', 'receive', 'vote', 'sign', 'register', 'submit',
  'attach', 'scan', 'print', 'sync', 'remind', 'notify', 'confirm', 'accept', 'decline', 'reject', 'invoice', 'bill',
]);
/** Words that end a noun phrase although compromise does not tag them as adverbs. */
const ITEM_STOPS = new Set(['online', 'offline', 'only', 'together', 'instantly', 'later', 'first', 'again', 'too']);
const isVerbLike = (lemma: string): boolean => VERB_LIKE.has(lemma);

/** Reads enumerated values up to a closing bracket (or the end of the clause) into `values`. */
function readValues(tokens: Token[], start: number, values: string[], close: string | null): number {
  let i = start;
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0 && current.length <= 4) values.push(current.join(' '));
    current = [];
  };
  while (i < tokens.length) {
    const t = tokens[i]!;
    i++;
    if (isConj(t) && current.length === 0) continue;
    if (isConj(t)) {
      flush();
      continue;
    }
    current.push(t.norm);
    if (close && t.post.includes(close)) break;
    if (/[,;]/.test(t.post)) flush();
    if (/[.!?]/.test(t.post)) break;
  }
  flush();
  return i;
}

/** Number of words after the verb that belong to its first object (for "create quizzes"). */
function countObjectWords(tokens: Token[], from: number, objects: Item[], preps: PrepPhrase[]): number {
  const first = objects[0]?.words[objects[0].words.length - 1] ?? preps[0]?.items[0]?.words.at(-1);
  if (!first) return 0;
  let at = tokens.indexOf(first, from);
  if (at < 0) return 0;
  // "subscribe to a writer's monthly plan": a possessive goes on to the noun it qualifies.
  while (tokens[at]!.norm.endsWith("'s") && tokens[at + 1] && !isPrep(tokens[at + 1]!) && !isConj(tokens[at + 1]!)) {
    at++;
    while (tokens[at + 1] && !closes(tokens[at]!) && !isPrep(tokens[at + 1]!) && !isConj(tokens[at + 1]!) && tokens[at]!.tags.has('Adjective')) at++;
  }
  return at - from + 1;
}
