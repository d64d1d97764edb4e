import type { DesignTokens, UxInput } from '../../contract/index.js';
import { enforceContrast, type NonTextCheck } from './contrast.js';
import { derivePalette } from './palette.js';
import type { StylePreset } from './styles.js';

export interface TokenResult {
  tokens: DesignTokens;
  nonText: NonTextCheck[];
  notes: string[];
}

const SANS_FALLBACK = 'ui-sans-serif, system-ui, sans-serif';
const SERIF_FALLBACK = 'ui-serif, Georgia, serif';
const SERIF_NAMES = /serif|garamond|baskerville|lora|playfair|georgia|times|merriweather|cormorant|caslon|didot|bodoni/i;

/** Design tokens for a style and the client's preferences: palette (contrast-checked), type, spacing, radius. */
export function designTokens(preset: StylePreset, preferences: UxInput['design_preferences']): TokenResult {
  const derived = derivePalette(preset, preferences?.primary_color);
  const checked = enforceContrast(derived.palette);
  const notes = [...derived.notes];
  const adjusted = checked.checks.filter((check) => check.adjusted).length;
  if (adjusted > 0) notes.push(`${adjusted} text/background pairs were below WCAG AA and had a colour moved in lightness (hue kept) until they passed.`);

  const fontName = preferences?.font_family ?? preset.font;
  if (preferences?.font_family) notes.push(`Font family "${preferences.font_family}" comes from the client's design preferences.`);

  return {
    tokens: {
      colors: checked.palette,
      typography: {
        font_family: fontStack(fontName),
        font_mono: '"JetBrains Mono", ui-monospace, SFMono-Regular, Menlo, monospace',
        scale: typeScale(preset),
      },
      spacing: spacingScale(),
      radius: radiusScale(preset.radiusPx),
      contrast: checked.checks,
    },
    nonText: checked.nonText,
    notes,
  };
}

/** A CSS font stack: the named face first, then a system fallback of the same kind. */
export function fontStack(name: string): string {
  if (name.includes(',')) return name;
  const face = /\s/.test(name) ? `"${name.replace(/"/g, '')}"` : name;
  const fallback = SERIF_NAMES.test(name) && !/sans/i.test(name) ? SERIF_FALLBACK : SANS_FALLBACK;
  return `${face}, ${fallback}`;
}

/** A modular scale from a 16px body, rounded to 2px steps so sizes sit on the 4px rhythm's half-steps. */
function typeScale(preset: StylePreset): DesignTokens['typography']['scale'] {
  const step = (power: number) => `${Math.round(Math.pow(preset.scaleRatio, power) * 8) / 8}rem`;
  const headingLine = preset.scaleRatio >= 1.3 ? '1.1' : '1.2';
  const bodyLine = preset.style === 'elegant' ? '1.65' : '1.5';
  return {
    h1: { size: step(4), weight: preset.headingWeight, line_height: headingLine },
    h2: { size: step(3), weight: preset.headingWeight, line_height: headingLine },
    h3: { size: step(2), weight: Math.max(500, preset.headingWeight - 100), line_height: '1.3' },
    body: { size: '1rem', weight: 400, line_height: bodyLine },
    small: { size: '0.875rem', weight: preset.style === 'bold' ? 500 : 400, line_height: '1.43' },
  };
}

/** Tailwind's spacing keys on a 4px base: key n is n × 4px (whole steps only, so the record keeps its order). */
function spacingScale(): Record<string, string> {
  const keys = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24];
  return Object.fromEntries(keys.map((key) => [String(key), key === 0 ? '0px' : `${key * 4}px`]));
}

function radiusScale(base: number): Record<string, string> {
  return {
    base: `${base}px`,
    sm: `${Math.max(0, base - 4)}px`,
    md: `${Math.max(0, base - 2)}px`,
    lg: `${base}px`,
    xl: `${base + 4}px`,
    full: '9999px',
  };
}
