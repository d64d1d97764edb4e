import type { GeneratedFile, UxSpec } from '../../contract/index.js';
import { MIGRATION_PATH } from '../project-layout.js';
import type { Framework } from './framework.js';
import { renderForm } from './forms.js';
import { renderHooks } from './hooks.js';
import { renderPage, type PageContext } from './pages.js';
import type { LandingCopy } from './landing.js';
import type { SignUpRoles } from './roles.js';
import type { AppRoutes } from './routes.js';
import { CN_SOURCE, UI_COMPONENTS, type UiComponent } from './shadcn.js';
import { DATETIME_SOURCE, DATETIME_TEST } from './datetime.js';
import { LISTS_TEST, renderListField, renderListsSource } from './list-field.js';
import { NETWORK_SOURCE, NETWORK_TEST, renderErrorState } from './network.js';
import { AUTH_CONTEXT_SOURCE, FORMAT_SOURCE, renderAppShell, renderAuthProvider, renderProtectedRoute, renderUseAuth } from './shell.js';
import { renderConfigSource, renderConfigTest, renderConfigurationScreen, renderSupabaseClient } from './supabase-config.js';
import { renderSupabaseTypes } from './supabase-types.js';
import { entityTables, type DataModel } from './tables.js';
import { renderEslintConfig, renderVitestConfig } from './tooling.js';
import { CALENDAR_SOURCE, CALENDAR_TEST, renderCalendarView } from './calendar.js';
import { dashboardFigures, renderFigureBars } from './dashboard-figures.js';
import { FLOOR_PLAN_SOURCE, FLOOR_PLAN_TEST, positionColumns, renderFloorPlanView } from './floor-plan.js';
import type { StatedView } from '../stated-views.js';
import { AGENDA_SOURCE, AGENDA_TEST, FIGURES_SOURCE, FIGURES_TEST, boardColumn, dateColumn, renderAgendaView, renderBoardView } from './views.js';

/** Everything the code is written from, once the design is known. */
export interface AppDesign {
  productName: string;
  summary: string;
  framework: Framework;
  model: DataModel;
  routes: AppRoutes;
  ux: UxSpec;
  /** The architect's migration, when there is one. */
  migrationSql: string | undefined;
  /** The roles sign-up offers, when people pick one. */
  signUp: SignUpRoles | undefined;
  /** The home page's words for visitors. */
  landing: LandingCopy;
  /** The views the idea states, read from the product model's features. */
  views: StatedView[];
}

/** `x.tsx` → `{path, content, language}`. */
export function generated(path: string, content: string): GeneratedFile {
  return { path, content, language: languageOf(path) };
}

function languageOf(path: string): string {
  const extension = /\.([a-z]+)$/.exec(path)?.[1] ?? '';
  const languages: Record<string, string> = {
    ts: 'typescript',
    tsx: 'tsx',
    json: 'json',
    html: 'html',
    css: 'css',
    md: 'markdown',
    sql: 'sql',
    mjs: 'javascript',
    js: 'javascript',
  };
  return languages[extension] ?? 'plaintext';
}

/**
 * The files both presets share, under the preset's source root: Supabase client and types, the
 * settings check and its screen, request errors, datetime and list fields with their tests,
 * hooks, forms, the app shell and auth; page components are added by the preset.
 */
