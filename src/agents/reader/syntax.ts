import { wordnet } from './wordnet.js';
import type { Token } from './tokens.js';
import { RECORD_ACTS, UI_HEADS, actVerb } from './knowledge.js';
import { isNounWord, isPeopleWord, isVerbWord } from './lexicon.js';

/**
 * The reader's shallow syntax: noun phrases with what governs them (the verb they are the subject
 * or object of, the preposition before them, the phrase they are coordinated with or "of"), and
 * the structure people give specs (headings, bracketed lists, "X: a, b, c"). compromise tags the
 * words; WordNet corrects the guesses that product specs trip it on ("add internal notes" is not
 * a verb "notes", "save canned responses" has an adjective "canned").
 */

export type PhraseRole = 'subject' | 'object' | 'prep' | 'heading' | 'list' | 'other';

export interface Phrase {
  id: number;
  sentence: number;
  /** Token positions in the sentence: [start, end). */
  start: number;
  end: number;
  /** Content words: modifiers then the head. */
  words: Token[];
  head: Token;
  /** Determiners and quantifiers before the words ("each", "several", "one or more", "their"). */
  det: string[];
  quantity: 'one' | 'many' | 'each';
  plural: boolean;
  role: PhraseRole;
  /** The verb the phrase is the subject or object of (directly or through `prep`). */
  verb?: Token;
  /** The verb is negated ("never log in", "don't get accounts"). */
  negated: boolean;
  /** The clause's subject when the phrase is an object. */
  subject?: Phrase;
  prep?: string;
  /** The phrase it is listed with ("rooms and time slots"): the first of the list. */
  coordinated?: Phrase;
  /** "episode of care", "list of tags": the phrase after "of". */
  of?: Phrase;
  /** "office's holidays": the possessor. */
  owner?: Phrase;
  /** Written as "X:" at the start of a line or sentence. */
  heading: boolean;
  /** Inside brackets, or in the list that follows a heading or a colon. */
  listed: boolean;
  /** The phrase whose bracketed or colon list this phrase is in ("a status (open, done)" → status). */
  listOf?: Phrase;
  /** Possessive ("office's"). */
  possessive: boolean;
  /** The heading the phrase is written under ("Payments:" ... ). */
  section?: Phrase;
  /** Named as an example of `listOf` ("such as calls, meetings"). */
  example?: boolean;
}

export interface Sentence {
  index: number;
  tokens: Token[];
  text: string;
  phrases: Phrase[];
  /** Verbs of the sentence, after correction. */
  verbs: Token[];
}

const DETERMINERS = new Set([
  'a', 'an', 'the', 'each', 'every', 'any', 'some', 'all', 'several', 'many', 'multiple', 'various', 'numerous', 'few',
  'their', 'our', 'my', 'your', 'his', 'her', 'its', 'this', 'that', 'these', 'those', 'no', 'another', 'other', 'both',
  'more', 'most', 'such', 'which', 'what', 'whose', 'own', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight',
  'nine', 'ten', 'dozens', 'lots', 'plenty', 'couple', 'per', 'whole', 'ur', 'u',
]);
const MANY = new Set(['several', 'many', 'multiple', 'various', 'numerous', 'some', 'all', 'few', 'these', 'those', 'dozens', 'lots', 'plenty', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'more', 'both']);
const EACH = new Set(['each', 'every', 'per', 'any']);
export const PREPOSITIONS = new Set([
  'with', 'for', 'at', 'in', 'on', 'by', 'to', 'of', 'per', 'from', 'through', 'against', 'across', 'during', 'before',
  'after', 'into', 'below', 'above', 'as', 'via', 'about', 'within', 'without', 'under', 'over', 'between', 'among',
  'like', 'around', 'near', 'inside', 'onto', 'until', 'behind', 'towards', 'toward', 'thru', 'including', 'than',
]);
const CONJUNCTIONS = new Set(['and', 'or', 'nor', 'plus', '&', '+', 'but']);
const SUBORDINATORS = new Set([
  'when', 'where', 'while', 'if', 'because', 'until', 'unless', 'whenever', 'whereas', 'so', 'since', 'once', 'after',
  'before', 'which', 'who', 'that', 'whom', 'whether', 'then', 'otherwise', 'although', 'though',
]);
const NEGATIONS = new Set(['not', 'never', 'no', "n't", 'dont', "don't", 'doesnt', "doesn't", 'wont', "won't", 'cannot', "can't", 'cant', 'neither', 'nor']);

/** A word of negation: "not", "never", "can't", and any other "-n't" ("shouldn't"). */
export const isNegation = (norm: string): boolean => NEGATIONS.has(norm) || norm.endsWith("n't");
const SUBJECT_PRONOUNS = new Set(['i', 'we', 'you', 'they', 'he', 'she']);
const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', "'s", "'re"]);
/** Words compromise tags as nouns or adjectives that never start or carry a product noun phrase. */
const NOT_CONTENT = new Set([
  'able', 'also', 'just', 'only', 'even', 'too', 'very', 'really', 'then', 'there', 'here', 'so', 'etc', 'e.g', 'eg',
  'ie', 'i.e', 'pls', 'please', 'ok', 'okay', 'yes', 'no', 'maybe', 'basically', 'again', 'later', 'now', 'today',
  'always', 'automatically', 'online', 'offline', 'instead', 'together', 'already', 'still', 'ever', 'else', 'once',
  'how', 'what', 'who', 'whom', 'which', 'why', 'where', 'when', 'whoever', 'whatever', 'same', 'thing', 'things',
]);

