import type { DesignTokens } from '../../contract/index.js';
import type { Persona } from '../agent.js';
import { table } from '../markdown-table.js';
import type { ProductModel } from '../model.js';
import type { AccessibilityItem } from './accessibility.js';
import type { LibraryComponent } from './components.js';
import type { NonTextCheck } from './contrast.js';
import type { ScreenEntity } from './entities.js';
import type { FlowPlan } from './flows.js';
import type { PagePlan } from './pages.js';
import type { RoleSet } from './roles.js';
import type { StyleChoice } from './styles.js';
import { lower, withArticle } from '../english.js';
import { featuresSection } from './features.js';

/** Everything the UI/UX specification is written from. */
export interface UxDocument {
  model: ProductModel;
  persona: Persona;
  style: StyleChoice;
  roles: RoleSet;
  entities: ScreenEntity[];
  pages: PagePlan[];
  flows: FlowPlan[];
  tokens: DesignTokens;
  nonText: NonTextCheck[];
  inventory: LibraryComponent[];
  accessibility: AccessibilityItem[];
  assumptions: string[];
  /** The introduction and design principles a model wrote (engines/prose.ts), before the document's own lists. */
  prose?: { introduction: string; design_principles: string } | undefined;
}

/** The section headings, in the AIOS UI/UX specification order. */
export const SECTIONS = [
  'Change Log',
  '1. Introduction',
  '2. Information Architecture',
  '3. User Flows',
  '4. Wireframes and Key Screens',
  '5. Component Library / Design System',
  '6. Branding and Style Guide',
  '7. Accessibility Requirements',
  '8. Responsiveness',
  '9. Animation and Micro-interactions',
  '10. Next Steps',
] as const;

/** docs/front-end-spec.md as AIOS's UX expert writes it, drafted unattended. */
export function uxMarkdown(doc: UxDocument): string {
  return [
    header(doc),
    changeLog(doc),
    introduction(doc),
    informationArchitecture(doc),
    userFlows(doc),
    wireframes(doc),
    componentLibrary(doc),
    styleGuide(doc),
    accessibility(doc),
    responsiveness(doc),
    animation(doc),
    nextSteps(doc),
  ].join('\n\n') + '\n';
}

function header({ model, persona, assumptions }: UxDocument): string {
  return [
    `# ${model.name} UI/UX Specification`,
    `> ${persona.icon} **${persona.name}**, ${persona.title} (${persona.archetype}): ${persona.focus}.`,
    '',
    'Drafted unattended ("yolo" mode): every section is written without stopping for review, so the assumptions made are listed here. Review them first.',
    '',
    '**Assumptions**',
    '',
    ...assumptions.map((a) => `- ${a}`),
  ].join('\n');
}

function changeLog({ persona }: UxDocument): string {
  return [
    `## ${SECTIONS[0]}`,
    '',
    table(['Date', 'Version', 'Description', 'Author'], [['Draft (date set on approval)', '0.1-draft', 'Initial UI/UX specification drafted from the product spec', `${persona.name} (${persona.id})`]]),
  ].join('\n');
}

