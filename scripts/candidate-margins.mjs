// For each wanted table of a corpus, the best score the reader gave a candidate that names it (ABSENT: no
// candidate), and how the unwanted candidates score: where the keep line (2) cuts. After npm run build:
//   node scripts/candidate-margins.mjs test/corpus/classes.json [-v]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
const require = createRequire(path.resolve('package.json'));
const pluralize = require('pluralize');
const dist = (p) => import(pathToFileURL(path.resolve('dist/agents/reader', p)).href);
const { tokenize } = await dist('tokens.js');
const { parseSentences } = await dist('syntax.js');
const { CandidateTable, score } = await dist('candidates.js');
const norm = (s) => String(s).toLowerCase().replace(/[^a-z_ ]/g, '').replace(/ +/g, '_').split('_').map((w) => pluralize.singular(w)).join('');
const matches = (table, names) => names.some((n) => table === norm(n) || table.endsWith(norm(n)));
const ideas = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const wanted = [], unwanted = [];
const verbose = process.argv.includes('-v');
for (const idea of ideas) {
  const cands = new CandidateTable(parseSentences(tokenize(idea.spec)), new Set()).read().filter((c) => !c.person);
  for (const g of idea.entities) {
    const m = cands.filter((c) => matches(norm(c.key), g)).map((c) => score(c));
    const s = m.length ? Math.max(...m) : null;
    wanted.push(s);
    if (verbose && (s === null || s < 2)) console.log(idea.id, g[0], s === null ? 'ABSENT' : s.toFixed(1));
  }
  for (const c of cands) if (!idea.entities.some((g) => matches(norm(c.key), g)) && !(idea.extra ?? []).some((x) => matches(norm(c.key), [x]))) unwanted.push(score(c));
}
const bins = [[-Infinity, 0], [0, 0.8], [0.8, 1.2], [1.2, 1.6], [1.6, 2], [2, Infinity]];
const row = (xs) => bins.map(([a, b]) => xs.filter((x) => x !== null && x >= a && x < b).length).join('\t');
console.log('bins: <0, 0-0.8, 0.8-1.2, 1.2-1.6, 1.6-2, >=2 ; wanted absent:', wanted.filter((x) => x === null).length, 'of', wanted.length);
console.log('wanted  \t' + row(wanted));
console.log('unwanted\t' + row(unwanted));