const closes = (t: Token): boolean => /[,;:()[\].!?]/.test(t.post) || /\n/.test(t.post);
const opensBracket = (t: Token): boolean => /[([]/.test(t.pre);
const isPronoun = (t: Token): boolean => t.tags.has('Pronoun') && !t.tags.has('Possessive');
const isNumber = (t: Token): boolean => /^\d/.test(t.norm) || (t.tags.has('Value') && !t.tags.has('Noun'));

/** The reader's word class of each token, after correcting compromise where the context is clear. */
type WordClass = 'det' | 'prep' | 'conj' | 'sub' | 'verb' | 'aux' | 'noun' | 'adj' | 'adv' | 'pron' | 'num' | 'neg' | 'other';
/** A verb the reader is sure of, whatever the tagger says; never read into a noun phrase. */
type Classes = WordClass[] & { sure?: Set<number>; starts?: Set<number> };

function baseClass(t: Token): WordClass {
  const n = t.norm;
  if (NEGATIONS.has(n)) return 'neg';
  if (CONJUNCTIONS.has(n)) return 'conj';
  if (t.tags.has('Modal') || t.tags.has('Auxiliary') || t.tags.has('Copula') || BE.has(n)) return 'aux';
  if (n === 'do' || n === 'does' || n === 'did') return 'aux';
  if (n === 'to' && !t.tags.has('Preposition')) return 'prep';
  // "clock in/out", "switch on/off": particles written as one slashed word, which compromise keeps whole.
  if (t.tags.has('SlashedTerm') && t.tags.has('Preposition')) return 'prep';
  if (PREPOSITIONS.has(n) && (!t.tags.has('Noun') || /^(on|in|at|of|to|for|with|from|by|into|onto|per)$/.test(n))) return 'prep';
  if (DETERMINERS.has(n) || t.tags.has('Determiner') || (t.tags.has('Possessive') && t.tags.has('Pronoun'))) return 'det';
  if (SUBORDINATORS.has(n) && !t.tags.has('Noun')) return 'sub';
  if (isNumber(t)) return 'num';
  if (isPronoun(t)) return 'pron';
  if (NOT_CONTENT.has(n)) return 'adv';
  if (t.tags.has('Adverb') && !t.tags.has('Noun') && !t.tags.has('Adjective')) return 'adv';
  // "beforehand", "afterwards": a word compromise calls a noun that WordNet knows only as an adverb.
  if (t.tags.has('Noun') && !t.tags.has('Pronoun') && /^[a-z]+$/.test(n) && wordnet().isAdverb(n) && !isNounWord(t.lemma) && !isVerbWord(t.lemma)) return 'adv';
  if (t.tags.has('Verb') && !t.tags.has('Noun')) return 'verb';
  if (t.tags.has('Noun') || t.tags.has('Gerund')) return 'noun';
  if (t.tags.has('Adjective')) return 'adj';
  if (t.tags.has('Expression') && /[:]/.test(t.post)) return 'noun';
  return 'other';
}

/** Corrects compromise's classes where specs mislead it; each rule is one kind of slip. */
function classify(tokens: Token[]): Classes {
  const classes: Classes = tokens.map(baseClass);
  const sure = new Set<number>();
  classes.sure = sure;
  let bracket = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (opensBracket(t)) bracket = true;
    const bracketed = bracket;
    if (/[)\]]/.test(t.post)) bracket = false;
    // "(billing, bug, feature request)": a bracketed list names things, whatever the tagger says.
    const afterSubjectPronoun = classes[i - 1] === 'pron' && SUBJECT_PRONOUNS.has(tokens[i - 1]?.norm ?? '');
    // A clause in brackets has its verb all the same: "(a vendor works many of them)".
    if (bracketed && singularSubjectVerb(tokens, classes, i, true)) {
      sure.add(i);
      continue;
    }
    if (bracketed && !afterSubjectPronoun && (classes[i] === 'verb' || classes[i] === 'adj') && isNounWord(t.lemma) && !t.tags.has('PastTense') && !/^(has|have|had|is|are|was|were)$/.test(t.norm)) {
      classes[i] = 'noun';
      continue;
    }
    // Forms of "have" are verbs ("has water tap"), whatever noun the lemma also is; and before a gerund
    // naming a kind ("an order has shipping address"), never the auxiliary of a tense English lacks.
    const beforeKind = classes[i] === 'aux' && !!tokens[i + 1]?.tags.has('Gerund') && !closes(t) && !!tokens[i + 2] && baseClass(tokens[i + 2]!) === 'noun';
    if ((classes[i] === 'verb' || beforeKind) && HAVE.has(t.norm)) {
      classes[i] = 'verb';
      sure.add(i);
      continue;
    }
    // "for filtering", "the booking": a gerund after a preposition or a determiner is a noun.
    if (t.tags.has('Gerund') && (classes[i - 1] === 'prep' || classes[i - 1] === 'det' || classes[i - 1] === 'adj' || classes[i - 1] === 'conj')) {
      classes[i] = 'noun';
      continue;
    }
    const previous = classes[i - 1];
    const before = tokens[i - 1];
    const next = classes[i + 1];
    const nextToken = tokens[i + 1];
    // A word an earlier rule is sure of keeps its class.
    if (sure.has(i)) continue;
    // "join a waitlist when ...": a word the tagger calls an adjective, that only names things, and has no noun after it.
    if (classes[i] === 'adj' && next !== 'noun' && isNounWord(t.lemma) && !wordnet().isAdjective(t.lemma) && !t.tags.has('Comparable') && /^[a-z]+$/.test(t.lemma)) classes[i] = 'noun';
    // "want customers to pre-order", "ask members to vote": a wish for others, and what they are to do.
    if (WISHES_FOR_OTHERS.test(t.norm) && !/[.,;:!?]/.test(t.post) && nextToken && (isPeopleWord(nextToken.lemma) || /^(them|us|me|everyone|people)$/.test(nextToken.norm)) && !/[.,;:!?]/.test(nextToken.post)) {
      // ("lets teachers create quizzes" parses as it reads: the teachers are the subject.)
      const doing = tokens[i + 2]?.norm === 'to' ? i + 3 : -1;
      const act = tokens[doing];
      if (act && !act.tags.has('Plural') && (RECORD_ACTS[actVerb(act.lemma, isVerbWord)] || isVerbWord(act.lemma))) {
        classes[i] = 'verb';
        classes[i + 1] = 'noun';
        classes[doing] = 'verb';
        sure.add(doing);
        continue;
      }
    }
    // "Coaches can't see plans", "Cooks should log temperatures": a plural opening a sentence before a
    // modal is the sentence's subject, though the word is a verb too ("coaches", "cooks").
    if ((!before || /[.!?\n]/.test(before.post)) && nextToken?.tags.has('Modal') && !closes(t) && t.norm !== t.lemma && t.norm.endsWith('s') && isNounWord(t.lemma)) {
      classes[i] = 'noun';
      continue;
    }
    // "Discount codes:", "Time slots:": the first word of a heading is a modifier, whatever the tagger says.
    if ((!before || /[.!?\n]/.test(before.post)) && nextToken && /:/.test(nextToken.post) && !closes(t) && isNounWord(t.lemma) && isNounWord(nextToken.lemma)) {
      classes[i] = 'noun';
      continue;
    }
    // A heading: "Clients:", "- Payments:" at the start of a line or sentence.
    if (/:/.test(t.post) && (!before || /[.!?\n]/.test(before.post) || (i === 1 && classes[0] === 'det')) && isNounWord(t.lemma)) {
      classes[i] = 'noun';
      continue;
    }
    // "the dispatcher groups stops", "HR triggers offboarding", "creates a circle, invites members": an -s form
    // WordNet has as a verb, with an object after it, after a singular subject or in a series of its verbs.
    if (singularSubjectVerb(tokens, classes, i) || seriesVerb(tokens, classes, i)) {
      classes[i] = 'verb';
      sure.add(i);
      if (classes[i + 1] === 'verb' && (isNounWord(tokens[i + 1]!.lemma) || tokens[i + 1]!.tags.has('Gerund'))) classes[i + 1] = 'noun';
      continue;
    }
    // "book a lesson and pay upfront", "each family takes its bag and pays.": after "and", an act that leaves a
    // record and is mostly used as a verb, in the form of the clause's verb and with no object after it, is that
    // subject's next act. (Other verb-nouns there are mostly more of a list: "log the runs and work".)
    if (previous === 'conj' && before?.norm === 'and' && classes[i] !== 'aux' && !t.tags.has('Gerund') && noObjectAfter(tokens, classes, i) && !!RECORD_ACTS[t.lemma] && wordnet().mostlyVerb(t.lemma) && agreesWithClauseVerb(tokens, classes, i)) {
      classes[i] = 'verb';
      sure.add(i);
      // ("pay upfront": a word after it that names nothing is how it is done.)
      if (classes[i + 1] === 'noun' && !isNounWord(tokens[i + 1]!.lemma)) classes[i + 1] = 'adv';
      continue;
    }
    // "choose a slot, and pay upfront", "order, pay, and get a text": a word that is mostly a verb, with no
    // object, in a comma series of the same subject's acts, is the next act of the series (after "and" alone,
    // the rule above decides). (An -s form there is a plural more often than a verb.)
    if ((classes[i] === 'noun' || classes[i] === 'verb') && !t.tags.has('Plural') && !t.tags.has('Gerund') && t.norm === t.lemma && /^[a-z]+$/.test(t.lemma) && wordnet().mostlyVerb(t.lemma) && actInSeries(tokens, classes, i)) {
      classes[i] = 'verb';
      sure.add(i);
      if (next === 'noun' && mannerWord(nextToken!)) classes[i + 1] = 'adv';
      continue;
    }
    if (classes[i] === 'verb') {
      // "we pay guides monthly", "they hire cleaners": an -s form right after a subject pronoun's verb is its plural object.
      if (previous === 'verb' && before && !closes(before) && SUBJECT_PRONOUNS.has(tokens[i - 2]?.norm ?? '') && classes[i - 2] === 'pron' && t.norm.endsWith('s') && t.norm !== t.lemma && isNounWord(t.lemma)) {
        classes[i] = 'noun';
        continue;
      }
      // "add internal notes", "the list": after a determiner, an adjective or a possessive, a noun.
      if ((previous === 'det' || previous === 'adj') && before && !closes(before) && isNounWord(t.lemma) && !t.tags.has('Infinitive')) {
        classes[i] = 'noun';
        continue;
      }
      // "save canned responses", "a failed item", "want recurring invoices": a participle before a noun is an adjective.
      if ((t.tags.has('PastTense') || t.tags.has('Participle') || t.tags.has('Gerund')) && next === 'noun' && nextToken && !closes(t) && (previous === 'det' || previous === 'verb' || previous === 'prep' || previous === 'conj' || i === 0 || (before && closes(before)))) {
        classes[i] = 'adj';
        continue;
      }
      // "purchase orders are sent", "Team members create": a verb-noun before the subject of a verb modifies it.
      // ("Purchase orders go to one supplier": so does a verb-noun WordNet has as one noun with it, before any verb.)
      const oneNoun = classes[i + 2] === 'verb' && !!nextToken && wordnet().isNoun(`${t.lemma}_${nextToken.lemma}`);
      if (next === 'noun' && nextToken && !closes(t) && (classes[i + 2] === 'aux' || oneNoun || (nextToken.tags.has('Plural') && isPeopleWord(nextToken.lemma))) && isNounWord(t.lemma) && (!before || closes(before) || previous === 'det' || previous === 'conj')) {
        classes[i] = 'noun';
        continue;
      }
      // "per leave type": after a preposition, a verb-noun before a noun is its modifier.
      if (previous === 'prep' && next === 'noun' && nextToken && !closes(t) && isNounWord(t.lemma) && before?.norm !== 'to') {
        classes[i] = 'noun';
        continue;
      }
      // "open the app, take attendance": after a comma closing a verb's clause, an infinitive with its object is the next verb of the series.
      if (before && /,/.test(before.post) && t.tags.has('Infinitive') && !t.tags.has('Noun') && (next === 'noun' || next === 'det' || next === 'adj') && nextToken && !closes(t) && afterVerbClause(tokens, classes, i - 1)) continue;
      // ", billing email, issue date": after a comma, a colon or a determiner, a verb-noun before a noun is its modifier.
      const listBefore = !!before && /[,:(]/.test(before.post + t.pre);
      if (next === 'noun' && nextToken && !closes(t) && before && ((listBefore && !nextToken.tags.has('Plural')) || ((closes(before) || previous === 'det') && !t.tags.has('Infinitive') && !t.tags.has('Imperative'))) && isNounWord(t.lemma)) {
        classes[i] = 'noun';
        continue;
      }
      // ", prep time, cook time, servings,": a word between commas in a list is a noun, and so is the word it starts.
      const itemStart = !!before && /[,:]/.test(before.post);
      const itemEnds = /,/.test(t.post) || (!!nextToken && /,/.test(nextToken.post) && !closes(t));
      if ((itemStart && itemEnds && isNounWord(t.lemma)) || (previous === 'noun' && before && /[,:]/.test(tokens[i - 2]?.post ?? '') && /,/.test(t.post) && isNounWord(t.lemma))) {
        classes[i] = 'noun';
        continue;
      }
      // "build weekly meal plans by ...": an -s form ending a noun phrase that a verb governs is its plural head;
      // so is one before a bracket after the verb's object words ("we sell soy candles (...)").
      const ended = next === 'prep' || next === 'conj' || closes(t) || !nextToken;
      if (previous === 'noun' && before && !closes(before) && t.norm.endsWith('s') && t.norm !== t.lemma && isNounWord(t.lemma) && (ended || opensBracket(nextToken!))) {
        let k = i - 1;
        while (k > 0 && (classes[k - 1] === 'noun' || classes[k - 1] === 'adj') && !closes(tokens[k - 1]!)) k--;
        if ((classes[k - 1] === 'verb' && (ended || opensBracket(nextToken!))) || (classes[k - 1] === 'prep' && ended) || (classes[k - 1] === 'conj' && (closes(t) || !nextToken))) {
          classes[i] = 'noun';
          continue;
        }
      }
      // ", diet labels (vegan, ...)": an -s form after a noun modifier, ending a list item, is the item's plural head.
      if (previous === 'noun' && before && !closes(before) && t.norm.endsWith('s') && t.norm !== t.lemma && isNounWord(t.lemma) && (closes(t) || opensBracket(nextToken ?? t) || !nextToken)) {
        let k = i - 1;
        while (k > 0 && (classes[k - 1] === 'noun' || classes[k - 1] === 'adj') && !closes(tokens[k - 1]!)) k--;
        if (k > 0 && /[,:(]/.test(tokens[k - 1]!.post + tokens[k]!.pre)) {
          classes[i] = 'noun';
          continue;
        }
      }
      // "our field engineers visit": a word for people after a noun modifier is the plural head, never a verb.
      if (previous === 'noun' && before && !closes(before) && t.norm.endsWith('s') && t.norm !== t.lemma && !BE.has(t.norm) && !/^(has|does)$/.test(t.norm) && isPeopleWord(t.lemma) && wordnet().personNoun(t.lemma, { senses: 1 })) {
        classes[i] = 'noun';
        continue;
      }
      // "the rounds and questions beforehand": an -s form after "and" and a plural noun, with no object after it
      // (an adverb of time is none), is a plural noun.
      if (previous === 'conj' && t.norm.endsWith('s') && t.norm !== t.lemma && isNounWord(t.lemma) && tokens[i - 2] && classes[i - 2] === 'noun' && tokens[i - 2]!.tags.has('Plural') && !closes(tokens[i - 2]!) && nextToken && (closes(t) || (next !== 'det' && next !== 'pron' && next !== 'num' && !isNounWord(nextToken.lemma) && (!wordnet().isAdjective(nextToken.lemma) || wordnet().isAdverb(nextToken.lemma))))) {
        classes[i] = 'noun';
        continue;
      }
      // ": litres, price, odometer": a one-word item of a list is a noun.
      if (before && /,|:/.test(before.post) && (closes(t) || !nextToken) && isNounWord(t.lemma)) {
        classes[i] = 'noun';
        continue;
      }
      // "for filtering and reports.": an -s form ending a list after "and" is a plural noun.
      if (previous === 'conj' && t.norm.endsWith('s') && (closes(t) || !nextToken || next === 'prep') && isNounWord(t.lemma)) {
        classes[i] = 'noun';
        continue;
      }
    }
    // "on tasks.", "for filtering": after a preposition, a word that can be a noun is one.
    if (classes[i] === 'verb' && previous === 'prep' && isNounWord(t.lemma) && (t.norm.endsWith('s') || closes(t) || !nextToken || next === 'prep' || next === 'conj') && before?.norm !== 'to') {
      classes[i] = 'noun';
      continue;
    }
    // "Staff record stock movements": people opening a sentence are its subject, and the word after them its verb.
    if ((i === 0 || (!!before && /[.!?\n]/.test(before.post)) || previous === 'sub') && isPeopleWord(t.lemma) && nextToken && isVerbWord(nextToken.lemma) && !closes(t) && next !== 'aux' && next !== 'neg' && next !== 'adv' && (classes[i + 2] === 'noun' || classes[i + 2] === 'det' || classes[i + 2] === 'adj' || classes[i + 2] === 'verb')) {
      classes[i] = 'noun';
      classes[i + 1] = 'verb';
      if (classes[i + 2] === 'verb' && isNounWord(tokens[i + 2]!.lemma)) classes[i + 2] = 'noun';
      i++;
      continue;
    }
    // "- browse courses, pay by card", "Log every fill-up": a line or sentence opening with a verb and its object is an instruction.
    const lineStart = i === 0 || (!!before && /\n/.test(before.post)) || /^[-•*]/.test(t.pre.trim());
    if (lineStart && classes[i] !== 'verb' && isVerbWord(t.lemma) && !t.tags.has('Plural') && !/:/.test(t.post) && !/:/.test(nextToken?.post ?? '') && !(nextToken && isPeopleWord(nextToken.lemma)) && (next === 'det' || next === 'prep' || (next === 'noun' && !!nextToken && nextToken.tags.has('Plural')) || next === 'adj')) {
      classes[i] = 'verb';
      continue;
    }
    // "Reps track deals with ...": after a plural subject opening the clause, a verb-noun before a plural noun is the verb.
    // ("Invoices: line items for parts": a word closed by a colon heads what follows, no subject of it.)
    if (previous === 'noun' && before && !ownerOf(before) && !/:/.test(before.post) && (before.tags.has('Plural') || (before.norm.endsWith('s') && before.norm !== before.lemma) || isPeopleWord(before.lemma)) && (i === 1 || classes[i - 2] === 'det' || closes(tokens[i - 2]!)) && isVerbWord(t.lemma) && !t.tags.has('Plural') && nextToken && nextToken.norm.endsWith('s') && isNounWord(nextToken.lemma) && !closes(t)) {
      classes[i] = 'verb';
      if (classes[i + 1] === 'verb') classes[i + 1] = 'noun';
      continue;
    }
    if (classes[i] === 'noun' && isVerbWord(t.lemma) && !t.tags.has('Plural') && !t.tags.has('Gerund')) {
      // "Reps log activities", "and pay thru stripe": a verb-like word after its subject or "and", with an object or preposition after it.
      const afterSubject = previous === 'noun' && before !== undefined && !closes(before) && !closes(t) && !ownerOf(before) && (before.tags.has('Plural') || before.tags.has('Actor') || before.tags.has('Pronoun') || isPeopleWord(before.lemma));
      const afterAnd = previous === 'conj' || previous === 'aux' || previous === 'pron' || (previous === 'adv' && i > 0) || previous === 'neg' || (previous === 'prep' && before?.norm === 'to');
      const afterNext = classes[i + 2];
      const objectAfter =
        next === 'det' || next === 'prep' || next === 'pron' || next === 'num' ||
        (next === 'noun' && !!nextToken && (nextToken.tags.has('Plural') || nextToken.tags.has('Actor'))) ||
        ((next === 'adv' || next === 'adj') && (afterNext === 'prep' || afterNext === 'det' || (next === 'adj' && afterNext === 'noun')));
      if ((afterSubject || afterAnd || afterPlaceOfSubject(tokens, classes, i)) && objectAfter) {
        classes[i] = 'verb';
        continue;
      }
    }
    // "groups I create myself", "the days we open": the word right after a subject pronoun is its verb.
    if (before && previous === 'pron' && SUBJECT_PRONOUNS.has(before.norm) && !closes(before) && classes[i] !== 'verb' && classes[i] !== 'aux' && classes[i] !== 'adv' && classes[i] !== 'neg' && !t.tags.has('Plural') && isVerbWord(t.lemma)) {
      classes[i] = 'verb';
      sure.add(i);
      continue;
    }
    if (classes[i] === 'pron' && t.tags.has('Possessive')) classes[i] = 'det';
    // "where the order matters,": a clause's noun then an -s word closing it is subject and verb.
    if (t.norm.endsWith('s') && (closes(t) || !nextToken) && previous === 'noun' && classes[i - 2] === 'det' && (classes[i - 3] === 'sub' || classes[i - 3] === 'conj') && isVerbWord(t.lemma) && t.norm !== t.lemma) {
      classes[i] = 'verb';
      sure.add(i);
    }
    // "I want to RSVP", "able to chat": after "to" following a wish or an ability, the word is a verb.
    if (previous === 'prep' && before?.norm === 'to' && classes[i] !== 'verb' && (RECORD_ACTS[t.lemma] || isVerbWord(t.lemma)) && /^(want|wants|need|needs|able|like|love|try|have|has|going|allowed|possible)$/.test(tokens[i - 2]?.norm ?? '') && !t.tags.has('Plural')) {
      classes[i] = 'verb';
      sure.add(i);
      continue;
    }
    // "members RSVP", "parents can RSVP": an act WordNet has no word for ("rsvp") after people or a modal is their verb.
    if (classes[i] !== 'verb' && RECORD_ACTS[t.lemma] && !isNounWord(t.lemma) && !isVerbWord(t.lemma) && before && !closes(before) && ((before.tags.has('Plural') && isPeopleWord(before.lemma)) || classes[i - 1] === 'aux' || /^(can|will|must|should|could|may)$/.test(before.norm))) {
      classes[i] = 'verb';
      sure.add(i);
      continue;
    }
    // "a care plan listing tasks per visit", "a job sheet listing parts.": an -ing word right after a noun, before a
    // plural that ends its phrase, is a verb saying what the thing does (a clause cut short), not a kind of it.
    if (t.norm.endsWith('ing') && wordnet().verbLemma(t.norm) && previous === 'noun' && before && !closes(before) && !closes(t) && pluralEndingPhrase(tokens, classes, i + 1)) {
      classes[i] = 'verb';
      classes[i + 1] = 'noun';
      sure.add(i);
      continue;
    }
    // "we keep losing track": a gerund after keep, start or stop is the verb going on.
    if (t.tags.has('Gerund') && before && /^(keep|keeps|kept|start|starts|stop|stops|go|goes|finish)$/.test(before.norm)) classes[i] = 'verb';
    // "drivers do a pre-trip inspection": "do" with an object is the verb.
    if (classes[i] === 'aux' && /^(do|does|did)$/.test(t.norm) && (next === 'det' || next === 'noun' || next === 'adj' || next === 'num')) classes[i] = 'verb';
  }
  classes.starts = new Set([...subjectsAfterFrontedPhrase(tokens, classes), ...subjectsAfterFrontedTime(tokens, classes)]);
  return classes;
}

/**
 * "list garage or basement space", "book kitchen or bathroom work": a singular noun with no determiner, before "or"
 * and a compound with a singular head, is the first of two modifiers of that head, not a thing of its own.
 */
function sharesNextHead(tokens: Token[], classes: Classes, read: PhraseRead): boolean {
  const last = tokens[read.end - 1]!;
  if (read.det.length > 0 || read.plural || read.heading || read.possessive || closes(last) || tokens[read.end]?.norm !== 'or' || classes[read.end - 1] !== 'noun') return false;
  if (isPeopleWord(last.lemma)) return false;
  const next = readPhrase(tokens, classes, read.end + 1);
  return !!next && next.det.length === 0 && !next.plural && next.words.length >= 2 && classes[next.end - 2] === 'noun';
}

/** "tasks per visit", "parts.": a plural noun closing its phrase, before a preposition or a stop. */
function pluralEndingPhrase(tokens: Token[], classes: Classes, at: number): boolean {
  const t = tokens[at];
  return !!t && t.norm.endsWith('s') && t.norm !== t.lemma && isNounWord(t.lemma) && (closes(t) || classes[at + 1] === 'prep');
}

/**
 * "Every season parents register their kids", "Each spring/fall season coaches pick teams": a clause
 * opening with "each" or "every" and a time has its subject right after the time, with no comma
 * between them; the time is a noun whatever the tagger says ("every cycle it shows ...").
 */
function subjectsAfterFrontedTime(tokens: Token[], classes: Classes): number[] {
  const starts: number[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!/^(each|every)$/.test(tokens[i]!.norm) || (i > 0 && !closes(tokens[i - 1]!))) continue;
    let time = i + 1;
    while (time + 1 < tokens.length && !closes(tokens[time]!) && !isTime(tokens[time]!) && (classes[time] === 'noun' || classes[time] === 'adj')) time++;
    const subject = tokens[time + 1];
    if (!isTime(tokens[time]!) || closes(tokens[time]!) || !subject) continue;
    const people = subject.tags.has('Plural') || isPeopleWord(subject.lemma) || (classes[time + 1] === 'pron' && SUBJECT_PRONOUNS.has(subject.norm));
    if (!people || !tokens[time + 2] || closes(subject) || !isVerbWord(tokens[time + 2]!.lemma)) continue;
    classes[time] = 'noun';
    if (classes[time + 1] !== 'pron') classes[time + 1] = 'noun';
    classes[time + 2] = 'verb';
    starts.push(time + 1);
  }
  return starts;
}

