import type { UxSpec } from '../../contract/index.js';
import type { PagePlan } from './pages.js';

/** Atomic design level (AIOS: atoms → molecules → organisms → templates → pages). */
export type AtomicLevel = 'atom' | 'molecule' | 'organism';

export interface ComponentEntry {
  purpose: string;
  variants: string[];
  level: AtomicLevel;
  states: string[];
}

const INTERACTIVE = ['default', 'hover', 'focus-visible', 'disabled'];

/** The shadcn/ui components the pages are built from, as the design system documents them. */
export const SHADCN_CATALOGUE: Record<string, ComponentEntry> = {
  Button: { purpose: 'Actions and links styled as actions', variants: ['default', 'secondary', 'outline', 'ghost', 'destructive', 'link', 'size: sm | default | lg | icon'], level: 'atom', states: [...INTERACTIVE, 'loading'] },
  Input: { purpose: 'Single-line text, number, email, date and file entry', variants: ['text', 'email', 'password', 'number', 'search', 'file'], level: 'atom', states: [...INTERACTIVE, 'invalid'] },
  Textarea: { purpose: 'Multi-line text entry', variants: ['default', 'auto-growing'], level: 'atom', states: [...INTERACTIVE, 'invalid'] },
  Label: { purpose: 'Visible, programmatically tied field labels', variants: ['default', 'required marker'], level: 'atom', states: ['default', 'disabled'] },
  Badge: { purpose: 'Status and category tags, always with text', variants: ['default', 'secondary', 'outline', 'destructive', 'success', 'warning'], level: 'atom', states: ['default'] },
  Avatar: { purpose: 'A person, by photo or initials', variants: ['image', 'initials fallback', 'size: sm | md | lg'], level: 'atom', states: ['loading', 'fallback'] },
  Separator: { purpose: 'Divides groups of content', variants: ['horizontal', 'vertical'], level: 'atom', states: ['default'] },
  Skeleton: { purpose: 'Stands in for content while it loads, shaped like it', variants: ['text line', 'card', 'table row', 'avatar'], level: 'atom', states: ['animated', 'static (reduced motion)'] },
  Switch: { purpose: 'On/off settings that apply at once', variants: ['default', 'with description'], level: 'atom', states: [...INTERACTIVE, 'checked'] },
  Checkbox: { purpose: 'Consent and multi-select choices', variants: ['default', 'with description'], level: 'atom', states: [...INTERACTIVE, 'checked', 'indeterminate'] },
  Select: { purpose: 'Choosing one value from a list (enums, related items, filters)', variants: ['default', 'searchable (Command)', 'filter'], level: 'molecule', states: [...INTERACTIVE, 'open', 'invalid'] },
  Form: { purpose: 'labelled fields typed by the data model, with description and error message', variants: ['single column', 'sectioned'], level: 'molecule', states: ['pristine', 'dirty', 'submitting', 'invalid', 'submitted'] },
  Card: { purpose: 'Groups related content: summaries, widgets, details', variants: ['default', 'interactive (link)', 'stat'], level: 'molecule', states: ['default', 'hover (interactive)', 'loading'] },
  Popover: { purpose: 'Anchored panel for pickers (date)', variants: ['default'], level: 'molecule', states: ['open', 'closed'] },
  Calendar: { purpose: 'Date picking and date views', variants: ['single', 'range', 'month view'], level: 'molecule', states: ['default', 'selected', 'disabled dates', 'today'] },
  Breadcrumb: { purpose: 'Where the page sits in the hierarchy', variants: ['default', 'collapsed on mobile'], level: 'molecule', states: ['default', 'current page'] },
  Pagination: { purpose: 'Moves through long lists', variants: ['numbered', 'previous / next only (mobile)'], level: 'molecule', states: ['default', 'current', 'disabled'] },
  Tabs: { purpose: 'Switches between views of the same subject', variants: ['default', 'URL-synced'], level: 'molecule', states: ['default', 'active', 'focus-visible'] },
  DropdownMenu: { purpose: 'Row and page actions, the user menu', variants: ['actions', 'with destructive item'], level: 'molecule', states: ['open', 'closed', 'item highlighted'] },
  Sonner: { purpose: 'Toasts confirming actions and reporting errors', variants: ['success', 'error', 'with action (Undo / Retry)'], level: 'molecule', states: ['entering', 'visible', 'leaving'] },
  Table: { purpose: 'Lists of records with sortable columns and row actions', variants: ['default', 'stacked cards below 640px'], level: 'organism', states: ['loading', 'empty', 'populated'] },
  Dialog: { purpose: 'Short focused tasks without leaving the page', variants: ['default', 'form'], level: 'organism', states: ['open', 'closed', 'submitting'] },
  AlertDialog: { purpose: 'Confirms destructive or irreversible actions', variants: ['destructive confirm'], level: 'organism', states: ['open', 'closed', 'confirming'] },
  Sheet: { purpose: 'Side panel: mobile navigation and filters', variants: ['left', 'right', 'bottom'], level: 'organism', states: ['open', 'closed'] },
  Sidebar: { purpose: 'The app shell navigation', variants: ['expanded', 'collapsed to icons', 'Sheet on mobile'], level: 'organism', states: ['default', 'collapsed', 'item active'] },
  Chart: { purpose: 'Dashboard summaries (Recharts, themed by tokens)', variants: ['bar', 'line', 'donut'], level: 'organism', states: ['loading', 'empty', 'populated'] },
};

/** What the app shell adds to every signed-in page. */
export const SHELL_COMPONENTS = ['Sidebar', 'Sheet', 'Breadcrumb', 'Avatar', 'DropdownMenu', 'Sonner'];

export interface LibraryComponent {
  name: string;
  entry: ComponentEntry;
  usedOn: string[];
}

/** The components the pages and the shell use, atoms first, each with the routes that use it. */
export function componentInventory(pages: PagePlan[]): LibraryComponent[] {
  const usedOn = new Map<string, string[]>();
  const shellRoutes = pages.filter((p) => p.layout.startsWith('app-shell')).map((p) => p.route);
  for (const page of pages) for (const name of page.components) usedOn.set(name, [...(usedOn.get(name) ?? []), page.route]);
  if (shellRoutes.length) for (const name of SHELL_COMPONENTS) usedOn.set(name, [...new Set([...(usedOn.get(name) ?? []), 'app shell'])]);
  const levels: AtomicLevel[] = ['atom', 'molecule', 'organism'];
  return Object.entries(SHADCN_CATALOGUE)
    .filter(([name]) => usedOn.has(name))
    .sort(([, a], [, b]) => levels.indexOf(a.level) - levels.indexOf(b.level))
    .map(([name, entry]) => ({ name, entry, usedOn: usedOn.get(name) ?? [] }));
}

export function componentLibrary(inventory: LibraryComponent[]): UxSpec['component_library'] {
  return {
    name: 'shadcn/ui',
    components: inventory.map(({ name, entry }) => ({ name, purpose: entry.purpose, variants: entry.variants })),
  };
}
