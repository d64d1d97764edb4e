import { converter, displayable, formatHex, parse, toGamut, type Oklch } from 'culori';

/**
 * Colour maths in OKLCH, where lightness is perceptual: moving L keeps a colour's hue and feel,
 * which is how palettes are derived and how failing colours are corrected.
 */
export interface Lch {
  l: number;
  c: number;
  h: number;
}

const toOklch = converter('oklch');
/** CSS Color 4 gamut mapping: lowers chroma, keeping lightness and hue, until the colour fits sRGB. */
const intoSrgb = toGamut('rgb', 'oklch');

export function lchOf(color: string): Lch {
  const parsed = toOklch(parse(color));
  if (!parsed) throw new Error(`cannot read the colour ${color}`);
  // Greys have no hue; 0 keeps arithmetic on them harmless since their chroma is 0.
  return { l: parsed.l, c: parsed.c, h: parsed.h ?? 0 };
}

export function hexOf({ l, c, h }: Lch): string {
  const color: Oklch = { mode: 'oklch', l: clamp(l, 0, 1), c: Math.max(0, c), h: ((h % 360) + 360) % 360 };
  // Gamut mapping is a search; colours already inside sRGB (most greys and tints) skip it.
  return formatHex(displayable(color) ? color : intoSrgb(color));
}

/** `#FF0` → `#ffff00`. */
export function normalizeHex(color: string): string {
  const parsed = parse(color);
  if (!parsed) throw new Error(`cannot read the colour ${color}`);
  return formatHex(parsed);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
