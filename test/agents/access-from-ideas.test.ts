import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designArchitecture } from '../../src/agents/architect.js';
import { readIdea } from '../../src/agents/reader/read.js';
import { ThrowawayDatabase, postgresReady } from './architect/supabase-postgres.js';

/**
 * Ideas nobody here wrote, whose readings say who sees what ("plumbers only see their own jobs",
 * "the pastor sees everything"): for each, the architecture's migration applies on PostgreSQL and
 * the pgTAP suite it writes from the access matrix passes. The study corpora only (the sealed
 * holdouts are never opened); which ideas qualify follows the reader.
 */
const ideas = ['ideas', 'classes', 'dev-a', 'dev-b', 'dev-c'].flatMap(
  (file) => JSON.parse(readFileSync(new URL(`../corpus/${file}.json`, import.meta.url), 'utf8')) as Array<{ id: string; spec: string }>,
);
const seeing = ideas.filter((idea) => readIdea({ spec: idea.spec }).access.some((rule) => rule.actions.includes('read')));

describe('access read from ideas, on PostgreSQL', () => {
  it('finds ideas that say who sees what', () => {
    expect(seeing.length).toBeGreaterThanOrEqual(10);
  });

  it.each(seeing.map((idea) => [idea.id, idea.spec]))('%s: the migration applies and its pgTAP suite passes', async (id, spec) => {
    await postgresReady();
    const output = await designArchitecture({ spec });
    const database = await ThrowawayDatabase.create(`seeing-${id}`.slice(0, 40), 'none');
    try {
      await database.run(output.migration_sql);
      const proof = await database.prove(output.database_tests_sql);
      expect(proof.lines.filter((line) => !line.ok).map((line) => line.description), proof.output.slice(-2_000)).toEqual([]);
      expect(proof.passed).toBe(true);
    } finally {
      await database.drop();
    }
  }, 300_000);
});
