import { dashboardPage, landingPage, notFoundPage, plainPage, settingsPage } from './app-pages.js';
import { authPage } from './auth-page.js';
import { detailPage, formPage, listPage } from './entity-pages.js';
import type { PageContext } from './page-parts.js';
import type { AppPage } from './routes.js';
import { Imports, file } from './source.js';

export type { PageContext } from './page-parts.js';

/**
 * One component per page of the UX spec, written for what the page is: a table of rows, one
 * row with its children, a create or edit form, a dashboard of counts, sign-in and sign-up
 * through Supabase Auth, settings, the landing page, or a plain page with its purpose.
 */
export function renderPage(page: AppPage, context: PageContext): string {
  const imports = new Imports();
  const body = pageBody(page, context, imports);
  return file(context.framework.directive, imports.render(), body);
}

function pageBody(page: AppPage, context: PageContext, imports: Imports): string {
  switch (page.kind) {
    case 'list':
      return page.table ? listPage(page, page.table, context, imports) : plainPage(page, context, imports);
    case 'detail':
      return page.table ? detailPage(page, page.table, context, imports) : plainPage(page, context, imports);
    case 'form':
      return page.table ? formPage(page, page.table, context, imports) : plainPage(page, context, imports);
    case 'dashboard':
      return dashboardPage(page, context, imports);
    case 'auth':
      return authPage(page, context, imports);
    case 'settings':
      return settingsPage(page, context, imports);
    case 'landing':
      return landingPage(page, context, imports);
    case 'not_found':
      return notFoundPage(page, context, imports);
    default:
      return plainPage(page, context, imports);
  }
}