export function sharedFiles(design: AppDesign): GeneratedFile[] {
  const { framework, model, routes, productName } = design;
  const { root, supabaseClient, databaseTypes } = framework.layout;
  const files: GeneratedFile[] = [
    generated(supabaseClient, renderSupabaseClient(framework)),
    generated(databaseTypes, renderSupabaseTypes(model)),
    generated(`${root}lib/utils.ts`, CN_SOURCE),
    generated(`${root}lib/format.ts`, FORMAT_SOURCE),
    generated(`${root}lib/config.ts`, renderConfigSource(framework)),
    generated(`${root}lib/config.test.ts`, renderConfigTest(framework)),
    generated(`${root}lib/network.ts`, NETWORK_SOURCE),
    generated(`${root}lib/network.test.ts`, NETWORK_TEST),
    generated(`${root}lib/datetime.ts`, DATETIME_SOURCE),
    generated(`${root}lib/datetime.test.ts`, DATETIME_TEST),
    generated(`${root}lib/lists.ts`, renderListsSource(framework)),
    generated(`${root}lib/lists.test.ts`, LISTS_TEST),
    generated(`${root}components/ConfigurationScreen.tsx`, renderConfigurationScreen(framework, productName)),
    generated(`${root}components/ErrorState.tsx`, renderErrorState(framework)),
    generated(`${root}components/ListField.tsx`, renderListField(framework)),
    generated(`${root}components/auth/auth-context.ts`, AUTH_CONTEXT_SOURCE),
    generated(`${root}components/auth/AuthProvider.tsx`, renderAuthProvider(framework)),
    generated(`${root}components/auth/ProtectedRoute.tsx`, renderProtectedRoute(framework, routes)),
    generated(`${root}hooks/use-auth.ts`, renderUseAuth(framework)),
    generated(`${root}components/layout/AppShell.tsx`, renderAppShell(framework, routes, productName)),
  ];
  const tables = entityTables(model);
  const floorPlans = tables.some((table) => positionColumns(table));
  if (tables.some((table) => boardColumn(table))) files.push(generated(`${root}components/views/BoardView.tsx`, renderBoardView(framework)));
  if (tables.some((table) => dateColumn(table)) || floorPlans) {
    files.push(generated(`${root}lib/agenda.ts`, AGENDA_SOURCE), generated(`${root}lib/agenda.test.ts`, AGENDA_TEST));
  }
  if (tables.some((table) => dateColumn(table))) {
    files.push(generated(`${root}components/views/AgendaView.tsx`, renderAgendaView(framework)));
    // The month calendar only where the idea asks for one.
    if (design.views.some((view) => view.kind === 'calendar')) {
      files.push(
        generated(`${root}components/views/CalendarView.tsx`, renderCalendarView(framework)),
        generated(`${root}lib/calendar.ts`, CALENDAR_SOURCE),
        generated(`${root}lib/calendar.test.ts`, CALENDAR_TEST),
      );
    }
  }
  if (floorPlans) {
    files.push(
      generated(`${root}components/views/FloorPlanView.tsx`, renderFloorPlanView(framework)),
      generated(`${root}lib/floor-plan.ts`, FLOOR_PLAN_SOURCE),
      generated(`${root}lib/floor-plan.test.ts`, FLOOR_PLAN_TEST),
    );
  }
  if (dashboardFigures(design.views, tables).length > 0) files.push(generated(`${root}components/views/FigureBars.tsx`, renderFigureBars(framework.directive)));
  files.push(generated(`${root}lib/figures.ts`, FIGURES_SOURCE), generated(`${root}lib/figures.test.ts`, FIGURES_TEST));
  for (const table of tables) {
    files.push(generated(`${root}hooks/${table.hookModule}.ts`, renderHooks(table, framework)));
    files.push(generated(`${root}components/forms/${table.type}Form.tsx`, renderForm(table, model, framework)));
  }
  return files;
}

export function pageContext(design: AppDesign): PageContext {
  return {
    framework: design.framework,
    routes: design.routes,
    model: design.model,
    productName: design.productName,
    summary: design.summary,
    flows: design.ux.user_flows,
    signUp: design.signUp,
    landing: design.landing,
    views: design.views,
  };
}

export function pageSource(design: AppDesign, page: AppRoutes['pages'][number]): string {
  return renderPage(page, pageContext(design));
}

/** The shadcn/ui components the other files import, and nothing else. */
export function uiFiles(files: GeneratedFile[], root: string): GeneratedFile[] {
  const used = new Set<UiComponent>();
  for (const file of files) {
    for (const match of file.content.matchAll(/from '@\/components\/ui\/([a-z-]+)'/g)) {
      const name = match[1] as UiComponent;
      if (name in UI_COMPONENTS) used.add(name);
    }
  }
  return [...used].sort().map((name) => generated(`${root}components/ui/${name}.tsx`, UI_COMPONENTS[name]));
}

/** `npm run lint` and `npm test` of the project. */
export function checkFiles(design: AppDesign): GeneratedFile[] {
  return [
    generated('eslint.config.js', renderEslintConfig(design.framework.preset)),
    generated('vitest.config.ts', renderVitestConfig(design.framework.preset)),
  ];
}

export function migrationFile(design: AppDesign): GeneratedFile[] {
  return design.migrationSql ? [generated(MIGRATION_PATH, design.migrationSql.endsWith('\n') ? design.migrationSql : `${design.migrationSql}\n`)] : [];
}
