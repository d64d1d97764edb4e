import { describe, expect, it } from 'vitest';
import { article, listing, unique, withArticle } from '../../src/agents/english.js';
import { runPipeline } from '../../src/agents/pipeline.js';
import { SPEC_CASES } from '../fixtures/specs.js';

describe('article', () => {
  it.each([
    ['user', 'a'], ['unicorn', 'a'], ['unit', 'a'], ['usual report', 'a'], ['European order', 'a'], ['one-time code', 'a'],
    ['hour', 'an'], ['honest review', 'an'], ['heir', 'an'],
    ['item', 'an'], ['order', 'an'], ['invoice', 'an'], ['article', 'an'], ['umbrella', 'an'], ['uninvited guest', 'an'],
    ['API key', 'an'], ['FAQ', 'an'], ['FAQ entry', 'an'], ['SKU', 'an'], ['HTTP request', 'an'], ['MVP', 'an'],
    ['URL', 'a'], ['UUID', 'a'], ['CSV export', 'a'],
    ['house', 'a'], ['task', 'a'], ['8-hour shift', 'an'], ['elegant style', 'an'],
  ])('%s takes "%s"', (phrase, expected) => {
    expect(article(phrase)).toBe(expected);
    expect(withArticle(phrase)).toBe(`${expected} ${phrase}`);
  });
});

describe('listing and unique', () => {
  it('joins with commas and a conjunction', () => {
    expect(listing([])).toBe('');
    expect(listing(['tasks'])).toBe('tasks');
    expect(listing(['tasks', 'projects', 'comments'], 'or')).toBe('tasks, projects or comments');
  });

  it('keeps the first of each item, ignoring case', () => {
    expect(unique(['Stripe', 'stripe', 'Resend', 'Stripe'])).toEqual(['Stripe', 'Resend']);
  });
});

/** "a" before a vowel sound or "an" before a "you" sound, as a reader of the documents would spot them. */
const WRONG_ARTICLE = /\b(?:a (?:[aeio][a-z]|hour|honest)|an (?:us[aeu]|uni[^mn]|one\b))/i;

describe('generated text', () => {
  it.each(SPEC_CASES.map((c) => [c.id, c] as const))('%s: no "an user" or "a order" in any document or file', async (_id, specCase) => {
    const output = await runPipeline({ ...specCase.input });
    const texts: Array<[string, string]> = [
      ['prd', output.strategy!.prd_markdown],
      ['architecture', output.architecture!.architecture_markdown],
      ['ux', output.ux!.ux_markdown],
      ...output.ux!.ux_spec.user_flows.map((flow): [string, string] => [`flow ${flow.name}`, JSON.stringify(flow)]),
      ...output.code!.files.map((file): [string, string] => [file.path, file.content]),
    ];
    // Mermaid participants ("participant A as Supabase Auth") are names, not articles.
    for (const [where, text] of texts) expect(text.replace(/participant \w+ as /g, ''), where).not.toMatch(WRONG_ARTICLE);
  });
});
