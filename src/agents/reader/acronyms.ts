import type { ProductModelContract } from '../../contract/index.js';
import { sentence } from '../naming.js';
import type { Token } from './tokens.js';

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

/** Names stay lower case ("faq_entry"); the labels people read keep the spec's acronyms: "FAQ entry", "SKU". */
export function spellAcronyms(model: ProductModelContract, acronyms: ReadonlySet<string>): void {
  if (acronyms.size === 0) return;
  const spell = (text: string) =>
    text.replace(/\b[A-Za-z]+\b/g, (word) => {
      const lowered = word.toLowerCase();
      if (acronyms.has(lowered)) return lowered.toUpperCase();
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
