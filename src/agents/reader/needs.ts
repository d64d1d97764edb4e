import type { NfrCategory } from '../../contract/index.js';
import type { NeedSpec } from '../model.js';
import { hasPhrase } from './phrase.js';

/**
 * Non-functional needs and hard constraints the spec states, split at "and" so that "It must work
 * well on mobile and be accessible" gives a usability need and an accessibility need, plus the
 * baseline every product gets.
 */
const NEED_WORDS: Array<[NfrCategory, string[]]> = [
  ['performance', ['fast', 'quick', 'quickly', 'speed', 'performance', 'performant', 'latency', 'load time', 'snappy']],
  ['accessibility', ['accessible', 'accessibility', 'wcag', 'screen reader', 'screen readers', 'a11y', 'keyboard navigation']],
  ['security', ['secure', 'security', 'encrypted', 'encryption', '2fa', 'two-factor', 'mfa', 'audit log', 'audit trail', 'permissions']],
  ['privacy', ['privacy', 'gdpr', 'ccpa', 'personal data', 'anonymous', 'anonymised', 'anonymized', 'consent']],
  ['compliance', ['compliant', 'compliance', 'hipaa', 'soc 2', 'soc2', 'pci', 'iso 27001', 'regulation', 'regulations']],
  ['internationalization', ['multilingual', 'languages', 'translated', 'translation', 'translations', 'i18n', 'localized', 'localised', 'currencies', 'right-to-left', 'rtl',
    'spanish', 'french', 'german', 'portuguese', 'italian', 'japanese', 'chinese', 'arabic', 'dutch', 'hindi', 'polish']],
  ['usability', ['mobile', 'mobile-friendly', 'responsive', 'easy to use', 'intuitive', 'simple to use', 'tablet', 'tablets']],
  ['compatibility', ['search engines', 'seo', 'browsers', 'browser', 'ios', 'android', 'phones', 'smartphones', 'desktop']],
  ['offline', ['offline', 'without internet', 'no connection', 'poor connection', 'no signal']],
  ['reliability', ['uptime', 'reliable', 'reliability', 'always available', '24/7', 'backups', 'backup', 'no data loss']],
  ['scalability', ['scalable', 'scalability', 'thousands of', 'millions of', 'high traffic']],
  ['observability', ['monitoring', 'logging', 'observability', 'error tracking']],
  ['maintainability', ['maintainable', 'maintainability', 'well documented', 'easy to extend']],
];

const DEFAULT_NEEDS: NeedSpec[] = [
  { category: 'security', text: 'Row level security on every table: people read and change only the rows their role allows', source: 'default' },
  { category: 'accessibility', text: 'WCAG 2.1 AA: keyboard access, visible focus, labelled controls and 4.5:1 text contrast', source: 'default' },
  { category: 'performance', text: 'Pages interactive within 2 seconds on a mid-range phone; long lists paginated', source: 'default' },
];

/** Sentences that bind the build rather than describe the product. */
const CONSTRAINT_PATTERNS = [
  /\b(must|has to|have to|should|needs? to)\s+(use|be built (on|with|in)|run on|be hosted|integrate with|stay on|be deployed)\b/i,
  /\bno (native|mobile|desktop) apps?\b/i,
  /\b(budget|deadline|launch by|within \d+ (days|weeks|months))\b/i,
  /\b(self-hosted|on-premises?|open[- ]source only|without (a )?backend)\b/i,
  /\b(must not|mustn't|cannot|can't|should not|shouldn't) (use|depend|store|require)\b/i,
];

export function readNeeds(sentences: string[]): NeedSpec[] {
  const needs: NeedSpec[] = [];
  for (const s of sentences) {
    const lowerSentence = s.toLowerCase();
    if (!NEED_WORDS.some(([, words]) => words.some((w) => lowerSentence.includes(w)))) continue;
    const parts = s.split(/,?\s+and\s+(?=(?:be|is|are|must|should|work|load|rank|run|look|feel|support|stay|keep)\b)|;\s*/i);
    const lowerParts = parts.map((p) => p.toLowerCase());
    for (const [category, words] of NEED_WORDS) {
      const at = lowerParts.findIndex((p) => words.some((w) => hasPhrase(p, w)));
      const part = parts[at] ?? (words.some((w) => hasPhrase(lowerSentence, w)) ? s : null);
      if (!part) continue;
      const text = part.trim().replace(/[.;,]+$/, '');
      if (!needs.some((n) => n.category === category && n.text === text)) needs.push({ category, text, source: 'stated' });
    }
  }
  return withBaseline(needs);
}

/** The needs stated, plus the baseline every product gets for the categories they leave out. */
export function withBaseline(stated: NeedSpec[]): NeedSpec[] {
  const needs = [...stated];
  for (const need of DEFAULT_NEEDS) if (!needs.some((n) => n.category === need.category)) needs.push(need);
  return needs;
}

export function readConstraints(sentences: string[]): string[] {
  return sentences.filter((s) => CONSTRAINT_PATTERNS.some((p) => p.test(s))).map((s) => s.trim().replace(/[.;]+$/, ''));
}
