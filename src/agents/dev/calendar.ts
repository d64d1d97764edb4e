import type { Framework } from './framework.js';
import { file } from './source.js';

/**
 * The month calendar an idea asks for ("a calendar of bookings"): weeks from Monday to Sunday,
 * each day with its rows, and buttons to the month before and after. The days come from
 * `lib/calendar.ts`, which its own test checks; rows fall on their local day (`lib/agenda.ts`).
 */

/** `lib/calendar.ts`: the weeks of a month, and where a calendar opens. */
export const CALENDAR_SOURCE = `import { localDay } from './agenda';

export interface CalendarDay {
  /** \`2026-03-29\`. */
  day: string;
  /** False for the days of the month before and after that fill the first and last week. */
  inMonth: boolean;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** \`2026-03\` of a day (\`2026-03-29\`). */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The month \`by\` months after (or before, when negative) \`2026-03\`. */
export function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) + by;
  return \`\${Math.floor(index / 12)}-\${pad((index % 12) + 1)}\`;
}

/** The weeks that show a month, Monday first, with the days before and after it that complete them. */
export function monthWeeks(month: string): CalendarDay[][] {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const first = new Date(year, number - 1, 1);
  // getDay() is 0 on Sunday: the Monday on or before the first of the month.
  const start = new Date(year, number - 1, 1 - ((first.getDay() + 6) % 7));
  const weeks: CalendarDay[][] = [];
  for (let cursor = start; weeks.length === 0 || cursor.getMonth() === number - 1; ) {
    const week: CalendarDay[] = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      week.push({ day: \`\${cursor.getFullYear()}-\${pad(cursor.getMonth() + 1)}-\${pad(cursor.getDate())}\`, inMonth: cursor.getMonth() === number - 1 });
      cursor = new Date(cursor.getFullYear(), cursor.getMonth(), cursor.getDate() + 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** The month a calendar opens on: the next one with a row from today, else the last with a row, else this one. */
export function openingMonth(values: ReadonlyArray<string | null | undefined>, today: string): string {
  const days = values.flatMap((value) => (value ? [localDay(value)] : [])).filter(Boolean).sort();
  const next = days.find((day) => day >= today);
  return monthOf(next ?? days.at(-1) ?? today);
}

/** \`2026-03\` → "March 2026" in the reader's language. */
export function formatMonth(month: string): string {
  return new Date(\`\${month}-01T00:00:00\`).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
}
`;

/** `lib/calendar.test.ts`. */
export const CALENDAR_TEST = `import { afterEach, describe, expect, it, vi } from 'vitest';
import { monthWeeks, openingMonth, shiftMonth } from './calendar';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('monthWeeks', () => {
  it('shows March 2026 in six weeks from Monday 23 February to Sunday 5 April', () => {
    const weeks = monthWeeks('2026-03');
    expect(weeks).toHaveLength(6);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(weeks[0]?.[0]).toEqual({ day: '2026-02-23', inMonth: false });
    expect(weeks[0]?.[6]).toEqual({ day: '2026-03-01', inMonth: true });
    expect(weeks[5]?.[6]).toEqual({ day: '2026-04-05', inMonth: false });
    expect(weeks.flat().filter((day) => day.inMonth)).toHaveLength(31);
  });

  it('needs only four weeks for a February that starts on a Monday', () => {
    expect(monthWeeks('2027-02').map((week) => week[0]?.day)).toEqual(['2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22']);
  });

  it('keeps every day once across a change to summer time', () => {
    vi.stubEnv('TZ', 'Europe/Berlin');
    const days = monthWeeks('2026-03').flat().map((day) => day.day);
    expect(new Set(days).size).toBe(days.length);
    expect(days).toContain('2026-03-29');
  });
});

describe('shiftMonth', () => {
  it('crosses years both ways', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-03', 0)).toBe('2026-03');
  });
});

describe('openingMonth', () => {
  it('opens on the next month with a row, else the last one, else today', () => {
    vi.stubEnv('TZ', 'UTC');
    expect(openingMonth(['2026-01-10', '2026-05-02T10:00:00Z', null], '2026-03-15')).toBe('2026-05');
    expect(openingMonth(['2026-01-10', '2025-11-02'], '2026-03-15')).toBe('2026-01');
    expect(openingMonth([], '2026-03-15')).toBe('2026-03');
  });
});
`;

