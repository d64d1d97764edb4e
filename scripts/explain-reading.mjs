#!/usr/bin/env node
// Prints the offline reader's candidate tables for an idea with the evidence for and against
// each, to see why a table was kept or dropped. Usage (after npm run build, from the root):
//   node scripts/explain-reading.mjs "<idea>"        or   node scripts/explain-reading.mjs --file idea.txt
//   node scripts/explain-reading.mjs --corpus test/corpus/classes.json <id>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = (p) => import(pathToFileURL(path.resolve('dist/agents/reader', p)).href);
const { tokenize } = await dist('tokens.js');
const { parseSentences } = await dist('syntax.js');
const { CandidateTable, score } = await dist('candidates.js');

const args = process.argv.slice(2);
let text;
if (args[0] === '--file') text = fs.readFileSync(args[1], 'utf8');
else if (args[0] === '--corpus') text = JSON.parse(fs.readFileSync(args[1], 'utf8')).find((i) => i.id === args[2])?.spec;
else text = args.join(' ');
if (!text) {
  console.error('usage: explain-reading.mjs "<idea>" | --file F | --corpus FILE ID');
  process.exit(2);
}
const sentences = parseSentences(tokenize(text));
const candidates = new CandidateTable(sentences, new Set()).read().sort((a, b) => score(b) - score(a));
for (const c of candidates) {
  const why = c.evidence.map((e) => `${e.weight > 0 ? '+' : ''}${e.weight} ${e.why}`).join('; ');
  console.log(`${score(c).toFixed(1).padStart(6)} ${c.person ? 'person ' : ''}${c.key}: ${why || '(no evidence)'}`);
}
console.log('\n(kept as a table at 2 or more, weighed again with its links from 0.8; the full reading: node dist/cli.js analyze --json)');
