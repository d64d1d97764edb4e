import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WordNet } from '../src/agents/reader/wordnet.js';
import { WordNetFiles, wordnetDirectory, type RecordSource } from '../src/agents/reader/wordnet-files.js';
import { SPEC_CASES } from '../test/fixtures/specs.js';

/**
 * The WordNet module's figures, in a process of its own so that the memory it adds is its own:
 * `node dist-bench/bench/wordnet.js file|memory` (how data records are read). Measures the first
 * call (which loads the noun index), then each lookup over about 2,000 mixed words, first on words
 * never asked for (nothing memoised) and again (memoised). Prints one JSON line.
 */
export interface WordNetFigures {
  records: RecordSource;
  words: number;
  first_call_ms: number;
  /** Per word, first time asked / asked again; µs. */
  noun_senses_us: [number, number];
  is_a_us: [number, number];
  derived_nouns_us: [number, number];
  person_noun_us: [number, number];
  rss_added_mb: number;
  /** Of which: the JavaScript heap (parsed records, memos) and Buffers outside it (the index files; the data files in 'memory'). */
  heap_added_mb: number;
  buffers_added_mb: number;
}

const records = (process.argv[2] ?? 'file') as RecordSource;

/** Every `stride`-th lemma of an index file, streamed so the bench holds no copy of the file. */
async function sample(file: string, stride: number): Promise<string[]> {
  const lemmas: string[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(join(wordnetDirectory(), file)) })) {
    if (!text.startsWith(' ') && line++ % stride === 0) lemmas.push(text.slice(0, text.indexOf(' ')));
  }
  return lemmas;
}

// The mix: every word of the spec fixtures (product ideas as users write them, inflected), nouns and
// verbs spread over the whole index, plurals of some of those, and words WordNet does not have.
const specWords = SPEC_CASES.flatMap((c) => (c.input.spec ?? c.input.description ?? '').toLowerCase().match(/[a-z]+/g) ?? []);
const nouns = await sample('index.noun', 130);
const verbs = await sample('index.verb', 40);
const words = [
  ...new Set([
    ...specWords,
    ...nouns,
    ...verbs,
    ...nouns.slice(0, 200).map((noun) => `${noun}s`),
    ...nouns.slice(0, 150).map((noun) => [...noun].reverse().join('')),
  ]),
].slice(0, 2000);

const open = () => new WordNet(new WordNetFiles(wordnetDirectory(), records));
const lookups: Record<'noun_senses_us' | 'is_a_us' | 'derived_nouns_us' | 'person_noun_us', (wordnet: WordNet, word: string) => unknown> = {
  noun_senses_us: (wordnet, word) => wordnet.nounSenses(word),
  is_a_us: (wordnet, word) => wordnet.isA(word, 'person'),
  derived_nouns_us: (wordnet, word) => wordnet.derivedNouns(word),
  person_noun_us: (wordnet, word) => wordnet.personNoun(word),
};

// Memory: one WordNet, as the server holds it, after every lookup on every word.
global.gc?.();
const baseline = process.memoryUsage();
const shared = open();
const started = performance.now();
shared.nounSenses('booking');
const firstCall = performance.now() - started;
for (const lookup of Object.values(lookups)) for (const word of words) lookup(shared, word);
global.gc?.();
const after = process.memoryUsage();
const addedMb = (field: 'rss' | 'heapUsed' | 'arrayBuffers') => (after[field] - baseline[field]) / 1024 / 1024;

const ROUNDS = 5;
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * µs per word, the median of ROUNDS rounds, each on a WordNet of its own with its index files already
 * loaded (one call on a word outside the list): the first pass reads every record it needs, the
 * second finds the answers memoised.
 */
function perWord(lookup: (wordnet: WordNet, word: string) => unknown): [number, number] {
  const first: number[] = [];
  const again: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const wordnet = open();
    lookup(wordnet, 'booking');
    wordnet.derivedNouns('book');
    for (const passes of [first, again]) {
      const passStarted = performance.now();
      for (const word of words) lookup(wordnet, word);
      passes.push(((performance.now() - passStarted) * 1000) / words.length);
    }
  }
  return [median(first), median(again)];
}

const figures: WordNetFigures = {
  records,
  words: words.length,
  first_call_ms: firstCall,
  noun_senses_us: perWord(lookups.noun_senses_us),
  is_a_us: perWord(lookups.is_a_us),
  derived_nouns_us: perWord(lookups.derived_nouns_us),
  person_noun_us: perWord(lookups.person_noun_us),
  rss_added_mb: addedMb('rss'),
  heap_added_mb: addedMb('heapUsed'),
  buffers_added_mb: addedMb('arrayBuffers'),
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
