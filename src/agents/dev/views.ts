import { LANE_NAMES } from '../stated-views.js';
import type { Framework } from './framework.js';
import { file } from './source.js';
import { isMoney, type Column, type Table } from './tables.js';

/**
 * Views beyond the table of rows, chosen by what the columns hold: a board with a lane per value
 * of a status or stage, an agenda of the rows by day when they have a date, and the dashboard's
 * figures (counts, sums of money, totals per lane).
 */

/** The enum a board's lanes come from: a status, a stage, a state. */
export function boardColumn(table: Table): Column | undefined {
  return table.columns.find((column) => column.input === 'enum' && LANE_NAMES.test(column.name) && (column.enumValues?.length ?? 0) > 1);
}

const WHEN_NAMES = /(^|_)(starts?_at|start|start_time|start_date|scheduled_at|scheduled_for|date|due|due_date|due_at|deadline|when|at|time)$/;

/** The date or time an agenda orders rows by: a start, a due date, a date a person typed. */
export function dateColumn(table: Table): Column | undefined {
  const dated = table.columns.filter((column) => (column.input === 'date' || column.input === 'datetime') && !column.system);
  return dated.find((column) => WHEN_NAMES.test(column.name)) ?? dated[0];
}

/** The first amount of money of a table. */
export function moneyColumn(table: Table): Column | undefined {
  return table.columns.find(isMoney);
}

/** `lib/agenda.ts`: rows by the local day of their date. */
export const AGENDA_SOURCE = `export interface AgendaDay<T> {
  /** \`2026-03-29\` in the reader's time zone; '' for rows without a date. */
  day: string;
  rows: T[];
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** The local calendar day of a stored date (\`2026-03-29\`) or timestamp. */
export function localDay(value: string): string {
  if (/^\\d{4}-\\d{2}-\\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return \`\${date.getFullYear()}-\${pad(date.getMonth() + 1)}-\${pad(date.getDate())}\`;
}

/** Rows grouped by day, earliest first, each day's rows by time; rows without a date last. */
export function groupByDay<T>(rows: readonly T[], dateOf: (row: T) => string | null | undefined): AgendaDay<T>[] {
  const days = new Map<string, T[]>();
  const sorted = [...rows].sort((a, b) => time(dateOf(a)) - time(dateOf(b)));
  for (const row of sorted) {
    const value = dateOf(row);
    const day = value ? localDay(value) : '';
    days.set(day, [...(days.get(day) ?? []), row]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([day, dayRows]) => ({ day, rows: dayRows }));
}

function time(value: string | null | undefined): number {
  if (!value) return Number.POSITIVE_INFINITY;
  const parsed = new Date(/^\\d{4}-\\d{2}-\\d{2}$/.test(value) ? \`\${value}T00:00:00\` : value).getTime();
  return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
}

/** \`2026-03-29\` → "Sunday, 29 March 2026" in the reader's language. */
export function formatDay(day: string): string {
  if (!day) return 'No date';
  return new Date(\`\${day}T00:00:00\`).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
`;

/** `lib/agenda.test.ts`. */
export const AGENDA_TEST = `import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupByDay, localDay } from './agenda';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('groupByDay', () => {
  it('puts a timestamp on the day it falls on where the reader is', () => {
    vi.stubEnv('TZ', 'America/Los_Angeles');
    // 03:00 UTC on the 30th is still the evening of the 29th in California.
    expect(localDay('2026-03-30T03:00:00Z')).toBe('2026-03-29');
    expect(localDay('2026-03-30')).toBe('2026-03-30');
  });

  it('orders days and the rows of a day by time, and keeps rows without a date last', () => {
    vi.stubEnv('TZ', 'UTC');
    const rows = [
      { id: 1, at: '2026-04-02T15:00:00Z' },
      { id: 2, at: null },
      { id: 3, at: '2026-04-01T09:00:00Z' },
      { id: 4, at: '2026-04-02T08:00:00Z' },
    ];
    const days = groupByDay(rows, (row) => row.at);
    expect(days.map((day) => [day.day, day.rows.map((row) => row.id)])).toEqual([
      ['2026-04-01', [3]],
      ['2026-04-02', [4, 1]],
      ['', [2]],
    ]);
  });
});
`;

