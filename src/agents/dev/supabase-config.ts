import type { Framework } from './framework.js';
import { Imports, file, jsxText } from './source.js';

/**
 * The Supabase settings of a generated app, checked when the app runs rather than when it is
 * built: a build without them works, and a person who opens such a build sees a screen that
 * says what to set instead of a blank page with the reason in the console.
 */

/** The values .env.example ships with: present, but not anyone's project. */
export const EXAMPLE_URL = 'https://your-project-ref.supabase.co';
export const EXAMPLE_ANON_KEY = 'your-anon-key';

/** `lib/config.ts`: the check, a pure function of the two values (the generated test calls it). */
export function renderConfigSource(framework: Framework): string {
  const { urlName, anonKeyName } = framework.env;
  return `/** The Supabase project the app talks to. */
export interface SupabaseSettings {
  url: string;
  anonKey: string;
}

export type ConfigCheck = { ok: true; settings: SupabaseSettings } | { ok: false; problems: string[] };

/** The names of the two settings, as .env.example lists them. */
export const SETTING_NAMES = { url: '${urlName}', anonKey: '${anonKeyName}' } as const;

/** The placeholders of .env.example: set, but not a project. */
const EXAMPLES = new Set(['${EXAMPLE_URL}', '${EXAMPLE_ANON_KEY}']);

/** Checks the settings the build was given; every problem is a sentence that says what to fix. */
export function checkSupabaseConfig(url: string | undefined, anonKey: string | undefined): ConfigCheck {
  const problems: string[] = [];
  const cleanUrl = url?.trim() ?? '';
  const cleanKey = anonKey?.trim() ?? '';
  if (!cleanUrl) problems.push(\`\${SETTING_NAMES.url} is not set.\`);
  else if (EXAMPLES.has(cleanUrl)) problems.push(\`\${SETTING_NAMES.url} still has the example value of .env.example.\`);
  else if (!isHttpUrl(cleanUrl)) problems.push(\`\${SETTING_NAMES.url} must be an http(s) URL such as https://abcd1234.supabase.co, not "\${cleanUrl}".\`);
  if (!cleanKey) problems.push(\`\${SETTING_NAMES.anonKey} is not set.\`);
  else if (EXAMPLES.has(cleanKey)) problems.push(\`\${SETTING_NAMES.anonKey} still has the example value of .env.example.\`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, settings: { url: cleanUrl.replace(/\\/+$/, ''), anonKey: cleanKey } };
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
`;
}

/** `lib/config.test.ts`: the check accepts a project's settings and names what is missing or wrong. */
export function renderConfigTest(framework: Framework): string {
  const { urlName, anonKeyName } = framework.env;
  return `import { describe, expect, it } from 'vitest';
import { checkSupabaseConfig } from './config';

describe('checkSupabaseConfig', () => {
  it('accepts a project URL and an anon key, without a trailing slash', () => {
    expect(checkSupabaseConfig('https://abcd1234.supabase.co/', 'ey-key')).toEqual({
      ok: true,
      settings: { url: 'https://abcd1234.supabase.co', anonKey: 'ey-key' },
    });
  });

  it('names both settings when neither is set', () => {
    const check = checkSupabaseConfig(undefined, '  ');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual(['${urlName} is not set.', '${anonKeyName} is not set.']);
  });

  it('refuses the placeholders of .env.example and a URL that is not one', () => {
    const examples = checkSupabaseConfig('${EXAMPLE_URL}', '${EXAMPLE_ANON_KEY}');
    expect(examples.ok ? [] : examples.problems).toHaveLength(2);
    const notUrl = checkSupabaseConfig('abcd1234.supabase.co', 'ey-key');
    expect(notUrl.ok ? '' : notUrl.problems.join(' ')).toContain('must be an http(s) URL');
  });
});
`;
}

/** The screen the app shows instead of itself while the settings are missing or wrong. */
export function renderConfigurationScreen(framework: Framework, productName: string): string {
  const next = framework.preset === 'nextjs-react';
  const envFile = next ? '.env.local' : '.env';
  return file(
    framework.directive,
    '',
    `/** What to set, and where, when the app was built without its Supabase settings. */
export function ConfigurationScreen({ problems }: { problems: string[] }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted px-4 py-12">
      <div className="w-full max-w-xl space-y-5 rounded-xl border bg-card p-6 text-card-foreground shadow-sm">
        <div className="space-y-2">
          <h1>Connect ${jsxText(productName)} to Supabase</h1>
          <p className="text-muted-foreground">The app needs the settings of its Supabase project before it can start.</p>
        </div>
        <ul role="alert" className="list-disc space-y-1 pl-5 text-sm text-destructive">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
        <ol className="list-decimal space-y-2 pl-5 text-sm">
          <li>
            In the Supabase dashboard, open your project&apos;s <strong>Project Settings → API</strong> page.
          </li>
          <li>
            Copy <code>.env.example</code> to <code>${envFile}</code> and set <code>${framework.env.urlName}</code> to the Project URL
            and <code>${framework.env.anonKeyName}</code> to the anon public key.
          </li>
          <li>
            Restart <code>npm run dev</code>, or build again with <code>npm run build</code>: the settings are read when the app
            is built.
          </li>
        </ol>
      </div>
    </main>
  );
}`,
  );
}

/** The typed client, built from the checked settings, with a time limit on every request. */
export function renderSupabaseClient(framework: Framework): string {
  const next = framework.preset === 'nextjs-react';
  const create = next ? 'createBrowserClient' : 'createClient';
  const imports = new Imports()
    .add(`${framework.layout.supabaseImport}/types`, 'Database', { type: true })
    .add(next ? '@supabase/ssr' : '@supabase/supabase-js', create)
    .add('@/lib/config', 'checkSupabaseConfig')
    .add('@/lib/network', 'fetchWithTimeout');
  const options = next
    ? `{
  global: { fetch: fetchWithTimeout },
}`
    : `{
  auth: {
    storage: localStorage,
    persistSession: true,
    autoRefreshToken: true,
  },
  global: { fetch: fetchWithTimeout },
}`;
  return file(
    framework.directive,
    imports.render(),
    `/** Whether the build has its Supabase settings; the app shows its configuration screen when not. */
export const supabaseConfig = checkSupabaseConfig(${framework.env.url}, ${framework.env.anonKey});

// Without settings nothing calls Supabase (the configuration screen shows instead), but a client
// still needs a URL to be made: one that can never resolve.
const { url, anonKey } = supabaseConfig.ok ? supabaseConfig.settings : { url: 'https://not-configured.invalid', anonKey: 'not-configured' };`,
    `export const supabase = ${create}<Database>(url, anonKey, ${options});`,
  );
}
