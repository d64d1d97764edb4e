import { capitalize, singularName, snake } from '../naming.js';
import { isPeriod, type Period, type StatedFigure, type StatedView } from '../stated-views.js';
import type { Column, Table } from './tables.js';
import { dateColumn, moneyColumn } from './views.js';

/**
 * The figures a dashboard is asked for, resolved against the tables: "revenue per month" is the
 * sum of an amount of money per month of its rows' date; "bookings per week" counts bookings per
 * week; "totals per stage" adds up each value of a stage. A figure nothing answers is left out.
 */
export interface DashboardFigure {
  /** "Revenue per month". */
  title: string;
  table: Table;
  /** The number added up; undefined counts rows. */
  value: Column | undefined;
  /** What rows are grouped by: the period of a date, or the values of an enum. */
  by: { kind: 'period'; period: Period; column: Column } | { kind: 'enum'; column: Column };
}

/** Words for an amount of money earned or spent. */
const MONEY_WORDS = /\b(revenue|sales|income|earnings|turnover|takings|spend|spending|spent|amounts?|values?|totals?|money|profit)\b/;

export function dashboardFigures(views: readonly StatedView[], tables: readonly Table[]): DashboardFigure[] {
  const figures: DashboardFigure[] = [];
  for (const view of views) {
    if (view.kind !== 'dashboard') continue;
    const named = view.entity ? tables.find((table) => singularName(table.name) === singularName(view.entity!)) : undefined;
    for (const stated of view.figures) {
      const figure = resolve(stated, named, tables);
      if (figure && !figures.some((known) => known.title === figure.title)) figures.push(figure);
    }
  }
  return figures.slice(0, 6);
}

function resolve(stated: StatedFigure, named: Table | undefined, tables: readonly Table[]): DashboardFigure | undefined {
  const title = capitalize(`${stated.measure} per ${stated.per}`);
  const measured = tableNamedIn(stated.measure, tables);
  const money = MONEY_WORDS.test(stated.measure);
  // The tables that could answer, the likeliest first: the one the measure names, the feature's, then any.
  const candidates = [...new Set([measured, named, ...tables].filter((table): table is Table => table !== undefined))];
  // Rows by the date they happen on (a booking's start) before rows by when they were entered.
  for (const [table, entered] of [...candidates.map((table) => [table, false] as const), ...candidates.map((table) => [table, true] as const)]) {
    const by = groupingOf(stated.per, table, entered);
    if (!by) continue;
    const column = columnNamedIn(stated.measure, table);
    if (column) return { title, table, value: column, by };
    if (money) {
      const amount = moneyColumn(table);
      if (amount) return { title, table, value: amount, by };
      continue;
    }
    if (table === measured || (table === named && !measured)) return { title, table, value: undefined, by };
  }
  return undefined;
}

/** Per month → the date the rows happen on (else when they were made); per stage → the stage's values. */
function groupingOf(per: string, table: Table, entered: boolean): DashboardFigure['by'] | undefined {
  if (isPeriod(per)) {
    const column = entered ? table.columns.find((candidate) => candidate.name === 'created_at') : dateColumn(table);
    return column ? { kind: 'period', period: per, column } : undefined;
  }
  const column = columnNamedIn(per, table, (candidate) => candidate.input === 'enum' && candidate.enumName !== undefined);
  return column ? { kind: 'enum', column } : undefined;
}

function tableNamedIn(words: string, tables: readonly Table[]): Table | undefined {
  const said = snake(words);
  return tables.find((table) => said === table.name || said === singularName(table.name) || said.endsWith(`_${table.name}`));
}

/** A number column (or, with `fits`, another kind) the words name: "hours" → hours, "deal value" → value. */
function columnNamedIn(words: string, table: Table, fits: (column: Column) => boolean = (column) => column.input === 'number' && !column.references): Column | undefined {
  const said = snake(words).split('_');
  return table.columns.find((column) => {
    if (!fits(column) || column.system) return false;
    const name = column.name.split('_');
    // A floor plan's grid cell is no figure.
    return !column.name.startsWith('position_') && said.some((word) => name.includes(word) || name.includes(singularName(word)));
  });
}

/** `components/views/FigureBars.tsx`: a figure's groups as a table with a bar per row. */
export function renderFigureBars(directive: string): string {
  return `${directive ? `${directive}\n\n` : ''}import type { Group } from '@/lib/figures';

interface FigureBarsProps {
  title: string;
  groups: readonly Group[];
  labelOf: (key: string) => string;
  format: (value: number) => string;
}

/** One row per group: its name, a bar as long as its share of the largest, and its value. */
export function FigureBars({ title, groups, labelOf, format }: FigureBarsProps) {
  if (groups.length === 0) return <p className="text-sm text-muted-foreground">No figures yet.</p>;
  const largest = Math.max(...groups.map((group) => Math.abs(group.value)), 1);
  return (
    <table aria-label={title} className="w-full text-sm">
      <tbody>
        {groups.map((group) => (
          <tr key={group.key} className="border-t first:border-t-0">
            <th scope="row" className="w-1/3 py-1 pr-2 text-left font-normal">
              {labelOf(group.key)}
            </th>
            <td className="py-1" aria-hidden="true">
              <div className="h-2 rounded bg-primary" style={{ width: \`\${(Math.abs(group.value) / largest) * 100}%\` }} />
            </td>
            <td className="w-1/4 py-1 pl-2 text-right tabular-nums">{format(group.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
`;
}