/** A word whose first sense is a time ("season", "cycle", "month"). */
const isTime = (t: Token): boolean => wordnet().lexnames(t.lemma, { senses: 1 })[0] === 'noun.time';

/**
 * "At the end of the day reception marks appointments", "In the morning staff unload deliveries": a
 * sentence opening with a preposition has its subject after the prepositional phrase, with no comma
 * between them. Where the phrase's nouns run into a finite verb, the last noun is the subject when
 * it agrees with the verb (a singular noun before an -s form, a plural or people before a base form).
 */
function subjectsAfterFrontedPhrase(tokens: Token[], classes: Classes): number[] {
  if (classes[0] !== 'prep') return [];
  for (let i = 1; i + 1 < tokens.length; i++) {
    if (closes(tokens[i - 1]!) || classes[i - 1] === 'verb' || classes[i - 1] === 'aux') return [];
    const verb = tokens[i + 1]!;
    if (classes[i] !== 'noun' || classes[i - 1] !== 'noun' || classes[i + 1] !== 'verb' || verb.tags.has('Gerund') || verb.tags.has('PastTense')) continue;
    const subject = tokens[i]!;
    const plural = subject.tags.has('Plural') || isPeopleWord(subject.lemma);
    const thirdPerson = verb.norm !== verb.lemma && verb.norm.endsWith('s');
    return (thirdPerson ? !subject.tags.has('Plural') : plural) ? [i] : [];
  }
  return [];
}

