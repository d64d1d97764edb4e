import { completable, type GetPromptResult, type McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { STACK_PRESETS, STYLES } from '../contract/index.js';
import type { Persona } from '../agents/agent.js';
import { PERSONAS } from '../agents/personas.js';
import { ARCHITECTURE_SECTIONS, BRIEF_SECTIONS, DEV_STEPS, MODEL_RULES, PRD_SECTIONS, UX_SECTIONS, modelSchema, personaIntro } from '../agents/prompts.js';

/**
 * One prompt per agent, so a client can run the AIOS method with its own model: the persona,
 * its principles and the section order of the document it writes (AIOS-METHOD.md).
 */

function instructions(persona: Persona, document: string, sections: string[], idea: string, extra: string[]): GetPromptResult {
  const text = [
    ...personaIntro(persona),
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
