import { withArticle } from '../english.js';
import { isPluralWord, words } from '../naming.js';

/**
 * Small pieces of English the PM's sentences are built from, so that labels taken from the spec
 * ("Salon owner", "SKU") read naturally in the middle of a sentence; the ones every agent uses
 * (articles, lists) are in ../english.ts.
 */

/** A field as a list item: "a title", but "photos" and "opening hours" take no article. */
export function field(phrase: string): string {
  const last = words(phrase).pop() ?? phrase;
  return isPluralWord(last) ? phrase : withArticle(phrase);
}

/** A description from the model when it reads as prose; the reader's terse notes ("salon: has services") are left out. */
export function prose(description: string): string {
  const text = description.trim().replace(/\.$/, '');
  return text.length > 0 && !/[:;]/.test(text) ? text : '';
}

/** "1 epic", "3 epics". */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A sentence ends with exactly one full stop. */
export function sentenceEnd(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) return '';
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Words of the spec quoted inside generated text. */
export const quoted = (text: string): string => `“${text.trim().replace(/[.\s]+$/, '')}”`;
