import type { GeneratedFile, UxSpec } from '../../contract/index.js';
import { MIGRATION_PATH } from '../project-layout.js';
import type { Framework } from './framework.js';
import { renderForm } from './forms.js';
import { renderHooks } from './hooks.js';
import { renderPage, type PageContext } from './pages.js';
import type { AppRoutes } from './routes.js';
import { CN_SOURCE, UI_COMPONENTS, type UiComponent } from './shadcn.js';
import {
  AUTH_CONTEXT_SOURCE,
  FORMAT_SOURCE,
  renderAppShell,
  renderAuthProvider,
  renderProtectedRoute,
  renderSupabaseClient,
  renderUseAuth,
} from './shell.js';
import { renderSupabaseTypes } from './supabase-types.js';
import { entityTables, type DataModel } from './tables.js';

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
  };
  return languages[extension] ?? 'plaintext';
}

/**
 * The files both presets share, under the preset's source root: Supabase client and types,
 * hooks, forms, the app shell and auth, page components are added by the preset.
 */
export function sharedFiles(design: AppDesign): GeneratedFile[] {
  const { framework, model, routes, productName } = design;
  const { root, supabaseClient, databaseTypes } = framework.layout;
  const files: GeneratedFile[] = [
    generated(supabaseClient, renderSupabaseClient(framework)),
    generated(databaseTypes, renderSupabaseTypes(model)),
    generated(`${root}lib/utils.ts`, CN_SOURCE),
    generated(`${root}lib/format.ts`, FORMAT_SOURCE),
    generated(`${root}components/auth/auth-context.ts`, AUTH_CONTEXT_SOURCE),
    generated(`${root}components/auth/AuthProvider.tsx`, renderAuthProvider(framework)),
    generated(`${root}components/auth/ProtectedRoute.tsx`, renderProtectedRoute(framework, routes)),
    generated(`${root}hooks/use-auth.ts`, renderUseAuth(framework)),
    generated(`${root}components/layout/AppShell.tsx`, renderAppShell(framework, routes, productName)),
  ];
  for (const table of entityTables(model)) {
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

export function migrationFile(design: AppDesign): GeneratedFile[] {
  return design.migrationSql ? [generated(MIGRATION_PATH, design.migrationSql.endsWith('\n') ? design.migrationSql : `${design.migrationSql}\n`)] : [];
}
