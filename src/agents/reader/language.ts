import nlp from 'compromise';
import type { Token } from './tokens.js';
import { NOT_ENTITIES, PEOPLE, PRODUCT_NOUNS } from './vocabulary.js';

/**
 * Whether the text reads as English: most of its words must be in compromise's lexicon (which
 * holds the function words and common verbs every English sentence uses) or in the reader's own
 * word lists. Gibberish and other languages fall far below; a few-word English idea stays above.
 */
const lexicon = (nlp.model() as { one?: { lexicon?: Record<string, string> } }).one?.lexicon ?? {};

export function readsAsEnglish(text: string, tokens: Token[]): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  if (letters === 0 || latin / letters < 0.85 || tokens.length === 0) return false;
  const known = tokens.filter((t) => isKnown(t.norm) || isKnown(t.lemma)).length;
  return known / tokens.length >= (tokens.length < 4 ? 0.5 : 0.45);
}

function isKnown(word: string): boolean {
  return Object.hasOwn(lexicon, word) || PEOPLE.has(word) || NOT_ENTITIES.has(word) || PRODUCT_NOUNS.has(word);
}
