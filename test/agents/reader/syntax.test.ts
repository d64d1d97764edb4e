import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/agents/reader/tokens.js';
import { parseSentences, type Sentence } from '../../../src/agents/reader/syntax.js';

/**
 * The shallow syntax's reading of nouns and verbs, rule by rule: each rule of English is checked on
 * sentences written for it here, none of them from a corpus.
 */
const parse = (text: string): Sentence[] => parseSentences(tokenize(text));
const verbs = (text: string): string[] => parse(text).flatMap((s) => s.verbs.map((v) => v.norm));
const phrases = (text: string): string[] => parse(text).flatMap((s) => s.phrases.map((p) => p.words.map((w) => w.norm).join(' ')));

describe('a plural -s form after a noun modifier is a noun', () => {
  it('reads an item of a list ending before its bracketed values as a plural noun', () => {
    const text = 'A wine has a name, a vintage, allergy labels (sulphites, egg), and a price.';
    expect(phrases(text)).toContain('allergy labels');
    expect(verbs(text)).not.toContain('labels');
  });

  it('reads a word for people after a noun modifier as the plural head, and the word after it as their verb', () => {
    const text = 'Our site nurses visit patients at home and note their vitals.';
    expect(phrases(text)).toContain('site nurses');
    expect(verbs(text)).toEqual(expect.arrayContaining(['visit', 'note']));
  });

  it('reads an -s form after "and" and a plural noun, with nothing it could govern after it, as a noun', () => {
    const text = 'The teacher prepares the slides and exercises when a course starts.';
    expect(phrases(text)).toContain('exercises');
    expect(verbs(text)).toEqual(['prepares', 'starts']);
  });

  it('keeps a verb after "and" when it governs an object', () => {
    expect(verbs('The coach prepares drills and books a pitch.')).toEqual(['prepares', 'books']);
  });
});

describe('the end of a phrase and the verb after it', () => {
  it('reads the verb of a plural subject after its place ("guests at the bar order")', () => {
    const text = 'Guests at the counter order pastries for the morning.';
    expect(verbs(text)).toContain('order');
    expect(phrases(text)).toEqual(expect.arrayContaining(['counter', 'pastries']));
    expect(phrases(text)).not.toContain('counter order pastries');
  });

  it('reads an infinitive after a comma that closes a verb clause as the next verb of the series', () => {
    const text = 'Stewards open the gate, take payment at the door and count the crowd.';
    expect(verbs(text)).toEqual(expect.arrayContaining(['open', 'take', 'count']));
    expect(phrases(text)).toContain('payment');
  });

  it('keeps a list of details after a colon as nouns', () => {
    expect(phrases('Vehicles: plate number, fuel type, service date.')).toEqual(['vehicles', 'plate number', 'fuel type', 'service date']);
  });
});

describe('a word after a possessive and before a noun describes it', () => {
  it('reads "the team\'s shared calendar" as a possessive and a noun, not "has shared"', () => {
    const [sentence] = parse('Everyone adds events to the team\'s shared calendar.');
    expect(sentence!.verbs.map((v) => v.norm)).toEqual(['adds']);
    const calendar = sentence!.phrases.find((p) => p.head.norm === 'calendar');
    expect(calendar?.owner?.head.lemma).toBe('team');
  });
});

describe('a subject pronoun makes the word after it a verb', () => {
  it('reads a bracketed "tags we add ourselves" as tags that people add', () => {
    const [sentence] = parse('Each photo sits in albums (folders we add ourselves, like Trips or Family).');
    expect(sentence!.verbs.map((v) => v.norm)).toContain('add');
    const folders = sentence!.phrases.find((p) => p.head.norm === 'folders');
    expect(folders?.verb?.norm).toBe('add');
    expect(folders?.role).toBe('object');
  });
});

