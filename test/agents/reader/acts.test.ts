import { describe, expect, it } from 'vitest';
import { CandidateTable, score } from '../../../src/agents/reader/candidates.js';
import { readIdea } from '../../../src/agents/reader/read.js';
import { parseSentences } from '../../../src/agents/reader/syntax.js';
import { tokenize } from '../../../src/agents/reader/tokens.js';

/**
 * Acts and events the product keeps a row of each time (acts.ts): an act whose result people hold
 * on file or while it is valid, and an act noun people log again and again even where WordNet's
 * first senses are a state or a quality. Sentences written for these tests.
 */
const tables = (spec: string): string[] => readIdea({ spec }).entities.map((e) => e.name);

/** A candidate's weight of evidence by itself, before the links that may keep it too. */
const weight = (spec: string, key: string): number => {
  const candidate = new CandidateTable(parseSentences(tokenize(spec)), new Set()).read().find((c) => c.key === key);
  return candidate ? score(candidate) : -Infinity;
};

describe('acts people hold on file or while valid', () => {
  it('keeps the first-aid checks instructors keep on file, by that alone', () => {
    const spec = 'A climbing gym app: members book sessions, and instructors need first-aid checks on file before they teach.';
    expect(tables(spec)).toContain('first_aid_check');
    expect(weight(spec, 'first_aid_check')).toBeGreaterThanOrEqual(2);
    expect(weight(spec.replace(' on file', ''), 'first_aid_check')).toBeLessThan(2);
  });

  it('keeps the current eye test a forklift driver must have', () => {
    expect(tables('A warehouse app where supervisors plan shifts and forklift drivers must have a current eye test.')).toContain('eye_test');
  });

  it('keeps the valid licence check drivers need', () => {
    expect(tables('A van hire app where customers book vans and drivers need a valid licence check.')).toContain('licence_check');
  });

  it('keeps a card on file out: it is no act', () => {
    expect(tables('Guests book rooms and we charge the card on file after checkout.')).not.toContain('card');
  });

  it('keeps a current subscription nobody is said to have out', () => {
    expect(tables('We have a current subscription to a scheduling tool; parents book swim lessons for their kids.')).not.toContain('subscription');
  });

  it('keeps the current process out: nobody holds it', () => {
    expect(tables('Our current process is a spreadsheet; riders book lessons and pay online.')).not.toContain('process');
  });
});

describe('acts logged again and again are rows, whatever their first sense', () => {
  it('keeps the heats a breeder logs', () => {
    expect(tables('Our stud farm keeps each mare with her name and sire. Grooms log heats and scans per mare.')).toContain('heat');
  });

  it('keeps no heat the word names as warmth when nobody logs it', () => {
    expect(tables('A bakery app: bakers see the heat of each oven and customers order loaves.')).not.toContain('heat');
  });
});