/** `lib/figures.ts`: the dashboard's sums. */
export const FIGURES_SOURCE = `/** The sum of a number column over rows (empty values count as nothing). */
export function total<T>(rows: readonly T[] | undefined, valueOf: (row: T) => number | null | undefined): number {
  return (rows ?? []).reduce((sum, row) => sum + (valueOf(row) ?? 0), 0);
}

/** An amount with two decimals, grouped the reader's way: 12,345.50. */
export function formatAmount(amount: number): string {
  return amount.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * The period a stored date or timestamp falls in, where the reader is: \`2026-03-29\` (day),
 * the Monday of its week (week), \`2026-03\` (month), \`2026-Q1\` (quarter), \`2026\` (year).
 */
export function periodOf(value: string, period: Period): string {
  const date = new Date(/^\\d{4}-\\d{2}-\\d{2}$/.test(value) ? \`\${value}T00:00:00\` : value);
  if (Number.isNaN(date.getTime())) return '';
  const year = date.getFullYear();
  if (period === 'year') return String(year);
  if (period === 'quarter') return \`\${year}-Q\${Math.floor(date.getMonth() / 3) + 1}\`;
  if (period === 'month') return \`\${year}-\${pad(date.getMonth() + 1)}\`;
  const day = period === 'week' ? new Date(year, date.getMonth(), date.getDate() - ((date.getDay() + 6) % 7)) : date;
  return \`\${day.getFullYear()}-\${pad(day.getMonth() + 1)}-\${pad(day.getDate())}\`;
}

/** A period's name for people: "March 2026", "Week of Mar 23, 2026", "2026 Q1". */
export function formatPeriod(key: string, period: Period): string {
  if (period === 'year' || period === 'quarter') return key.replace('-', ' ');
  if (period === 'month') return new Date(\`\${key}-01T00:00:00\`).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
  const day = new Date(\`\${key}T00:00:00\`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  return period === 'week' ? \`Week of \${day}\` : day;
}

export interface Group {
  key: string;
  value: number;
}

/**
 * Rows added up per key (a month, a stage), in the order of \`keys\` when given (an enum's
 * values, every one shown), else by key; rows without a key are left out.
 */
export function totalsBy<T>(
  rows: readonly T[] | undefined,
  keyOf: (row: T) => string | null | undefined,
  valueOf: (row: T) => number | null | undefined,
  keys?: readonly string[],
): Group[] {
  const totals = new Map<string, number>((keys ?? []).map((key) => [key, 0]));
  for (const row of rows ?? []) {
    const key = keyOf(row);
    if (!key) continue;
    totals.set(key, (totals.get(key) ?? 0) + (valueOf(row) ?? 0));
  }
  const groups = [...totals.entries()].map(([key, value]) => ({ key, value }));
  return keys ? groups : groups.sort((a, b) => a.key.localeCompare(b.key));
}
`;

/** `lib/figures.test.ts`. */
export const FIGURES_TEST = `import { afterEach, describe, expect, it, vi } from 'vitest';
import { periodOf, total, totalsBy } from './figures';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('total', () => {
  it('adds the values, counting empty ones as nothing', () => {
    expect(total([{ value: 10.5 }, { value: null }, { value: 2 }], (row) => row.value)).toBe(12.5);
    expect(total(undefined, () => 1)).toBe(0);
  });
});

describe('periodOf', () => {
  it('puts a timestamp in the day, week, month, quarter and year where the reader is', () => {
    vi.stubEnv('TZ', 'America/New_York');
    // 03:00 UTC on Wednesday 1 April is still Tuesday 31 March in New York.
    const value = '2026-04-01T03:00:00Z';
    expect(periodOf(value, 'day')).toBe('2026-03-31');
    expect(periodOf(value, 'week')).toBe('2026-03-30');
    expect(periodOf(value, 'month')).toBe('2026-03');
    expect(periodOf(value, 'quarter')).toBe('2026-Q1');
    expect(periodOf(value, 'year')).toBe('2026');
    expect(periodOf('2026-03-29', 'week')).toBe('2026-03-23');
    expect(periodOf('not a date', 'month')).toBe('');
  });
});

describe('totalsBy', () => {
  const rows = [
    { month: '2026-04', amount: 10 },
    { month: '2026-03', amount: 5.5 },
    { month: '2026-04', amount: null },
    { month: null, amount: 100 },
  ];

  it('adds up per key, in order, leaving out rows without one', () => {
    expect(totalsBy(rows, (row) => row.month, (row) => row.amount)).toEqual([
      { key: '2026-03', value: 5.5 },
      { key: '2026-04', value: 10 },
    ]);
  });

  it('counts rows, and shows every key it is given, in that order', () => {
    expect(totalsBy(rows, (row) => row.month, () => 1, ['2026-05', '2026-04', '2026-03'])).toEqual([
      { key: '2026-05', value: 0 },
      { key: '2026-04', value: 2 },
      { key: '2026-03', value: 1 },
    ]);
  });
});
`;

