import type { GeneratedFile } from '../../contract/index.js';
import { pageFile } from '../project-layout.js';
import { checkFiles, generated, migrationFile, pageSource, sharedFiles, uiFiles, type AppDesign } from './app.js';
import {
  GITIGNORE,
  VITE_CONFIG,
  VITE_TSCONFIG,
  VITE_TSCONFIG_APP,
  VITE_TSCONFIG_NODE,
  renderComponentsJson,
  renderEnvExample,
  renderIndexHtml,
} from './project.js';
import type { AppPage } from './routes.js';
import { Imports, file } from './source.js';
import { VITE_ENV_SOURCE } from './shell.js';
import { renderStylesheet } from './theme.js';

/**
 * The `vite-react` preset, laid out as Lovable lays out its projects: React + Vite +
 * TypeScript + Tailwind + shadcn/ui + Supabase, pages under src/pages routed by react-router.
 */
export function viteReactFiles(design: AppDesign): GeneratedFile[] {
  const { routes, productName, summary, framework, ux } = design;
  const pages = routes.pages.map((page) => generated(pageFile('vite-react', page), pageSource(design, page)));
  const code = [...sharedFiles(design), ...pages];
  return [
    generated('index.html', renderIndexHtml(productName, summary)),
    generated('vite.config.ts', VITE_CONFIG),
    generated('tsconfig.json', VITE_TSCONFIG),
    generated('tsconfig.app.json', VITE_TSCONFIG_APP),
    generated('tsconfig.node.json', VITE_TSCONFIG_NODE),
    generated('components.json', renderComponentsJson(framework)),
    generated('.env.example', renderEnvExample(framework)),
    generated('.gitignore', GITIGNORE),
    ...checkFiles(design),
    generated('src/main.tsx', MAIN_SOURCE),
    generated('src/App.tsx', renderApp(routes.pages)),
    generated('src/index.css', renderStylesheet(ux.design_tokens)),
    generated('src/vite-env.d.ts', VITE_ENV_SOURCE),
    ...code,
    ...uiFiles(code, design.framework.layout.root),
    ...migrationFile(design),
  ];
}

const MAIN_SOURCE = `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import './index.css';

// Apply the saved theme before the first paint.
if (localStorage.getItem('theme') === 'dark') document.documentElement.classList.add('dark');

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`;

/** The router: public pages at the top level, signed-in pages behind the guard inside the app shell. */
function renderApp(pages: AppPage[]): string {
  const imports = new Imports()
    .add('@tanstack/react-query', ['QueryClient', 'QueryClientProvider'])
    .add('react-router-dom', ['BrowserRouter', 'Route', 'Routes'])
    .add('@/components/auth/AuthProvider', 'AuthProvider')
    .add('@/components/ConfigurationScreen', 'ConfigurationScreen')
    .add('@/integrations/supabase/client', 'supabaseConfig')
    .add('@/lib/network', 'retryOnce');
  for (const page of pages) imports.addDefault(`@/pages/${page.component}`, page.component);
  const route = (page: AppPage, pad: string) => `${pad}<Route path="${page.route}" element={<${page.component} />} />`;
  const publicPages = pages.filter((page) => !page.protected && page.route !== '*');
  const protectedPages = pages.filter((page) => page.protected);
  const catchAll = pages.find((page) => page.route === '*');
  if (protectedPages.length > 0) {
    imports.add('@/components/auth/ProtectedRoute', 'ProtectedRoute').add('@/components/layout/AppShell', 'AppShell');
  }
  const guarded =
    protectedPages.length > 0
      ? `            <Route element={<ProtectedRoute />}>
              <Route element={<AppShell />}>
${protectedPages.map((page) => route(page, '                ')).join('\n')}
              </Route>
            </Route>`
      : '';
  const lines = [...publicPages.map((page) => route(page, '            ')), guarded, catchAll ? route(catchAll, '            ') : '']
    .filter(Boolean)
    .join('\n');
  return file(
    imports.render(),
    `const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: retryOnce } },
});`,
    `export default function App() {
  // A build without its Supabase settings says what to set instead of showing a blank page.
  if (!supabaseConfig.ok) return <ConfigurationScreen problems={supabaseConfig.problems} />;

  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
${lines}
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </QueryClientProvider>
  );
}`,
  );
}
