import type { DesignTokens } from '../../contract/index.js';
import { kebab } from '../naming.js';

/**
 * The stylesheet of the app (Tailwind v4): the UX spec's design tokens as CSS variables for
 * light and dark mode, mapped to Tailwind's theme the way shadcn/ui does, so that `bg-primary`
 * or `text-muted-foreground` use the designer's colours.
 */

/** The colours shadcn/ui components use, each with the token it falls back to when the design has no such name. */
const SHADCN_COLORS: Array<[name: string, fallbacks: string[]]> = [
  ['background', ['surface', 'base']],
  ['foreground', ['text', 'on-background']],
  ['card', ['surface', 'background']],
  ['card-foreground', ['foreground']],
  ['popover', ['card', 'background']],
  ['popover-foreground', ['card-foreground', 'foreground']],
  ['primary', ['brand', 'accent']],
  ['primary-foreground', ['on-primary', 'background']],
  ['secondary', ['muted', 'surface', 'background']],
  ['secondary-foreground', ['foreground']],
  ['muted', ['secondary', 'surface', 'background']],
  ['muted-foreground', ['foreground']],
  ['accent', ['secondary', 'muted', 'primary']],
  ['accent-foreground', ['secondary-foreground', 'foreground']],
  ['destructive', ['error', 'danger']],
  ['destructive-foreground', ['on-error', 'on-destructive', 'primary-foreground', 'background']],
  ['border', ['input', 'muted']],
  ['input', ['border']],
  ['ring', ['primary']],
];

export function renderStylesheet(tokens: DesignTokens): string {
  const light = colorVariables(tokens.colors.light);
  const dark = colorVariables(tokens.colors.dark);
  const names = [...new Set([...light.keys(), ...dark.keys()])];
  const radius = radiusOf(tokens.radius);
  const radii = Object.entries(tokens.radius).filter(([key]) => kebab(key).length > 0);
  const scale = Object.entries(tokens.typography.scale).filter(([key]) => kebab(key).length > 0);
  const spacing = Object.entries(tokens.spacing).filter(([key]) => kebab(key).length > 0 && !/^\d/.test(key));
  const headings = scale.filter(([key]) => /^h[1-6]$/.test(key));
  const body = scale.find(([key]) => key === 'body' || key === 'base');

  const lines = [
    '@import "tailwindcss";',
    '',
    '@custom-variant dark (&:is(.dark *));',
    '',
    ':root {',
    ...[...light].map(([name, value]) => `  --${name}: ${value};`),
    `  --radius: ${radius};`,
    '}',
    '',
    '.dark {',
    ...[...dark].map(([name, value]) => `  --${name}: ${value};`),
    '}',
    '',
    '@theme inline {',
    `  --font-sans: ${cssValue(tokens.typography.font_family)};`,
    `  --font-mono: ${cssValue(tokens.typography.font_mono)};`,
    ...names.map((name) => `  --color-${name}: var(--${name});`),
    ...(radii.length > 0
      ? radii.map(([key, value]) => `  --radius-${kebab(key)}: ${cssValue(value)};`)
      : ['  --radius-sm: calc(var(--radius) - 4px);', '  --radius-md: calc(var(--radius) - 2px);', '  --radius-lg: var(--radius);']),
    ...scale.flatMap(([key, step]) => [
      `  --text-${kebab(key)}: ${cssValue(step.size)};`,
      `  --text-${kebab(key)}--line-height: ${cssValue(step.line_height)};`,
      `  --text-${kebab(key)}--font-weight: ${step.weight};`,
    ]),
    ...spacing.map(([key, value]) => `  --spacing-${kebab(key)}: ${cssValue(value)};`),
    '}',
    '',
    '@layer base {',
    '  * {',
    '    @apply border-border outline-ring/50;',
    '  }',
    '  body {',
    '    @apply bg-background font-sans text-foreground antialiased;',
    ...(body ? [`    font-size: var(--text-${kebab(body[0])});`, `    line-height: var(--text-${kebab(body[0])}--line-height);`] : []),
    '  }',
    ...headings.flatMap(([key]) => [
      `  ${key} {`,
      `    font-size: var(--text-${key});`,
      `    line-height: var(--text-${key}--line-height);`,
      `    font-weight: var(--text-${key}--font-weight);`,
      '  }',
    ]),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

/** The design's colours under CSS names, plus the shadcn/ui names it lacks pointed at the nearest token. */
function colorVariables(colors: Record<string, string>): Map<string, string> {
  const variables = new Map<string, string>();
  for (const [name, value] of Object.entries(colors)) {
    const css = kebab(name);
    if (css.length > 0 && !variables.has(css)) variables.set(css, cssValue(value));
  }
  for (const [name, fallbacks] of SHADCN_COLORS) {
    if (variables.has(name)) continue;
    const source = fallbacks.find((fallback) => variables.has(fallback));
    variables.set(name, source ? `var(--${source})` : name.endsWith('foreground') ? 'currentColor' : 'transparent');
  }
  return variables;
}

/** shadcn/ui's `--radius` is the large radius; the design names its steps freely. */
function radiusOf(radius: Record<string, string>): string {
  return cssValue(radius['lg'] ?? radius['md'] ?? radius['default'] ?? Object.values(radius)[0] ?? '0.5rem');
}

/** A token value as CSS: anything that could close the declaration or the block is dropped. */
function cssValue(value: string): string {
  return value.replace(/[;{}<>]/g, '').trim() || 'initial';
}
