import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * A noun the idea counts, numbers or goes through one by one is a set of rows (counted.ts), even a
 * word the product's own parts share with places. Sentences written for these tests.
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

describe('things the idea numbers are rows', () => {
  it('keeps the studios a gym has six of', () => {
    expect(tables('Our gym has 6 studios and instructors teach classes in them.')).toContain('studio');
  });

  it('keeps the lockers a school has twenty of', () => {
    expect(tables('Our school has 20 lockers and pupils rent them by the term.')).toContain('locker');
  });

  it('keeps the dorms a hostel has fourteen of', () => {
    expect(tables('Our hostel has 14 dorms and guests pick a bed online.')).toContain('dorm');
  });
});

describe('what an act is done for each of is rows, as "per" says', () => {
  it('keeps the consultations a vet writes a note after', () => {
    expect(tables('The vet adds a note after each consultation and the owner gets a copy.')).toContain('consultation');
  });

  it('keeps the hikes guides bring a kit on', () => {
    expect(tables('Guides bring a first aid kit on every hike and hikers sign a waiver.')).toContain('hike');
  });

  it('keeps the shifts staff clean after', () => {
    expect(tables('Staff clean the kitchen after each shift and tick a checklist.')).toContain('shift');
  });

  it('reads a time each act is done in as when, not what', () => {
    expect(tables('The baker bakes bread after each morning and sells loaves to cafés.')).not.toContain('morning');
  });
});

describe('periods people sign up or pay for, one at a time, are rows', () => {
  it('keeps the season families register for, named before the clause', () => {
    expect(tables('A netball club app. Every season families register their daughters and pay online.')).toContain('season');
  });

  it('keeps the term pupils pay for', () => {
    expect(tables('Our music school gives guitar lessons; pupils pay per term and teachers log attendance.')).toContain('term');
  });

  it('keeps the season allotments are rented for', () => {
    expect(tables('Residents rent an allotment for the season and the committee sends reminders.')).toContain('season');
  });

  it('leaves a month things happen in as a time', () => {
    expect(tables('Every month we open a bulk order and households pay for their share.')).not.toContain('month');
  });

  it('leaves named months as dates', () => {
    expect(tables('Subscribers buy a veg box for May–September and pick a collection point.')).not.toContain('september');
  });
});

describe('a number of things the business has is a row each', () => {
  it('keeps the courts a club has', () => {
    expect(tables('We have 6 courts so players book a court slot and pay online.')).toContain('court');
  });

  it('keeps the orchards the trees stand in', () => {
    expect(tables('For my 300 trees across 4 orchards: log prunings and sprays per tree.')).toContain('orchard');
  });

  it('keeps out the things a customer numbers', () => {
    expect(tables('Each camper may pitch 2 tents and the warden logs every stay.')).not.toContain('tent');
  });
});
