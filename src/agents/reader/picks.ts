import type { Candidate } from './candidates.js';
import type { CandidateBook } from './joins.js';
import { CATALOGUE_HEADS, LINE_HOLDERS, PICKING_VERBS, PLACING_VERBS, RECORD_ACTS, WANTING_VERBS } from './knowledge.js';
import type { Sentence } from './syntax.js';
import type { Token } from './tokens.js';
import { wordnet } from './wordnet.js';

/**
 * What people pick for themselves from what is on offer: "everyone adds what they want from the
 * deli menu", "people pick what they want and choose a pickup slot". Each pick is a line of the
 * order the idea keeps (order_item), and a catalogue it is picked from has items of its own (a
 * menu's items: menu_item).
 */

/** Weighs the lines of such picks, once the candidates are judged (the order must be kept for reasons of its own). */
export function weighPicks(book: CandidateBook, sentences: Sentence[], score: (c: Candidate) => number, keep: number): void {
  for (const sentence of sentences) {
    orderedFromCatalogue(book, sentence);
    boughtSeveral(book, sentence, score, keep);
    for (const [at, token] of sentence.tokens.entries()) {
      if (token.norm !== 'what' || !wantedClause(sentence, at)) continue;
      const verb = sentence.tokens[at - 1];
      if (!verb || !(PICKING_VERBS.has(verb.lemma) || PLACING_VERBS.has(verb.lemma) || verb.lemma === 'order')) continue;
      // The record people order in: the best-weighed kept order, purchase or tab of the idea.
      const holder = [...book.byKey.values()].filter((c) => !c.person && LINE_HOLDERS[c.key] !== undefined && score(c) >= keep).sort((a, b) => score(b) - score(a))[0];
      if (!holder) continue;
      const word = LINE_HOLDERS[holder.key]!;
      const line = book.ensure(`${holder.key}_${word}`, word, [...holder.words, word], token.index);
      line.evidence.push({ weight: 2.5, why: `people ${verb.lemma} what they want, a line of the ${holder.head} each` });
      holder.evidence.push({ weight: 1, why: 'holds rows of its own' });
      // "... from the deli menu": the catalogue's items are records of their own.
      const from = sentence.phrases.find((p) => p.prep === 'from' && p.start > at && p.start <= at + 5 && CATALOGUE_HEADS.has(p.head.lemma));
      if (from) {
        const items = book.ensure(`${from.head.lemma}_item`, 'item', [from.head.lemma, 'item'], from.head.index);
        items.evidence.push({ weight: 2, why: `people pick what they want from the ${from.head.norm}, an item each` });
      }
    }
  }
}

/** "what they want", "what everyone needs": the free relative after a verb names the things picked, not a record of its own. */
function wantedClause(sentence: Sentence, at: number): boolean {
  const [who, wants] = [sentence.tokens[at + 1], sentence.tokens[at + 2]];
  return !!who && !!wants && (who.tags.has('Pronoun') || who.tags.has('Noun')) && WANTING_VERBS.has(wants.lemma);
}

/**
 * "customers order ahead from the menu", "pre-order from the truck's menu", "buy from our catalogue":
 * ordering from a catalogue is choosing some of what it offers, so the act makes an order with a line
 * per thing chosen (order_item), and the catalogue has items of its own (menu_item). Read on the words
 * themselves, as the tagger often takes such an "order" after a comma for a noun.
 */
function orderedFromCatalogue(book: CandidateBook, sentence: Sentence): void {
  const tokens = sentence.tokens;
  for (const [at, token] of tokens.entries()) {
    const holder = orderingAct(token);
    if (!holder || /[.;:!?]/.test(token.post) || at > 0 && /^(an?|the|each|every|per|one|their|our|your|my|his|her)$/.test(tokens[at - 1]!.norm)) continue;
    // "order ahead from", "buy online from": a word saying when or where may stand between.
    const from = tokens[at + 1]?.norm === 'from' ? at + 1 : tokens[at + 2]?.norm === 'from' && ORDERING_MANNER.has(tokens[at + 1]!.norm) ? at + 2 : -1;
    if (from < 0) continue;
    const catalogue = sentence.phrases.find((p) => p.prep === 'from' && p.start > from && p.start <= from + 3 && CATALOGUE_HEADS.has(p.head.lemma) && !p.negated);
    if (!catalogue) continue;
    const word = LINE_HOLDERS[holder]!;
    const order = book.ensure(holder, holder, [holder], token.index);
    order.evidence.push({ weight: 2, why: `people ${token.norm} from a ${catalogue.head.norm}, one ${holder} each time` });
    const line = book.ensure(`${holder}_${word}`, word, [holder, word], token.index);
    line.evidence.push({ weight: 2.5, why: `people ${token.norm} from a ${catalogue.head.norm}, a line of the ${holder} a thing` });
    const items = book.ensure(`${catalogue.head.lemma}_item`, 'item', [catalogue.head.lemma, 'item'], catalogue.head.index);
    items.evidence.push({ weight: 2, why: `people ${token.norm} from the ${catalogue.head.norm}, an item each` });
  }
}

/** Words between an act of ordering and where from: "order ahead from the menu", "buy online from our catalogue". */
const ORDERING_MANNER = new Set(['ahead', 'online', 'directly', 'early', 'again', 'straight']);

/** The record an act of ordering makes, when it holds lines: "order" and "pre-order" an order, "buy" an order. */
function orderingAct(token: Token): string | undefined {
  const verb = token.lemma.replace(/^pre-?/, '');
  const record = RECORD_ACTS[verb]?.record;
  return record && LINE_HOLDERS[record] !== undefined ? record : undefined;
}

/**
 * "clients can buy extra digitals or prints", "guests order drinks": goods people order, named in the
 * plural, come several to an order, a line each (order_item), when the order is kept. What is bought
 * as an act, an event, a group or a right ("buy campaigns", "buy classes", "buy shares") is a record
 * of its own, not lines.
 */
function boughtSeveral(book: CandidateBook, sentence: Sentence, score: (c: Candidate) => number, keep: number): void {
  for (const goods of sentence.phrases) {
    const holder = goods.verb && orderingAct(goods.verb);
    if (!holder || goods.role !== 'object' || !goods.plural || goods.negated) continue;
    // Several of a kind at once ("several candles", "extra prints") or a mix of goods ("digitals or prints"), not one kind bought now and then.
    const mixed = sentence.phrases.some((other) => other !== goods && other.verb === goods.verb && other.role === 'object' && (other.coordinated === goods || goods.coordinated === other));
    if (!mixed && goods.quantity !== 'many' && !goods.words.some((w) => /^(extra|additional|multiple)$/.test(w.norm))) continue;
    const thing = book.candidateOf(goods);
    const order = book.byKey.get(holder);
    if (!thing || thing.person || LINE_HOLDERS[thing.head] !== undefined || !order || score(order) < keep) continue;
    const kinds = wordnet().lexnames(thing.head, { senses: 1 });
    if (kinds.length === 0 || kinds.some((kind) => NOT_GOODS.has(kind))) continue;
    const word = LINE_HOLDERS[holder]!;
    const line = book.ensure(`${holder}_${word}`, word, [holder, word], goods.head.index);
    line.evidence.push({ weight: 2.5, why: `people ${goods.verb!.lemma} ${goods.head.norm}, several to a ${holder}` });
  }
}

/** What is bought as a record of its own, not as goods on an order's lines (WordNet's kinds). */
const NOT_GOODS = new Set(['noun.act', 'noun.event', 'noun.group', 'noun.time', 'noun.state', 'noun.possession', 'noun.person']);
