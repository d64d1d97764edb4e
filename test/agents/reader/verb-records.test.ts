import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';
import { verbRecord } from '../../../src/agents/reader/verb-records.js';

/**
 * Records an idea implies with a verb and never names as a noun (verb-records.ts): "we invoice them"
 * keeps invoices, "others answer them" answers. Every sentence is written for this file, from
 * domains the corpora do not hold.
 */
const read = (spec: string) => readIdea({ spec });
const tables = (spec: string): string[] => read(spec).entities.map((e) => e.name);
/** The tables named for a thing: "answer", or "question_answer" when the model names a part with its whole. */
const named = (spec: string, thing: string): string[] => tables(spec).filter((name) => name === thing || name.endsWith(`_${thing}`));
const linked = (spec: string, a: string, b: string): boolean =>
  read(spec).relationships.some((r) => (r.from === a && r.to === b) || (r.from === b && r.to === a));

describe('the noun a verb names in WordNet', () => {
  it('is the verb’s own word when WordNet derives it as a message, an act or a judgement', () => {
    expect(verbRecord('invoice')).toEqual({ noun: 'invoice', same: true });
    expect(verbRecord('answer')).toEqual({ noun: 'answer', same: true });
    expect(verbRecord('score')).toEqual({ noun: 'score', same: true });
    expect(verbRecord('pick_up')).toEqual({ noun: 'pickup', same: true });
  });

  it('is another noun of the act only when the idea names it', () => {
    expect(verbRecord('fire')?.noun).toBe('fire');
    expect(verbRecord('fire', (noun) => noun === 'firing')).toEqual({ noun: 'firing', same: false });
    expect(verbRecord('reimburse')).toBeUndefined();
    expect(verbRecord('reimburse', (noun) => noun === 'reimbursement')).toEqual({ noun: 'reimbursement', same: false });
  });

  it('is nothing for a verb whose first link is to a thing, not a record', () => {
    // "roast" links to a criticism, but first to a joint of meat.
    expect(verbRecord('roast')).toBeUndefined();
  });
});

describe('a person acting with a verb on a kept record or person makes the verb’s record', () => {
  it('keeps invoices when a studio invoices its clients', () => {
    const spec = 'Bookings for our recording studio: bands book sessions in a room, and at the end of the month we invoice the bands for their sessions.';
    expect(tables(spec)).toContain('invoice');
  });

  it('keeps invoices when a cleaning firm invoices the offices it cleans', () => {
    const spec = 'Our office cleaning firm signs contracts with offices, cleaners log every visit, and we invoice each office monthly.';
    expect(tables(spec)).toContain('invoice');
  });

  it('keeps invoices when a translator invoices agencies', () => {
    const spec = 'Freelance translators keep their jobs for agencies: word count, language pair and deadline. They invoice the agencies when a job is delivered.';
    expect(tables(spec)).toContain('invoice');
  });

  it('keeps answers to questions people post', () => {
    const spec = 'Forum for our allotment society: members post questions about pests and other members answer them.';
    expect(tables(spec)).toContain('question');
    const [answer] = named(spec, 'answer');
    expect(answer).toBeDefined();
    expect(linked(spec, 'question', answer!)).toBe(true);
  });

  it('keeps answers to the questions of a form, answered yes or no', () => {
    const spec = 'Food hygiene audits: the owner writes audit forms, each a list of questions answered yes / no, and inspectors fill one in at every kitchen.';
    expect(tables(spec)).toContain('question');
    expect(named(spec, 'answer')).not.toEqual([]);
  });

  it('keeps answers when a tutor answers students’ questions', () => {
    const spec = 'Homework help app: pupils send questions with a photo of the exercise, and volunteer tutors answer them within a day.';
    expect(named(spec, 'answer')).not.toEqual([]);
  });

  it('keeps scores judges give the couples of a dance contest', () => {
    const spec = 'Ballroom contest app: couples register for heats, and each judge scores the couples in every heat.';
    expect(tables(spec)).toContain('score');
  });

  it('keeps scores critics give to wines', () => {
    const spec = 'Wine fair app: wineries enter their wines in a category, and the critics score the wines blind.';
    expect(tables(spec)).toContain('score');
  });

  it('keeps grades a teacher gives each essay', () => {
    const spec = 'Writing class app: students upload essays for each assignment, and the teacher grades each essay.';
    expect(tables(spec)).toContain('grade');
  });

  it('keeps bills when people get billed', () => {
    const spec = 'Marina app: boat owners rent a berth for the season, use the crane now and then, and get billed monthly for the crane.';
    expect(tables(spec)).toContain('bill');
  });

  // The verb's own word is a record too ("a fire", "a wax", "a press"): the idea's noun for the act wins.
  it.each([
    ['Kiln sharing app: potters leave their glazed pots on the shelf, we fire the pots every Friday, and the potters pay for each firing.', 'firing', 'fire'],
    ['Car wash app: drivers bring their cars, we wax the cars on Saturdays, and the drivers pay for each waxing.', 'waxing', 'wax'],
    ['Dry cleaner app: customers leave their shirts, we press the shirts overnight, and customers pay for each pressing.', 'pressing', 'press'],
  ])('names the act with the idea’s own noun: %j', (spec, noun, verb) => {
    const names = tables(spec);
    expect(names).toContain(noun);
    expect(names).not.toContain(verb);
  });

  it('ties the record to what it was done to', () => {
    const spec = 'Bookings for our recording studio: bands book sessions in a room, and at the end of the month we invoice the bands for their sessions.';
    const names = tables(spec);
    const link = ['band', 'session'].some((thing) => names.includes(thing) && linked(spec, thing, 'invoice'));
    expect(link).toBe(true);
  });
});

