import { defineConfig } from 'vitest/config';

// The generated-app suite installs and builds whole projects and drives a browser: it runs after
// the others, alone, so that its load never disturbs their timing (rate-limit windows, timeouts).
const GENERATED_APP = 'test/agents/generated-app.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'suites', include: ['test/**/*.test.ts'], exclude: [GENERATED_APP], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'generated-app', include: [GENERATED_APP], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
