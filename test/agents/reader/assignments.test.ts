import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * Assignments that are rows of their own (assignments.ts): sentences written for these tests, none
 * of them from a corpus, three domains or more a class.
 */
const entities = (spec: string) => readIdea({ spec }).entities.map((e) => e.name);
const links = (spec: string) => readIdea({ spec }).relationships.map((r) => `${r.from} -> ${r.to}`);

describe('an assignment that is a row of its own', () => {
  // [the class, the idea, the assignment, the thing it is named after]
  it.each([
    ['things assigned to several people, named before', 'Music teacher app: teachers keep their pupils (name, instrument, grade). A teacher writes practice routines each week and assigns them to her pupils.', 'routine_assignment', 'practice_routine'],
    ['each thing assigned to a number of people', 'Translation agency app: clients upload documents (title, language, pages). The project manager assigns every document to two linguists, and linguists see their documents.', 'document_assignment', 'document'],
  ])('%s: %s', (_class, spec, row, thing) => {
    expect(entities(spec)).toEqual(expect.arrayContaining([thing, row]));
    expect(links(spec)).toContain(`${thing} -> ${row}`);
  });

  it.each([
    ['a person or a group of them each time', 'Removal company app: customers book removal jobs online (date, from address, to address, size). The dispatcher assigns a driver or a crew of movers to each job.', 'job_assignment', 'job'],
    ['a person or a group of them each time', 'Event security app: venues book events with us (date, expected crowd, address). We assign a guard or a team of guards to each event, and guards see their events.', 'event_assignment', 'event'],
    ['a person or a group of them each time', 'Wedding photography studio: couples book weddings online (date, venue, package). The studio manager assigns a photographer or a pair of photographers to each wedding.', 'wedding_assignment', 'wedding'],
  ])('%s: %s', (_class, spec, row, thing) => {
    expect(entities(spec)).toEqual(expect.arrayContaining([thing, row]));
  });

  it.each([
    ['people given a thing each period', 'School locker app: the office keeps the lockers (number, corridor, size) and pupils get assigned a locker per term. Pupils report broken lockers.', 'locker_assignment'],
    ['people given a thing each period', 'Hot desk planner: facilities keep the desks (number, floor, monitor). Employees get assigned a desk per quarter, and employees book meeting rooms.', 'desk_assignment'],
    ['people given a thing each period', 'Marina app: the harbour master keeps the moorings (berth number, length, depth). Boat owners are assigned a mooring per season and pay the mooring fee.', 'mooring_assignment'],
  ])('%s: %s', (_class, spec, row) => {
    expect(entities(spec)).toContain(row);
  });

  it.each([
    ['one person given one record is a column of it', 'Plumbing app: customers book jobs (address, problem, time) and the office assigns a plumber to each job.', 'job_assignment'],
    ['one person given what was named before is a column of it', 'Fleet app: drivers report defects (vehicle, description, photo) and the foreman assigns them to a mechanic.', 'defect_assignment'],
    ['things each given one place', 'Conference organiser tool: we keep the talks (title, speaker, length) and the rooms (name, floor, capacity). Organisers assign talks to rooms, and speakers see their room.', 'room_assignment'],
    ['one thing given to one person', 'Help desk: customers open tickets (subject, priority) and the lead assigns each ticket to an agent.', 'ticket_assignment'],
    ['people given a thing once, no period', 'School locker app: the office keeps the lockers (number, corridor, size) and pupils get assigned a locker. Pupils report broken lockers.', 'locker_assignment'],
    ['assignments the idea says never happen', 'Choir app: the director keeps the pieces (title, composer) and the sections (name). We never assign pieces to sections.', 'section_assignment'],
  ])('makes no assignment when %s: %s', (_class, spec, row) => {
    expect(entities(spec)).not.toContain(row);
  });

  it('leaves a record the people make of what is assigned to be the assignment', () => {
    const spec = 'Grant panel app: applicants submit grant applications (title, budget). The panel chair assigns every application to three reviewers, and each reviewer writes a review with a score.';
    expect(entities(spec)).toEqual(expect.arrayContaining(['grant_application', 'review']));
    expect(entities(spec)).not.toContain('application_assignment');
  });

  it('leaves several people put into a record to its roster', () => {
    const spec = 'A dance school app: the owner keeps the classes (style, level, day) and assigns dancers to classes, and dancers see their timetable.';
    expect(entities(spec)).not.toContain('class_assignment');
  });
});
