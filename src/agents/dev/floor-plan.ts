import { POSITION_COLUMNS } from '../stated-views.js';
import type { Framework } from './framework.js';
import { file } from './source.js';
import type { Column, Table } from './tables.js';

/**
 * The floor plan an idea asks for ("a floor plan of the tables"): each place at its grid column
 * and row (the architect's `position_x`, `position_y`), with its state now: booked or free today
 * from the rows that book it, or its own status. Placing comes from `lib/floor-plan.ts`, which
 * its own test checks.
 */

/** The grid columns of a table laid out on a floor plan, when it has both. */
export function positionColumns(table: Table): { x: Column; y: Column } | undefined {
  const find = (name: string) => table.columns.find((column) => column.name === name && column.input === 'number');
  const x = find(POSITION_COLUMNS.x);
  const y = find(POSITION_COLUMNS.y);
  return x && y ? { x, y } : undefined;
}

/** `lib/floor-plan.ts`: where each place goes, and what its day looks like. */
export const FLOOR_PLAN_SOURCE = `import { localDay } from './agenda';

export interface Place<T> {
  row: T;
  /** Grid column and row, from 0 at the top left. */
  x: number;
  y: number;
  /** False for a place without a position of its own, put in the first free cell. */
  positioned: boolean;
}

export interface FloorPlan<T> {
  places: Place<T>[];
  columns: number;
  rows: number;
}

export interface Position {
  x: number | null | undefined;
  y: number | null | undefined;
}

/** The widest a plan gets when places have no positions yet. */
const FREE_COLUMNS = 6;

/**
 * Places at their cells; a place without a position, or on a cell another place already holds,
 * goes to the first free cell, row by row.
 */
export function layOut<T>(rows: readonly T[], positionOf: (row: T) => Position): FloorPlan<T> {
  const taken = new Set<string>();
  const places: Place<T>[] = [];
  const waiting: T[] = [];
  for (const row of rows) {
    const { x, y } = positionOf(row);
    const cell = \`\${x},\${y}\`;
    if (x == null || y == null || x < 0 || y < 0 || taken.has(cell)) {
      waiting.push(row);
      continue;
    }
    taken.add(cell);
    places.push({ row, x, y, positioned: true });
  }
  const columns = Math.max(1, ...places.map((place) => place.x + 1), Math.min(FREE_COLUMNS, Math.ceil(Math.sqrt(rows.length))));
  for (let index = 0; waiting.length > 0; index++) {
    const x = index % columns;
    const y = Math.floor(index / columns);
    if (taken.has(\`\${x},\${y}\`)) continue;
    taken.add(\`\${x},\${y}\`);
    places.push({ row: waiting.shift() as T, x, y, positioned: false });
  }
  return { places, columns, rows: Math.max(1, ...places.map((place) => place.y + 1)) };
}

export interface PlaceState {
  /** Taken, booked or in use now. */
  busy: boolean;
  label: string;
}

/** A place's day from the dates of the rows that book it: "Booked today: 09:30, 14:00", or "Free today". */
export function dayState(values: ReadonlyArray<string | null | undefined>, today: string, withTime: boolean): PlaceState {
  const todays = values.filter((value): value is string => !!value && localDay(value) === today).sort((a, b) => new Date(a).getTime() - new Date(b).getTime());
  if (todays.length === 0) return { busy: false, label: 'Free today' };
  if (!withTime) return { busy: true, label: 'Booked today' };
  const times = todays.map((value) => new Date(value).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
  return { busy: true, label: \`Booked today: \${times.join(', ')}\` };
}
`;