function introduction({ model, roles, entities, style, flows, prose }: UxDocument): string {
  const first = entities[0];
  const mobile = model.needs.some((n) => n.source === 'stated' && /mobile|phone|responsive/i.test(n.text));
  const core = flows.filter((f) => !f.requested).length;
  const goals = [
    `Ease of learning: ${withArticle(`new ${lower(roles.primary.label)}`)} signs up and ${first ? `creates their first ${lower(first.label)}` : 'completes their first task'} in under three minutes without help.`,
    'Efficiency: every core task starts from the dashboard or the sidebar and takes three clicks or fewer to begin.',
    'Error prevention: destructive actions ask for confirmation; forms validate inline and never lose what was typed.',
    'Accessibility: WCAG 2.1 AA throughout, verified by the checks in section 7.',
    ...(mobile ? ['Mobile: the spec asks for a good phone experience, so every flow is designed mobile first (section 8).'] : []),
  ];
  const principles = [
    ...style.preset.principles,
    'Tokens and reusable components, never one-off pages: every colour, size and radius comes from the tokens in section 6',
    'Clarity over cleverness: labels say what happens, and every action gives immediate feedback',
    'Accessible by default: contrast, focus and semantics are part of each component, not an audit afterwards',
  ].slice(0, 5);
  return [
    `## ${SECTIONS[1]}`,
    '',
    `This document defines the user experience goals, information architecture, user flows and visual design of ${model.name}'s user interface.${prose ? '' : ` ${model.summary}`} It is the basis for visual design and front-end development (${core} core ${core === 1 ? 'flow' : 'flows'}, ${entities.length} managed ${entities.length === 1 ? 'entity' : 'entities'}).`,
    '',
    ...(prose ? [prose.introduction, ''] : []),
    '### Target User Personas',
    '',
    ...roles.all.map((role) => {
      // The reader may have written the description from the capabilities: say each thing once.
      const described = role.description.toLowerCase();
      const does = role.capabilities.map((c) => c.text).filter((text) => !described.includes(text.toLowerCase()));
      return `- **${role.label}**${role.admin ? ' (administrator)' : ''}: ${role.description.replace(/\.$/, '')}.${does.length ? ` Needs to ${does.join(', ')}.` : ''}`;
    }),
    ...(model.segments.length ? ['', `Target segments: ${model.segments.join('; ')}.`] : []),
    ...(model.problems.length ? ['', `Problems to solve: ${model.problems.join('; ')}.`] : []),
    '',
    '### Usability Goals',
    '',
    ...goals.map((g) => `- ${g}`),
    '',
    '### Design Principles',
    '',
    ...(prose ? [prose.design_principles, ''] : []),
    ...principles.map((p, i) => `${i + 1}. **${p.split(':')[0]}**${p.includes(':') ? `:${p.slice(p.indexOf(':') + 1)}` : ''}`),
  ].join('\n');
}

function informationArchitecture(doc: UxDocument): string {
  const { pages, entities, roles } = doc;
  const ids = new Map(pages.map((p, i) => [p.route, `p${i}`]));
  const edges: string[] = [];
  const link = (from: string, to: string) => {
    const a = ids.get(from);
    const b = ids.get(to);
    if (a && b) edges.push(`  ${a} --> ${b}`);
  };
  link('/', '/login');
  link('/', '/signup');
  link('/', '/pricing');
  link('/login', '/forgot-password');
  link('/forgot-password', '/reset-password');
  link('/login', '/dashboard');
  link('/signup', '/dashboard');
  for (const entity of entities) {
    if (entity.parents.length === 0) link('/dashboard', entity.route);
    link(entity.route, `${entity.route}/new`);
    link(entity.route, `${entity.route}/:id`);
    link(`${entity.route}/:id`, `${entity.route}/:id/edit`);
    for (const child of entity.children) {
      const c = entities.find((e) => e.table === child);
      if (c) link(`${entity.route}/:id`, `${c.route}/new`);
    }
  }
  for (const entity of entities) if (entity.parents.length > 0) link('/dashboard', entity.route);
  link('/dashboard', '/checkout');
  link('/checkout', '/checkout/success');
  link('/dashboard', '/notifications');
  link('/dashboard', '/settings');
  link('/settings', '/settings/billing');
  link('/dashboard', '/admin');
  link('/admin', '/admin/users');

  const topLevel = entities.filter((e) => e.parents.length === 0);
  const nested = entities.filter((e) => e.parents.length > 0);
  return [
    `## ${SECTIONS[2]}`,
    '',
    '### Site Map / Screen Inventory',
    '',
    '```mermaid',
    'graph TD',
    ...pages.map((p) => `  ${ids.get(p.route)}["${mermaidText(`${p.name}<br/>${p.route}`)}"]`),
    ...edges,
    '```',
    '',
    table(['Screen', 'Route', 'Kind', 'Who'], pages.map((p) => [p.name, `\`${p.route}\``, p.kind, p.roles.join(', ')])),
    '',
    '### Navigation Structure',
    '',
    `- **Primary navigation** (Sidebar; a Sheet below 768px): Dashboard${topLevel.map((e) => `, ${e.pluralLabel}`).join('')}${nested.length ? `, then ${nested.map((e) => e.pluralLabel).join(', ')} as a secondary group` : ''}, Settings${roles.admins.length ? '; an Admin group for ' + roles.admins.map((r) => lower(r.label)).join(', ') + ' only' : ''}.`,
    '- **Secondary navigation**: the user menu (Avatar + DropdownMenu) in the header holds Settings, theme (light / dark / system) and Sign out.',
    `- **Breadcrumbs** on detail and form pages follow the data hierarchy${nested.length ? ` (${nested.map((e) => `${e.parents.map((t) => entities.find((p) => p.table === t)?.pluralLabel ?? t).join(' / ')} › ${e.pluralLabel}`).join('; ')})` : ''}.`,
    '- Signed-out visitors see only Home, Sign in, Sign up and the password pages; opening any other route redirects to Sign in and back after signing in.',
    ...(nested.length ? [`- Child records are also reached from their parent's details page, in a tab: ${nested.map((e) => `${e.pluralLabel} on ${e.parents.map((t) => entities.find((p) => p.table === t)?.label ?? t).join(' and ')}`).join('; ')}.`] : []),
    ...(featuresSection(doc) ? ['', featuresSection(doc)] : []),
  ].join('\n');
}

