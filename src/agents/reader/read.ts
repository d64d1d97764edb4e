import type { Context, ProductModelContract, SpecInput } from '../../contract/index.js';
import { contractModel, expandModel } from '../product.js';
import { readIdeaModel } from './idea.js';
import { capitalize, pluralName, sentence } from '../naming.js';
import { makeAttribute } from './attributes.js';
import { ClauseParser } from './clauses.js';
import { readIntegrations } from './integrations.js';
import { readsAsEnglish } from './language.js';
import type { EntitySpec, ProductModel, RoleSpec } from '../model.js';
import { readConstraints, readNeeds } from './needs.js';
import { readOverview } from './overview.js';
import { StructureReader, type Structure } from './structure.js';
import { tokenize, type Token } from './tokens.js';
import { NOT_ENTITIES, PEOPLE } from './vocabulary.js';
import { lower } from '../english.js';

const SUMMARY_LIMIT = 280;

/** Only the fields that describe the product, out of a tool input that carries others (earlier outputs, options). */
export function specOf(input: SpecInput): SpecInput {
  const { spec, product_name, description, target_segments, key_problems, success_metrics } = input;
  return { spec, product_name, description, target_segments, key_problems, success_metrics };
}

/** The agents' model of a product description: the analyst's reading, expanded (product.ts). */
export function readSpec(input: SpecInput & { context?: Context | undefined }): ProductModel {
  return expandModel(readIdea(input), input);
}

/** Reads a product description (free text and/or the structured fields) into the contract's product model. */
export function readIdea(input: SpecInput & { context?: Context | undefined }): ProductModelContract {
  return process.env.AIOS_OLD_READER ? contractModel(readDraft(input)) : readIdeaModel(input);
}

function readDraft(input: SpecInput & { context?: Context | undefined }): ProductModel {
  const text = [input.spec, input.description].map((t) => t?.trim() ?? '').filter(Boolean).join('\n\n');
  const sentences = text ? tokenize(text) : [];
  const tokens = sentences.flat();
  const sentenceTexts = sentences.map(textOf);
  const english = readsAsEnglish(text, tokens);
  const overview = readOverview(sentences[0] ?? []);
  const productWords = new Set([input.product_name, overview.statedName].filter((n): n is string => !!n).map((n) => n.toLowerCase()));

  const assumptions: string[] = [];
  let structure: Structure;
  if (english) {
    const nouns = new Set(tokens.filter((t) => t.tags.has('Noun') && !t.tags.has('Pronoun')).map((t) => t.lemma));
    const parser = new ClauseParser(nouns);
    structure = new StructureReader(sentences.flatMap((s) => parser.parse(s)), tokens, productWords).read();
  } else {
    structure = { roles: [], entities: [], relationships: [], assumptions: [] };
    assumptions.push('The description could not be read as English, so the model is generic: one kind of user keeping one kind of record. Describe the product in English for a tailored result.');
  }
  const everyone = !structure.roles.some((r) => !r.admin);
  if (everyone) assumptions.push('The spec names no kinds of users, so everyone who signs in is a "user" with the same rights');
  if (structure.entities.length === 0) {
    const keeper = structure.roles.find((r) => !r.admin)?.name ?? 'user';
    structure.entities.push(fallbackEntity(english ? tokens : [], keeper, assumptions));
  }
  if (everyone) structure.roles.unshift(primaryUser(structure.entities));
  spellAcronyms(structure, acronymsOf(tokens));
  const integrations = english ? readIntegrations(sentenceTexts) : [];
  assumptions.push(...structure.assumptions);

  const name = input.product_name?.trim() || overview.statedName || derivedName(overview, structure.entities, english);
  const firstSentence = sentenceTexts[0] ?? '';
  return {
    name,
    summary: english && firstSentence ? clip(firstSentence) : `${name}: a product whose description could not be read as English`,
    domain: (english ? overview.domain : null) ?? input.context?.industry ?? null,
    roles: structure.roles,
    entities: structure.entities,
    relationships: structure.relationships,
    integrations,
    constraints: english ? readConstraints(sentenceTexts) : [],
    needs: readNeeds(english ? sentenceTexts : []),
    segments: input.target_segments?.length
      ? [...input.target_segments]
      : [input.context?.target_audience ?? (english ? overview.segment : null)].filter((s): s is string => !!s),
    problems: [...(input.key_problems ?? [])],
    metrics: [...(input.success_metrics ?? [])],
    context: input.context ?? {},
    access: [],
    features: [],
    assumptions: [...new Set(assumptions)],
  };
}