describe('verbs that make no record of their own', () => {
  it('makes nothing of running a thing ("we run classes")', () => {
    expect(tables('Swimming club app: we run classes for the swimmers by level, and coaches mark who came.')).not.toContain('run');
  });

  it('makes nothing of helping or managing people', () => {
    const names = tables('Charity app: volunteers help the families we support, and coordinators manage the volunteers.');
    expect(names).not.toContain('help');
    expect(names).not.toContain('management');
  });

  it('makes nothing of what the product itself does ("a tracker tracks")', () => {
    expect(tables('Plant tracker: gardeners track their plants and water them every week.')).not.toContain('track');
  });

  it('makes nothing when the verb is negated', () => {
    expect(tables('Choir app: members sign up for concerts; we never invoice the members, the council pays.')).not.toContain('invoice');
  });

  it('makes nothing of a verb done to nothing the idea keeps', () => {
    expect(tables('Recipe app: cooks save recipes with their ingredients, and answer quickly when friends ask.')).not.toContain('answer');
  });
});

describe('after a possessive, a word is the thing owned, not a verb', () => {
  it('keeps the scores the quizmaster enters for each team', () => {
    expect(tables('Quiz league app: teams register for quiz nights, and the host enters each team’s score per round.')).toContain('score');
  });

  it('keeps the scores a timekeeper enters for each runner', () => {
    expect(tables('Fell race app: runners sign up for races, and the timekeeper enters each runner\'s score at the finish.')).toContain('score');
  });

  it('keeps the scores judges enter for each gymnast', () => {
    expect(tables('Gymnastics meet app: clubs enter gymnasts, and the judges enter each gymnast\'s score per apparatus.')).toContain('score');
  });
});

describe('a word known only as an act, right after people, is what they do', () => {
  it('keeps the RSVPs book club members send', () => {
    expect(tables('Book club app: the host proposes meeting dates and members RSVP.')).toContain('rsvp');
  });

  it('keeps the RSVPs firefighters send for drills', () => {
    expect(tables('Volunteer fire brigade app: officers post drills, and firefighters RSVP for each drill.')).toContain('rsvp');
  });

  it('keeps the RSVPs dinner guests send', () => {
    expect(tables('Dinner party planner: hosts invite guests to dinners, and the guests RSVP with their diet.')).toContain('rsvp');
  });
});
