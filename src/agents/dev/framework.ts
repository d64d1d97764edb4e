import type { StackPreset } from '../../contract/index.js';
import { PROJECT_LAYOUTS, type ProjectLayout } from '../project-layout.js';
import type { Imports } from './source.js';

/**
 * What differs between the presets in a component's source: links, navigation, route
 * parameters, environment variables and the client-component marker. Everything else
 * (hooks, forms, pages, UI) is written once.
 */
export interface Framework {
  preset: StackPreset;
  /** First line of a client component (`'use client';` on Next.js). */
  directive: string;
  /** Adds the Link import; returns the JSX of a link. */
  link(imports: Imports, target: string, children: string, className?: string): string;
  /** Adds what navigation needs; returns the hook line and a call that goes to `target`. */
  navigator(imports: Imports): { hook: string; go: (target: string) => string };
  /** Where the guard sent a person from, when the router remembers it: lines that bind `returnTo` (string | undefined). */
  returnTo(imports: Imports): string | undefined;
  /** Adds what reading the query string needs; returns the line that binds `searchParams`. */
  searchParams(imports: Imports): string;
  /** Adds what reading a route parameter needs; returns the line that reads `name` into `variable`. */
  param(imports: Imports, name: string, variable: string): string;
  env: { url: string; anonKey: string; urlName: string; anonKeyName: string };
  /** Where the project keeps its files: the source root, the Supabase client and types. */
  layout: ProjectLayout;
}

export const VITE_REACT: Framework = {
  preset: 'vite-react',
  directive: '',
  link(imports, target, children, className) {
    imports.add('react-router-dom', 'Link');
    return `<Link to=${attribute(target)}${className ? ` className="${className}"` : ''}>${children}</Link>`;
  },
  navigator(imports) {
    imports.add('react-router-dom', 'useNavigate');
    return { hook: 'const navigate = useNavigate();', go: (target) => `navigate(${target})` };
  },
  returnTo(imports) {
    imports.add('react-router-dom', 'useLocation');
    return 'const location = useLocation();\n  const returnTo = (location.state as { from?: string } | null)?.from;';
  },
  searchParams(imports) {
    imports.add('react-router-dom', 'useSearchParams');
    return 'const [searchParams] = useSearchParams();';
  },
  param(imports, name, variable) {
    imports.add('react-router-dom', 'useParams');
    return `const { ${name === variable ? name : `${name}: ${variable}`} } = useParams();`;
  },
  env: {
    url: 'import.meta.env.VITE_SUPABASE_URL',
    anonKey: 'import.meta.env.VITE_SUPABASE_ANON_KEY',
    urlName: 'VITE_SUPABASE_URL',
    anonKeyName: 'VITE_SUPABASE_ANON_KEY',
  },
  layout: PROJECT_LAYOUTS['vite-react'],
};

export const NEXTJS_REACT: Framework = {
  preset: 'nextjs-react',
  directive: "'use client';",
  link(imports, target, children, className) {
    imports.addDefault('next/link', 'Link');
    return `<Link href=${attribute(target)}${className ? ` className="${className}"` : ''}>${children}</Link>`;
  },
  navigator(imports) {
    imports.add('next/navigation', 'useRouter');
    return { hook: 'const router = useRouter();', go: (target) => `router.push(${target})` };
  },
  returnTo() {
    return undefined;
  },
  searchParams(imports) {
    // The (app) layout wraps pages in <Suspense>, which Next.js requires around useSearchParams.
    imports.add('next/navigation', 'useSearchParams');
    return 'const searchParams = useSearchParams();';
  },
  param(imports, name, variable) {
    imports.add('next/navigation', 'useParams');
    return `const { ${name === variable ? name : `${name}: ${variable}`} } = useParams<{ ${name}: string }>();`;
  },
  env: {
    url: 'process.env.NEXT_PUBLIC_SUPABASE_URL',
    anonKey: 'process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY',
    urlName: 'NEXT_PUBLIC_SUPABASE_URL',
    anonKeyName: 'NEXT_PUBLIC_SUPABASE_ANON_KEY',
  },
  layout: PROJECT_LAYOUTS['nextjs-react'],
};

/** `'/tasks'` → `"/tasks"`; an expression → `{expression}`. */
function attribute(target: string): string {
  return /^'[^'"\\]*'$/.test(target) ? `"${target.slice(1, -1)}"` : `{${target}}`;
}

export function frameworkOf(preset: StackPreset): Framework {
  return preset === 'nextjs-react' ? NEXTJS_REACT : VITE_REACT;
}
