import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeOutputSchema, ProductModelSchema } from '../../src/contract/index.js';
import { BAD_MODELS, GARDEN_MODEL } from '../fixtures/product-models.js';
import { aios, listFiles } from './support.js';

const IDEA = 'QuizMaster lets teachers create quizzes with a title, a time limit and a list of questions; students answer them.';
const MIGRATION = 'supabase/migrations/00000000000000_init.sql';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'aios-analyze-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('aios-mcp analyze (the built command)', () => {
  it('prints the project brief, and says its options in --help', async () => {
    const { code, stdout, stderr } = await aios('analyze', IDEA);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^# Project Brief: QuizMaster\n/);
    expect(stdout).toContain('## Risks & Open Questions');
    expect(stderr).toMatch(/\[analysis\] started\n\[analysis\] done in \d+ ms/);
    const help = (await aios('analyze', '--help')).stdout;
    for (const flag of ['--spec-file', '--json', '--model-out', 'run --product-model']) expect(help).toContain(flag);
  });

  it('prints the whole output with --json', async () => {
    const { code, stdout } = await aios('analyze', IDEA, '--json');
    expect(code).toBe(0);
    const output = AnalyzeOutputSchema.parse(JSON.parse(stdout));
    expect(output.engine).toBe('heuristic');
    expect(output.product_model.entities.map((entity) => entity.name)).toContain('quiz');
  });

  it('writes the model to correct, and `run --product-model` builds the corrected model', async () => {
    const modelFile = path.join(work, 'quiz-model.json');
    const analyzed = await aios('analyze', IDEA, '--model-out', modelFile);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    expect(analyzed.stderr).toContain(`Wrote the product model to ${modelFile}`);
    const model = ProductModelSchema.parse(JSON.parse(await readFile(modelFile, 'utf8')));
    model.entities.push({ name: 'classroom', attributes: [{ name: 'title', type: 'text', required: true }] });
    await writeFile(modelFile, JSON.stringify(model));

    const out = path.join(work, 'quiz');
    const built = await aios('run', '--product-model', modelFile, '--phases', 'architecture', '--out', out);
    expect(built.code, built.stderr).toBe(0);
    expect(await listFiles(out)).toContain(MIGRATION);
    const sql = await readFile(path.join(out, MIGRATION), 'utf8');
    expect(sql).toContain('create table if not exists public.quizzes (');
    expect(sql).toContain('create table if not exists public.classrooms (');
  });

  it('`run --product-model` needs no idea, and builds a hand-written model as given', async () => {
    const modelFile = path.join(work, 'garden.json');
    await writeFile(modelFile, JSON.stringify(GARDEN_MODEL));
    const out = path.join(work, 'garden');
    const { code, stdout, stderr } = await aios('run', '--product-model', modelFile, '--phases', 'strategy', 'architecture', '--out', out);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^\nAllotment: 2 phase\(s\)/);
    const sql = await readFile(path.join(out, MIGRATION), 'utf8');
    for (const table of ['plots', 'harvests', 'garden_tools', 'workshops', 'workshop_visits', 'workshop_garden_tools', 'accounts']) {
      expect(sql).toContain(`create table if not exists public.${table} (`);
    }
  });

  it('a bad model file of every kind exits 2 naming the path', async () => {
    // The command takes a couple of seconds to start: the kinds run a few at a time.
    const results: string[] = [];
    for (let start = 0; start < BAD_MODELS.length; start += 4) {
      await Promise.all(
        BAD_MODELS.slice(start, start + 4).map(async (bad, offset) => {
          const modelFile = path.join(work, `bad-${start + offset}.json`);
          await writeFile(modelFile, JSON.stringify(bad.model));
          const { code, stderr } = await aios('run', 'A garden app', '--product-model', modelFile, '--json');
          expect(code, bad.label).toBe(2);
          expect(stderr.startsWith(`error INVALID_INPUT: product_model${bad.path}: `), `${bad.label}: ${stderr}`).toBe(true);
          expect(stderr, bad.label).toMatch(bad.message);
          results.push(bad.label);
        }),
      );
    }
    expect(results).toHaveLength(BAD_MODELS.length);
  });

  it.each([
    [['analyze'], /^error INVALID_INPUT: spec: describe the product/],
    [['run', '--product-model', '/nonexistent/model.json'], /^error INVALID_INPUT: --product-model: cannot read \/nonexistent\/model\.json \(ENOENT\)/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const { code, stderr } = await aios(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('a model file that is not JSON exits 2 saying so', async () => {
    const modelFile = path.join(work, 'broken.json');
    await writeFile(modelFile, '{"name": "Allotment", ');
    const { code, stderr } = await aios('run', '--product-model', modelFile);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error INVALID_INPUT: --product-model: .*broken\.json is not JSON/);
  });
});