/**
 * Whether the -s form at `i` is the verb of the singular noun before it: "the coach picks which
 * players", "a vendor works many weddings", "QC records first-article measurements". A singular noun
 * and an -s form agree as subject and verb; as a compound they would be a plural head, which cannot
 * take a determiner or another noun after it with nothing between. Words for people are their plural
 * ("every season parents register"), never a verb. Inside brackets, where words are read as a list of
 * names, only a word the tagger calls a verb is taken as one (`taggedVerb`).
 */
function singularSubjectVerb(tokens: Token[], classes: Classes, i: number, taggedVerb = false): boolean {
  const t = tokens[i]!;
  const subject = tokens[i - 1];
  const next = tokens[i + 1];
  if (!subject || !next || (taggedVerb && classes[i] !== 'verb') || classes[i - 1] !== 'noun' || closes(subject) || closes(t) || opensBracket(next)) return false;
  if (!t.norm.endsWith('s') || t.norm === t.lemma || isPeopleWord(t.lemma)) return false;
  const verb = wordnet().verbLemma(t.norm);
  if (!verb || verb === t.norm || subject.tags.has('Plural') || subject.tags.has('Pronoun') || ownerOf(subject) || (subject.norm.endsWith('s') && subject.norm !== subject.lemma)) return false;
  // The subject opens its clause: nothing before it, or a determiner, a conjunction or a stop.
  const opener = tokens[i - 2];
  if (opener && !closes(opener) && classes[i - 2] !== 'det' && classes[i - 2] !== 'conj' && classes[i - 2] !== 'sub') return false;
  if (opener && classes[i - 2] === 'det' && tokens[i - 3] && !closes(tokens[i - 3]!) && classes[i - 3] !== 'conj' && classes[i - 3] !== 'sub') return false;
  return objectFollows(tokens, classes, i);
}

