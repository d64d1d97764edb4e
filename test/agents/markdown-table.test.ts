import { describe, expect, it } from 'vitest';
import { cell, table } from '../../src/agents/markdown-table.js';
import { runPipeline } from '../../src/agents/pipeline.js';
import { contractModel } from '../../src/agents/product.js';
import type { ProductModel } from '../../src/agents/model.js';
import { PROJECT_MODEL } from '../fixtures/models.js';
import { SPEC_CASES } from '../fixtures/specs.js';

describe('table', () => {
  it('writes a header, a separator and one line a row', () => {
    expect(table(['Name', 'Kind'], [['Tasks', 'list'], ['Task', 'detail']])).toBe(
      ['| Name | Kind |', '|---|---|', '| Tasks | list |', '| Task | detail |'].join('\n'),
    );
  });

  it('escapes a pipe and folds a line break in any cell', () => {
    expect(cell('a | b')).toBe('a \\| b');
    expect(cell('first line\n  second\r\nthird')).toBe('first line second third');
    expect(table(['x|y'], [['1\n2']])).toBe(['| x\\|y |', '|---|', '| 1 2 |'].join('\n'));
  });
});

/** Every table of a markdown document: its lines, from the header to the last row. */
function tablesOf(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const tables: string[][] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/^\|(?:---\|)+$/.test(lines[i + 1]!)) continue;
    const rows = [lines[i]!];
    for (let j = i + 1; j < lines.length && lines[j]!.trim() !== ''; j++) rows.push(lines[j]!);
    tables.push(rows);
  }
  return tables;
}

/** Cells of a row, split on the pipes that are not escaped. */
const cellsOf = (row: string): number => row.split(/(?<!\\)\|/).length;

function expectWellFormedTables(markdown: string, where: string): void {
  const tables = tablesOf(markdown);
  expect(tables.length, where).toBeGreaterThan(0);
  for (const rows of tables) {
    for (const row of rows) {
      expect(row, `${where}: ${rows[0]}`).toMatch(/^\|.*\|$/);
      expect(cellsOf(row), `${where}: ${row}`).toBe(cellsOf(rows[0]!));
    }
  }
}

/** The project model with a pipe and a line break in the words people typed. */
const AWKWARD: ProductModel = {
  ...PROJECT_MODEL,
  entities: PROJECT_MODEL.entities.map((entity) => ({
    ...entity,
    description: `${entity.description} | billable\nor not`,
    attributes: entity.attributes.map((attribute) => ({ ...attribute, label: `${attribute.label} | per\nhour` })),
  })),
};

describe('the tables of every document', () => {
  it.each([
    ...SPEC_CASES.map((c) => [c.id, c.input.spec, undefined] as const),
    ['labels with a pipe and a line break', PROJECT_MODEL.summary, AWKWARD] as const,
  ])('%s: every row has the cells of its header', async (_id, spec, model) => {
    const output = await runPipeline(model ? { product_model: contractModel(model) } : { spec });
    expectWellFormedTables(output.strategy!.prd_markdown, 'PRD');
    expectWellFormedTables(output.architecture!.architecture_markdown, 'architecture');
    expectWellFormedTables(output.ux!.ux_markdown, 'UX specification');
    expectWellFormedTables(output.code!.files.find((file) => file.path === 'README.md')!.content, 'README');
  });
});
