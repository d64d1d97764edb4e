/**
 * The exact versions a generated project pins (never ranges, never "latest"). Packages this
 * repository also installs carry the same versions, so the type-check test checks what we ship.
 * The pins satisfy each other's peer ranges (`npm view <pkg>@<version> peerDependencies`), and
 * test/agents/generated-app.test.ts installs them with npm, which refuses a conflict (ERESOLVE).
 * @supabase/supabase-js stays on 2.109.0, the last release whose engines accept Node 20, so
 * @supabase/ssr is 0.12.0 (peer ^2.108.0); 0.12.6 and later want supabase-js ^2.114.0 (Node 22).
 */
export const VERSIONS = {
  // runtime
  react: '19.3.1',
  'react-dom': '19.3.1',
  'react-router-dom': '7.18.6',
  '@supabase/supabase-js': '2.109.0',
  '@supabase/ssr': '0.12.0',
  '@tanstack/react-query': '5.108.0',
  clsx: '2.1.1',
  'tailwind-merge': '3.7.0',
  'class-variance-authority': '0.7.1',
  '@radix-ui/react-slot': '1.5.0',
  'lucide-react': '1.77.0',
  next: '16.4.6',
  // tooling
  typescript: '6.0.3',
  vite: '8.3.8',
  '@vitejs/plugin-react': '6.3.0',
  tailwindcss: '4.3.5',
  '@tailwindcss/vite': '4.3.5',
  '@tailwindcss/postcss': '4.3.5',
  '@types/react': '19.3.0',
  '@types/react-dom': '19.3.0',
  '@types/node': '20.19.43',
  eslint: '10.15.0',
  '@eslint/js': '10.0.1',
  'typescript-eslint': '8.73.0',
  'eslint-plugin-react-hooks': '7.1.1',
  globals: '17.15.0',
  vitest: '4.1.12',
} as const;

export type PackageName = keyof typeof VERSIONS;

/** `{name: version}` for the packages named, sorted by name as npm writes them. */
export function pinned(names: readonly PackageName[]): Record<string, string> {
  return Object.fromEntries([...names].sort().map((name) => [name, VERSIONS[name]]));
}
