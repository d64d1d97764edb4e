#!/usr/bin/env node
// The shared corpus measure (../shared/corpus/score.mjs), plus the roles and relationships the
// issue asks for. Scores how well the agents read product ideas: for every idea in ideas.json, runs the built
// command (`node dist/cli.js run --spec-file F --json`, from the project's root) and compares the
// tables of its data model with the tables a reader would name.
//   recall    = share of the wanted tables found (a table matches any of its group's names,
//               singular or plural, or a name ending in one: "stock_movements" matches "movement")
//   precision = share of the tables made that are wanted, listed in `extra`, or common
//               supporting tables (profiles, roles, memberships, categories, tags, files...)
//   roles, relationships (the line before the last) = share of the idea's `roles` the architecture
//               names, and of its `relationships` that a foreign key or join links
//   --verbose also prints each idea's lost links, marking those whose tables are missing "(no table)"
// usage (from the project root, after npm run build):
//   npm run score [-- ideas.json] [-- --verbose]   (default: test/corpus/ideas.json, a copy of the shared corpus)
//   node scripts/score-corpus.mjs test/corpus/holdout.json
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const pluralize = require('pluralize');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const file = args.find((a) => !a.startsWith('--')) ?? new URL('../test/corpus/ideas.json', import.meta.url).pathname;
const ideas = JSON.parse(fs.readFileSync(file, 'utf8'));
const SUPPORT = new Set(['profile', 'user', 'role', 'userrole', 'membership', 'setting', 'attachment', 'file', 'tag', 'category', 'notification', 'auditlog']);
const norm = (s) => String(s).toLowerCase().replace(/[^a-z_ ]/g, '').replace(/ +/g, '_').split('_').map((w) => pluralize.singular(w)).join('');
const matches = (table, names) => names.some((n) => table === norm(n) || table.endsWith(norm(n)));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ideas-'));
let recallSum = 0, precisionSum = 0, rolesSum = 0, linksSum = 0;
for (const idea of ideas) {
  const specFile = path.join(tmp, `${idea.id}.txt`);
  fs.writeFileSync(specFile, idea.spec);
  let tables = [];
  let roles = [];
  let links = [];
  try {
    const out = JSON.parse(execFileSync('node', ['dist/cli.js', 'run', '--spec-file', specFile, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 }));
    (function walk(o) {
      if (!o || typeof o !== 'object') return;
      if (Array.isArray(o.entities)) for (const e of o.entities) tables.push(norm(e.name ?? e));
      // Roles and relationships as the architecture states them (security.roles, data_model.relationships).
      if (Array.isArray(o.roles) && o.roles.every((r) => typeof r === 'string')) roles.push(...o.roles);
      if (Array.isArray(o.relationships)) for (const r of o.relationships) if (r && r.from && r.to) links.push([norm(r.from), norm(r.to)]);
      for (const v of Object.values(o)) walk(v);
    })(out.architecture ?? out);
  } catch (e) {
    console.error(`${idea.id}: the run failed: ${String(e.message).split('\n')[0]}`);
  }
  tables = [...new Set(tables)];
  const missed = idea.entities.filter((group) => !tables.some((t) => matches(t, group)));
  const unexpected = tables.filter((t) => !SUPPORT.has(t) && !idea.entities.some((g) => matches(t, g)) && !(idea.extra ?? []).some((x) => matches(t, [x])));
  const recall = (idea.entities.length - missed.length) / idea.entities.length;
  const precision = tables.length ? (tables.length - unexpected.length) / tables.length : 0;
  recallSum += recall;
  precisionSum += precision;
  // Roles found: a role of the idea named as one of the architecture's roles (or its last word).
  const rolesFound = (idea.roles ?? []).filter((role) => roles.some((r) => r === role || r.endsWith(`_${role}`) || role.endsWith(`_${r}`)));
  rolesSum += idea.roles?.length ? rolesFound.length / idea.roles.length : 1;
  // Relationships found: a foreign key or join between tables of the two groups (a role is the profiles table).
  const groupOf = (name) => idea.entities.find((g) => g[0] === name) ?? ((idea.roles ?? []).includes(name) ? ['profile'] : [name]);
  const linksFound = (idea.relationships ?? []).filter(([a, b]) => links.some(([x, y]) => (matches(x, groupOf(a)) && matches(y, groupOf(b))) || (matches(x, groupOf(b)) && matches(y, groupOf(a)))));
  linksSum += idea.relationships?.length ? linksFound.length / idea.relationships.length : 1;
  if (verbose || missed.length || unexpected.length) {
    console.log(`${idea.id.padEnd(24)} recall ${recall.toFixed(2)}  missed: ${missed.map((g) => g[0]).join(', ') || '-'}  unexpected: ${unexpected.join(', ') || '-'}`);
  }
  // The links lost, and whether both of their tables exist (a link lost with a table is a missed table).
  const lostLinks = (idea.relationships ?? []).filter((pair) => !linksFound.includes(pair));
  if (verbose && lostLinks.length) {
    const exists = (name) => tables.some((t) => matches(t, groupOf(name)));
    const said = (pair) => `${pair[0]}-${pair[1]}${pair.every(exists) ? '' : ' (no table)'}`;
    console.log(`${''.padEnd(24)} links ${linksFound.length}/${idea.relationships.length}  lost: ${lostLinks.map(said).join(', ')}`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`roles ${(rolesSum / ideas.length).toFixed(2)} relationships ${(linksSum / ideas.length).toFixed(2)} on ${ideas.length} ideas`);
console.log(`recall ${(recallSum / ideas.length).toFixed(2)} precision ${(precisionSum / ideas.length).toFixed(2)} on ${ideas.length} ideas`);
