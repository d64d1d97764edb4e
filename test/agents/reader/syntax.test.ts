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
