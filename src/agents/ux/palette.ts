import { wcagContrast } from 'culori';
import { clamp, hexOf, lchOf, normalizeHex, type Lch } from './oklch.js';
import type { StylePreset } from './styles.js';

/** The semantic colour tokens of shadcn/ui, plus success and warning. */
export const COLOR_TOKENS = [
  'background',
  'foreground',
  'card',
  'card-foreground',
  'popover',
  'popover-foreground',
  'primary',
  'primary-foreground',
  'secondary',
  'secondary-foreground',
  'muted',
  'muted-foreground',
  'accent',
  'accent-foreground',
  'destructive',
  'destructive-foreground',
  'success',
  'success-foreground',
  'warning',
  'warning-foreground',
  'border',
  'input',
  'ring',
] as const;
export type ColorToken = (typeof COLOR_TOKENS)[number];
export type Mode = 'light' | 'dark';
export type ModePalette = Record<ColorToken, string>;
export type Palette = Record<Mode, ModePalette>;

export interface PaletteResult {
  palette: Palette;
  /** Where the brand colour came from and how it was placed (for the spec's assumptions). */
  notes: string[];
}

const RED_HUE = 27;
const GREEN_HUE = 150;
const AMBER_HUE = 75;

/**
 * Builds both modes around the brand colour: greys tinted by the style, an accent tinted from
 * (or shifted off) the brand hue, status colours at fixed hues. Contrast is corrected afterwards.
 */
export function derivePalette(preset: StylePreset, givenPrimary?: string): PaletteResult {
  const notes: string[] = [];
  const brandHex = normalizeHex(givenPrimary ?? preset.primary);
  notes.push(
    givenPrimary
      ? `Primary colour ${brandHex} comes from the client's design preferences; the palette is derived around its hue.`
      : `No primary colour was given; ${brandHex} is the ${preset.style} style's brand colour.`,
  );
  const brand = lchOf(brandHex);
  const { light: lightPrimary, dark: darkPrimary, note } = placePrimary(brand, brandHex);
  if (note) notes.push(note);

  const n = preset.neutral;
  // Greys near white carry a third of the style's tint, as Tailwind's slate and zinc do, or they read as colours.
  const grey = (l: number, chroma = n.chroma): string => hexOf({ l, c: l > 0.9 ? chroma * 0.35 : chroma, h: n.hue });
  const accentHue = brand.h + preset.accentShift;
  const accentChroma = brand.c < 0.03 && preset.accentShift === 0 ? n.chroma : 0.05;
  const s = preset.surfaces;
  const boldInk = preset.neutral.chroma === 0;

  const light = {
    background: grey(s.lightBackground, n.chroma / 2),
    foreground: grey(boldInk ? 0.1 : 0.145),
    card: grey(s.lightCard, n.chroma / 2),
    'card-foreground': grey(boldInk ? 0.1 : 0.145),
    popover: grey(s.lightCard, n.chroma / 2),
    'popover-foreground': grey(boldInk ? 0.1 : 0.145),
    primary: lightPrimary,
    'primary-foreground': onColor(lightPrimary),
    secondary: grey(0.965),
    'secondary-foreground': grey(0.21),
    muted: grey(0.965),
    'muted-foreground': grey(0.52),
    accent: hexOf({ l: 0.95, c: accentChroma * 0.6, h: accentHue }),
    'accent-foreground': hexOf({ l: 0.25, c: Math.min(accentChroma * 2, 0.1), h: accentHue }),
    destructive: hexOf({ l: 0.577, c: 0.245, h: RED_HUE }),
    'destructive-foreground': '',
    success: hexOf({ l: 0.527, c: 0.137, h: GREEN_HUE }),
    'success-foreground': '',
    warning: hexOf({ l: 0.77, c: 0.165, h: AMBER_HUE }),
    'warning-foreground': '',
    border: grey(0.92),
    input: grey(0.9),
    ring: lightPrimary,
  } satisfies ModePalette;

  const dark = {
    background: grey(s.darkBackground),
    foreground: grey(0.985, n.chroma / 2),
    card: grey(s.darkCard),
    'card-foreground': grey(0.985, n.chroma / 2),
    popover: grey(s.darkCard),
    'popover-foreground': grey(0.985, n.chroma / 2),
    primary: darkPrimary,
    'primary-foreground': onColor(darkPrimary),
    secondary: grey(s.darkBackground + 0.12),
    'secondary-foreground': grey(0.985, n.chroma / 2),
    muted: grey(s.darkBackground + 0.12),
    'muted-foreground': grey(0.71),
    accent: hexOf({ l: s.darkBackground + 0.14, c: accentChroma * 0.6, h: accentHue }),
    'accent-foreground': grey(0.985, n.chroma / 2),
    destructive: hexOf({ l: 0.704, c: 0.191, h: RED_HUE - 5 }),
    'destructive-foreground': '',
    success: hexOf({ l: 0.72, c: 0.19, h: GREEN_HUE }),
    'success-foreground': '',
    warning: hexOf({ l: 0.82, c: 0.16, h: AMBER_HUE + 10 }),
    'warning-foreground': '',
    border: grey(s.darkBackground + 0.13),
    input: grey(s.darkBackground + 0.16),
    ring: darkPrimary,
  } satisfies ModePalette;

  for (const mode of [light, dark]) {
    mode['destructive-foreground'] = onColor(mode.destructive);
    mode['success-foreground'] = onColor(mode.success);
    mode['warning-foreground'] = onColor(mode.warning);
  }
  return { palette: { light, dark }, notes };
}

/**
 * The brand colour works as a fill in the mode whose background it stands out from; in the
 * other mode it is moved in lightness. A near-white brand would vanish on a light page (and a
 * near-black one on a dark page), so such a grey becomes the other mode's primary instead.
 */
function placePrimary(brand: Lch, brandHex: string): { light: string; dark: string; note?: string } {
  const isGrey = brand.c < 0.03;
  if (isGrey && brand.l > 0.85) {
    return {
      light: hexOf({ l: 0.21, c: brand.c, h: brand.h }),
      dark: brandHex,
      note: `${brandHex} is too light to read as a button on a light page: it is the dark mode's primary, and light mode uses a dark shade of it.`,
    };
  }
  if (isGrey) {
    return { light: brandHex, dark: hexOf({ l: Math.max(0.92, 1 - brand.l), c: brand.c, h: brand.h }) };
  }
  // Coloured brands are lifted for dark mode so they stay vivid against the dark surface.
  const darkL = clamp(brand.l + 0.1, 0.68, 0.8);
  return { light: brandHex, dark: brand.l >= darkL ? brandHex : hexOf({ l: darkL, c: brand.c, h: brand.h }) };
}

/** Near-white or a dark shade of the fill's own hue, whichever reads better on it. */
export function onColor(fill: string): string {
  const { h } = lchOf(fill);
  const lightInk = hexOf({ l: 0.985, c: 0, h });
  const darkInk = hexOf({ l: 0.2, c: 0.03, h });
  return wcagContrast(lightInk, fill) >= wcagContrast(darkInk, fill) ? lightInk : darkInk;
}
