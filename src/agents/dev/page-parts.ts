import type { UserFlow } from '../../contract/index.js';
import type { StatedView } from '../stated-views.js';
import type { Framework } from './framework.js';
import type { LandingCopy } from './landing.js';
import type { SignUpRoles } from './roles.js';
import type { AppPage, AppRoutes } from './routes.js';
import { type Imports, jsxText } from './source.js';
import { access, enumText, isMoney, type Column, type DataModel, type Table } from './tables.js';

/** What every page renderer works from, and the pieces pages share. */
export interface PageContext {
  framework: Framework;
  routes: AppRoutes;
  model: DataModel;
  productName: string;
  summary: string;
  flows: UserFlow[];
  signUp: SignUpRoles | undefined;
  landing: LandingCopy;
  /** The views the idea states (a calendar, a floor plan, a board, dashboard figures). */
  views: StatedView[];
}

export const LOADING = '<p className="text-muted-foreground">Loading…</p>';

export function heading(page: AppPage, pad = 6): string {
  const inner = ' '.repeat(pad + 2);
  const purpose = page.purpose ? `\n${inner}<p className="text-muted-foreground">${jsxText(page.purpose)}</p>` : '';
  return `<div>\n${inner}<h1>${jsxText(page.name)}</h1>${purpose}\n${' '.repeat(pad)}</div>`;
}

/** Columns a list shows: the display column, then a few short ones. */
export function listColumns(table: Table): Column[] {
  const shown = new Set(['text', 'email', 'url', 'number', 'date', 'datetime', 'time', 'checkbox', 'enum']);
  const others = table.columns.filter(
    (column) => column !== table.display && !column.system && column !== table.primaryKey && shown.has(column.input),
  );
  return [table.display, ...others.slice(0, 4)];
}

export function cell(column: Column, imports: Imports, row = 'row'): string {
  const value = access(row, column.name);
  if (column.input === 'enum') {
    imports.add('@/components/ui/badge', 'Badge').add('@/lib/format', 'formatLabel');
    return column.nullable
      ? `{${value} ? <Badge variant="secondary">{${enumText(column, value)}}</Badge> : '—'}`
      : `<Badge variant="secondary">{${enumText(column, value)}}</Badge>`;
  }
  if (isMoney(column)) {
    // Amounts of money with their cents: 55.50, not 55.5.
    imports.add('@/lib/figures', 'formatAmount');
    return column.nullable ? `{${value} == null ? '—' : formatAmount(${value})}` : `{formatAmount(${value})}`;
  }
  imports.add('@/lib/format', 'formatValue');
  return `{formatValue(${value})}`;
}

/** Reads the page's record id from the route, typed like the table's primary key. */
export function recordId(page: AppPage, table: Table, framework: Framework, imports: Imports): string {
  const param = page.params.at(-1) ?? 'id';
  if (table.primaryKey?.tsType !== 'number') return framework.param(imports, param, 'recordId');
  return `${framework.param(imports, param, 'idParam')}\n  const recordId = idParam === undefined ? undefined : Number(idParam);`;
}
