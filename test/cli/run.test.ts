import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineOutputSchema } from '../../src/contract/index.js';
import { aios, listFiles } from './support.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'aios-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('aios-mcp run (the built command)', () => {
  it('explains every option in --help', async () => {
    const { code, stdout } = await aios('run', '--help');
    expect(code).toBe(0);
    for (const flag of ['--spec-file', '--phases', '--stack', '--style', '--out', '--json']) expect(stdout).toContain(flag);
  });

  it('writes the documents, the migration and the app, and says where', async () => {
    const out = path.join(work, 'quiz');
    const { code, stdout, stderr } = await aios(
      'run',
      'QuizMaster lets teachers create quizzes with a title and a list of questions; students answer them.',
      '--out',
      out,
    );
    expect(code, stderr).toBe(0);
    // Not a TTY here: one plain line per phase event.
    expect(stderr).toMatch(/\[strategy\] started\n\[strategy\] done in \d+ ms/);
    expect(stderr).toContain('[code] done');
    expect(stdout).toContain(out);
    const files = await listFiles(out);
    expect(files).toEqual(expect.arrayContaining(['docs/PRD.md', 'docs/ARCHITECTURE.md', 'docs/UX.md', 'package.json']));
    expect(files.some((f) => /^supabase\/migrations\/.+\.sql$/.test(f))).toBe(true);
    expect(files).toContain('supabase/tests/access.test.sql');
    expect(await readFile(path.join(out, 'docs/PRD.md'), 'utf8')).toMatch(/quiz/i);
  });

  it('reads the spec from a file and runs only the phases asked for', async () => {
    const out = path.join(work, 'subset');
    const specFile = path.join(work, 'idea.md');
    await import('node:fs/promises').then((fs) => fs.writeFile(specFile, 'A CRM where sales reps manage companies and deals.'));
    const { code, stderr } = await aios('run', '--spec-file', specFile, '--phases', 'architecture', 'strategy', '--out', out);
    expect(code, stderr).toBe(0);
    expect((await listFiles(out)).sort()).toEqual(['docs/ARCHITECTURE.md', 'docs/PRD.md', 'supabase/migrations/00000000000000_init.sql', 'supabase/tests/access.test.sql']);
  });

  it('prints the whole result as JSON with --json', async () => {
    const { code, stdout } = await aios('run', 'A booking app for hair salons', '--json', '--phases', 'strategy', 'ux');
    expect(code).toBe(0);
    const output = PipelineOutputSchema.parse(JSON.parse(stdout));
    expect(Object.keys(output).sort()).toEqual(['strategy', 'ux']);
  });

  it.each([
    [['run'], /error INVALID_INPUT: spec:/],
    [['run', '   '], /error INVALID_INPUT: spec:/],
    [['run', '--spec-file', '/nonexistent/idea.md'], /error INVALID_INPUT: --spec-file: cannot read/],
    [['run', 'a todo app', '--stack', 'angular'], /argument 'angular' is invalid/],
    [['run', 'a todo app', '--phases', 'testing'], /argument 'testing' is invalid/],
  ])('refuses bad input %j with a clear message and a non-zero exit', async (args, message) => {
    const { code, stderr } = await aios(...args);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(message);
  });
});
