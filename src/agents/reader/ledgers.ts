import type { Candidate } from './candidates.js';
import type { CandidateBook } from './joins.js';
import { AMOUNT_CHANGES_AFTER, AMOUNT_CHANGING_VERBS, AMOUNT_PARTICLES, ATTRIBUTE_WORDS, LEDGER_ROWS, NOT_RECORDS, QUALITIES } from './knowledge.js';
import { isPeopleWord } from './lexicon.js';
import type { Sentence } from './syntax.js';
import type { Token } from './tokens.js';
import { wordnet } from './wordnet.js';

/**
 * An amount that goes up and down is kept as the changes to it: "points add up and they can spend
 * them", "you earn 1 point per hour and spend points", "stock goes down ... receiving them
 * increases stock", "track ingredient stock, brewing a batch uses it up". Each change is a row
 * (point_transaction, stock_movement) and the amount itself is their sum, no table of its own.
 * Said once, a change of goods is enough (stock is kept to be counted); units of value need two.
 */

/** Words that go between a changing verb and its amount: "earn 1 point", "spend bonus points", "take the points away". */
const BETWEEN = /^(\d+|a|an|the|their|your|our|my|his|her|some|more|extra|bonus|all|any|no|one|two|three|ten)$/;
/** Where a clause begins, looking back from its verb: "points add up and they can spend them". */
const CLAUSE_STARTS = new Set(['and', 'so', 'then', 'when', 'but', 'or']);

export function weighLedgers(book: CandidateBook, sentences: Sentence[]): void {
  const changes = new Map<string, string[]>();
  for (const sentence of sentences) {
    for (const at of sentence.tokens.keys()) {
      const amount = changedAfter(sentence, at) ?? changedBy(sentences, sentence, at, new Set(changes.keys()));
      if (!amount) continue;
      const seen = changes.get(amount.lemma) ?? [];
      seen.push(amount.why);
      changes.set(amount.lemma, seen);
    }
  }
  for (const [amount, whys] of changes) {
    const goods = wordnet().isA(amount, 'commodity', { senses: 2 });
    if (!goods && whys.length < 2) continue;
    const word = goods ? LEDGER_ROWS.goods : LEDGER_ROWS.units;
    const row = book.ensure(`${amount}_${word}`, word, [amount, word], Number.MAX_SAFE_INTEGER);
    row.person = false;
    row.evidence.push({ weight: 2.5, why: `the ${amount} changes (${whys.join('; ')}), a row each change` });
    const own: Candidate | undefined = book.byKey.get(amount);
    if (own && !own.person) own.evidence.push({ weight: -3, why: 'an amount that goes up and down: the sum of its changes' });
  }
}

/** "points add up", "stock goes down": the amount, then how it changes. */
function changedAfter(sentence: Sentence, at: number): { lemma: string; why: string } | undefined {
  const token = sentence.tokens[at]!;
  const next = sentence.tokens.slice(at + 1, at + 3).map((t) => t.norm);
  const change = AMOUNT_CHANGES_AFTER.find((c) => c.split(' ').every((w, i) => next[i] === w));
  if (!change || /[,;:.]/.test(token.post)) return undefined;
  // ("add up every family's lessons": adding up a list is a sum, not a change.)
  if (change.startsWith('add') && sentence.phrases.some((p) => p.start === at + 3 && p.role === 'object')) return undefined;
  const lemma = amountLemma(token);
  return lemma ? { lemma, why: `${token.norm} ${change}` } : undefined;
}

/** "spend points", "earn 1 point", "increases stock", "uses it up": a verb that changes the amount after it. */
function changedBy(sentences: Sentence[], sentence: Sentence, at: number, known: ReadonlySet<string>): { lemma: string; why: string } | undefined {
  const verb = sentence.tokens[at]!;
  const lemma = wordnet().verbLemma(verb.norm) ?? verb.lemma;
  if (!AMOUNT_CHANGING_VERBS.has(lemma) || (!verb.tags.has('Verb') && !wordnet().isVerb(lemma))) return undefined;
  let next = at + 1;
  while (next < sentence.tokens.length && BETWEEN.test(sentence.tokens[next]!.norm) && !/[,;:.]/.test(sentence.tokens[next - 1]!.post)) next++;
  const word = sentence.tokens[next];
  if (!word || /[,;:.]/.test(sentence.tokens[next - 1]!.post)) return undefined;
  const particle = AMOUNT_PARTICLES[lemma];
  // "uses it up", "spend them": the amount named before the clause.
  if (/^(it|them)$/.test(word.norm)) {
    if (particle && sentence.tokens[next + 1]?.norm !== particle) return undefined;
    const before = amountBefore(sentences, sentence, at, known);
    return before ? { lemma: before, why: `${verb.norm} ${word.norm}${particle ? ` ${particle}` : ''}` } : undefined;
  }
  if (particle && !sentence.tokens.slice(next + 1, next + 3).some((t) => t.norm === particle)) return undefined;
  const amount = amountLemma(word);
  return amount ? { lemma: amount, why: `${verb.norm} ${word.norm}` } : undefined;
}

/**
 * The amount a pronoun stands for, named before the clause the verb is in, here or in the sentence
 * before: one already seen changing ("earn credits for every class ..., and spend them"), else the
 * last that can be an amount ("paper stock by size and weight. Every job uses it up").
 */
function amountBefore(sentences: Sentence[], sentence: Sentence, at: number, known: ReadonlySet<string>): string | undefined {
  let start = at - 1;
  while (start > 0 && !CLAUSE_STARTS.has(sentence.tokens[start]!.norm) && !/[,;]/.test(sentence.tokens[start - 1]!.post)) start--;
  const amounts = [...(sentences[sentence.index - 1]?.phrases ?? []), ...sentence.phrases.filter((p) => p.end <= start)].map((p) => amountLemma(p.head)).filter((a): a is string => !!a);
  return amounts.findLast((a) => known.has(a)) ?? amounts.at(-1);
}

/** A noun that can be an amount kept: not a person, a time, money, a measure or a detail ("price adds up", "spend weeks"). */
function amountLemma(token: Token): string | undefined {
  const lemma = wordnet().nounLemma(token.norm);
  if (!lemma || isPeopleWord(lemma) || ATTRIBUTE_WORDS.has(lemma) || QUALITIES.has(lemma) || NOT_RECORDS.has(lemma)) return undefined;
  const kinds = wordnet().lexnames(lemma, { senses: 1 });
  if (kinds.includes('noun.time') || kinds.includes('noun.quantity') || wordnet().isA(lemma, 'money', { senses: 2 })) return undefined;
  return lemma;
}
