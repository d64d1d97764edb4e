import type { StackPreset } from '../../contract/index.js';

/**
 * The generated project's checks: `npm run lint` (ESLint's flat config with typescript-eslint
 * and the React hooks rules) and `npm test` (Vitest on the app's own logic: the settings check,
 * datetime conversion, lists and request errors).
 */

export function renderEslintConfig(preset: StackPreset): string {
  const ignores = preset === 'nextjs-react' ? "['.next/', 'out/', 'node_modules/', 'next-env.d.ts']" : "['dist/', 'node_modules/']";
  return `import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ${ignores} },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.node },
    },
  },
);
`;
}

export function renderVitestConfig(preset: StackPreset): string {
  const include = preset === 'nextjs-react' ? "['lib/**/*.test.ts']" : "['src/**/*.test.ts']";
  return `import { defineConfig } from 'vitest/config';

// The app's logic runs in Node; the tests import the modules they check by relative path.
export default defineConfig({
  test: {
    include: ${include},
    environment: 'node',
  },
});
`;
}

export function scriptsOf(preset: StackPreset): Record<string, string> {
  const checks = { lint: 'eslint .', test: 'vitest run' };
  return preset === 'nextjs-react'
    ? { dev: 'next dev', build: 'next build', start: 'next start', typecheck: 'tsc --noEmit', ...checks }
    : { dev: 'vite', build: 'tsc -b && vite build', preview: 'vite preview', typecheck: 'tsc -b', ...checks };
}