/**
 * Whether the -s form at `i` is the next verb of a series whose clause before the comma has an -s verb
 * of the same subject: "the organiser creates a circle, invites members", "logs the parts, takes photos".
 * An item of a list of details ("has a name, notes about it") has no verb of its own before it but "has".
 */
function seriesVerb(tokens: Token[], classes: Classes, i: number): boolean {
  const t = tokens[i]!;
  const before = tokens[i - 1];
  if (!before || !/,/.test(before.post) || closes(t) || !tokens[i + 1] || opensBracket(tokens[i + 1]!)) return false;
  if (!t.norm.endsWith('s') || t.norm === t.lemma || isPeopleWord(t.lemma)) return false;
  const verb = wordnet().verbLemma(t.norm);
  if (!verb || verb === t.norm) return false;
  let agrees = false;
  for (let k = i - 1; k >= 0 && (k === i - 1 || !closes(tokens[k]!)); k--) {
    const word = tokens[k]!;
    if (classes[k] === 'verb' && word.norm.endsWith('s') && word.norm !== word.lemma && !HAVE.has(word.norm) && !BE.has(word.norm)) agrees = true;
  }
  return agrees && objectFollows(tokens, classes, i);
}

/** Whether an object follows the verb at `i`: a determiner, a number, an object pronoun, or a noun phrase ending in a plural or an act. */
function objectFollows(tokens: Token[], classes: Classes, i: number): boolean {
  const next = tokens[i + 1]!;
  const after = classes[i + 1];
  if (after === 'det' || after === 'num' || (after === 'pron' && !SUBJECT_PRONOUNS.has(next.norm))) return true;
  // A singular head may be what the -s form modifies ("the event details page"): a plural or an act is an object
  // ("groups stops", "triggers offboarding", "records first-article measurements").
  let end = i + 1;
  while (tokens[end + 1] && !closes(tokens[end]!) && (classes[end + 1] === 'noun' || classes[end + 1] === 'adj')) end++;
  const head = tokens[end]!;
  const nounlike = (k: number): boolean => classes[k] === 'noun' || classes[k] === 'adj' || (classes[k] === 'verb' && (isNounWord(tokens[k]!.lemma) || tokens[k]!.tags.has('Gerund')));
  return nounlike(i + 1) && classes[end] !== 'adj' && (head.tags.has('Plural') || (head.norm.endsWith('s') && head.norm !== head.lemma) || /ing$/.test(head.norm));
}