/** Short words that are English words too, so capitals do not make them acronyms ("CONTACT US"). */
const NOT_ACRONYMS = new Set(['as', 'at', 'be', 'by', 'do', 'go', 'he', 'if', 'in', 'is', 'it', 'me', 'my', 'no', 'of', 'ok', 'on', 'or', 'so', 'to', 'up', 'us', 'we', 'all', 'and', 'are', 'can', 'for', 'has', 'may', 'new', 'not', 'now', 'one', 'the', 'use', 'you', 'must', 'only', 'with']);

/** The words a spec writes in capitals ("FAQ", "SKUs", "PDF"), by their lower-case singular. */
function acronymsOf(tokens: Token[]): Set<string> {
  const found = new Set<string>();
  for (const t of tokens) {
    const match = /^([A-Z]{2,5}?)s?$/.exec(t.text);
    const word = match?.[1]?.toLowerCase();
    if (word && !NOT_ACRONYMS.has(word)) found.add(word);
  }
  return found;
}

/** Names are lower case ("faq_entry"); the labels people read keep the spec's acronyms: "FAQ entry", "FAQs". */
function spellAcronyms(structure: Structure, acronyms: ReadonlySet<string>): void {
  if (acronyms.size === 0) return;
  const spell = (text: string) =>
    text.replace(/\b[A-Za-z]+\b/g, (word) => {
      const lowered = word.toLowerCase();
      if (acronyms.has(lowered)) return lowered.toUpperCase();
      return lowered.endsWith('s') && acronyms.has(lowered.slice(0, -1)) ? `${lowered.slice(0, -1).toUpperCase()}s` : word;
    });
  for (const role of structure.roles) {
    role.label = spell(role.label);
    for (const capability of role.capabilities) capability.text = spell(capability.text);
  }
  for (const entity of structure.entities) {
    entity.label = spell(entity.label);
    entity.pluralLabel = spell(entity.pluralLabel);
    entity.description = spell(entity.description);
    for (const attribute of entity.attributes) attribute.label = spell(attribute.label);
  }
}

function textOf(sentence: Token[]): string {
  return sentence.map((t) => t.pre + t.text + t.post).join('').trim();
}

function clip(text: string): string {
  return text.length <= SUMMARY_LIMIT ? text : `${text.slice(0, SUMMARY_LIMIT - 1).replace(/\s+\S*$/, '')}…`;
}

/** "Booking platform" from "A booking platform for hair salons"; the main record otherwise. */
function derivedName(overview: ReturnType<typeof readOverview>, entities: EntitySpec[], english: boolean): string {
  const main = entities[0];
  if (english && overview.productNoun) {
    if (!overview.domain) return main && main.name !== 'item' ? `${main.label} ${overview.productNoun.toLowerCase()}` : capitalize(overview.productNoun);
    if (overview.domain === overview.productNoun) return overview.domain;
    return capitalize(`${overview.domain} ${overview.productNoun}`);
  }
  return english && main && main.name !== 'item' ? `${main.label} app` : 'Untitled product';
}

/** The most named ordinary noun of a spec that gave no clear record, or a generic item. */
function fallbackEntity(tokens: Token[], keeper: string, assumptions: string[]): EntitySpec {
  const counts = new Map<string, number>();
  for (const t of tokens) {
    if (!t.tags.has('Noun') || t.tags.has('Pronoun') || t.tags.has('ProperNoun') || t.tags.has('Value')) continue;
    if (!/^[a-z]{3,}$/.test(t.lemma) || NOT_ENTITIES.has(t.lemma) || PEOPLE.has(t.lemma) || t.tags.has('Actor')) continue;
    // Brand-like words ("SaaS", "DevOps") are not things a user keeps.
    if (/\p{Lu}.*\p{Lu}/u.test(t.text) || t.tags.has('Acronym')) continue;
    counts.set(t.lemma, (counts.get(t.lemma) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const name = best ?? 'item';
  assumptions.push(
    best
      ? `No records were described clearly; "${name}" is the main thing the spec talks about`
      : 'No records were described, so the product keeps generic items with a name and a description',
  );
  return {
    name,
    plural: pluralName(name),
    label: sentence(name),
    pluralLabel: sentence(pluralName(name)),
    description: `${sentence(name)} kept by each ${keeper.replace(/_/g, ' ')}`,
    attributes: [makeAttribute('name', 'text'), makeAttribute('description', 'long_text')],
    owned: true,
    createdBy: [keeper],
    mentions: best ? counts.get(best)! : 0,
  };
}

function primaryUser(entities: EntitySpec[]): RoleSpec {
  return {
    name: 'user',
    label: 'User',
    description: 'Signs in and keeps their own records',
    primary: true,
    admin: false,
    privileged: false,
    selfSignup: true,
    capabilities: entities.map((e) => ({ verb: 'manage' as const, entity: e.name, text: `manage ${lower(e.pluralLabel)}` })),
  };
}