function userFlows({ flows, roles }: UxDocument): string {
  const label = (name: string) => roles.all.find((r) => r.name === name)?.label ?? name;
  return [
    `## ${SECTIONS[3]}`,
    '',
    ...flows.flatMap((flow) => [
      `### ${flow.name}${flow.requested ? ' (requested by the client)' : ''}`,
      '',
      `**Role:** ${label(flow.role)}  `,
      `**User goal:** ${flow.goal}  `,
      `**Entry points:** ${flow.entryPoints.join('; ')}  `,
      `**Success criteria:** ${flow.success}`,
      '',
      ...flow.steps.map((s, i) => `${i + 1}. ${s}`),
      '',
      '```mermaid',
      flowDiagram(flow),
      '```',
      '',
      '**Edge cases and error handling:**',
      '',
      ...flow.edgeCases.map((e) => `- ${e}`),
      '',
    ]),
  ].join('\n').trimEnd();
}

function flowDiagram(flow: FlowPlan): string {
  const lines = ['flowchart TD', `  start(["${mermaidText(flow.entryPoints[0] ?? 'Start')}"])`];
  flow.steps.forEach((step, i) => lines.push(`  s${i}["${mermaidText(step)}"]`));
  lines.push(`  done(["${mermaidText('Success: ' + flow.success)}"])`);
  const chain = ['start', ...flow.steps.map((_, i) => `s${i}`), 'done'];
  for (let i = 0; i + 1 < chain.length; i++) lines.push(`  ${chain[i]} --> ${chain[i + 1]}`);
  const failing = `s${stepOfEdgeCase(flow)}`;
  if (flow.edgeCases[0] && flow.steps.length) {
    lines.push(`  err{{"${mermaidText(flow.edgeCases[0])}"}}`);
    lines.push(`  ${failing} -. error .-> err`);
    lines.push(`  err -. retry .-> ${failing}`);
  }
  return lines.join('\n');
}

const STOP_WORDS = new Set(['with', 'from', 'that', 'this', 'then', 'when', 'into', 'your', 'they', 'there', 'page', 'shows']);

/** The step the first edge case branches from: the one sharing most words with it, else the submitting step. */
function stepOfEdgeCase(flow: FlowPlan): number {
  const edge = new Set(significantWords(flow.edgeCases[0] ?? ''));
  let best = Math.max(0, flow.steps.length - 2);
  let score = 0;
  flow.steps.forEach((step, i) => {
    const overlap = significantWords(step).filter((w) => edge.has(w)).length;
    if (overlap > score) {
      best = i;
      score = overlap;
    }
  });
  return best;
}

function significantWords(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 4 && !STOP_WORDS.has(w)).map((w) => w.replace(/s$/, '')))];
}

function wireframes({ pages }: UxDocument): string {
  return [
    `## ${SECTIONS[4]}`,
    '',
    'Low-fidelity descriptions of each screen; the visual design follows from the tokens and components below. Design files: to be linked (Figma) once the spec is approved.',
    '',
    ...pages.flatMap((page) => [
      `### ${page.name} (\`${page.route}\`)`,
      '',
      `**Purpose:** ${page.purpose}  `,
      `**Layout:** ${page.layout}  `,
      `**Components:** ${page.components.join(', ')}`,
      '',
      '**Key elements:**',
      '',
      ...page.elements.map((e) => `- ${e}`),
      '',
      '**Interaction notes:**',
      '',
      ...page.interactions.map((i) => `- ${i}`),
      '',
    ]),
  ].join('\n').trimEnd();
}