const HAVE = new Set(['has', 'have', 'had']);
/** "each show's", "the members'": a noun's possessive, whose next word is what it owns and not a verb ("each show's host gets"). */
const ownerOf = (t: Token): boolean => t.tags.has('Possessive') && !t.tags.has('Pronoun');
/** Whether the words up to `end` (a comma) are a clause with its verb: "coaches open the app," rather than a list item. */
function afterVerbClause(tokens: Token[], classes: Classes, end: number): boolean {
  for (let k = end; k >= 0; k--) {
    if (k < end && (closes(tokens[k]!) || /\n/.test(tokens[k]!.post))) return classes[k + 1] === 'verb' && !/:/.test(tokens[k]!.post);
    if (classes[k] === 'verb') return true;
  }
  return false;
}

/**
 * Whether the word at `i` ends a clause of a series of acts: after ", and" closing a clause with its verb
 * ("choose a slot, and pay upfront"), or between commas before ", and" and the next verb ("order, pay, and
 * get a text"), with nothing after it but how it is done ("upfront", "online", "by card").
 */
function actInSeries(tokens: Token[], classes: Classes, i: number): boolean {
  const [t, before, nextToken] = [tokens[i]!, tokens[i - 1], tokens[i + 1]];
  if (!before) return false;
  const ends = closes(t) || !nextToken || classes[i + 1] === 'prep' || classes[i + 1] === 'adv' || (classes[i + 1] === 'noun' && mannerWord(nextToken));
  if (!ends) return false;
  if (classes[i - 1] === 'conj' && /^(and|or)$/.test(before.norm) && i >= 2 && /,/.test(tokens[i - 2]!.post) && afterVerbClause(tokens, classes, i - 2)) return true;
  // (A list after a colon, "Fields: name, pay, and notes", is no series of acts.)
  const colon = tokens.slice(0, i).findLastIndex((token) => /:/.test(token.post));
  return /,/.test(before.post) && /,/.test(t.post) && classes[i + 1] === 'conj' && classes[i + 2] === 'verb' && classes.slice(colon + 1, i).includes('verb');
}

/** "upfront", "online": a word the tagger calls a noun that WordNet knows only as an adjective or adverb, saying how an act is done. */
function mannerWord(token: Token): boolean {
  return /^[a-z]+$/.test(token.lemma) && !isNounWord(token.lemma) && (wordnet().isAdjective(token.lemma) || wordnet().isAdverb(token.lemma));
}

/** "and pay.", "and pay upfront by card", "and pay online": nothing after the word that it could act on. */
function noObjectAfter(tokens: Token[], classes: Classes, i: number): boolean {
  const next = tokens[i + 1];
  if (!next || closes(tokens[i]!)) return true;
  return classes[i + 1] === 'adv' || (classes[i + 1] === 'prep' && next.norm !== 'of') || (!isNounWord(next.lemma) && !isPronoun(next) && classes[i + 1] !== 'det' && classes[i + 1] !== 'num');
}

/**
 * "book a lesson and pay": the nearest verb before, in the same clause, has the word's form: both
 * bare ("book", "pay") or both with -s ("takes", "pays"). A noun listed after a verb's object seldom
 * agrees so ("edit menus and prices", "log time and expenses").
 */
function agreesWithClauseVerb(tokens: Token[], classes: Classes, i: number): boolean {
  const word = tokens[i]!;
  const withS = (t: Token): boolean => t.norm !== t.lemma && t.norm === `${t.lemma}s`;
  // "writes the rounds and questions", "see their shifts and pay": after a plural noun and "and", more of the list.
  if (withS(word) && tokens[i - 2]?.tags.has('Plural')) return false;
  for (let k = i - 2; k >= 0; k--) {
    const t = tokens[k]!;
    if (/[.;:!?\n]/.test(t.post)) return false;
    if (classes[k] !== 'verb') continue;
    if (BE.has(t.norm) || HAVE.has(t.norm) || t.tags.has('PastTense') || t.tags.has('Gerund')) return false;
    return withS(word) ? withS(t) : word.norm === word.lemma && t.norm === t.lemma;
  }
  return false;
}

/**
 * "Guests at the booth add drinks": a singular noun ending a place or company phrase after a plural
 * subject ("guests at the booth") is followed by that subject's verb, not by more of the phrase.
 */
function afterPlaceOfSubject(tokens: Token[], classes: Classes, i: number): boolean {
  const before = tokens[i - 1];
  if (!before || classes[i - 1] !== 'noun' || closes(before) || before.tags.has('Plural') || tokens[i]!.norm.endsWith('s')) return false;
  let k = i - 1;
  while (k > 0 && (classes[k - 1] === 'noun' || classes[k - 1] === 'adj' || classes[k - 1] === 'det' || classes[k - 1] === 'num') && !closes(tokens[k - 1]!)) k--;
  const subject = tokens[k - 2];
  if (classes[k - 1] !== 'prep' || !subject || classes[k - 2] !== 'noun' || closes(subject) || !(subject.tags.has('Plural') || isPeopleWord(subject.lemma))) return false;
  for (let j = k - 3; j >= 0 && !closes(tokens[j]!); j--) if (classes[j] === 'verb' || classes[j] === 'prep') return false;
  return true;
}

/** Verbs that ask others to do something: "want customers to order", "allow guests to book". */
export const WISHES_FOR_OTHERS = /^(want|wants|need|needs|ask|asks|allow|allows|help|helps|invite|invites|remind|reminds|require|requires|expect|expects|get|gets)$/;

/** The people a wish is for and the verb they are to do: "want customers to pre-order" → customers, pre-order. */
export function askedToAct(sentence: Sentence, phrase: Phrase): Token | undefined {
  if (phrase.role !== 'object' || !phrase.verb || !WISHES_FOR_OTHERS.test(phrase.verb.norm)) return undefined;
  const after = sentence.tokens[phrase.end]?.norm === 'to' ? phrase.end + 1 : phrase.end;
  const verb = sentence.tokens[after];
  return verb && sentence.verbs.includes(verb) ? verb : undefined;
}

