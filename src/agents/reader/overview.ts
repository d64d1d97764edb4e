import { capitalize } from '../naming.js';
import type { Token } from './tokens.js';
import { ORGANISATIONS, PEOPLE, PRODUCT_NOUNS } from './vocabulary.js';

/** What the first sentence says the product is: its name, its kind, and who it is for. */
export interface Overview {
  /** "TaskFlow" from "TaskFlow is a ...", or null. */
  statedName: string | null;
  /** "project management", "booking", "CRM". */
  domain: string | null;
  /** "app", "platform" as written. */
  productNoun: string | null;
  /** "Small agencies" from "for small agencies". */
  segment: string | null;
  /** "Desk booking" from an idea headed "Desk booking for our coworking space": what it calls itself. */
  title: string | null;
}

const NAMING_VERBS = new Set(['be', 'let', 'help', 'allow', 'give', 'make', 'turn', 'connect', 'enable', 'bring']);
const DOMAIN_HEADS = new Set(['crm', 'marketplace', 'erp', 'lms', 'saas']);

export function readOverview(first: Token[]): Overview {
  const overview: Overview = { statedName: null, domain: null, productNoun: null, segment: null, title: null };
  // "Housekeeping board for a 120-room hotel": two or three words ending in a noun or a gerund, then "for".
  const heading = first.findIndex((t) => t.norm === 'for');
  if (heading >= 2 && heading <= 3 && /^\p{Lu}/u.test(first[0]!.text)) {
    const words = first.slice(0, heading);
    const last = words[words.length - 1]!;
    const fits = words.every((t) => t.post.trim() === '' && !t.tags.has('Pronoun') && !t.tags.has('Determiner') && (t.tags.has('Noun') || t.tags.has('Gerund') || t.tags.has('Adjective')));
    if (fits && (last.tags.has('Noun') || last.tags.has('Gerund'))) overview.title = capitalize(words.map((t, k) => (k === 0 || isAcronym(t) ? cleaned(t) : cleaned(t).toLowerCase())).join(' '));
  }
  const lead = first[0];
  const next = first[1];
  if (lead && next && /^\p{Lu}/u.test(lead.text) && !lead.tags.has('Determiner') && !lead.tags.has('Pronoun') && (NAMING_VERBS.has(next.lemma) || NAMING_VERBS.has(next.norm.replace(/s$/, '')) || next.tags.has('Copula'))) {
    overview.statedName = lead.text.replace(/[^\p{L}\p{N}'-]/gu, '');
  }
  // "ReadUp: matching volunteer tutors …", "Project: TripSlip — permission slips …": a name written
  // as one word with capitals inside it, heading the idea before a colon or a dash.
  const titled = /^(?:project|product|name|app)$/.test(lead?.norm ?? '') && /:/.test(lead?.post ?? '') ? next : lead;
  if (!overview.statedName && titled && /^\p{Lu}\p{Ll}+(?:\p{Lu}[\p{Ll}\p{N}]*)+$/u.test(titled.text) && /^\s*[:—–-]/.test(titled.post)) {
    overview.statedName = titled.text;
  }
  const at = first.findIndex((t, i) => i > 0 && PRODUCT_NOUNS.has(t.lemma) && (t.tags.has('Noun') || DOMAIN_HEADS.has(t.lemma)));
  if (at < 0) return overview;
  const product = first[at]!;
  overview.productNoun = product.text.replace(/[^\p{L}\p{N}-]/gu, '');
  const modifiers: Token[] = [];
  for (let i = at - 1; i > 0; i--) {
    const t = first[i]!;
    if (!(t.tags.has('Noun') || t.tags.has('Gerund')) || t.tags.has('Pronoun') || /[,.;:]/.test(t.post)) break;
    modifiers.unshift(t);
  }
  if (modifiers.length > 0) overview.domain = modifiers.map(asWritten).join(' ');
  else if (DOMAIN_HEADS.has(product.lemma)) overview.domain = overview.productNoun;
  // "for small agencies": who the product is for, and its domain when the product noun has none.
  if (first[at + 1]?.norm === 'for') {
    const phrase: Token[] = [];
    for (let i = at + 2; i < first.length; i++) {
      const t = first[i]!;
      if (t.tags.has('Preposition') || t.tags.has('Conjunction')) break;
      phrase.push(t);
      if (/[,.;:!?]/.test(t.post)) break;
    }
    const words = phrase.filter((t) => !t.tags.has('Determiner'));
    const head = words[words.length - 1];
    if (head && (ORGANISATIONS.has(head.lemma) || PEOPLE.has(head.lemma) || head.tags.has('Actor'))) {
      overview.segment = capitalize(words.map(asWritten).join(' '));
    }
    if (!overview.domain) {
      const nouns = words.filter((t) => t.tags.has('Noun') && !t.tags.has('Adjective'));
      // "for a boutique fitness studio" → "boutique fitness studio"; the last word singular unless an acronym.
      const last = nouns.length - 1;
      if (nouns.length > 0 && nouns.length <= 3) overview.domain = nouns.map((t, k) => (k === last && !isAcronym(t) ? t.lemma : asWritten(t))).join(' ');
    }
  }
  return overview;
}

/** A word in lower case, unless it is an acronym ("HR", "B2B"). */
function asWritten(t: Token): string {
  return isAcronym(t) ? cleaned(t) : cleaned(t).toLowerCase();
}

function isAcronym(t: Token): boolean {
  return /^[\p{Lu}\d]{2,6}s?$/u.test(cleaned(t));
}

function cleaned(t: Token): string {
  return t.text.replace(/[^\p{L}\p{N}'-]/gu, '');
}
