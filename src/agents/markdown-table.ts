/** Markdown tables, as every agent's documents write them. */

/** A table cell's text: a `|` would end the cell and a line break the row, so neither stays. */
export const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');

/** A GitHub-flavoured markdown table; every header and cell goes through `cell`. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
