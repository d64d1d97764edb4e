import type { ProductModelContract } from '../../contract/index.js';
import { sentence } from '../naming.js';
import type { Token } from './tokens.js';
import { isAdjective, isNoun, isVerb } from './wordnet.js';

/** Short words that are English words too, so capitals do not make them acronyms ("CONTACT US"). */
const NOT_ACRONYMS = new Set(['as', 'at', 'be', 'by', 'do', 'go', 'he', 'if', 'in', 'is', 'it', 'me', 'my', 'no', 'of', 'ok', 'on', 'or', 'so', 'to', 'up', 'us', 'we', 'all', 'and', 'are', 'can', 'for', 'has', 'may', 'new', 'not', 'now', 'one', 'the', 'use', 'you', 'must', 'only', 'with']);

/** The words a spec writes in capitals ("FAQ", "SKUs", "PDF"), by their lower-case singular. */
export function acronymsOf(tokens: Token[]): Set<string> {
  const found = new Set<string>();
  for (const t of tokens) {
    const match = /^([A-Z]{2,5}?)s?$/.exec(t.text);
    const word = match?.[1]?.toLowerCase();
    if (word && !NOT_ACRONYMS.has(word)) found.add(word);
  }
  return found;
}

/**
 * The product names a spec writes, by their lower case: words with a capital inside ("GitHub",
 * "TripSlip"), and capitalised words inside a sentence that are no English word and that the spec
 * never writes in lower case ("Splitwise").
 */
export function namesOf(sentences: Token[][]): Map<string, string> {
  const lowered = new Set(sentences.flat().filter((t) => /^[a-z]/.test(t.text)).map((t) => t.text.toLowerCase()));
  const names = new Map<string, string>();
  for (const sentence of sentences) {
    sentence.forEach((token, i) => {
      for (const part of token.text.split(/[^A-Za-z]+/)) {
        const lower = part.toLowerCase();
        const inner = /^[A-Z][a-z]+[A-Z][A-Za-z]*$/.test(part);
        const proper = i > 0 && /^[A-Z][a-z]{2,}$/.test(part) && !lowered.has(lower) && !isNoun(lower) && !isVerb(lower) && !isAdjective(lower);
        if (inner || proper) names.set(lower, part);
      }
    });
  }
  return names;
}

/** Names stay lower case ("faq_entry"); the labels people read keep the spec's acronyms and product names: "FAQ entry", "GitHub-style heatmap". */
export function spellAcronyms(model: ProductModelContract, acronyms: ReadonlySet<string>, names: ReadonlyMap<string, string> = new Map()): void {
  if (acronyms.size === 0 && names.size === 0) return;
  const spell = (text: string) =>
    text.replace(/\b[A-Za-z]+\b/g, (word) => {
      const lowered = word.toLowerCase();
      if (acronyms.has(lowered)) return lowered.toUpperCase();
      const name = names.get(lowered);
      if (name) return name;
      return lowered.endsWith('s') && acronyms.has(lowered.slice(0, -1)) ? `${lowered.slice(0, -1).toUpperCase()}s` : word;
    });
  const labelled = <T extends { name: string; label?: string | undefined }>(item: T): void => {
    const label = spell(item.label ?? sentence(item.name));
    if (label !== sentence(item.name)) item.label = label;
  };
  for (const role of model.roles) labelled(role);
  for (const entity of model.entities) {
    labelled(entity);
    if (entity.description) entity.description = spell(entity.description);
    for (const attribute of entity.attributes) labelled(attribute);
  }
  for (const feature of model.features ?? []) feature.text = spell(feature.text);
}
