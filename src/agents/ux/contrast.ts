import { wcagContrast } from 'culori';
import { hexOf, lchOf } from './oklch.js';
import type { ColorToken, Mode, ModePalette, Palette } from './palette.js';

/** WCAG 2.1 AA: 4.5:1 for body text (1.4.3), 3:1 for focus rings and input borders (1.4.11). */
export const AA_TEXT = 4.5;
export const AA_NON_TEXT = 3;

export interface ContrastCheck {
  foreground: ColorToken;
  background: ColorToken;
  mode: Mode;
  ratio: number;
  passes_aa: boolean;
  adjusted: boolean;
}

export interface NonTextCheck {
  token: ColorToken;
  against: ColorToken;
  mode: Mode;
  ratio: number;
  adjusted: boolean;
}

/**
 * Every place text sits on a colour in a shadcn/ui app. `adjust` says which side moves when the
 * pair fails: text moves on surfaces, but a fill (button, badge) moves under its fixed on-colour,
 * so that text colours stay consistent across components. `destructive` is also text: form
 * error messages are written in it on the page and in cards.
 */
const TEXT_RULES: Array<{ text: ColorToken; on: ColorToken[]; adjust: 'text' | 'surface' }> = [
  { text: 'foreground', on: ['background'], adjust: 'text' },
  { text: 'card-foreground', on: ['card'], adjust: 'text' },
  { text: 'popover-foreground', on: ['popover'], adjust: 'text' },
  { text: 'muted-foreground', on: ['background', 'card', 'muted'], adjust: 'text' },
  { text: 'secondary-foreground', on: ['secondary'], adjust: 'text' },
  { text: 'accent-foreground', on: ['accent'], adjust: 'text' },
  { text: 'destructive', on: ['background', 'card'], adjust: 'text' },
  { text: 'primary-foreground', on: ['primary'], adjust: 'surface' },
  { text: 'destructive-foreground', on: ['destructive'], adjust: 'surface' },
  { text: 'success-foreground', on: ['success'], adjust: 'surface' },
  { text: 'warning-foreground', on: ['warning'], adjust: 'surface' },
];

const NON_TEXT_RULES: Array<{ token: ColorToken; against: ColorToken }> = [
  { token: 'ring', against: 'background' },
  { token: 'input', against: 'background' },
];

/** The WCAG 2.1 contrast ratio (relative luminance), as culori computes it. */
export function contrastRatio(a: string, b: string): number {
  return wcagContrast(a, b);
}

/** Two decimals, rounded down so that a ratio shown as 4.50 really is at least 4.5. */
export function roundRatio(ratio: number): number {
  return Math.floor(ratio * 100 + 1e-9) / 100;
}

/**
 * Moves a colour's OKLCH lightness, hue kept, towards whichever end (black or white) contrasts
 * more with the colours it sits on or under, by the least amount that reaches `min` against all
 * of them (a bisection: contrast grows steadily as lightness moves away).
 */
export function ensureContrast(color: string, against: string[], min: number): string {
  const worst = (candidate: string) => Math.min(...against.map((other) => contrastRatio(candidate, other)));
  if (worst(color) >= min) return color;
  const darken = worst('#000000') >= worst('#ffffff');
  const start = lchOf(color);
  let failing = start.l;
  let passing = darken ? 0 : 1;
  let best = darken ? '#000000' : '#ffffff';
  for (let i = 0; i < 20 && Math.abs(passing - failing) > 0.0005; i++) {
    const l = (failing + passing) / 2;
    const candidate = hexOf({ ...start, l });
    if (worst(candidate) >= min) {
      passing = l;
      best = candidate;
    } else {
      failing = l;
    }
  }
  return best;
}

export interface CheckedPalette {
  palette: Palette;
  checks: ContrastCheck[];
  nonText: NonTextCheck[];
}

/**
 * Corrects every failing pair of both modes, then records the final ratio of each. Rules are
 * re-run until nothing moves, since a fill corrected for its on-colour is also text elsewhere.
 */
export function enforceContrast(input: Palette): CheckedPalette {
  const palette: Palette = { light: { ...input.light }, dark: { ...input.dark } };
  const checks: ContrastCheck[] = [];
  const nonText: NonTextCheck[] = [];
  for (const mode of ['light', 'dark'] as const) {
    const colors = palette[mode];
    for (let round = 0; round < 4 && correctTextOnce(colors); round++);
    // The focus ring is the brand colour, as corrected for its text.
    colors.ring = colors.primary;
    for (const rule of NON_TEXT_RULES) {
      colors[rule.token] = ensureContrast(colors[rule.token], [colors[rule.against]], AA_NON_TEXT);
    }
    const original = input[mode];
    for (const rule of TEXT_RULES) {
      for (const surface of rule.on) {
        const ratio = contrastRatio(colors[rule.text], colors[surface]);
        checks.push({
          foreground: rule.text,
          background: surface,
          mode,
          ratio: roundRatio(ratio),
          passes_aa: ratio >= AA_TEXT,
          adjusted: colors[rule.text] !== original[rule.text] || colors[surface] !== original[surface],
        });
      }
    }
    for (const rule of NON_TEXT_RULES) {
      nonText.push({
        token: rule.token,
        against: rule.against,
        mode,
        ratio: roundRatio(contrastRatio(colors[rule.token], colors[rule.against])),
        adjusted: colors[rule.token] !== original[rule.token],
      });
    }
  }
  return { palette, checks, nonText };
}

/** One pass over the text rules; true when a colour moved. */
function correctTextOnce(colors: ModePalette): boolean {
  let moved = false;
  for (const rule of TEXT_RULES) {
    if (rule.adjust === 'text') {
      const next = ensureContrast(colors[rule.text], rule.on.map((surface) => colors[surface]), AA_TEXT);
      if (next !== colors[rule.text]) moved = true;
      colors[rule.text] = next;
    } else {
      for (const surface of rule.on) {
        const next = ensureContrast(colors[surface], [colors[rule.text]], AA_TEXT);
        if (next !== colors[surface]) moved = true;
        colors[surface] = next;
      }
    }
  }
  return moved;
}