function componentLibrary({ inventory }: UxDocument): string {
  return [
    `## ${SECTIONS[5]}`,
    '',
    '**Design system approach:** shadcn/ui (Radix primitives + Tailwind CSS) themed entirely through the CSS variables of section 6; components are copied into `src/components/ui` and extended with variants (class-variance-authority), never forked per page. Organised by atomic design: atoms compose molecules, molecules compose organisms, organisms fill the page templates of section 4.',
    '',
    table(
      ['Component', 'Level', 'Purpose', 'Variants', 'States', 'Used on'],
      inventory.map(({ name, entry, usedOn }) => [name, entry.level, entry.purpose, entry.variants.join(', '), entry.states.join(', '), summariseRoutes(usedOn)]),
    ),
    '',
    '**Usage guidelines:** one primary (default) Button per view; destructive actions use the destructive variant and an AlertDialog; status is shown with a Badge whose text names the state; lists load with Skeleton rows shaped like the content; every async action ends in a Sonner toast.',
  ].join('\n');
}

function styleGuide({ tokens, style, nonText }: UxDocument): string {
  const { light, dark } = tokens.colors;
  const both = (token: string) => `\`${light[token]}\` / \`${dark[token]}\``;
  const colorRows: Array<[string, string, string]> = [
    ['Primary', 'primary', 'Main actions, links, focus ring, active navigation'],
    ['Secondary', 'secondary', 'Secondary buttons and quiet surfaces'],
    ['Accent', 'accent', 'Hover and selected backgrounds, highlights'],
    ['Success', 'success', 'Positive feedback, completed states'],
    ['Warning', 'warning', 'Cautions and states that need attention'],
    ['Error', 'destructive', 'Errors, destructive actions, form error text'],
    ['Neutral', 'foreground', 'Text (foreground), page (background), borders and muted text'],
  ];
  const scale = tokens.typography.scale;
  return [
    `## ${SECTIONS[6]}`,
    '',
    '### Visual Identity',
    '',
    `Style: **${style.preset.style}** (${style.reason}): ${style.preset.character}. Light and dark themes are both first-class; the theme follows the system setting until the person picks one.`,
    '',
    '### Color Palette',
    '',
    'Each hex is given as light theme / dark theme.',
    '',
    table(
      ['Color Type', 'Hex', 'Usage'],
      colorRows.map(([type, token, usage]) => [
        type,
        token === 'foreground' ? `${both('foreground')} on ${both('background')}, borders ${both('border')}, muted text ${both('muted-foreground')}` : both(token),
        usage,
      ]),
    ),
    '',
    'All tokens, as CSS variables (`--background`, `--primary`, …) for `src/index.css`:',
    '',
    table(['Token', 'Light', 'Dark'], Object.keys(light).map((token) => [`\`--${token}\``, `\`${light[token]}\``, `\`${dark[token]}\``])),
    '',
    '### Typography',
    '',
    `- **Primary:** ${tokens.typography.font_family}`,
    `- **Monospace:** ${tokens.typography.font_mono}`,
    '',
    table(
      ['Element', 'Size', 'Weight', 'Line Height'],
      Object.entries(scale).map(([element, s]) => [element === 'body' ? 'Body' : element === 'small' ? 'Small' : element.toUpperCase(), s.size, String(s.weight), s.line_height]),
    ),
    '',
    '### Iconography',
    '',
    `- **Icon library:** lucide-react, stroke width ${style.preset.iconStroke}, sizes 16px (inline, small controls), 20px (buttons, navigation) and 24px (empty states).`,
    '- Icons sit beside a text label; icon-only buttons get an `aria-label` and a Tooltip. Decorative icons are `aria-hidden`.',
    '',
    '### Spacing and Layout',
    '',
    `- **Spacing scale** (4px base): ${Object.entries(tokens.spacing).map(([k, v]) => `${k} = ${v}`).join(', ')}.`,
    `- **Radius:** ${Object.entries(tokens.radius).map(([k, v]) => `${k} ${v}`).join(', ')} (\`--radius\` = ${tokens.radius.base}).`,
    '- **Grid:** 12 columns with 24px gutters on desktop, 4 columns with 16px gutters on mobile; content max width 1280px; forms max width 672px (max-w-2xl).',
    '- **App shell:** Sidebar 256px (collapsible to 64px icons), header 56px, main padding 24px (16px on mobile).',
    `- Focus ring: 2px \`--ring\` with 2px offset (at least ${Math.min(...nonText.filter((c) => c.token === 'ring').map((c) => c.ratio)).toFixed(2)}:1 against the page).`,
  ].join('\n');
}

