import type { Style, UxInput } from '../../contract/index.js';
import { withArticle } from '../english.js';
import type { ProductModel } from '../model.js';

/**
 * What each visual style of the contract means in tokens: the brand colour it starts from, how
 * tinted its neutrals are, its corner radius, type and motion. Everything else is derived.
 */
export interface StylePreset {
  style: Style;
  /** One line a client would recognise the style by. */
  character: string;
  /** Brand colour used when the client gives none. */
  primary: string;
  /** Hue and chroma of the greys (0 chroma = pure grey). */
  neutral: { hue: number; chroma: number };
  /** Accent hue relative to the primary: 0 tints the primary, others add a second colour. */
  accentShift: number;
  /** Lightness (OKLCH) of page background and cards, light then dark. */
  surfaces: { lightBackground: number; lightCard: number; darkBackground: number; darkCard: number };
  /** Base corner radius in px (shadcn's --radius). */
  radiusPx: number;
  font: string;
  /** Ratio between steps of the type scale. */
  scaleRatio: number;
  headingWeight: number;
  motion: { durationMs: number; easing: string; feel: string };
  /** lucide-react stroke width. */
  iconStroke: number;
  principles: string[];
}

export const STYLE_PRESETS: Record<Style, StylePreset> = {
  minimal: {
    style: 'minimal',
    character: 'quiet greys around one brand colour, generous white space',
    primary: '#18181b',
    neutral: { hue: 286, chroma: 0.006 },
    accentShift: 0,
    surfaces: { lightBackground: 1, lightCard: 1, darkBackground: 0.145, darkCard: 0.205 },
    radiusPx: 8,
    font: 'Inter',
    scaleRatio: 1.2,
    headingWeight: 600,
    motion: { durationMs: 150, easing: 'cubic-bezier(0.2, 0, 0, 1)', feel: 'short, barely-there fades' },
    iconStroke: 1.75,
    principles: ['Content first: chrome recedes, data stands out', 'One primary action per screen'],
  },
  corporate: {
    style: 'corporate',
    character: 'a trustworthy brand colour on cool slate greys, dense but orderly layouts',
    primary: '#2563eb',
    neutral: { hue: 257, chroma: 0.02 },
    accentShift: 0,
    surfaces: { lightBackground: 1, lightCard: 1, darkBackground: 0.16, darkCard: 0.21 },
    radiusPx: 6,
    font: 'IBM Plex Sans',
    scaleRatio: 1.2,
    headingWeight: 600,
    motion: { durationMs: 180, easing: 'cubic-bezier(0.4, 0, 0.2, 1)', feel: 'calm, functional transitions' },
    iconStroke: 2,
    principles: ['Predictable: the same task looks and works the same everywhere', 'Dense data stays scannable: tables, alignment, clear hierarchy'],
  },
  playful: {
    style: 'playful',
    character: 'a bright brand colour with a contrasting second colour, round shapes, lively motion',
    primary: '#7c3aed',
    neutral: { hue: 300, chroma: 0.012 },
    accentShift: 150,
    surfaces: { lightBackground: 0.99, lightCard: 1, darkBackground: 0.17, darkCard: 0.22 },
    radiusPx: 16,
    font: 'Nunito',
    scaleRatio: 1.25,
    headingWeight: 800,
    motion: { durationMs: 240, easing: 'cubic-bezier(0.34, 1.56, 0.64, 1)', feel: 'springy, celebratory feedback' },
    iconStroke: 2.25,
    principles: ['Delight in feedback: every success is acknowledged', 'Friendly words over jargon'],
  },
  bold: {
    style: 'bold',
    character: 'a strong brand colour on pure black and white, big type, tight corners',
    primary: '#e11d48',
    neutral: { hue: 0, chroma: 0 },
    accentShift: 40,
    surfaces: { lightBackground: 1, lightCard: 0.985, darkBackground: 0.1, darkCard: 0.16 },
    radiusPx: 4,
    font: 'Space Grotesk',
    scaleRatio: 1.333,
    headingWeight: 800,
    motion: { durationMs: 160, easing: 'cubic-bezier(0.2, 0, 0, 1)', feel: 'snappy, decisive movement' },
    iconStroke: 2.5,
    principles: ['High contrast and big type carry the hierarchy', 'Say it in fewer words'],
  },
  elegant: {
    style: 'elegant',
    character: 'a deep brand colour on warm ivory neutrals, serif type, slow refined motion',
    primary: '#6b2d5c',
    neutral: { hue: 70, chroma: 0.01 },
    accentShift: -250,
    surfaces: { lightBackground: 0.985, lightCard: 0.995, darkBackground: 0.17, darkCard: 0.215 },
    radiusPx: 4,
    font: 'Lora',
    scaleRatio: 1.25,
    headingWeight: 600,
    motion: { durationMs: 260, easing: 'cubic-bezier(0.25, 0.1, 0.25, 1)', feel: 'slow, graceful fades' },
    iconStroke: 1.5,
    principles: ['Restraint: few colours, fine lines, room to breathe', 'Typography leads the layout'],
  },
};

/** Words in a product description that suggest a style, when the client names none. */
const STYLE_HINTS: Array<{ style: Style; words: RegExp }> = [
  { style: 'corporate', words: /\b(b2b|crm|enterprise|finance|bank|invoice|accounting|legal|compliance|sales|inventory|erp)s?\b/i },
  { style: 'playful', words: /\b(kids?|children|game|quiz|fun|pet|pets|school|student|learning|fitness|social)s?\b/i },
  { style: 'elegant', words: /\b(luxury|boutique|salon|beauty|wedding|fashion|wine|jewel\w*|spa|hotel|art|gallery)s?\b/i },
  { style: 'bold', words: /\b(sport|sports|music|event|events|festival|streetwear|gaming|creator)s?\b/i },
];

export interface StyleChoice {
  preset: StylePreset;
  /** Why this style: the client's choice, or what in the spec suggested it. */
  reason: string;
  given: boolean;
}

export function chooseStyle(input: UxInput, model: ProductModel): StyleChoice {
  const stated = input.design_preferences?.style ?? input.style_preference;
  if (stated) return { preset: STYLE_PRESETS[stated], reason: `the client asked for ${withArticle(stated)} style`, given: true };
  const text = [model.summary, model.domain ?? '', model.context.industry ?? '', ...model.segments].join(' ');
  for (const hint of STYLE_HINTS) {
    const match = hint.words.exec(text);
    if (match) {
      return { preset: STYLE_PRESETS[hint.style], reason: `no style was given; "${match[0]}" in the spec suggests ${hint.style}`, given: false };
    }
  }
  return { preset: STYLE_PRESETS.minimal, reason: 'no style was given; minimal is the neutral default', given: false };
}