/** `components/views/BoardView.tsx`: lanes side by side, a card per row, moved with a select. */
export function renderBoardView(framework: Framework): string {
  return file(
    framework.directive,
    `import type { ReactNode } from 'react';
import { NativeSelect } from '@/components/ui/native-select';
import { formatLabel } from '@/lib/format';`,
    `interface BoardViewProps<T> {
  rows: readonly T[];
  lanes: readonly string[];
  laneOf: (row: T) => string | null;
  keyOf: (row: T) => string | number;
  renderCard: (row: T) => ReactNode;
  /** Moves a row to another lane; without it the board only shows. */
  onMove?: (row: T, lane: string) => void;
  moving?: boolean;
}

/** A lane per value (To do, In progress, Done), each with its rows as cards. */
export function BoardView<T>({ rows, lanes, laneOf, keyOf, renderCard, onMove, moving = false }: BoardViewProps<T>) {
  return (
    <div className="grid gap-4 overflow-x-auto pb-2" style={{ gridTemplateColumns: \`repeat(\${lanes.length}, minmax(14rem, 1fr))\` }}>
      {lanes.map((lane) => {
        const laneRows = rows.filter((row) => laneOf(row) === lane);
        return (
          <section key={lane} aria-label={formatLabel(lane)} className="space-y-3 rounded-lg bg-muted p-3">
            <h2 className="flex items-center justify-between text-sm font-semibold">
              {formatLabel(lane)}
              <span className="text-muted-foreground">{laneRows.length}</span>
            </h2>
            {laneRows.length === 0 ? <p className="text-sm text-muted-foreground">None</p> : null}
            <ul className="space-y-2">
              {laneRows.map((row) => (
                <li key={keyOf(row)} className="space-y-2 rounded-md border bg-card p-3 text-card-foreground shadow-xs">
                  {renderCard(row)}
                  {onMove ? (
                    <NativeSelect
                      aria-label="Move to"
                      value={lane}
                      disabled={moving}
                      onChange={(event) => onMove(row, event.target.value)}
                    >
                      {lanes.map((option) => (
                        <option key={option} value={option}>
                          {formatLabel(option)}
                        </option>
                      ))}
                    </NativeSelect>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}`,
  );
}

/** `components/views/AgendaView.tsx`: rows by day, with the time of day when the column has one. */
export function renderAgendaView(framework: Framework): string {
  return file(
    framework.directive,
    `import type { ReactNode } from 'react';
import { formatDay, groupByDay } from '@/lib/agenda';`,
    `interface AgendaViewProps<T> {
  rows: readonly T[];
  dateOf: (row: T) => string | null | undefined;
  keyOf: (row: T) => string | number;
  renderItem: (row: T) => ReactNode;
  /** True for timestamps: each row shows its time of day. */
  withTime?: boolean;
}

/** The rows of each day under the day's name, earliest first. */
export function AgendaView<T>({ rows, dateOf, keyOf, renderItem, withTime = false }: AgendaViewProps<T>) {
  const days = groupByDay(rows, dateOf);
  return (
    <div className="space-y-6">
      {days.map(({ day, rows: dayRows }) => (
        <section key={day || 'none'} aria-label={formatDay(day)} className="space-y-2">
          <h2 className="text-sm font-semibold">{formatDay(day)}</h2>
          <ul className="divide-y rounded-lg border">
            {dayRows.map((row) => {
              const value = dateOf(row);
              return (
                <li key={keyOf(row)} className="flex items-baseline gap-4 px-4 py-3">
                  {withTime ? (
                    <span className="w-16 shrink-0 text-sm tabular-nums text-muted-foreground">
                      {value ? new Date(value).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : ''}
                    </span>
                  ) : null}
                  <div className="min-w-0 flex-1">{renderItem(row)}</div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}`,
  );
}
