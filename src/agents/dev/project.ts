import type { StackPreset } from '../../contract/index.js';
import { table as markdownTable } from '../markdown-table.js';
import { kebab } from '../naming.js';
import type { Framework } from './framework.js';
import type { AppRoutes } from './routes.js';
import type { DataModel } from './tables.js';
import { scriptsOf } from './tooling.js';
import { pinned, type PackageName } from './versions.js';

/**
 * The project's own files: package.json with pinned versions, the build and TypeScript
 * configuration of the preset, shadcn's components.json, .env.example, .gitignore and README.
 */

export interface Dependencies {
  production: Record<string, string>;
  development: Record<string, string>;
}

const RUNTIME: PackageName[] = [
  '@radix-ui/react-slot',
  '@supabase/supabase-js',
  '@tanstack/react-query',
  'class-variance-authority',
  'clsx',
  'lucide-react',
  'react',
  'react-dom',
  'tailwind-merge',
];

/** `npm run lint` and `npm test`; Vitest runs on Vite, so the Next.js preset pins it too. */
const CHECKS: PackageName[] = ['eslint', '@eslint/js', 'typescript-eslint', 'eslint-plugin-react-hooks', 'globals', 'vitest', 'vite'];

export function dependenciesOf(preset: StackPreset): Dependencies {
  if (preset === 'nextjs-react') {
    return {
      production: pinned([...RUNTIME, 'next', '@supabase/ssr']),
      development: pinned(['typescript', '@types/node', '@types/react', '@types/react-dom', 'tailwindcss', '@tailwindcss/postcss', ...CHECKS]),
    };
  }
  return {
    production: pinned([...RUNTIME, 'react-router-dom']),
    development: pinned([
      'typescript',
      '@vitejs/plugin-react',
      'tailwindcss',
      '@tailwindcss/vite',
      '@types/node',
      '@types/react',
      '@types/react-dom',
      ...CHECKS,
    ]),
  };
}

export function packageName(productName: string): string {
  return kebab(productName).slice(0, 60) || 'app';
}

export function renderPackageJson(productName: string, preset: StackPreset, dependencies: Dependencies): string {
  const scripts = scriptsOf(preset);
  const json = {
    name: packageName(productName),
    private: true,
    version: '0.1.0',
    type: 'module',
    scripts,
    dependencies: dependencies.production,
    devDependencies: dependencies.development,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function renderIndexHtml(productName: string, summary: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="description" content="${escapeHtml(summary)}" />
    <title>${escapeHtml(productName)}</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`;
}

export const VITE_CONFIG = `import { fileURLToPath, URL } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// https://vite.dev/config/
export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: {
    port: 5173,
  },
});
`;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export const VITE_TSCONFIG = json({
  files: [],
  references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }],
  compilerOptions: { paths: { '@/*': ['./src/*'] } },
});

export const VITE_TSCONFIG_APP = json({
  compilerOptions: {
    tsBuildInfoFile: './node_modules/.tmp/tsconfig.app.tsbuildinfo',
    target: 'ES2022',
    useDefineForClassFields: true,
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    types: ['vite/client'],
    skipLibCheck: true,
    moduleResolution: 'bundler',
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    moduleDetection: 'force',
    noEmit: true,
    jsx: 'react-jsx',
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noFallthroughCasesInSwitch: true,
    noUncheckedSideEffectImports: true,
    paths: { '@/*': ['./src/*'] },
  },
  include: ['src'],
});

export const VITE_TSCONFIG_NODE = json({
  compilerOptions: {
    tsBuildInfoFile: './node_modules/.tmp/tsconfig.node.tsbuildinfo',
    target: 'ES2023',
    lib: ['ES2023'],
    module: 'ESNext',
    types: ['node'],
    skipLibCheck: true,
    moduleResolution: 'bundler',
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    moduleDetection: 'force',
    noEmit: true,
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noFallthroughCasesInSwitch: true,
  },
  include: ['vite.config.ts', 'vitest.config.ts'],
});

export const NEXT_TSCONFIG = json({
  compilerOptions: {
    target: 'ES2022',
    lib: ['dom', 'dom.iterable', 'esnext'],
    allowJs: false,
    skipLibCheck: true,
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    module: 'esnext',
    moduleResolution: 'bundler',
    resolveJsonModule: true,
    isolatedModules: true,
    jsx: 'react-jsx',
    incremental: true,
    plugins: [{ name: 'next' }],
    paths: { '@/*': ['./*'] },
  },
  include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts'],
  exclude: ['node_modules'],
});

export const NEXT_CONFIG = `import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
};