/** `lib/floor-plan.test.ts`. */
export const FLOOR_PLAN_TEST = `import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayState, layOut } from './floor-plan';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('layOut', () => {
  it('puts places at their cells and the others in the first free cells', () => {
    const rows = [
      { name: 'A', x: 2, y: 1 },
      { name: 'B', x: null, y: null },
      { name: 'C', x: 0, y: 0 },
      { name: 'D', x: 0, y: 0 },
    ];
    const plan = layOut(rows, (row) => ({ x: row.x, y: row.y }));
    const at = Object.fromEntries(plan.places.map((place) => [place.row.name, [place.x, place.y, place.positioned]]));
    expect(at).toEqual({ A: [2, 1, true], C: [0, 0, true], B: [1, 0, false], D: [2, 0, false] });
    expect(plan.columns).toBe(3);
    expect(plan.rows).toBe(2);
  });

  it('lays out places without positions in a square-ish grid', () => {
    const plan = layOut(Array.from({ length: 9 }, (_, index) => index), () => ({ x: null, y: null }));
    expect([plan.columns, plan.rows]).toEqual([3, 3]);
    expect(plan.places.every((place) => !place.positioned)).toBe(true);
  });
});

describe('dayState', () => {
  it('is booked with the times of today, in the reader\\'s time zone, and free otherwise', () => {
    vi.stubEnv('TZ', 'America/New_York');
    // 01:00 UTC on the 30th is the evening of the 29th in New York.
    const values = ['2026-03-30T01:00:00Z', '2026-03-29T13:30:00Z', '2026-03-31T13:30:00Z', null];
    const state = dayState(values, '2026-03-29', true);
    expect(state.busy).toBe(true);
    expect(state.label).toMatch(/^Booked today: 0?9:30\\s?AM, 0?9:00\\s?PM$|^Booked today: 09:30, 21:00$/);
    expect(dayState(values, '2026-04-01', true)).toEqual({ busy: false, label: 'Free today' });
    expect(dayState(['2026-04-01'], '2026-04-01', false)).toEqual({ busy: true, label: 'Booked today' });
  });
});
`;

/** `components/views/FloorPlanView.tsx`: places on a grid, each with its state. */
export function renderFloorPlanView(framework: Framework): string {
  return file(
    framework.directive,
    `import type { ReactNode } from 'react';
import { layOut, type PlaceState, type Position } from '@/lib/floor-plan';
import { cn } from '@/lib/utils';`,
    `interface FloorPlanViewProps<T> {
  rows: readonly T[];
  positionOf: (row: T) => Position;
  keyOf: (row: T) => string | number;
  /** What a place shows: its name, linked to its page. */
  renderPlace: (row: T) => ReactNode;
  /** The place's state now, when the app knows it. */
  stateOf?: (row: T) => PlaceState | undefined;
}

/** The places where they stand, a cell of the grid each, with their state. */
export function FloorPlanView<T>({ rows, positionOf, keyOf, renderPlace, stateOf }: FloorPlanViewProps<T>) {
  const plan = layOut(rows, positionOf);
  const unplaced = plan.places.filter((place) => !place.positioned).length;
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-lg border bg-muted/30 p-3">
        <ul
          aria-label="Floor plan"
          className="grid gap-3"
          style={{ gridTemplateColumns: \`repeat(\${plan.columns}, minmax(8rem, 1fr))\`, gridTemplateRows: \`repeat(\${plan.rows}, minmax(5rem, auto))\` }}
        >
          {plan.places.map(({ row, x, y }) => {
            const state = stateOf?.(row);
            return (
              <li
                key={keyOf(row)}
                style={{ gridColumn: x + 1, gridRow: y + 1 }}
                className={cn('flex flex-col justify-between gap-2 rounded-md border bg-card p-3 text-card-foreground shadow-xs', state?.busy && 'border-primary')}
              >
                <div className="font-medium">{renderPlace(row)}</div>
                {state ? (
                  <span className={cn('w-fit rounded px-2 py-0.5 text-xs', state.busy ? 'bg-primary text-primary-foreground' : 'bg-secondary text-secondary-foreground')}>
                    {state.label}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
      {unplaced > 0 ? (
        <p className="text-sm text-muted-foreground">{unplaced === 1 ? 'One place has' : \`\${unplaced} places have\`} no position yet: set its column and row on its form.</p>
      ) : null}
    </div>
  );
}`,
  );
}
