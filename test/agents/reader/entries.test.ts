import { describe, expect, it } from 'vitest';
import { readIdea } from '../../../src/agents/reader/read.js';

/**
 * The rows people taking part in a record make (entries.ts): sentences written for these tests,
 * none of them from a corpus, three domains or more a class.
 */
const entities = (spec: string) => readIdea({ spec }).entities.map((e) => e.name);
const links = (spec: string) => readIdea({ spec }).relationships.map((r) => `${r.from} -> ${r.to}`);

describe('people taking part in a record, a row each', () => {
  // [the class, the idea, the row, the record it is of]
  it.each([
    ['people enter a record', 'Swim meet manager: coaches keep their swimmers (name, age, club) and swimmers never log in. Swimmers enter races at every gala, and the coach records each time.', 'race_swimmer', 'race'],
    ['people take part, chosen for each record', 'A darts league app. The organiser keeps the throwers (name, nickname, average) and creates the fixtures. For each fixture the organiser picks which throwers take part, and logs every leg.', 'fixture_thrower', 'fixture'],
    ['people compete in a record', 'Baking contest site: judges sign in and score entries. Bakers compete in heats, and each heat has a theme and a date.', 'heat_baker', 'heat'],
    ['people in general join what they browsed, members of a group', 'A hiking club finder: anyone can start a club for a region; others browse clubs by region and join. Members post hikes.', 'club_member', 'club'],
  ])('%s: %s', (_class, spec, row, record) => {
    expect(entities(spec)).toEqual(expect.arrayContaining([record, row]));
    expect(links(spec)).toContain(`${record} -> ${row}`);
  });

  it.each([
    ['several people placed in a record by someone else', 'A dance school app: as the owner I want to create classes and add my dancers to them, and dancers see their timetable.', 'class_dancer', 'class'],
    ['several people placed in a record by someone else', 'Summer camp app: counsellors sign in. The camp director creates cabins (name, beds) and keeps the campers (name, allergies). Each summer the director puts campers into cabins by age.', 'cabin_camper', 'cabin'],
    ['young people placed in a group are its members', 'An under-12 rugby club: coaches keep their squads, and the club secretary places kids on squads by birth year.', 'squad_member', 'squad'],
  ])('%s: %s', (_class, spec, row, record) => {
    expect(entities(spec)).toEqual(expect.arrayContaining([record, row]));
    expect(links(spec)).toContain(`${record} -> ${row}`);
  });

  it.each([
    ['one person keying in data is no entry', 'A chess club app: the coach keeps the games, and after each round the coach enters every game’s result.', 'game_coach'],
    ['one person assigned to a record is a column of it', 'A cleaning company app: clients book visits, and the office assigns a cleaner to each visit.', 'visit_cleaner'],
    ['one named person taking part is no roster', 'A film festival site: the director keeps the screenings, and the jury chair takes part in the final screening.', 'screening_chair'],
  ])('makes no row when %s: %s', (_class, spec, row) => {
    expect(entities(spec)).not.toContain(row);
  });
});