function accessibility({ tokens, nonText, accessibility: items }: UxDocument): string {
  const { light, dark } = tokens.colors;
  const palette = { light, dark };
  return [
    `## ${SECTIONS[7]}`,
    '',
    '### Compliance Target',
    '',
    '**Standard:** WCAG 2.1 Level AA.',
    '',
    '### Key Requirements and How They Are Tested',
    '',
    table(['Requirement', 'How it is tested'], items.map((item) => [item.requirement, item.test])),
    '',
    '### Contrast of Every Text / Background Pair',
    '',
    'Computed with the WCAG 2.1 relative-luminance formula. A pair below 4.5:1 had one colour moved in OKLCH lightness (hue kept) until it passed: text on surfaces, or the fill under its on-colour.',
    '',
    table(
      ['Mode', 'Text', 'Background', 'Text hex', 'Background hex', 'Ratio', 'AA', 'Adjusted'],
      tokens.contrast.map((c) => [
        c.mode,
        c.foreground,
        c.background,
        `\`${palette[c.mode][c.foreground]}\``,
        `\`${palette[c.mode][c.background]}\``,
        `${c.ratio.toFixed(2)}:1`,
        c.passes_aa ? 'pass' : 'FAIL',
        c.adjusted ? 'yes' : 'no',
      ]),
    ),
    '',
    '### Non-text Contrast (3:1)',
    '',
    table(['Mode', 'Token', 'Against', 'Ratio', 'Adjusted'], nonText.map((c) => [c.mode, c.token, c.against, `${c.ratio.toFixed(2)}:1`, c.adjusted ? 'yes' : 'no'])),
    '',
    '### Testing Strategy',
    '',
    '- Automated: axe-core (via @axe-core/playwright) on every route in light and dark themes in CI; component tests with Testing Library query by role and label, so inaccessible markup fails tests.',
    '- Manual, per release: keyboard-only walkthrough of every user flow in section 3; VoiceOver (Safari) and NVDA (Firefox) on the create and edit flows; 200% zoom and 320px width.',
  ].join('\n');
}

function responsiveness({ model }: UxDocument): string {
  const mobile = model.needs.some((n) => n.source === 'stated' && /mobile|phone|responsive/i.test(n.text));
  return [
    `## ${SECTIONS[8]}`,
    '',
    '### Breakpoints',
    '',
    table(
      ['Breakpoint', 'Min Width', 'Max Width', 'Target Devices'],
      [
        ['Mobile', '0px', '639px', 'Phones in portrait'],
        ['Tablet (sm / md)', '640px', '1023px', 'Large phones in landscape, tablets'],
        ['Desktop (lg)', '1024px', '1279px', 'Laptops'],
        ['Wide (xl / 2xl)', '1280px', '-', 'Desktop monitors'],
      ],
    ),
    '',
    '### Adaptation Patterns',
    '',
    `- **Approach:** ${mobile ? 'mobile first, because the spec asks for a good mobile experience: each screen is designed at 375px and enhanced upwards' : 'designed mobile first at 375px and enhanced for larger screens'}.`,
    '- **Navigation:** Sidebar on desktop (collapsible); below 768px a header menu button opens it as a Sheet.',
    '- **Lists:** Tables become stacked Cards below 640px, showing the display field, status and the row actions menu; filters move into a Sheet.',
    '- **Forms:** single column everywhere; sticky bottom action bar on mobile; native date and number keyboards.',
    '- **Content priority:** dashboard widgets stack in order of the person\'s most frequent task; secondary details collapse into Tabs.',
    '- **Touch:** primary actions at least 44×44px on touch screens; no hover-only affordances.',
  ].join('\n');
}

