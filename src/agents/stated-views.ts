import type { FeatureSpec } from './model.js';
import { pluralName, singularName, snake } from './naming.js';

/**
 * The screens an idea names beyond lists and forms (a calendar of bookings, a floor plan of the
 * tables, a kanban board, a dashboard with revenue per month), read from the product model's
 * features. The architect gives the tables what these views need (positions, a status, a date);
 * the developer draws them. Both read them here, so that they agree.
 */

export type StatedViewKind = 'calendar' | 'floor_plan' | 'board' | 'dashboard';

/** A figure a dashboard is asked for: "revenue per month" → measure "revenue", per "month". */
export interface StatedFigure {
  measure: string;
  per: string;
}

export interface StatedView {
  kind: StatedViewKind;
  /** The feature's words: "see floor plan of tables". */
  text: string;
  /** The entity the view shows (singular snake_case), when the feature names one. */
  entity: string | undefined;
  /** Dashboards: the figures the feature names. */
  figures: StatedFigure[];
}

/** Words that name each kind of view, most specific first ("pipeline dashboard" is a dashboard). */
const VIEW_KINDS: Array<{ kind: StatedViewKind; pattern: RegExp }> = [
  { kind: 'floor_plan', pattern: /\b(floor[\s-]?plans?|seating (plan|chart)s?|room layouts?|table layouts?|site plans?)\b/ },
  { kind: 'calendar', pattern: /\b(calendars?|month view|week view|timetables?)\b/ },
  { kind: 'dashboard', pattern: /\b(dashboards?|charts?|graphs?|reports?|statistics|stats|analytics)\b/ },
  { kind: 'board', pattern: /\b(kanban|boards?|pipelines?)\b/ },
];

/** "monthly revenue" says "per month" in one word. */
const PERIOD_ADJECTIVES: Record<string, string> = { daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year', annual: 'year' };

/** Words that end a figure's measure on its left: "dashboard with revenue per month". */
const MEASURE_START = new Set(['with', 'of', 'and', 'showing', 'shows', 'show', 'see', 'dashboard', 'dashboards', 'chart', 'charts', 'graph', 'report', 'reports', 'by', 'for', 'the', 'a', 'an']);

/** The periods a figure may be counted per. */
export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export function isPeriod(word: string): word is Period {
  return (PERIODS as readonly string[]).includes(word);
}

/** Enum columns whose values are the lanes of a board. */
export const LANE_NAMES = /(^|_)(status|stage|state|phase|lane)$/;

/** The columns a floor plan places its rows by: the grid column and row, from the top left. */
export const POSITION_COLUMNS = { x: 'position_x', y: 'position_y' } as const;

/** The views the features state, for the given entities; deferred features state none. */
export function statedViews(features: readonly FeatureSpec[], entities: readonly string[]): StatedView[] {
  const views: StatedView[] = [];
  for (const feature of features) {
    if (feature.priority === 'wont') continue;
    const text = feature.text.toLowerCase();
    const kind = VIEW_KINDS.find((candidate) => candidate.pattern.test(text))?.kind;
    if (!kind) continue;
    const entity = feature.entities.map(snake).find((name) => entities.includes(name)) ?? entityNamedIn(text, entities);
    const figures = kind === 'dashboard' ? figuresIn(text) : [];
    if (views.some((view) => view.kind === kind && view.entity === entity && figures.length === 0)) continue;
    views.push({ kind, text: feature.text, entity, figures });
  }
  return views;
}

/** An entity the words name, singular or plural: "floor plan of tables" → table. */
function entityNamedIn(text: string, entities: readonly string[]): string | undefined {
  const spoken = ` ${text.replace(/[^a-z0-9]+/g, ' ')} `;
  return entities.find((entity) => {
    const words = entity.replace(/_/g, ' ');
    return spoken.includes(` ${words} `) || spoken.includes(` ${pluralName(entity).replace(/_/g, ' ')} `);
  });
}

/** "revenue per month and bookings per week", "monthly revenue", "totals by stage". */
export function figuresIn(text: string): StatedFigure[] {
  const words = text.toLowerCase().replace(/[^a-z0-9 -]+/g, ' ').split(/\s+/).filter(Boolean);
  const figures: StatedFigure[] = [];
  const add = (measure: string[], per: string | undefined) => {
    if (measure.length === 0 || !per) return;
    const figure = { measure: measure.join(' '), per: singularName(per) };
    if (!figures.some((known) => known.measure === figure.measure && known.per === figure.per)) figures.push(figure);
  };
  words.forEach((word, index) => {
    if (word === 'per' || (word === 'by' && index > 0 && !MEASURE_START.has(words[index - 1]!))) {
      add(measureBefore(words, index), words[index + 1]);
    }
    const period = PERIOD_ADJECTIVES[word];
    if (period) add(measureAfter(words, index + 1), period);
  });
  return figures.slice(0, 6);
}

/** The words before `end` back to the word that starts the measure (at most three). */
function measureBefore(words: readonly string[], end: number): string[] {
  const measure: string[] = [];
  for (let at = end - 1; at >= 0 && measure.length < 3; at--) {
    const word = words[at]!;
    if (MEASURE_START.has(word) || word === 'per') break;
    measure.unshift(word);
  }
  return measure;
}

/** The words from `start` up to the next word that ends a measure (at most three): "monthly revenue and …" → revenue. */
function measureAfter(words: readonly string[], start: number): string[] {
  const measure: string[] = [];
  for (let at = start; at < words.length && measure.length < 3; at++) {
    const word = words[at]!;
    if (MEASURE_START.has(word) || word === 'per' || PERIOD_ADJECTIVES[word]) break;
    measure.push(word);
  }
  return measure;
}
