import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mean, scoreIdea, type Idea, type IdeaScore } from '../corpus/score.js';

/**
 * How well the offline reader finds the tables of ideas nobody here wrote it for. ideas.json is
 * the shared corpus (a copy of ../shared/corpus/ideas.json); holdout.json was written apart from
 * the reader, and is looked at only as a whole; classes.json holds ideas written for the reader's
 * weak classes (orders of several things, lists a record has, people joining, chat-style ideas).
 * The floors only ever go up.
 */
const FLOORS = {
  'ideas.json': { recall: 0.93, precision: 0.94, roles: 0.82, relationships: 0.59 },
  'holdout.json': { recall: 0.57, precision: 0.88, roles: 0.61, relationships: 0.29 },
  'classes.json': { recall: 0.69, precision: 0.9, roles: 0.82, relationships: 0.45 },
} as const;

const load = (file: string): Idea[] => JSON.parse(readFileSync(new URL(`../corpus/${file}`, import.meta.url), 'utf8')) as Idea[];

describe.each(Object.entries(FLOORS))('the reader on %s', (file, floor) => {
  const ideas = load(file);
  let scores: IdeaScore[] = [];

  it(`reads ${ideas.length} ideas`, async () => {
    scores = await Promise.all(ideas.map(scoreIdea));
    const figures = { recall: mean(scores, 'recall'), precision: mean(scores, 'precision'), roles: mean(scores, 'roles'), relationships: mean(scores, 'relationships') };
    console.log(`${file}: recall ${figures.recall.toFixed(2)} precision ${figures.precision.toFixed(2)} roles ${figures.roles.toFixed(2)} relationships ${figures.relationships.toFixed(2)}`);
    expect(figures.recall).toBeGreaterThanOrEqual(floor.recall);
    expect(figures.precision).toBeGreaterThanOrEqual(floor.precision);
    expect(figures.roles).toBeGreaterThanOrEqual(floor.roles);
    expect(figures.relationships).toBeGreaterThanOrEqual(floor.relationships);
  });
});
