import type { Scope } from './scope.js';

/** The platform the PRD binds the architect to: Lovable's stack unless the spec's constraints say otherwise. */
export interface StackChoice {
  frontend: string;
  backend: string;
  /** "React + Vite + TypeScript + Tailwind CSS + shadcn/ui on Supabase" */
  summary: string;
  /** True when a constraint of the spec chose or confirmed the stack. */
  stated: boolean;
}

const NEXT = /\bnext(?:\.?js)?\b/i;
const STACK_WORDS = /\b(?:react|vite|next(?:\.?js)?|supabase|tailwind|shadcn|typescript|lovable)\b/i;

export function stackOf(scope: Scope): StackChoice {
  const constraints = scope.model.constraints;
  const nextjs = constraints.some((text) => NEXT.test(text) && !/\b(?:no|not|without|cannot)\b/i.test(text));
  const frontend = nextjs
    ? 'Next.js (React) + TypeScript + Tailwind CSS + shadcn/ui'
    : 'React + Vite + TypeScript + Tailwind CSS + shadcn/ui';
  const backend = 'Supabase (PostgreSQL with row level security, Auth, Storage, Edge Functions)';
  return {
    frontend,
    backend,
    summary: `${frontend} on Supabase`,
    stated: constraints.some((text) => STACK_WORDS.test(text)),
  };
}
