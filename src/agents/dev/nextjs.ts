import type { GeneratedFile } from '../../contract/index.js';
import { pageFile } from '../project-layout.js';
import { checkFiles, generated, migrationFile, pageSource, sharedFiles, uiFiles, type AppDesign } from './app.js';
import {
  GITIGNORE,
  NEXT_CONFIG,
  NEXT_TSCONFIG,
  POSTCSS_CONFIG,
  renderComponentsJson,
  renderEnvExample,
} from './project.js';
import { str } from './source.js';
import { renderStylesheet } from './theme.js';

/**
 * The `nextjs-react` preset: a Next.js App Router project with the same Supabase types, hooks,
 * forms and components as the Vite preset. Signed-in pages live in the `(app)` route group,
 * whose layout holds the auth guard and the app shell; pages and data code are client
 * components talking to Supabase from the browser (`@supabase/ssr`'s browser client).
 */
export function nextjsFiles(design: AppDesign): GeneratedFile[] {
  const { routes, productName, summary, framework, ux } = design;
  const pages = routes.pages.map((page) => generated(pageFile('nextjs-react', page), pageSource(design, page)));
  const code = [...sharedFiles(design), ...pages];
  const anyProtected = routes.pages.some((page) => page.protected);
  return [
    generated('next.config.ts', NEXT_CONFIG),
    generated('postcss.config.mjs', POSTCSS_CONFIG),
    generated('tsconfig.json', NEXT_TSCONFIG),
    generated('next-env.d.ts', NEXT_ENV),
    generated('components.json', renderComponentsJson(framework)),
    generated('.env.example', renderEnvExample(framework)),
    generated('.gitignore', GITIGNORE),
    ...checkFiles(design),
    generated('app/globals.css', renderStylesheet(ux.design_tokens)),
    generated('app/layout.tsx', renderRootLayout(productName, summary)),
    generated('app/providers.tsx', PROVIDERS),
    ...(anyProtected ? [generated('app/(app)/layout.tsx', PROTECTED_LAYOUT)] : []),
    ...code,
    ...uiFiles(code, design.framework.layout.root),
    ...migrationFile(design),
  ];
}

const NEXT_ENV = `/// <reference types="next" />
/// <reference types="next/image-types/global" />

// NOTE: This file should not be edited
// see https://nextjs.org/docs/app/api-reference/config/typescript for more information.
`;

function renderRootLayout(productName: string, summary: string): string {
  return `import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: ${str(productName)},
  description: ${str(summary)},
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
`;
}

const PROVIDERS = `'use client';

import { useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from '@/components/auth/AuthProvider';
import { ConfigurationScreen } from '@/components/ConfigurationScreen';
import { supabaseConfig } from '@/lib/supabase/client';
import { retryOnce } from '@/lib/network';

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser session, not one per render.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: retryOnce } } }),
  );
  // A build without its Supabase settings says what to set instead of failing or showing a blank page.
  if (!supabaseConfig.ok) return <ConfigurationScreen problems={supabaseConfig.problems} />;

  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>{children}</AuthProvider>
    </QueryClientProvider>
  );
}
`;

const PROTECTED_LAYOUT = `'use client';

import { Suspense, type ReactNode } from 'react';
import { ProtectedRoute } from '@/components/auth/ProtectedRoute';
import { AppShell } from '@/components/layout/AppShell';

export default function SignedInLayout({ children }: { children: ReactNode }) {
  return (
    <ProtectedRoute>
      <AppShell>
        {/* Pages that read the query string (useSearchParams) need a Suspense boundary. */}
        <Suspense fallback={<p className="text-muted-foreground">Loading…</p>}>{children}</Suspense>
      </AppShell>
    </ProtectedRoute>
  );
}
`;