export function parseSentences(sentences: Token[][]): Sentence[] {
  let id = 0;
  // A heading ("Payments:") holds the sentences after it until the next heading or a blank line.
  const sections: Phrase[] = [];
  return sentences.map((tokens, index) => {
    if (index > 0 && /\n\s*\n/.test(sentences[index - 1]!.at(-1)?.post ?? '') && !/:/.test(tokens.slice(0, 4).map((t) => t.post).join(''))) sections.length = 0;
    const classes = classify(tokens);
    const phrases: Phrase[] = [];
    const verbs: Token[] = [];
    let clauseStart = 0;
    let verb: Token | undefined;
    let negated = false;
    let subject: Phrase | undefined;
    let prep: string | undefined;
    let previous: Phrase | undefined;
    let afterConj = false;
    let bracketOwner: Phrase | undefined;
    let colonOwner: Phrase | undefined;
    let inBracket = false;
    let section: Phrase | undefined = sections.at(-1);
    let lastPhrase: Phrase | undefined;
    let examplesOf: Phrase | undefined;
    let i = 0;
    const resetClause = (at: number) => {
      clauseStart = at;
      examplesOf = undefined;
      verb = undefined;
      negated = false;
      subject = undefined;
      prep = undefined;
      previous = undefined;
    };
    while (i < tokens.length) {
      const t = tokens[i]!;
      const cls = classes[i]!;
      if (opensBracket(t)) {
        inBracket = true;
        // "add them (name, phone, email)": the details are of the people "them" stands for.
        const pronoun = i > 0 && /^(them|him|her|it)$/.test(tokens[i - 1]!.norm);
        bracketOwner = pronoun ? ([...phrases].reverse().find((p) => isPeopleWord(p.head.lemma) || (p.plural && tokens[i - 1]!.norm === 'them')) ?? lastPhrase) : lastPhrase;
      }
      if (cls === 'sub' && i > 0) {
        resetClause(i + 1);
        i++;
        continue;
      }
      if (cls === 'neg') negated = true;
      // "but we want", "they reply": a pronoun before a verb starts a clause of its own.
      if (cls === 'pron' && (classes[i + 1] === 'verb' || classes[i + 1] === 'aux' || classes[i + 1] === 'adv' || classes[i + 1] === 'neg')) {
        resetClause(i);
        i++;
        continue;
      }
      if (t.norm === 'but') {
        resetClause(i + 1);
        i++;
        continue;
      }
      // "groups I create myself", "the habits we track.": a phrase, a subject pronoun and a verb with no object is a relative clause; the phrase is its object.
      const relative = cls === 'verb' && i > 0 && SUBJECT_PRONOUNS.has(tokens[i - 1]!.norm) && lastPhrase?.end === i - 1 && lastPhrase.sentence === index && (lastPhrase.role === 'list' || (lastPhrase.role === 'object' && !lastPhrase.verb)) && (closes(t) || !tokens[i + 1] || /^(myself|ourselves|themselves|yourself|himself|herself)$/.test(tokens[i + 1]!.norm) || classes[i + 1] === 'adv');
      if (relative && lastPhrase) {
        lastPhrase.role = 'object';
        lastPhrase.verb = t;
      }
      // A verb inside brackets ("(lead, qualified)") is a value, not what the clause does; one after a subject pronoun is a verb all the same.
      if (inBracket && cls === 'verb' && !relative) {
        if (/[)\]]/.test(t.post)) {
          inBracket = false;
          bracketOwner = undefined;
        }
        i++;
        continue;
      }
      if (cls === 'verb' || (cls === 'aux' && BE.has(t.norm) && classes[i + 1] !== 'verb' && classes[i + 1] !== 'aux')) {
        if (cls === 'verb') verbs.push(t);
        if (verb && afterConj === false && previous && previous.role === 'subject') {
          // "Sellers open a shop and list products": a second verb of the same subject.
        }
        verb = t;
        prep = undefined;
        afterConj = false;
        previous = undefined;
        if (/[)\]]/.test(t.post)) {
          inBracket = false;
          bracketOwner = undefined;
        }
        i++;
        continue;
      }
      // "activities such as calls, meetings and notes", "things like allergies": examples of the phrase before.
      if ((t.norm === 'such' && tokens[i + 1]?.norm === 'as') || ((t.norm === 'like' || t.norm === 'including') && lastPhrase && lastPhrase.end === i)) {
        examplesOf = lastPhrase;
        i += t.norm === 'such' ? 2 : 1;
        continue;
      }
      if (cls === 'prep') {
        prep = t.norm;
        afterConj = false;
        examplesOf = undefined;
        i++;
        continue;
      }
      if (cls === 'conj') {
        afterConj = true;
        i++;
        continue;
      }
      if (cls === 'det' || cls === 'noun' || cls === 'adj' || cls === 'num') {
        const read = readPhrase(tokens, classes, i);
        if (!read) {
          if (/[)\]]/.test(t.post)) {
            inBracket = false;
            bracketOwner = undefined;
          }
          i++;
          continue;
        }
        // "spare garage or basement space": a bare singular before "or" and a compound shares its head; it is no phrase.
        if (sharesNextHead(tokens, classes, read)) {
          i = read.end;
          continue;
        }
        const heading = read.heading;
        // "..., and admins maintain": a noun phrase right before a verb is the subject of a new clause.
        const nextClass = classes[read.end];
        const last = tokens[read.end - 1]!;
        const participle = nextClass === 'verb' && !!verb && tokens[read.end]!.tags.has('PastTense');
        // Right after its verb ("include several services back to back"), a phrase is the verb's object, whatever follows.
        const objectOfVerb = !!verb && tokens.slice(0, i).reverse().find((w, k) => k >= 0 && classes[tokens.indexOf(w)] !== 'det' && classes[tokens.indexOf(w)] !== 'num') === verb;
        const modalNext = nextClass === 'aux' && tokens[read.end]?.tags.has('Modal');
        if (!heading && !closes(last) && !participle && !objectOfVerb && (nextClass === 'verb' || (nextClass === 'aux' && tokens[read.end]?.norm !== 'to')) && !inBracket && (verb || prep || modalNext) && i > 0) {
          resetClause(i);
        }
        const coordinated = (afterConj || (i > 0 && closes(tokens[i - 1]!) && !/[.!?:;]/.test(tokens[i - 1]!.post))) && previous && previous.sentence === index ? (previous.coordinated ?? previous) : undefined;
        const role: PhraseRole = heading
          ? 'heading'
          : inBracket || colonOwner
            ? 'list'
            : coordinated
              ? coordinated.role
              : prep
                ? 'prep'
                : verb
                  ? 'object'
                  : 'subject';
        const phrase: Phrase = {
          id: id++,
          sentence: index,
          start: read.start,
          end: read.end,
          words: read.words,
          head: read.words[read.words.length - 1]!,
          det: read.det,
          quantity: read.quantity,
          plural: read.plural,
          role,
          negated,
          heading,
          listed: inBracket || !!colonOwner,
          possessive: read.possessive,
        };
        if (role !== 'subject' && role !== 'heading' && verb) phrase.verb = verb;
        if (role === 'subject') {
          subject = coordinated ? subject : phrase;
        } else if (subject && role !== 'heading') phrase.subject = subject;
        if (role === 'prep' || (role === 'list' && prep)) phrase.prep = coordinated?.prep ?? prep;
        if (coordinated) phrase.coordinated = coordinated;
        if (inBracket && bracketOwner) phrase.listOf = bracketOwner;
        else if (examplesOf) {
          phrase.listOf = examplesOf;
          phrase.role = 'list';
          phrase.example = true;
          if (examplesOf.verb) phrase.verb = examplesOf.verb;
        } else if (colonOwner) phrase.listOf = colonOwner;
        // "X of Y": Y belongs to X.
        if (previous && tokens[read.start - 1]?.norm === 'of' && previous.end === read.start - 1) previous.of = phrase;
        if (previous?.possessive && previous.end === read.start) phrase.owner = previous;
        phrases.push(phrase);
        // "a date of birth, a phone number": the list goes on from "date", not from "birth".
        const ofOwner = previous && previous.of === phrase ? previous : undefined;
        previous = ofOwner ?? phrase;
        lastPhrase = phrase;
        afterConj = false;
        if (heading) {
          section = phrase;
          if (readsAsList(tokens, classes, read.end)) colonOwner = phrase;
        }
        if (section && !heading) phrase.section = section;
        i = read.end;
        if (/[)\]]/.test(last.post)) {
          inBracket = false;
          bracketOwner = undefined;
        }
        if (/:/.test(last.post) && !heading && readsAsList(tokens, classes, read.end)) colonOwner = phrase;
        if (/[;.!?]/.test(last.post) || /\n/.test(last.post)) {
          colonOwner = undefined;
          inBracket = false;
          resetClause(read.end);
        }
        continue;
      }
      if (/[)\]]/.test(t.post)) {
        inBracket = false;
        bracketOwner = undefined;
      }
      if (/[;.!?]/.test(t.post) || /\n/.test(t.post)) {
        colonOwner = undefined;
        resetClause(i + 1);
      }
      i++;
    }
    void clauseStart;
    if (section && section !== sections.at(-1)) sections.push(section);
    // "As a member, I want to be in more than one club": the story's role is who "I" is.
    const storyRole = /^as an?$/i.test(tokens.slice(0, 2).map((t) => t.norm).join(' ')) ? phrases.find((p) => p.prep === 'as' && p.start <= 3) : undefined;
    if (storyRole) {
      storyRole.role = 'subject';
      for (const phrase of phrases) if (phrase !== storyRole && !phrase.subject && phrase.role !== 'subject') phrase.subject = storyRole;
    }
    return { index, tokens, text: tokens.map((t) => t.pre + t.text + t.post).join('').trim(), phrases, verbs };
  });
}

