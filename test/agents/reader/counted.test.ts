import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * A noun the idea counts or goes through one by one is a set of rows (counted.ts), even a word the
 * product's own parts share with places. Sentences written for these tests.
 */
const tables = (spec: string): string[] => readIdea({ spec }).entities.map((e) => e.name);

describe('sites counted are places, not the product', () => {
  it('keeps the sites a manager compares', () => {
    expect(tables('Managers compare all sites by monthly takings.')).toContain('site');
  });

  it('keeps the sites a charity runs', () => {
    expect(tables('Our charity runs four sites and each site keeps stock of blankets and sleeping bags.')).toContain('site');
  });

  it('keeps the sites supervisors see', () => {
    expect(tables('A cleaning company app: supervisors see all sites and assign cleaners to shifts.')).toContain('site');
  });

  it('keeps the product’s own site out', () => {
    expect(tables('I want a simple site for my bakery where customers order cakes.')).not.toContain('site');
  });
});

describe('what people look through, every one, is rows', () => {
  it('keeps the repairs an owner sees all of', () => {
    expect(tables('The owner sees all repairs at a glance and mechanics log their hours.')).toContain('repair');
  });

  it('keeps the detentions a head teacher views every one of', () => {
    expect(tables('The head teacher can view every detention, and tutors add notes for parents.')).toContain('detention');
  });

  it('keeps the filings auditors browse one by one', () => {
    expect(tables('Auditors browse each filing and flag problems for the finance team.')).toContain('filing');
  });

  it('reads a time looked through as when, not what', () => {
    expect(tables('Staff see each day at a glance and log sales of cakes.')).not.toContain('day');
  });
});