/** `components/views/CalendarView.tsx`: a month of weeks, each day with its rows. */
export function renderCalendarView(framework: Framework): string {
  return file(
    framework.directive,
    `import { useState, type ReactNode } from 'react';
import { LucideChevronLeft, LucideChevronRight } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { formatDay, localDay } from '@/lib/agenda';
import { formatMonth, monthWeeks, openingMonth, shiftMonth } from '@/lib/calendar';
import { cn } from '@/lib/utils';`,
    `interface CalendarViewProps<T> {
  rows: readonly T[];
  dateOf: (row: T) => string | null | undefined;
  keyOf: (row: T) => string | number;
  renderItem: (row: T) => ReactNode;
  /** True for timestamps: each row shows its time of day. */
  withTime?: boolean;
}

/** A month at a time, Monday first; a day lists its rows, earliest first. */
export function CalendarView<T>({ rows, dateOf, keyOf, renderItem, withTime = false }: CalendarViewProps<T>) {
  // Read once, when the calendar opens: rendering stays pure.
  const [today] = useState(() => localDay(new Date().toISOString()));
  const [month, setMonth] = useState(() => openingMonth(rows.map(dateOf), today));
  const weeks = monthWeeks(month);
  const byDay = new Map<string, T[]>();
  const sorted = [...rows].sort((a, b) => String(dateOf(a) ?? '').localeCompare(String(dateOf(b) ?? '')));
  for (const row of sorted) {
    const value = dateOf(row);
    if (!value) continue;
    const day = localDay(value);
    byDay.set(day, [...(byDay.get(day) ?? []), row]);
  }
  const weekdays = (weeks[0] ?? []).map(({ day }) => new Date(\`\${day}T00:00:00\`).toLocaleDateString(undefined, { weekday: 'short' }));
  const undated = rows.filter((row) => !dateOf(row)).length;

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{formatMonth(month)}</h2>
        <div className="flex gap-1">
          <Button type="button" variant="outline" size="sm" aria-label="Previous month" onClick={() => setMonth(shiftMonth(month, -1))}>
            <LucideChevronLeft aria-hidden="true" />
          </Button>
          <Button type="button" variant="outline" size="sm" onClick={() => setMonth(openingMonth([], today))}>
            Today
          </Button>
          <Button type="button" variant="outline" size="sm" aria-label="Next month" onClick={() => setMonth(shiftMonth(month, 1))}>
            <LucideChevronRight aria-hidden="true" />
          </Button>
        </div>
      </div>
      <div className="overflow-x-auto">
        <table aria-label={formatMonth(month)} className="w-full min-w-[42rem] table-fixed border-collapse text-sm">
          <thead>
            <tr>
              {weekdays.map((weekday) => (
                <th key={weekday} scope="col" className="py-1 text-left font-medium text-muted-foreground">
                  {weekday}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]?.day}>
                {week.map(({ day, inMonth }) => {
                  const dayRows = byDay.get(day) ?? [];
                  return (
                    <td
                      key={day}
                      aria-label={formatDay(day)}
                      className={cn('h-24 border p-1 align-top', !inMonth && 'bg-muted/40 text-muted-foreground', day === today && 'ring-2 ring-inset ring-primary')}
                    >
                      <span className="text-xs tabular-nums">{Number(day.slice(8))}</span>
                      <ul className="mt-1 space-y-1">
                        {dayRows.map((row) => {
                          const value = dateOf(row);
                          return (
                            <li key={keyOf(row)} className="truncate rounded bg-secondary px-1 py-0.5 text-secondary-foreground">
                              {withTime && value ? (
                                <span className="mr-1 tabular-nums">{new Date(value).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}</span>
                              ) : null}
                              {renderItem(row)}
                            </li>
                          );
                        })}
                      </ul>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {undated > 0 ? <p className="text-sm text-muted-foreground">{undated} without a date (see the table).</p> : null}
    </div>
  );
}`,
  );
}
