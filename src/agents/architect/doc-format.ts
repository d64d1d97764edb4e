import type { Design } from './design.js';

/** What the sections of the architecture document ask of the preset. */

export function next(design: Design): boolean {
  return design.preset === 'nextjs-react';
}
