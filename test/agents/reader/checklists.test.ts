import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * A list whose items are ticked off keeps them as rows (checklists.ts): sentences written for these
 * tests, none of them from a corpus, three domains or more a class.
 */
const entities = (spec: string) => readIdea({ spec }).entities.map((e) => e.name);

describe('a list ticked item by item, a row each item', () => {
  it.each([
    ['its items ticked', 'Pool service app: customers book pool visits, and each pool has its own service checklist (skim surface, test pH, clean filter); the technician ticks every item on each visit.', 'service_checklist_item'],
    ['the list ticked', 'Flight school app: instructors book lessons for students, and each aircraft has its own preflight checklist (fuel, oil, tyres). Students tick the preflight checklist before every lesson.', 'preflight_checklist_item'],
    ['the list checked off', 'Café back office: staff clock in for shifts, and every morning the opener has to check off the opening checklist (lights, coffee machine, till float) on the tablet.', 'opening_checklist_item'],
    ['its items ticked, named in the sentence before', 'Sailing charter app: guests book charters (date, boat, hours). Each boat has its own safety checklist (life jackets, flares, radio). The skipper ticks every item before each charter.', 'safety_checklist_item'],
  ])('%s: %s', (_class, spec, row) => {
    expect(entities(spec)).toContain(row);
  });

  it('keeps the ticked items as the completions, with no completion table beside them', () => {
    const names = entities('A camping planner: each trip has a packing list and we tick items off as we pack.');
    expect(names).toContain('packing_list_item');
    expect(names).not.toContain('item_completion');
  });

  it('keeps the ticked items, not the list beside them', () => {
    const names = entities('Dog grooming app: owners book grooms (date, dog, size). After each groom the groomer ticks the checklist and uploads a photo.');
    expect(names).toContain('checklist_item');
    expect(names).not.toContain('checklist');
  });

  it.each([
    ['a list only shared', 'Trip planner: friends create trips, share a packing list and see the weather for each trip.', 'packing_list_item'],
    ['things checked, not a list ticked', 'Boiler service app: engineers visit sites, check the boilers and note readings for each boiler.', 'boiler_item'],
    ['a list nobody ticks', 'Pool service app: customers book pool visits, and each pool has its own service checklist (skim surface, test pH, clean filter).', 'service_checklist_item'],
  ])('keeps no items when %s: %s', (_class, spec, row) => {
    expect(entities(spec)).not.toContain(row);
  });
});

describe('a list kept apart from the work is ticked anew on each piece of work, a row per item ticked', () => {
  it.each([
    ['the work said with the ticking', 'Pool service app: customers book pool visits, and each pool has its own service checklist (skim surface, test pH, clean filter); the technician ticks every item on each visit.', 'visit_checklist_item'],
    ['the work said before the ticking', 'Sailing charter app: guests book charters (date, boat, hours). Each boat has its own safety checklist (life jackets, flares, radio). The skipper ticks every item before each charter.', 'charter_checklist_item'],
    ['the work the idea counts', 'Window cleaning firm: I assign a washer to each job and pay washers per job. Each building has its own checklist (ledges, skylights, frames) and the washer ticks items when done.', 'job_checklist_item'],
    ['a list no record holds', 'Lawn care app: clients book mowing jobs and we send a crew to each job. When they finish the crew ticks the checklist and adds a photo.', 'job_checklist_item'],
  ])('%s: %s', (_class, spec, row) => {
    expect(entities(spec)).toContain(row);
  });

  it('keeps the list\'s own items beside the rows of the work', () => {
    const names = entities('Window cleaning firm: I assign a washer to each job and pay washers per job. Each building has its own checklist (ledges, skylights, frames) and the washer ticks items when done.');
    expect(names).toEqual(expect.arrayContaining(['checklist_item', 'job_checklist_item']));
  });

  it('makes no such row when the work has the list of its own', () => {
    const names = entities('A camping planner: each trip has a packing list and we tick items off as we pack.');
    expect(names).toContain('packing_list_item');
    expect(names).not.toContain('trip_packing_list_item');
  });
});
