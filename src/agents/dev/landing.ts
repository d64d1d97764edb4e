import { listing, lower, pluralLabel, withArticle } from '../english.js';
import { capitalize, singularName, snake } from '../naming.js';
import type { ProductModel } from '../model.js';
import { entityTables, type DataModel, type Table } from './tables.js';

/**
 * The home page's words, written for a visitor: a headline and a sentence from the product's
 * summary, and a card per kind of thing people work with that says what they can do with it,
 * from the roles' stated capabilities and the columns ("Cooks post recipes. Each recipe has a
 * title, a cooking time, ingredients and steps."). Never the designer's notes about the page.
 */
export interface LandingCopy {
  headline: string;
  support: string;
  features: Array<{ title: string; text: string }>;
}

/** The tables the home page has a card for: the first six kinds of record, never the profiles. */
export function landingTables(model: DataModel): Table[] {
  return entityTables(model)
    .filter((table) => !table.primaryKey?.authUser)
    .slice(0, 6);
}

export function landingCopy(product: Pick<ProductModel, 'name' | 'summary' | 'roles'>, model: DataModel): LandingCopy {
  const { headline, support } = lead(product.name, product.summary);
  const features = landingTables(model).map((table) => ({ title: table.pluralLabel, text: featureText(table, product, model) }));
  return { headline, support, features };
}

/**
 * The home page's prose a model writes (engines/prose.ts): the headline, the sentence under it and
 * each card's text, keyed by the card's table. Which cards there are, their titles and everything
 * the page links to stay the product's own.
 */
export function landingProseParts(model: DataModel): { parts: Record<string, string>; limits: Record<string, { min: number; max: number }> } {
  const parts: Record<string, string> = {
    headline: 'The home page hero headline, for a visitor who has never heard of the product: a few words, one line, no full stop needed',
    support: 'The sentence under the headline: what the product does and for whom, in one or two sentences',
  };
  const limits: Record<string, { min: number; max: number }> = { headline: { min: 3, max: 80 }, support: { min: 20, max: 300 } };
  for (const table of landingTables(model)) {
    parts[table.name] = `The home page card titled "${table.pluralLabel}": one or two sentences telling a visitor what they can do with ${lower(table.pluralLabel)}`;
    limits[table.name] = { min: 20, max: 300 };
  }
  return { parts, limits };
}

/** The product's copy with the model's words in place: the same cards, in the same order, with the same titles. */
export function withWrittenCopy(copy: LandingCopy, model: DataModel, prose: Record<string, string>): LandingCopy {
  const tables = landingTables(model);
  return {
    headline: prose['headline'] ?? copy.headline,
    support: prose['support'] ?? copy.support,
    features: copy.features.map((feature, index) => ({ ...feature, text: prose[tables[index]?.name ?? ''] ?? feature.text })),
  };
}

/** "A recipe sharing app: cooks post recipes…" → "Recipe sharing app" over "Cooks post recipes…". */
function lead(name: string, summary: string): { headline: string; support: string } {
  const text = summary.trim();
  const colon = /^([^:.;]{3,60}):\s+(.+)$/.exec(text);
  if (colon) return { headline: name, support: sentence(colon[2]!) };
  // "TaskFlow is a project management app for small agencies." → "A project management app for small agencies."
  const named = new RegExp(`^${escape(name)}\\s+is\\s+(an?\\s+.+)$`, 'i').exec(text);
  if (named) return { headline: name, support: sentence(named[1]!) };
  return { headline: name, support: sentence(text) || `${name} helps you keep track of your work.` };
}

function featureText(table: Table, product: Pick<ProductModel, 'roles'>, model: DataModel): string {
  const entity = singularName(table.name);
  const doings = product.roles.flatMap((role) =>
    role.capabilities
      .filter((capability) => capability.entity && snake(capability.entity) === entity && capability.text.trim().length > 0)
      .map((capability) => `${capitalize(pluralLabel(role.label))} ${capability.text.trim()}.`),
  );
  const fields = table.editable
    // Things a row has, named by nouns: not its times ("a starts at"), flags or links to other rows.
    .filter((column) => !['reference', 'date', 'datetime', 'time', 'checkbox'].includes(column.input) && !/_(at|on)$/.test(column.name))
    .slice(0, 4)
    .map((column) => lower(column.label));
  const label = lower(table.label);
  const has = fields.length > 0 ? `Each ${label} has ${listing(fields.map(withArticleIfCountable))}.` : '';
  if (doings.length > 0) return [...new Set(doings)].slice(0, 2).join(' ') + (has ? ` ${has}` : '');
  const parent = table.columns
    .map((column) => column.references && model.tables.find((candidate) => candidate.name === column.references?.table))
    .find((candidate): candidate is Table => candidate !== undefined && candidate !== table && !candidate.primaryKey?.authUser);
  if (parent) return `Add ${lower(table.pluralLabel)} to each ${lower(parent.label)}.${has ? ` ${has}` : ''}`;
  return has ? `Keep your ${lower(table.pluralLabel)} in one place. ${has}` : `Keep your ${lower(table.pluralLabel)} in one place.`;
}

/** "title" → "a title"; plurals and mass nouns ("steps", "ingredients") stay bare. */
function withArticleIfCountable(label: string): string {
  const last = label.split(' ').at(-1) ?? label;
  return singularName(last) !== last ? label : withArticle(label);
}

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (!trimmed) return '';
  const capital = capitalize(trimmed);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
