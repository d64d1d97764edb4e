import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/agents/pipeline.js';
import { STACK_PRESETS } from '../../src/contract/index.js';
import { THERAPY } from '../fixtures/access-models.js';
import { SPEC_CASES } from '../fixtures/specs.js';

/** Files of the architecture's project tree, as full paths, leaving out the ones marked "not generated". */
function treeFiles(markdown: string): string[] {
  const tree = /```text\n[^\n]+\/\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
  const folders: string[] = [];
  const files: string[] = [];
  for (const line of tree.split('\n').filter(Boolean)) {
    const at = line.search(/[├└]── /);
    const depth = at / 4;
    const [, name = '', note = ''] = /^(\S+)(?: \((.*)\))?$/.exec(line.slice(at + 4)) ?? [];
    folders.length = depth;
    if (name.endsWith('/')) folders.push(name);
    else if (!note.includes('not generated')) files.push(`${folders.join('')}${name}`);
  }
  return files;
}

/** Paths to files named in the prose of the architecture (outside the tree). */
function prosePaths(markdown: string): string[] {
  const prose = markdown.replace(/```text[\s\S]*?```/g, '');
  return [...prose.matchAll(/(?<![\w/.*-])((?:[\w.()[\]-]+\/)+[\w.-]+\.(?:tsx?|sql))\b/g)].map((match) => match[1]!);
}

describe('the architecture names the files the dev agent writes', () => {
  it.each(STACK_PRESETS.flatMap((preset) => SPEC_CASES.map((c) => [c.id, preset, c] as const)))('%s on %s', async (_id, preset, specCase) => {
    const output = await runPipeline({ ...specCase.input, stack_preference: preset });
    const markdown = output.architecture!.architecture_markdown;
    const written = new Set(output.code!.files.map((file) => file.path));
    const named = [...treeFiles(markdown), ...prosePaths(markdown)];
    expect(named.length).toBeGreaterThan(8);
    expect(named.filter((path) => !written.has(path))).toEqual([]);
    // Signed-in pages are guarded as the generated app guards them (ProtectedRoute), not by a middleware it lacks.
    expect(markdown).toContain('export function ProtectedRoute');
    expect(markdown).not.toMatch(/middleware\.ts|createMiddlewareClient|profile\.role\)/);
  });

  // A role with a record (clients kept by the practice who also sign in): one entity and one role of the same name.
  it.each(STACK_PRESETS)('a model whose client is both a role and an entity, on %s', async (preset) => {
    const output = await runPipeline({ spec: THERAPY.summary, product_model: THERAPY, stack_preference: preset });
    const markdown = output.architecture!.architecture_markdown;
    const written = new Set(output.code!.files.map((file) => file.path));
    const named = [...treeFiles(markdown), ...prosePaths(markdown)];
    expect(named.filter((path) => !written.has(path))).toEqual([]);
    expect(output.architecture!.architecture.data_model.entities.map((entity) => entity.name)).toEqual(expect.arrayContaining(['clients', 'appointments']));
    expect(output.architecture!.architecture.security.roles).toContain('client');
    expect(output.ux!.ux_spec.pages.map((page) => page.route)).toEqual(expect.arrayContaining([expect.stringMatching(/clients/)]));
    expect(output.code!.files.some((file) => /clients/i.test(file.path))).toBe(true);
  });
});
