import type { Design } from './design.js';

/** Markdown building blocks shared by the sections of the architecture document. */

export const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function table(headers: string[], rows: string[][]): string {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

export function next(design: Design): boolean {
  return design.preset === 'nextjs-react';
}

/** Where `supabase gen types` writes the database types for the preset. */
export function typesPath(design: Design): string {
  return next(design) ? 'types/database.ts' : 'src/types/database.ts';
}
