import nlp from 'compromise';
import { singularWord } from '../naming.js';

/** One word of the spec with what compromise's tagger says about it. */
export interface Token {
  /** The word as written ("Tasks"). */
  text: string;
  /** Lower case, punctuation stripped, contractions expanded ("tasks"). */
  norm: string;
  /** Singular form for nouns, the word itself otherwise ("task"). */
  lemma: string;
  tags: ReadonlySet<string>;
  /** Punctuation before and after the word, as compromise splits it ("(" / ", "). */
  pre: string;
  post: string;
  /** Position in the whole text, for first-appearance ordering. */
  index: number;
}

/** The fields of compromise's internal term objects that the reader uses. */
interface TermJson {
  text: string;
  normal?: string;
  implicit?: string;
  pre: string;
  post: string;
  tags: ReadonlySet<string>;
  root?: string;
}

/**
 * Parses the whole text once with compromise and returns its sentences as token lists. A sentence
 * is split again where compromise kept going after an abbreviation-like word ("owned by a rep. A pet
 * care app"), because specs use short role nouns that its abbreviation list knows.
 */
export function tokenize(text: string): Token[][] {
  const sentences: Token[][] = [];
  let index = 0;
  const doc = nlp(text);
  doc.compute('root');
  // The View's own term objects: reading them directly skips building compromise's JSON output.
  for (const sentence of doc.docs as unknown as TermJson[][]) {
    let current: Token[] = [];
    for (const [position, term] of sentence.entries()) {
      if (possessiveReadAsHas(sentence, position)) continue;
      const norm = (term.implicit ?? term.normal ?? term.text).toLowerCase().replace(/[^\p{L}\p{N}'-]+/gu, '');
      if (!norm) continue;
      const tags = new Set(term.tags);
      if (possessiveReadAsHas(sentence, position + 1)) {
        // "the table's shared tab": the possessor, whatever compromise expanded it to.
        current.push({ text: term.text, norm: term.text.toLowerCase().replace(/[^\p{L}\p{N}'-]+/gu, ''), lemma: lemmaOf(norm, tags, undefined), tags: new Set([...tags, 'Possessive']), pre: term.pre, post: sentence[position + 1]!.post, index: index++ });
        continue;
      }
      if (possessiveReadAsHas(sentence, position - 1)) {
        tags.delete('Verb');
        tags.delete('PastTense');
        tags.add('Adjective');
      }
      const previous = current[current.length - 1];
      if (previous && /[.!?]\s/.test(previous.post) && /^\p{Lu}/u.test(term.text)) {
        sentences.push(current);
        current = [];
      }
      current.push({ text: term.text, norm, lemma: lemmaOf(norm, tags, tags.has('Gerund') ? undefined : term.root), tags, pre: term.pre, post: term.post, index: index++ });
    }
    if (current.length > 0) sentences.push(current);
  }
  return commonWordsWrittenCapitalised(sentences.map(joinHyphenated));
}

/**
 * "we make a Quote with one or more lines ... when a quote is won": a word capitalised in mid-sentence
 * that the idea also writes in lower case is the common word, written large for emphasis, not a name.
 */
function commonWordsWrittenCapitalised(sentences: Token[][]): Token[][] {
  const lower = new Set(sentences.flat().filter((t) => /^\p{Ll}/u.test(t.text)).map((t) => t.lemma));
  return sentences.map((sentence) =>
    sentence.map((t, at) => {
      if (at === 0 || !t.tags.has('ProperNoun') || !/^\p{Lu}\p{Ll}+$/u.test(t.text) || !lower.has(t.lemma)) return t;
      const tags = new Set(t.tags);
      tags.delete('ProperNoun');
      return { ...t, tags };
    }),
  );
}

/**
 * compromise expands "the table's shared tab" to "the table has shared tab". After a determiner, a
 * noun's "'s" followed by a participle and then a noun is a possessive: the participle describes
 * the thing owned. `position` is the empty term compromise made for "has" or "is".
 */
function possessiveReadAsHas(sentence: TermJson[], position: number): boolean {
  const implied = sentence[position];
  const owner = sentence[position - 1];
  const described = sentence[position + 1];
  const thing = sentence[position + 2];
  if (!implied || !owner || !described || !thing || implied.text !== '' || !/^(has|is)$/.test(implied.implicit ?? '')) return false;
  if (!/'s$/i.test(owner.text) || !owner.tags.has('Noun') || !sentence[position - 2]?.tags.has('Determiner')) return false;
  if (!(described.tags.has('PastTense') || described.tags.has('Participle') || described.tags.has('Adjective')) || /[,;:.!?()]/.test(described.post)) return false;
  return thing.tags.has('Noun') && !thing.tags.has('Pronoun');
}

const PARTICLES = new Set(['up', 'in', 'out', 'off', 'down', 'on', 'over', 'back']);

/** compromise splits "fill-up", "no-show", "time-off" in two; a product spec means one word by them. */
function joinHyphenated(sentence: Token[]): Token[] {
  const joined: Token[] = [];
  for (const t of sentence) {
    const previous = joined[joined.length - 1];
    if (previous && previous.post === '-' && t.pre === '') {
      const text = `${previous.text}-${t.text}`;
      // "cohort-based", "gluten-free", "mobile-friendly": a compound adjective, whatever its first part is.
      const adjective = /(ed|ing|free|friendly|only|style|like|wide|proof|ready|based|sized|level)$/.test(t.norm) && !PARTICLES.has(t.norm);
      const noun = !adjective && (t.tags.has('Noun') || PARTICLES.has(t.norm) || previous.tags.has('Noun'));
      if (adjective) {
        joined[joined.length - 1] = { ...previous, text, norm: `${previous.norm}-${t.norm}`, lemma: `${previous.norm}-${t.norm}`, tags: new Set(['Adjective']), post: t.post };
        continue;
      }
      const tags = new Set(t.tags);
      if (noun && !t.tags.has('Adjective')) {
        tags.delete('Verb');
        tags.add('Noun');
      }
      joined[joined.length - 1] = { ...previous, text, norm: `${previous.norm}-${t.norm}`, lemma: `${previous.norm}-${t.lemma}`, tags, post: t.post };
      continue;
    }
    joined.push(t);
  }
  return joined;
}

/** compromise's root form: singular for nouns, infinitive for verbs ("has" → "have"). */
function lemmaOf(norm: string, tags: ReadonlySet<string>, root: string | undefined): string {
  const bare = norm.replace(/'s$/, '');
  // Tagged an auxiliary ("has shipping address"), a form of "have" comes without its root.
  if (/^(has|had|having)$/.test(bare)) return 'have';
  if (root) return root.toLowerCase().replace(/'s$/, '') || bare;
  // Abbreviation-like nouns ("reps") come without a root.
  if (tags.has('Noun') && !tags.has('Pronoun') && /[^su]s$/.test(bare) && !UNCOUNTABLE.has(bare)) return singularWord(bare);
  return bare;
}

const UNCOUNTABLE = new Set(['data', 'analytics', 'news', 'series', 'sales', 'statistics', 'logistics', 'ethics']);
