import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';
import { personNoun, wordnetNoun } from '../../../src/agents/reader/wordnet.js';

/**
 * A business keeping a share of what people pay passes the rest on (commissions.ts): payments come
 * in and payouts go out. Sentences written for these tests, from no corpus.
 */
const tables = (spec: string): string[] => readIdea({ spec }).entities.map((e) => e.name);

describe('a business that keeps a share of what people pay', () => {
  it('keeps the payments and the payouts when it takes a cut', () => {
    const names = tables('A marketplace for boat owners: owners list their boats, sailors rent one for a weekend, we take a cut; both sides rate each other.');
    expect(names).toEqual(expect.arrayContaining(['payment', 'payout']));
  });

  it('keeps them when it takes a percentage or a commission', () => {
    expect(tables('Musicians offer lessons by video and students book them. We take 10% commission on every lesson.')).toEqual(expect.arrayContaining(['payment', 'payout']));
    expect(tables('Makers list handmade goods and buyers order them; we keep 8% and the maker gets the rest.')).toEqual(expect.arrayContaining(['payment', 'payout']));
  });

  it('keeps nothing for what the business takes that is no share of money', () => {
    const names = tables('A physio clinic app: we take bookings by phone and keep notes on every session.');
    expect(names.some((name) => name.endsWith('payment') || name.endsWith('payout'))).toBe(false);
  });
});

describe('payout, a word WordNet lacks', () => {
  it('reads as a payment, a thing and no person', () => {
    expect(wordnetNoun('payout')).toBe('payment');
    expect(personNoun('payout')).toBe(false);
  });
});
