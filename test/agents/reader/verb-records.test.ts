import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';
import { keptNoun } from '../../../src/agents/reader/verb-records.js';

/**
 * Records an act leaves, named by the noun WordNet derives from its verb (verb-records.ts): kept when
 * people of the product do it to its records or people and the idea says something more about it.
 * Sentences written for these tests, from no corpus.
 */
const tables = (spec: string): string[] => readIdea({ spec }).entities.map((e) => e.name);
const hasTable = (names: string[], record: string): boolean => names.some((name) => name === record || name.endsWith(`_${record}`));

describe('a verb whose noun is a document or a statement keeps it', () => {
  it('keeps the invoices a cleaning round sends every month', () => {
    expect(tables('A window-cleaning round app: cleaners visit houses on a rota, and we invoice each household monthly.')).toContain('invoice');
  });

  it('keeps the invoices a translation agency sends per project', () => {
    expect(tables('A translation agency portal where clients upload documents and we invoice them per project.')).toContain('invoice');
  });

  it('keeps the bills a print shop sends every week', () => {
    expect(tables('A print shop app: customers send artwork for flyers and we bill them every week.')).toContain('bill');
  });

  it('keeps the answers given to questions people post, tied to the questions', () => {
    const forum = readIdea({ spec: 'A beekeeping club forum: members post questions about their hives and experienced beekeepers answer them.' });
    expect(hasTable(forum.entities.map((e) => e.name), 'answer')).toBe(true);
    expect(forum.relationships.some((r) => r.from === 'question' && r.to.endsWith('answer'))).toBe(true);
    expect(hasTable(tables('A language exchange app: learners post questions about grammar and native speakers answer them.'), 'answer')).toBe(true);
  });
});

describe('a verb whose noun is an evaluation keeps it', () => {
  it('keeps the scores judges give each cake', () => {
    expect(tables('A bake-off app: contestants enter cakes and the judges score each cake on taste and looks.')).toContain('score');
  });

  it('keeps the scores adjudicators give every debate', () => {
    expect(tables('A debating league tool: teams enter debates and adjudicators score every debate per round.')).toContain('score');
  });

  it('keeps the grades tutors give each portfolio', () => {
    expect(tables('An art school app where students hand in portfolios and tutors grade each portfolio.')).toContain('grade');
  });
});

describe('what an act leaves that is no record stays out', () => {
  it('reads acts done in the moment as nothing kept', () => {
    const names = tables('A recipe site where cooks search recipes, share them with friends and view videos of each step.');
    for (const noun of ['search', 'sharing', 'view', 'viewing']) expect(names).not.toContain(noun);
    expect(keptNoun('search')).toBeUndefined();
    expect(keptNoun('share')).toBeUndefined();
    expect(keptNoun('manage')).toBeUndefined();
  });

  it('reads spending, earning and distributing as commerce, not a record of their own', () => {
    const chores = tables('A family chore chart: kids earn points for chores and they can spend them on rewards we define.');
    expect(chores).not.toContain('spending');
    expect(chores).not.toContain('earnings');
    expect(tables('We distribute vaccines to pharmacies every week and need a dashboard of fridge temperatures.')).not.toContain('distribution');
  });

  it('reads attributes a verb sets as no record ("price each item", "name their shop")', () => {
    const names = tables('A crafts marketplace where sellers price each item, name their shop and list their crafts.');
    expect(names).not.toContain('price');
    expect(names).not.toContain('name');
  });

  it('reads a passive as done to its subject, not by it', () => {
    expect(tables('A performance review tool: managers write ratings and HR adjusts the ratings before they are released to employees each year.')).not.toContain('release');
  });

  it('makes no record where a table the idea keeps is that record by another name', () => {
    const names = tables('A helpdesk where customers open tickets and write replies, and staff answer every ticket.');
    expect(names).toContain('reply');
    expect(hasTable(names, 'answer')).toBe(false);
  });

  it('keeps no record of an act said once, to people, with nothing more said of it', () => {
    expect(hasTable(tables('A tutoring centre app: parents book lessons and tutors answer parents by phone.'), 'answer')).toBe(false);
    expect(hasTable(tables('A dog grooming app: owners book grooms and groomers bill owners.'), 'bill')).toBe(false);
  });
});

describe('time people log against a record, or clock, is kept as time entries', () => {
  it('keeps time clocked on a job', () => {
    expect(tables('A gutter repair app: techs see their jobs and can clock in/out on the job.')).toContain('time_entry');
  });

  it('keeps hours logged against a shift', () => {
    expect(tables('A charity shop rota: volunteers pick shifts and log their hours against each shift.')).toContain('time_entry');
  });

  it('keeps time recorded on a legal matter', () => {
    expect(tables('A law office app where lawyers open matters and record time on each matter.')).toContain('time_entry');
  });

  it('reads time logged of nothing kept as no entry', () => {
    expect(tables('A cycling club app: riders join rides, and after a ride they can log their own time.')).not.toContain('time_entry');
  });
});

describe('an act WordNet has no word for is a verb after people or a modal (syntax.ts)', () => {
  it('reads "members RSVP" as the members acting', () => {
    expect(tables('A hiking club app: leaders post hikes and members RSVP.')).toContain('rsvp');
  });

  it('reads "parents RSVP whether" as the parents acting', () => {
    expect(tables('A nursery app: staff post outings, parents RSVP whether their toddler is coming.')).toContain('rsvp');
  });

  it('reads "guests can RSVP" as the guests acting', () => {
    expect(tables('A supper club app: hosts list dinners and guests can RSVP to each dinner.')).toContain('rsvp');
  });
});