describe('a dash or a slash set off by spaces ends a phrase', () => {
  it('ends a phrase at a spaced hyphen or an em dash, and starts a clause after it', () => {
    expect(phrases('We run a small vet practice - owners book checkups online.')).toEqual(expect.arrayContaining(['small vet practice', 'owners', 'checkups']));
    expect(phrases('Each driver has a fuel card — cards expire yearly.')).toEqual(expect.arrayContaining(['fuel card', 'cards']));
    expect(phrases('Coaches pick a drill template – drills can be timed.')).toEqual(expect.arrayContaining(['drill template', 'drills']));
  });

  it('reads the words either side of a spaced slash as two phrases of one list', () => {
    const [sentence] = parse('Tenants see the gate code / parking info for their unit.');
    const names = sentence!.phrases.map((p) => p.words.map((w) => w.norm).join(' '));
    expect(names).toEqual(expect.arrayContaining(['gate code', 'parking info']));
    const info = sentence!.phrases.find((p) => p.head.norm === 'info')!;
    expect(info.coordinated?.head.norm).toBe('code');
  });

  it('keeps a hyphenated word whole', () => {
    expect(phrases('Members log a check-in at the front desk.')).toContain('check-in');
  });
});

describe('an -ing word with its object heads a verb phrase', () => {
  const objectOf = (text: string, head: string): string | undefined => parse(text)[0]!.phrases.find((p) => p.head.norm === head)?.verb?.lemma;

  it('reads an -ing word after a preposition, with its object after it, as a verb', () => {
    expect(phrases('Teachers build a quiz by choosing questions from the bank.')).not.toContain('choosing questions');
    expect(objectOf('Teachers build a quiz by choosing questions from the bank.', 'questions')).toBe('choose');
    expect(phrases('Students earn points by solving puzzles.')).toContain('puzzles');
    expect(objectOf('Riders unlock bikes by scanning the code.', 'code')).toBe('scan');
  });

  it('reads an -ing word after a plural noun, with its object after it, as a verb', () => {
    expect(phrases('Agents spend mornings phoning landlords.')).toEqual(['agents', 'mornings', 'landlords']);
    expect(objectOf('Dispatchers spend hours ringing drivers.', 'drivers')).toBe('ring');
    expect(phrases('Coaches waste evenings messaging parents.')).toEqual(['coaches', 'evenings', 'parents']);
  });

  it('keeps an -ing word that makes a compound with the noun after it, or first names a thing, a noun', () => {
    expect(phrases('Members borrow tools like sewing machines.')).toContain('sewing machines');
    expect(phrases('Guests wait in the waiting room before a visit.')).toContain('waiting room');
    expect(phrases('Owners get a statement per building showing costs.')).toContain('building showing costs');
  });
});

describe('forms of "have" are verbs', () => {
  it('reads "has" in a list of details as the verb, not as part of a noun', () => {
    expect(phrases('Stalls: number, width, has power socket.')).not.toContain('has power socket');
    expect(phrases('Rooms (floor, size, has balcony view) are listed.')).not.toContain('has balcony view');
    expect(phrases('Boats: name, length, has engine type.')).toContain('engine type');
  });
});

describe('a regular plural does not modify the noun after it', () => {
  it('ends a phrase at a plural before another plural: two objects of one verb', () => {
    expect(phrases('I want to send tenants notices with due dates.')).toEqual(['tenants', 'notices', 'due dates']);
    expect(phrases('Coaches email players invites for each match.')).toEqual(['coaches', 'players', 'invites', 'match']);
  });

  it('reads people in the plural before a noun as its owners, written without the apostrophe', () => {
    expect(phrases('Parents see their kids lunch balance.')).toEqual(['parents', 'kids', 'lunch balance']);
    expect(phrases('The coach edits the players training plan.')).toEqual(['coach', 'players', 'training plan']);
  });

  it('keeps a plural WordNet lists as a word, a name, and people before a part of the product, as modifiers', () => {
    expect(phrases('Members keep a savings goal.')).toContain('savings goal');
    expect(phrases('I own a pilates studio.')).toContain('pilates studio');
    expect(phrases('Tenants log in to the tenants portal.')).toContain('tenants portal');
  });
});
