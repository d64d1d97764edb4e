import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standaloneContext } from '../../src/agents/agent.js';
import { generateCode } from '../../src/agents/dev.js';
import type { CodeOutput } from '../../src/contract/index.js';
import { PROJECT_ARCHITECTURE, PROJECT_UX } from '../fixtures/design.js';
import { PROJECT_MODEL } from '../fixtures/models.js';
import { THERAPY } from '../fixtures/access-models.js';
import { SPEC_CASES } from '../fixtures/specs.js';

/**
 * The generated vite-react project compiles under the repository's TypeScript against the real
 * type packages (react, react-dom, react-router-dom, @supabase/supabase-js, @tanstack/react-query,
 * vite/client...). Projects are written outside the repository, so that nothing reaches git or
 * the repository's own type-check, with a `node_modules` link to the repository's packages.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aios-dev-typecheck-'));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function writeProject(name: string, output: CodeOutput): string {
  const dir = join(root, name);
  for (const file of output.files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  return dir;
}

/** Builds every project in one tsc process (a solution config referencing each tsconfig.app.json). */
function typecheck(projects: string[]): { status: number | null; output: string } {
  const solution = join(root, 'tsconfig.solution.json');
  writeFileSync(solution, JSON.stringify({ files: [], references: projects.map((dir) => ({ path: join(dir, 'tsconfig.app.json') })) }));
  const result = spawnSync(process.execPath, [TSC, '-b', solution, '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A few varied specs (money, enums, many foreign keys, join tables); one tsc run costs seconds, so not all of them. */
const CASES = ['booking', 'marketplace'];

describe('the generated vite-react project', () => {
  it('type-checks with tsc (strict, noUnusedLocals) for the hand-made design, for specs run through every agent and for a model whose client is both a role and an entity', async () => {
    const fixture = await generateCode(
      { spec: 'TaskFlow, a project management app', architecture: PROJECT_ARCHITECTURE, ux_spec: PROJECT_UX },
      { ...standaloneContext(), model: PROJECT_MODEL },
    );
    const projects = [writeProject('fixture', fixture)];
    for (const id of CASES) {
      const spec = SPEC_CASES.find((candidate) => candidate.id === id);
      if (!spec) throw new Error(`no spec case ${id}`);
      projects.push(writeProject(id, await generateCode(spec.input)));
    }
    // A role with a record: the client entity and the client role share a name.
    projects.push(writeProject('therapy', await generateCode({ spec: THERAPY.summary, product_model: THERAPY })));
    const result = typecheck(projects);
    // tsc's own report, so that a failure shows the generated file and line at fault.
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
    // About 20 s of CPU; the margin is for a machine shared with other test runs.
  }, 240_000);
});
