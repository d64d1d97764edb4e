import type { DesignTokens, Requirements } from '../../contract/index.js';
import type { ProductModel } from '../model.js';
import type { NonTextCheck } from './contrast.js';

export interface AccessibilityItem {
  requirement: string;
  /** How it is verified: tool, test or manual check. */
  test: string;
  source: 'wcag' | 'client' | 'spec';
}

/**
 * WCAG 2.1 AA items that a shadcn/ui + React Router app must meet, with the check for each,
 * followed by what the client and the spec asked for.
 */
export function accessibilityItems(
  checks: DesignTokens['contrast'],
  nonText: NonTextCheck[],
  model: ProductModel,
  clientRequirements: string[] = [],
  requirements?: Requirements,
): AccessibilityItem[] {
  const adjusted = checks.filter((c) => c.adjusted).length;
  const lowest = Math.min(...checks.map((c) => c.ratio));
  const items: AccessibilityItem[] = [
    {
      requirement: `1.4.3 Text contrast at least 4.5:1 in light and dark modes (${checks.length} token pairs checked, lowest ${lowest.toFixed(2)}:1, ${adjusted} corrected)`,
      test: 'Ratios computed from the tokens (table below) and re-checked by axe-core on every page in both themes',
      source: 'wcag',
    },
    {
      requirement: `1.4.11 Focus ring and input borders at least 3:1 against the page (${nonText.length} checks, lowest ${Math.min(...nonText.map((c) => c.ratio)).toFixed(2)}:1)`,
      test: 'Computed from the tokens; visual review of focus states',
      source: 'wcag',
    },
    { requirement: '2.1.1 Everything works with a keyboard; no keyboard traps', test: 'Manual keyboard walkthrough of every user flow (Tab, Shift+Tab, Enter, Space, Esc, arrows)', source: 'wcag' },
    { requirement: '2.4.7 A visible focus indicator (the ring token) on every focusable element', test: 'Keyboard walkthrough; focus-visible styles asserted in component tests', source: 'wcag' },
    { requirement: '2.4.1 A "Skip to main content" link in the app shell; landmarks header, nav, main', test: 'axe-core landmark rules; keyboard check of the skip link', source: 'wcag' },
    { requirement: '2.4.2 Each route sets a unique document title; one h1 per page', test: 'Router test asserting document.title per route', source: 'wcag' },
    { requirement: '2.4.3 Dialog, AlertDialog, Sheet and DropdownMenu move focus in and return it on close', test: 'Testing Library: focus assertions on open and close', source: 'wcag' },
    { requirement: '1.3.1 / 3.3.2 Every field has a visible Label tied to it; required fields are marked in text', test: 'axe-core label rules; Testing Library getByLabelText for every form field', source: 'wcag' },
    { requirement: '3.3.1 / 3.3.3 Errors are described in text next to the field (aria-invalid, aria-describedby) with a fix', test: 'Form tests submitting invalid data and reading the messages', source: 'wcag' },
    { requirement: '1.4.1 Colour is never the only signal: status Badges carry text, errors carry icons and words', test: 'Design review in greyscale', source: 'wcag' },
    { requirement: '4.1.3 Toasts and async results are announced (aria-live polite; errors assertive)', test: 'Screen reader check (VoiceOver, NVDA) of create, edit and delete flows', source: 'wcag' },
    { requirement: '1.1.1 Images have alt text; decorative lucide-react icons are aria-hidden; icon-only buttons have an aria-label', test: 'axe-core image and button-name rules', source: 'wcag' },
    { requirement: '1.4.10 / 1.4.4 Content reflows at 320px width and at 200% zoom without loss', test: 'Playwright at 320px viewport and 200% zoom', source: 'wcag' },
    { requirement: '2.5.8 Touch targets at least 24×24px (44×44px for primary actions on mobile)', test: 'Design review of the component sizes', source: 'wcag' },
    { requirement: '2.3.3 Motion respects prefers-reduced-motion', test: 'Playwright with reduced motion emulated: no transitions', source: 'wcag' },
    { requirement: '3.1.1 The page language is set (<html lang>)', test: 'axe-core html-has-lang rule', source: 'wcag' },
  ];
  for (const need of model.needs) {
    if (need.category === 'accessibility' && need.source === 'stated') {
      items.push({ requirement: `From the spec: ${need.text}`, test: 'Covered by the WCAG 2.1 AA checks above', source: 'spec' });
    }
  }
  for (const nfr of requirements?.non_functional ?? []) {
    if (nfr.category === 'accessibility') items.push({ requirement: `${nfr.id}: ${nfr.description}`, test: 'Covered by the WCAG 2.1 AA checks above', source: 'spec' });
  }
  for (const requirement of clientRequirements) {
    items.push({ requirement: `Client requirement: ${requirement}`, test: testFor(requirement), source: 'client' });
  }
  return items;
}

/** How a client's own requirement is checked, from what it talks about. */
function testFor(requirement: string): string {
  const text = requirement.toLowerCase();
  if (/screen ?reader|aria|voiceover|nvda|jaws/.test(text)) return 'Screen reader walkthrough (VoiceOver and NVDA) of every user flow';
  if (/keyboard/.test(text)) return 'Keyboard-only walkthrough of every user flow';
  if (/contrast|colou?r/.test(text)) return 'Token contrast table and axe-core colour-contrast rule';
  if (/aaa/.test(text)) return 'axe-core with AAA rules enabled; 7:1 contrast checked by hand for body text';
  if (/motion|animation/.test(text)) return 'Playwright with reduced motion emulated';
  if (/zoom|font size|text size/.test(text)) return 'Browser zoom to 200% and text-only zoom';
  return 'Reviewed against the acceptance criteria of the stories it touches';
}