function animation({ style }: UxDocument): string {
  const { durationMs, easing, feel } = style.preset.motion;
  return [
    `## ${SECTIONS[9]}`,
    '',
    '### Motion Principles',
    '',
    `Motion explains what changed and never delays the person: ${feel}, ${durationMs}ms with \`${easing}\` as the base transition. Under \`prefers-reduced-motion: reduce\`, transitions become instant and Skeletons stop pulsing.`,
    '',
    '### Key Animations',
    '',
    `- **Button press:** scale 0.98 for ${Math.round(durationMs / 2)}ms; loading state swaps the label for a spinner without changing width.`,
    `- **Dialog / AlertDialog / Sheet:** fade and zoom (dialogs) or slide (sheets) in ${durationMs}ms, out in ${Math.round(durationMs * 0.75)}ms.`,
    '- **Toasts (Sonner):** slide in from the bottom right (bottom centre on mobile); success toasts leave after 4s, errors stay until dismissed.',
    '- **Lists:** new and updated rows highlight briefly with the accent background; deleted rows collapse.',
    '- **Loading:** Skeletons appear after 150ms (no flash for fast loads); optimistic updates for edits, rolled back with an error toast.',
    '',
    '### Performance Goals',
    '',
    '- **Page load:** Largest Contentful Paint under 2.5s on a mid-range phone over 4G; route-level code splitting; fonts preloaded with `font-display: swap`.',
    '- **Interaction response:** Interaction to Next Paint under 200ms; feedback (spinner, optimistic change) within 100ms of every action.',
    '- **Stability:** Cumulative Layout Shift under 0.1: Skeletons and images reserve their space.',
    '- **Data:** lists paginate at 20 rows; queries cached with TanStack Query and refetched on focus.',
  ].join('\n');
}

function nextSteps(doc: UxDocument): string {
  const { model, pages, tokens, style, entities } = doc;
  const light = tokens.colors.light;
  const prompt = [
    `Build "${model.name}": ${model.summary}`,
    'Stack: React + Vite + TypeScript + Tailwind CSS + shadcn/ui, Supabase for auth and data, React Router, TanStack Query, lucide-react icons.',
    `Pages: ${pages.map((p) => `${p.name} (${p.route})`).join(', ')}.`,
    entities.length ? `Data: ${entities.map((e) => `${lower(e.pluralLabel)} (${e.fields.map((f) => f.name).join(', ')})`).join('; ')}.` : '',
    `Style: ${style.preset.style}, ${style.preset.character}. Font ${tokens.typography.font_family.split(',')[0]}; radius ${tokens.radius.base}. Colours (light): background ${light.background}, foreground ${light.foreground}, primary ${light.primary} with text ${light['primary-foreground']}, muted text ${light['muted-foreground']}, destructive ${light.destructive}; provide the dark theme from section 6.`,
    'Layout: app shell with a collapsible sidebar and a header with the user menu; tables become cards on mobile.',
    'Accessibility: WCAG 2.1 AA, visible labels, keyboard operable, focus rings, toasts announced, prefers-reduced-motion respected.',
  ].filter(Boolean);
  return [
    `## ${SECTIONS[10]}`,
    '',
    '### Immediate Actions',
    '',
    '1. Review this specification and its assumptions with the stakeholders.',
    '2. Create high-fidelity designs of the key screens (dashboard, one list, one form) in Figma from these tokens.',
    '3. Hand the specification to the architect to confirm the data each screen needs.',
    '4. Set up the tokens in `src/index.css` and the shadcn/ui components before building pages.',
    '',
    '### Design Hand-off Checklist',
    '',
    '- [x] All user flows documented',
    '- [x] Component inventory complete',
    '- [x] Accessibility requirements defined',
    '- [x] Responsive strategy clear',
    '- [x] Brand guidelines incorporated',
    '- [x] Performance goals established',
    '- [ ] High-fidelity mock-ups reviewed with stakeholders',
    '- [ ] Copy reviewed (labels, empty states, error messages)',
    '',
    '### Prompt for v0 / Lovable',
    '',
    '```text',
    ...prompt,
    '```',
  ].join('\n');
}

/** Routes a component is used on, shortened for a table cell. */
function summariseRoutes(routes: string[]): string {
  return routes.length > 4 ? `${routes.slice(0, 4).join(', ')} +${routes.length - 4} more` : routes.join(', ');
}

/** Mermaid labels sit in double quotes; entity codes keep quotes and brackets from ending them. */
function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/\n/g, ' ');
}