interface PhraseRead {
  start: number;
  end: number;
  words: Token[];
  det: string[];
  quantity: Phrase['quantity'];
  plural: boolean;
  heading: boolean;
  possessive: boolean;
}

/** Determiners, then adjectives and nouns up to a boundary; the last noun is the head. */
function readPhrase(tokens: Token[], classes: Classes, start: number): PhraseRead | null {
  let i = start;
  const det: string[] = [];
  while (i < tokens.length && (classes[i] === 'det' || classes[i] === 'num' || (tokens[i]!.norm === 'or' && det.length > 0 && (classes[i + 1] === 'num' || tokens[i + 1]?.norm === 'more')) || (tokens[i]!.norm === 'more' && det.length > 0))) {
    det.push(tokens[i]!.norm);
    if (closes(tokens[i]!)) return null;
    i++;
  }
  // "more than one club", "at least two", "up to five": a comparison is part of the count.
  if (/^(more|less|fewer)$/.test(det[det.length - 1] ?? '') && tokens[i]?.norm === 'than') {
    det.push('than');
    i += 1;
    while (i < tokens.length && (classes[i] === 'det' || classes[i] === 'num')) det.push(tokens[i++]!.norm);
  }
  // "one or more X", "one of its time slots": "of" after a quantity keeps the phrase going.
  if (det.length > 0 && tokens[i]?.norm === 'of' && (classes[i + 1] === 'det' || classes[i + 1] === 'noun' || classes[i + 1] === 'adj')) {
    i++;
    while (i < tokens.length && classes[i] === 'det') {
      det.push(tokens[i]!.norm);
      i++;
    }
  }
  const words: Token[] = [];
  let heading = false;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const cls = classes[i]!;
    if (words.length > 0 && (opensBracket(t) || classes.starts?.has(i))) break;
    if (cls !== 'noun' && cls !== 'adj' && !(cls === 'verb' && !classes.sure?.has(i) && words.length > 0 && isNounWord(t.lemma) && t.tags.has('Plural'))) {
      // "cover image": compromise calls "cover" a verb inside a noun phrase.
      if (!(cls === 'verb' && words.length === 0 && classes[i + 1] === 'noun' && !closes(t) && isNounWord(t.lemma) && det.length > 0)) break;
    }
    words.push(t);
    i++;
    if (/:/.test(t.post) && (start === 0 || /[.!?\n]/.test(tokens[start - 1]!.post) || (det.length > 0 && start === det.length))) heading = words.length <= 4;
    if (closes(t) || possessiveWord(tokens, classes, i - 1)) break;
    if (pluralBeforeNoun(t, classes[i], tokens[i])) break;
  }
  // Trailing adjectives are not part of the noun ("the price is higher").
  while (words.length > 0 && classes[tokens.indexOf(words[words.length - 1]!, start)] === 'adj' && !/:/.test(words[words.length - 1]!.post)) {
    words.pop();
    i--;
  }
  if (words.length === 0) return null;
  const head = words[words.length - 1]!;
  const quantity: Phrase['quantity'] = det.some((d) => EACH.has(d)) ? 'each' : det.some((d) => MANY.has(d)) || det.includes('more') ? 'many' : 'one';
  const plural = head.tags.has('Plural') || (head.norm !== head.lemma && head.norm.endsWith('s'));
  return {
    start,
    end: i,
    words,
    det,
    quantity,
    plural,
    heading,
    possessive: possessiveWord(tokens, classes, i - 1),
  };
}

/**
 * "the office's", "tutors' notes": a possessor, whether the apostrophe stayed on the word or came after a
 * plural; after a plural, only before the words of what it owns ("like 'no onions' on" closes a quote).
 */
function possessiveWord(tokens: Token[], classes: Classes, at: number): boolean {
  const t = tokens[at]!;
  if (t.norm.endsWith("'s") || /['’]$/.test(t.text)) return true;
  return /^['’]/.test(t.post) && /s$/.test(t.norm) && t.tags.has('Possessive') && !t.tags.has('Pronoun') && (classes[at + 1] === 'noun' || classes[at + 1] === 'adj');
}

/**
 * "send customers estimates", "see their kids team schedule": a regular plural does not modify the
 * noun after it (English modifiers are singular). Before another plural it ends its phrase (a second
 * object follows); a plural of people before a noun is their owner written without the apostrophe.
 * A plural WordNet lists as a word of its own ("sales team", "savings goal"), a name ("Pilates
 * studio"), and people before a part of the product ("the members area") still modify.
 */
function pluralBeforeNoun(t: Token, nextClass: WordClass | undefined, next: Token | undefined): boolean {
  if (!next || nextClass !== 'noun' || !t.tags.has('Plural') || t.norm === t.lemma || !/s$/.test(t.norm) || t.tags.has('Pronoun')) return false;
  if (wordnet().isNoun(t.norm) || /^\p{Lu}/u.test(t.text)) return false;
  const nextPlural = next.tags.has('Plural') && next.norm !== next.lemma && /s$/.test(next.norm);
  // ("a pilates studio": WordNet's person "Pilate" is a name, no common noun for people.)
  const senses = wordnet().nounSenses(t.lemma);
  const people = isPeopleWord(t.lemma) && (senses.length === 0 || senses.some((sense) => !sense.instance && sense.words.includes(t.lemma)));
  return nextPlural || (people && !UI_HEADS.has(next.lemma));
}

/** Whether the words after a colon list things ("title, price, photos") rather than say something ("clients often pay..."). */
function readsAsList(tokens: Token[], classes: WordClass[], from: number): boolean {
  const segments: number[] = [0];
  let verbs = 0;
  let bracket = false;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (opensBracket(t)) bracket = true;
    if (!bracket) {
      segments[segments.length - 1]! += 1;
      if (classes[i] === 'verb' || classes[i] === 'aux') verbs++;
    }
    if (/[)\]]/.test(t.post)) bracket = false;
    if (!bracket && (/[,;]/.test(t.post) || t.norm === 'and')) segments.push(0);
    if (/[.!?;]/.test(t.post) || /\n/.test(t.post)) break;
  }
  const filled = segments.filter((words) => words > 0);
  const short = filled.filter((words) => words <= 4).length;
  return filled.length >= 2 && short >= filled.length * 0.6 && verbs <= Math.max(1, filled.length / 2);
}
