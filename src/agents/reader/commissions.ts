import type { CandidateBook } from './joins.js';
import { SHARE_KEEPING_VERBS, SHARE_KINDS } from './knowledge.js';
import type { Sentence } from './syntax.js';
import { wordnet } from './wordnet.js';

/**
 * A business that keeps a share of what people pay passes the rest on to others: "we take a cut",
 * "we keep 15%", "we take 18% commission". Money comes in from some people and goes out to others,
 * so the product keeps both: each payment made, and each payout owed.
 */

/** Words between the verb and the share: "take a cut", "keep our 15%", "take 18% commission". */
const BETWEEN = /^(a|an|the|our|my|its|their|small|flat|\d+)$/;

export function weighCommissions(book: CandidateBook, sentences: Sentence[]): void {
  for (const sentence of sentences) {
    for (const [at, verb] of sentence.tokens.entries()) {
      const lemma = wordnet().verbLemma(verb.norm) ?? verb.lemma;
      if (!SHARE_KEEPING_VERBS.has(lemma) || sentence.tokens[at - 1]?.norm !== 'we') continue;
      const share = keptShare(sentence, at);
      if (!share) continue;
      for (const record of ['payment', 'payout']) {
        // Named already, after what is paid or who is paid ("rent_payment", "host_payout"): that is the record.
        if ([...book.byKey.values()].some((c) => !c.person && c.head === record)) continue;
        const candidate = book.ensure(record, record, [record], verb.index);
        candidate.person = false;
        candidate.evidence.push({ weight: 2.5, why: `the business ${verb.norm}s ${share} of what people pay, the rest paid on` });
      }
    }
  }
}

/** "a cut", "15%", "18% commission": the share the verb keeps, or nothing when it keeps something else. */
function keptShare(sentence: Sentence, at: number): string | undefined {
  let next = at + 1;
  let percent = false;
  while (next < sentence.tokens.length && BETWEEN.test(sentence.tokens[next]!.norm)) {
    const token = sentence.tokens[next]!;
    if (/%/.test(token.text + token.post)) percent = true;
    if (/[,;:.]/.test(token.post)) return percent ? token.text : undefined;
    next++;
  }
  const word = sentence.tokens[next];
  const noun = word && wordnet().nounLemma(word.norm);
  if (noun && SHARE_KINDS.some((kind) => wordnet().isA(noun, kind, { senses: 3 }))) return noun;
  return percent ? 'a percentage' : undefined;
}
