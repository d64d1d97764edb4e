import type { Design } from './design.js';

/** What the sections of the architecture document ask of the preset. */

export function next(design: Design): boolean {
  return design.preset === 'nextjs-react';
}

/** Where `supabase gen types` writes the database types for the preset. */
export function typesPath(design: Design): string {
  return next(design) ? 'types/database.ts' : 'src/types/database.ts';
}
