import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * Acts and events the product keeps a row of each time (acts.ts): an act whose result people hold
 * on file or while it is valid, and an act noun people log again and again even where WordNet's
 * first senses are a state or a quality. Sentences written for these tests.
 */
const tables = (spec: string): string[] => readIdea({ spec }).entities.map((e) => e.name);

describe('acts people hold on file or while valid', () => {
  it('keeps the first-aid checks instructors keep on file', () => {
    expect(tables('A climbing gym app: members book sessions, and instructors need first-aid checks on file before they teach.')).toContain('first_aid_check');
  });

  it('keeps the current inspection a lift must have', () => {
    expect(tables('Our building managers track lifts; engineers must have a current inspection before they sign off a lift.')).toContain('inspection');
  });

  it('keeps the valid licence check drivers need', () => {
    expect(tables('A van hire app where customers book vans and drivers need a valid licence check.')).toContain('licence_check');
  });

  it('keeps a card on file out: it is no act', () => {
    expect(tables('Guests book rooms and we charge the card on file after checkout.')).not.toContain('card');
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
