import { completable, type GetPromptResult, type McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { ProductModelSchema, STACK_PRESETS, STYLES } from '../contract/index.js';
import type { Persona } from '../agents/agent.js';
import { PERSONAS } from '../agents/personas.js';

/**
 * One prompt per agent, so a client can run the AIOS method with its own model: the persona,
 * its principles and the section order of the document it writes (AIOS-METHOD.md).
 */

const BRIEF_SECTIONS = [
  'Executive Summary: the product concept, the problem, who it is for, its value',
  'Problem Statement: the problem, who has it, how it is handled today, why now',
  'Proposed Solution: the core idea, the records it keeps and how they relate, what sets it apart',
  'Target Users: each kind of user (role), how they join, what they do',
  'Goals & Success Metrics: business objectives, user success, measurable KPIs',
  'MVP Scope: core features (must have), out of scope, MVP success criteria',
  'Post-MVP Vision: what comes later, long-term direction',
  'Technical Considerations: platform, data and access rules, integrations, qualities asked for',
  'Constraints & Assumptions: what is fixed, and every assumption you made',
  'Risks & Open Questions: key risks, questions the idea leaves open',
];
const MODEL_RULES = [
  'roles: the kinds of people who sign in (snake_case, "sales_rep"); privileged ones (admin, manager, owner, staff) have power over other people\'s rows and are never chosen at sign-up.',
  'entities: the records the product keeps (singular snake_case, "time_slot"), each with typed attributes; people who never sign in (patients, guests, children) are entities too.',
  'relationships: in one-to-many `from` is the "one" side (project → task); many-to-many `through` names the join entity, declared in entities when the link has columns of its own (a stylist\'s price for a service); `as` names a person column ("assignee").',
  'access: which role may create, read, update or delete which entity\'s rows: all, own (they made them), related (through `via`) or none.',
  'features: what the idea says people can do, as verb phrases, with the roles and entities they involve; priority "wont" for what it defers.',
  'Only what the idea says or clearly implies; everything else goes in `assumptions`.',
];

let modelSchemaText: string | undefined;
/** The product model's JSON Schema, as a client's model is asked to fill it (made once). */
function modelSchema(): string {
  modelSchemaText ??= JSON.stringify(z.toJSONSchema(ProductModelSchema, { io: 'input' }), null, 1);
  return modelSchemaText;
}

const PRD_SECTIONS = [
  'Goals and Background Context: outcome bullets; 1–2 paragraphs on the problem and why now; change log',
  'Requirements: functional `FR1: …` and non-functional `NFR1: …`, each functional one with a MoSCoW priority',
  'User Interface Design Goals: UX vision, interaction paradigms, core screens, accessibility target (WCAG AA), branding, target devices',
  'Technical Assumptions: repository structure, service architecture, testing level, other assumptions with rationale',
  'Epic List: `Epic N: Title: goal`; Epic 1 lays the foundation and still ships something visible',
  'One section per epic: a 2–3 sentence goal; stories `Story N.M` as "As a …, I want …, so that …" with numbered, testable acceptance criteria',
  'Checklist Results, then Next Steps: a short prompt for the UX expert and one for the architect',
];
const ARCHITECTURE_SECTIONS = [
  'Introduction (starter template or greenfield; change log)',
  'High-level architecture: summary, platform options and a recommendation, repository structure, a Mermaid diagram, patterns with rationale',
  'Tech stack table (Category | Technology | Version | Purpose | Rationale), versions pinned, never "latest"',
  'Data models, one per entity: purpose, typed attributes, a TypeScript interface, relationships; a Mermaid erDiagram',
  'API specification: OpenAPI 3.0 YAML covering every endpoint the stories need',
  'Components; external APIs',
  'Core workflows: Mermaid sequence diagrams, error paths included',
  'Database schema: PostgreSQL DDL with keys, indexes, constraints and row level security on every table',
  'Front-end architecture (components, state, routes with protected routes, API client); back-end architecture (services, data access, auth)',
  'Unified project structure (a tree); development workflow',
  'Deployment: strategy, CI/CD, environments table',
  'Security and performance; testing strategy; coding standards; error handling; monitoring; checklist results',
];
const UX_SECTIONS = [
  'Introduction: personas, usability goals, 3–5 design principles; change log',
  'Information architecture: site map (Mermaid); navigation',
  'User flows, one per critical task: goal, entry points, success criteria, flow diagram, edge cases',
  'Wireframes: per key screen, purpose, key elements, interaction notes',
  'Component library (shadcn/ui): per component, purpose, variants, states',
  'Branding and style guide: colour table (Color Type | Hex | Usage), type scale (Element | Size | Weight | Line Height), iconography, spacing',
  'Accessibility requirements (WCAG 2.1 AA: every text/background pair at least 4.5:1) and how they are tested',
  'Responsiveness: breakpoints (Breakpoint | Min | Max | Target devices)',
  'Animation and micro-interactions; performance goals',
  'Next steps and a design hand-off checklist',
];
const DEV_STEPS = [
  'Use the stack of the architecture: React + Vite + TypeScript + Tailwind + shadcn/ui on Supabase (or Next.js when asked)',
  'Generate the database types from the data model, and a typed Supabase client',
  'One data hook per table (list, get, create, update, delete) with @tanstack/react-query',
  'One page per route of the UX spec, forms for create and edit, protected routes for signed-in pages',
  'Put the migration under supabase/migrations/; pin every dependency version',
  'Done means it builds and type-checks',
];

function instructions(persona: Persona, document: string, sections: string[], idea: string, extra: string[]): GetPromptResult {
  const text = [
    `You are ${persona.name} ${persona.icon}, the AIOS ${persona.title} (${persona.archetype}): you ${persona.focus}.`,
    '',
    'Principles:',
    ...persona.principles.map((principle) => `- ${principle}`),
    '',
    `Write ${document} for the product below, in this order, as markdown, opening with a Change Log table (Date | Version | Description | Author):`,
    ...sections.map((section, index) => `${index + 1}. ${section}`),
    '',
    ...extra,
    'Draft every section without stopping to ask ("yolo" mode) and list the assumptions you made.',
    '',
    'The product:',
    idea,
  ].join('\n');
  return { description: `${persona.icon} ${persona.name}: ${document}`, messages: [{ role: 'user', content: { type: 'text', text } }] };
}

const idea = z.string().min(1).describe('The product idea, in free text');
const stack = completable(z.string().describe(`Stack preset: ${STACK_PRESETS.join(' or ')}`), (value) =>
  STACK_PRESETS.filter((preset) => preset.startsWith(value ?? '')),
).optional();
const style = completable(z.string().describe(`Visual style: ${STYLES.join(', ')}`), (value) =>
  STYLES.filter((name) => name.startsWith(value ?? '')),
).optional();
/**
 * The prompts' argument schemas, made once: a server is built per /mcp request, and making these
 * objects (zod builds each object schema's internals eagerly) was a tenth of a request's CPU.
 */
const IDEA_ARGS = z.object({ idea });
const IDEA_STACK_ARGS = z.object({ idea, stack });
const IDEA_STYLE_ARGS = z.object({ idea, style });

export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'aios_analyze',
    {
      title: '🔍 Analyze an idea: product model and brief (@analyst)',
      description: 'Atlas, the AIOS analyst, reads an idea into the product model (JSON, to pass as `product_model`) and writes the project brief.',
      argsSchema: IDEA_ARGS,
    },
    (args) =>
      instructions(PERSONAS.analyst, 'the project brief (docs/brief.md)', BRIEF_SECTIONS, args.idea, [
        'Before the brief, write the product model: one JSON object valid against the JSON Schema below. The brief is written from it.',
        ...MODEL_RULES.map((rule) => `- ${rule}`),
        '',
        '```json',
        modelSchema(),
        '```',
        '',
        'Then pass the model as `product_model` to aios_full_pipeline (or aios_strategize, aios_design_architecture, aios_design_ux, aios_generate_code): every agent builds on it without reading the idea again.',
        '',
      ]),
  );
  server.registerPrompt(
    'aios_write_prd',
    { title: '📋 Write a PRD (@pm)', description: 'Morgan, the AIOS product manager, writes a PRD from an idea.', argsSchema: IDEA_ARGS },
    (args) => instructions(PERSONAS.pm, 'the PRD (docs/prd.md)', PRD_SECTIONS, args.idea, []),
  );
  server.registerPrompt(
    'aios_design_architecture',
    {
      title: '🏛️ Design the architecture (@architect)',
      description: 'Aria, the AIOS architect, writes the full-stack architecture and the SQL migration.',
      argsSchema: IDEA_STACK_ARGS,
    },
    (args) =>
      instructions(PERSONAS.architect, 'the full-stack architecture document (docs/architecture.md)', ARCHITECTURE_SECTIONS, args.idea, [
        `Stack preset: ${args.stack ?? 'vite-react'} (Lovable builds React + Vite apps on Supabase and cannot build Next.js).`,
        '',
      ]),
  );
  server.registerPrompt(
    'aios_design_ux',
    {
      title: '🎨 Write the UI/UX specification (@ux-design-expert)',
      description: 'Uma, the AIOS UX designer, writes the UI/UX specification and the design tokens.',
      argsSchema: IDEA_STYLE_ARGS,
    },
    (args) =>
      instructions(PERSONAS['ux-design-expert'], 'the UI/UX specification (docs/front-end-spec.md)', UX_SECTIONS, args.idea, [
        `Visual style: ${args.style ?? 'minimal'}. Name colours as design tokens (light and dark modes); no hard-coded style values.`,
        '',
      ]),
  );
  server.registerPrompt(
    'aios_implement',
    {
      title: '💻 Implement the app (@dev)',
      description: 'Dex, the AIOS developer, implements the app from the architecture and the UX spec.',
      argsSchema: IDEA_STACK_ARGS,
    },
    (args) =>
      instructions(PERSONAS.dev, 'the application code, file by file', DEV_STEPS, args.idea, [
        `Stack preset: ${args.stack ?? 'vite-react'}.`,
        '',
      ]),
  );
}
