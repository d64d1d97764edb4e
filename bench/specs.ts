import { SPEC_CASES } from '../test/fixtures/specs.js';

/** Cuts or grows a text to exactly `count` words by cycling through the fixture specs' paragraphs. */
export function specOfWords(count: number): string {
  const paragraphs = SPEC_CASES.map((c) => c.input.spec ?? c.input.description ?? '').filter(Boolean);
  const words: string[] = [];
  for (let i = 0; words.length < count; i++) words.push(...paragraphs[i % paragraphs.length]!.split(/\s+/));
  return words.slice(0, count).join(' ');
}