export default nextConfig;
`;

export const POSTCSS_CONFIG = `const config = {
  plugins: {
    '@tailwindcss/postcss': {},
  },
};

export default config;
`;

export function renderComponentsJson(framework: Framework): string {
  const next = framework.preset === 'nextjs-react';
  return json({
    $schema: 'https://ui.shadcn.com/schema.json',
    style: 'new-york',
    rsc: next,
    tsx: true,
    tailwind: { config: '', css: next ? 'app/globals.css' : 'src/index.css', baseColor: 'neutral', cssVariables: true, prefix: '' },
    aliases: { components: '@/components', utils: '@/lib/utils', ui: '@/components/ui', lib: '@/lib', hooks: '@/hooks' },
    iconLibrary: 'lucide',
  });
}

export function renderEnvExample(framework: Framework): string {
  return `# Supabase project settings → API (the anon key is safe in the browser; row level security protects the data)
${framework.env.urlName}=https://your-project-ref.supabase.co
${framework.env.anonKeyName}=your-anon-key
`;
}

export const GITIGNORE = `node_modules
dist
.next
out
*.log
.env
.env.local
*.tsbuildinfo
.DS_Store
`;

export interface ReadmeInput {
  productName: string;
  summary: string;
  framework: Framework;
  model: DataModel;
  routes: AppRoutes;
  setup: string[];
  migrationPath: string | undefined;
}

export function renderReadme(input: ReadmeInput): string {
  const { framework, model, routes } = input;
  const next = framework.preset === 'nextjs-react';
  const stack = next
    ? 'Next.js (App Router) + React + TypeScript + Tailwind CSS + shadcn/ui + Supabase + TanStack Query'
    : 'React + Vite + TypeScript + Tailwind CSS + shadcn/ui + Supabase + TanStack Query + React Router';
  const tables = model.tables.map((table) => [
    `\`${table.name}\``,
    table.columns.map((column) => `\`${column.name}\``).join(', '),
    table.join ? 'join table' : (table.entity.description ?? ''),
  ]);
  const pages = routes.pages.map((page) => [`\`${page.route}\``, page.name, page.kind.replace('_', ' '), page.protected ? 'yes' : 'no']);
  const code = framework.layout.root;
  return `# ${input.productName}

${input.summary}

Built with ${stack}.

## Getting started

${input.setup.map((step, index) => `${index + 1}. ${step}`).join('\n')}

## Scripts

${markdownTable(
  ['command', 'what it does'],
  [
    ['`npm run dev`', 'starts the development server'],
    ['`npm run build`', 'type-checks and builds for production (the Supabase settings are checked when the app runs: without them it shows what to set)'],
    ['`npm run typecheck`', 'type-checks only'],
    ['`npm run lint`', 'ESLint with typescript-eslint and the React hooks rules'],
    ['`npm test`', 'Vitest: the settings check, datetime fields, list fields, request errors, and the days, places and sums the views show'],
  ],
)}

## Data model

${markdownTable(['table', 'columns', 'purpose'], tables)}

${input.migrationPath ? `The schema, with row level security on every table, is in \`${input.migrationPath}\`.` : 'Create the schema in Supabase before running the app (the architect agent writes its migration).'}
\`${framework.layout.databaseTypes}\` types it for supabase-js; after changing the schema, regenerate it with
\`npx supabase gen types typescript --project-id <project-ref> > ${framework.layout.databaseTypes}\`.

## Pages

${markdownTable(['route', 'page', 'kind', 'sign-in required'], pages)}

## Structure

- \`${next ? 'app/' : 'src/pages/'}\`: one file per page${next ? ' (signed-in pages under the `(app)` route group)' : ', routed in `src/App.tsx`'}
- \`${code}components/forms/\`: create and edit forms, one per table
- \`${code}hooks/\`: data hooks (TanStack Query over supabase-js), one module per table, and \`use-auth\`
- \`${code}components/ui/\`: shadcn/ui components
- \`${code}components/layout/AppShell.tsx\`: navigation around signed-in pages
- \`${code}components/views/\`: beside a list's table, the board (a lane per status), the agenda (rows by day), the month calendar and the floor plan (places on a grid, each with its state today) where the idea asks for them; the dashboard's figures per month or per stage
- \`${code}lib/\`: the Supabase settings check (\`config.ts\`; \`ConfigurationScreen\` shows its problems), request time limits and error messages (\`network.ts\`), datetime fields in local time, list fields, agenda days, calendar months, floor-plan places and dashboard sums, each with its \`*.test.ts\`
`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
