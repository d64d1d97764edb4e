import { z } from 'zod';
import { NfrCategorySchema, PrioritySchema, ProductModelSchema } from './product-model.js';

/**
 * Tool inputs and outputs of CONTRACT section 2: the single source of truth that MCP schemas,
 * REST validation, OpenAPI and the TypeScript types are derived from.
 */

export const MAX_SPEC_CHARS = 100_000;
const MAX_LIST_ITEMS = 50;
const shortText = z.string().trim().min(1, 'must not be empty').max(1_000, 'must be at most 1000 characters');
const shortList = z.array(shortText).max(MAX_LIST_ITEMS, `must have at most ${MAX_LIST_ITEMS} items`);

export const PHASES = ['strategy', 'architecture', 'ux', 'code'] as const;
export const PhaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof PhaseSchema>;

export const STACK_PRESETS = ['vite-react', 'nextjs-react'] as const;
export const StackPresetSchema = z.enum(STACK_PRESETS);
export type StackPreset = z.infer<typeof StackPresetSchema>;

export const STYLES = ['minimal', 'corporate', 'playful', 'bold', 'elegant'] as const;
export const StyleSchema = z.enum(STYLES);
export type Style = z.infer<typeof StyleSchema>;

/**
 * The phases a job can have: the pipeline's four, and `analysis`, the one step of an aios_analyze
 * job. Status, events and artifacts are keyed by them.
 */
export const JOB_PHASES = ['analysis', ...PHASES] as const;
export const JobPhaseSchema = z.enum(JOB_PHASES);
export type JobPhase = z.infer<typeof JobPhaseSchema>;

export const ARTIFACT_TYPES = [...JOB_PHASES, 'all'] as const;
export const ArtifactTypeSchema = z.enum(ARTIFACT_TYPES);
export type ArtifactType = z.infer<typeof ArtifactTypeSchema>;

export const HexColorSchema = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex colour such as #2563eb');

// ---------------------------------------------------------------- engines (CONTRACT section 7)

/** Who did a phase's model work: the offline reader, a configured model, or the calling client's model. */
export const ENGINES = ['heuristic', 'llm', 'sampling'] as const;
export const EngineSchema = z.enum(ENGINES);
export type EngineName = z.infer<typeof EngineSchema>;

/** What a call may ask for: one engine, or `auto` (a configured model, else sampling when offered, else heuristic). */
export const ENGINE_CHOICES = ['auto', ...ENGINES] as const;
export const EngineChoiceSchema = z.enum(ENGINE_CHOICES);
export type EngineChoice = z.infer<typeof EngineChoiceSchema>;

const engineField = {
  engine: EngineChoiceSchema.optional().describe(
    'Who reads the idea: "auto" (the server\'s default: its configured model, else your own through MCP sampling when you offer it, else the offline reader), "heuristic", "llm" or "sampling"',
  ),
};

export const TokenUsageSchema = z.object({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

export const EngineFallbackSchema = z.object({
  from: z.enum(['llm', 'sampling']),
  reason: z.string(),
});
export type EngineFallback = z.infer<typeof EngineFallbackSchema>;

/** What every phase's output says about how it was made. */
export const engineRecordFields = {
  /** The model that did the work (`openai:gpt-4.1`, or the sampling client's model). */
  model: z.string().optional(),
  /** Tokens the phase's model calls used, fallen-back attempts included. */
  tokens: TokenUsageSchema.optional(),
  /** Set when a model was asked but its work was not used: the engine that failed and why. */
  fallback: EngineFallbackSchema.optional(),
};
export const EngineRecordSchema = z.object({ engine: EngineSchema, ...engineRecordFields });
export type EngineRecord = z.infer<typeof EngineRecordSchema>;
/** On the phases other than the analysis, where `engine` came later to the output. */
const phaseEngineFields = { engine: EngineSchema.optional(), ...engineRecordFields };

/** A product description: free text, the guide's structured form, or both. */
export const specFields = {
  spec: z
    .string()
    .max(MAX_SPEC_CHARS, `must be at most ${MAX_SPEC_CHARS} characters`)
    .optional()
    .describe('The product idea in free text: who uses it, what they manage, what it must do.'),
  product_name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  description: z.string().max(MAX_SPEC_CHARS, `must be at most ${MAX_SPEC_CHARS} characters`).optional(),
  target_segments: shortList.optional(),
  key_problems: shortList.optional(),
  success_metrics: shortList.optional(),
};

function hasText(value: string | undefined): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/** At least one of `spec` / `description` must say something. */
function requireSpec(value: { spec?: string | undefined; description?: string | undefined }, ctx: z.RefinementCtx): void {
  if (!hasText(value.spec) && !hasText(value.description)) {
    ctx.addIssue({
      code: 'custom',
      path: ['spec'],
      message: 'describe the product in `spec` (free text) or `description` (with the structured fields); both are empty',
    });
  }
}

/** An agent tool builds on `product_model` when given; otherwise it reads `spec` / `description`. */
function requireSpecOrModel(value: { spec?: string | undefined; description?: string | undefined; product_model?: unknown }, ctx: z.RefinementCtx): void {
  if (value.product_model === undefined && !hasText(value.spec) && !hasText(value.description)) {
    ctx.addIssue({
      code: 'custom',
      path: ['spec'],
      message: 'describe the product in `spec` (free text) or `description` (with the structured fields), or pass `product_model`; all are empty',
    });
  }
}

export const SpecInputSchema = z.object(specFields).superRefine(requireSpec);
export type SpecInput = z.infer<typeof SpecInputSchema>;

/** The product model an agent builds on instead of reading the spec (CONTRACT 2a). */
const modelField = { product_model: ProductModelSchema.optional() };

export const ContextSchema = z.object({
  industry: shortText.optional(),
  target_audience: shortText.optional(),
  budget_tier: z.enum(['startup', 'scaleup', 'enterprise']).optional(),
});
export type Context = z.infer<typeof ContextSchema>;

// ---------------------------------------------------------------- aios_analyze (@analyst)

export const AnalyzeInputSchema = z
  .object({ ...specFields, ...engineField, context: ContextSchema.optional() })
  .superRefine(requireSpec);
export type AnalyzeInput = z.infer<typeof AnalyzeInputSchema>;

export const AnalyzeOutputSchema = z.object({
  product_model: ProductModelSchema,
  /** The AIOS project brief, written from the product model. */
  brief_markdown: z.string(),
  /** Which engine read the idea. */
  engine: EngineSchema,
  ...engineRecordFields,
});
export type AnalyzeOutput = z.infer<typeof AnalyzeOutputSchema>;

// ---------------------------------------------------------------- aios_strategize (@pm)


export const FunctionalRequirementSchema = z.object({
  id: z.string().regex(/^FR-\d+$/),
  description: z.string(),
  priority: PrioritySchema,
  epic: z.number().int().positive().optional(),
});
export const NonFunctionalRequirementSchema = z.object({
  id: z.string().regex(/^NFR-\d+$/),
  description: z.string(),
  category: NfrCategorySchema,
});
export const ConstraintSchema = z.object({
  id: z.string().regex(/^CON-\d+$/),
  description: z.string(),
});
export const RequirementsSchema = z.object({
  functional: z.array(FunctionalRequirementSchema),
  non_functional: z.array(NonFunctionalRequirementSchema),
  constraints: z.array(ConstraintSchema),
});
export type Requirements = z.infer<typeof RequirementsSchema>;

export const PersonaSchema = z.object({
  name: z.string(),
  role: z.string(),
  description: z.string(),
  goals: z.array(z.string()),
  frustrations: z.array(z.string()),
});
export const StorySchema = z.object({
  id: z.string().regex(/^\d+\.\d+$/),
  title: z.string(),
  as_a: z.string(),
  i_want: z.string(),
  so_that: z.string(),
  acceptance_criteria: z.array(z.string()),
  requirements: z.array(z.string()),
});
export const EpicSchema = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  goal: z.string(),
  stories: z.array(StorySchema),
});

export const StrategizeInputSchema = z
  .object({ ...specFields, ...modelField, ...engineField, context: ContextSchema.optional() })
  .superRefine(requireSpecOrModel);
export type StrategizeInput = z.infer<typeof StrategizeInputSchema>;

export const StrategizeOutputSchema = z.object({
  product_name: z.string(),
  /** The model the PM planned from: the one given, or the analyst's reading of the spec. */
  product_model: ProductModelSchema,
  requirements: RequirementsSchema,
  strategy_summary: z.string(),
  estimated_complexity: z.enum(['simple', 'standard', 'complex']),
  personas: z.array(PersonaSchema),
  success_metrics: z.array(z.string()),
  epics: z.array(EpicSchema),
  assumptions: z.array(z.string()),
  prd_markdown: z.string(),
  ...phaseEngineFields,
});
export type StrategizeOutput = z.infer<typeof StrategizeOutputSchema>;

// ---------------------------------------------------------------- aios_design_architecture (@architect)

export const FieldSchema = z.object({
  name: z.string(),
  /** PostgreSQL type as written in the migration: uuid, text, integer, numeric(12,2), timestamptz... */
  type: z.string(),
  primary: z.boolean().optional(),
  unique: z.boolean().optional(),
  nullable: z.boolean().optional(),
  /** `table.column` this field is a foreign key to, e.g. `projects.id` or `auth.users.id`. */
  references: z.string().optional(),
  default: z.string().optional(),
  /** Allowed values when the field is a closed set (written as a CHECK constraint). */
  enum_values: z.array(z.string()).optional(),
  /** How an enum value is shown, by value, where it is not the value's words (`jetbrains` → `JetBrains`). */
  enum_labels: z.record(z.string(), z.string()).optional(),
  description: z.string().optional(),
});
export type Field = z.infer<typeof FieldSchema>;

export const EntitySchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  fields: z.array(FieldSchema),
  /** The column that holds the creating user's id, tied to auth.users. */
  owner_field: z.string().optional(),
  /** The column a person reads to recognise a row (title, name...). */
  display_field: z.string().optional(),
  /** A join table of a many-to-many relationship. */
  join_table: z.boolean().optional(),
});
export type Entity = z.infer<typeof EntitySchema>;

export const RelationshipSchema = z.object({
  from: z.string(),
  to: z.string(),
  type: z.enum(['one-to-one', 'one-to-many', 'many-to-many']),
  through: z.string().optional(),
  description: z.string().optional(),
});
export type Relationship = z.infer<typeof RelationshipSchema>;

export const EndpointSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string(),
  description: z.string(),
});

export const RlsPolicySchema = z.object({
  table: z.string(),
  name: z.string(),
  command: z.enum(['select', 'insert', 'update', 'delete', 'all']),
  role: z.string(),
  using: z.string().optional(),
  with_check: z.string().optional(),
  description: z.string(),
});
export type RlsPolicy = z.infer<typeof RlsPolicySchema>;

export const AccessCellSchema = z.object({
  scope: z.enum(['all', 'own', 'related', 'none']).describe('all rows; own rows; rows related through `via`; none'),
  via: z.string().optional().describe('related: the table through which rows relate to the person'),
  link: z
    .enum(['member', 'manager', 'party', 'reader', 'child'])
    .optional()
    .describe('related: member of `via`; manager of it (owner or admin member); one of its people (owner, named person, member); may read it (children follow their parent); one of the people of a `via` row that belongs to this one'),
  columns: z.array(z.string()).optional().describe('read: only these columns, through the table\'s summary function; the role reads its own rows in full'),
  source: z.enum(['rule', 'default']).describe('rule: from the product model\'s access rules; default: the architect\'s safe default'),
  why: z.string(),
});
export type AccessCell = z.infer<typeof AccessCellSchema>;

export const AccessMatrixSchema = z
  .object({
    roles: z.array(z.string()),
    tables: z.array(
      z.object({
        table: z.string(),
        hidden_columns: z.array(z.string()).optional().describe('Columns only the rows\' parties and privileged staff read'),
        summary_function: z.string().optional().describe('The RPC that serves the other columns to roles whose read cell lists `columns`'),
        roles: z.array(z.object({ role: z.string(), read: AccessCellSchema, create: AccessCellSchema, update: AccessCellSchema, delete: AccessCellSchema })),
      }),
    ),
    notes: z.array(z.string()).describe('Rules that could not be followed as written, and what was done instead'),
  })
  .describe('Every role × table × action: which rows the role may touch. The RLS policies, grants and pgTAP tests implement exactly this.');
export type AccessMatrixContract = z.infer<typeof AccessMatrixSchema>;

export const ArchitectureSchema = z.object({
  stack: z.object({
    preset: StackPresetSchema,
    frontend: z.string(),
    backend: z.string(),
    deployment: z.string(),
    database: z.string(),
    auth: z.string(),
    technologies: z.array(
      z.object({ category: z.string(), technology: z.string(), version: z.string(), purpose: z.string(), rationale: z.string() }),
    ),
  }),
  data_model: z.object({
    entities: z.array(EntitySchema),
    relationships: z.array(RelationshipSchema),
  }),
  api_design: z.object({
    style: z.string(),
    endpoints: z.array(EndpointSchema),
  }),
  security: z.object({
    auth_strategy: z.string(),
    roles: z.array(z.string()),
    /** The role of a new person whose sign-up asks for none, or for one they may not pick. */
    default_role: z.string().optional(),
    /** Roles a person may pick at sign-up; every other role is given after sign-up by someone privileged (set_user_role). */
    self_signup_roles: z.array(z.string()).optional(),
    access_matrix: AccessMatrixSchema.optional(),
    rls_policies: z.array(RlsPolicySchema),
  }),
  integrations: z.array(z.object({ kind: z.string(), provider: z.string(), purpose: z.string() })),
});
export type Architecture = z.infer<typeof ArchitectureSchema>;

export const ArchitectureInputSchema = z
  .object({
    ...specFields,
    ...modelField,
    ...engineField,
    requirements: RequirementsSchema.optional(),
    stack_preference: StackPresetSchema.optional(),
  })
  .superRefine(requireSpecOrModel);
export type ArchitectureInput = z.infer<typeof ArchitectureInputSchema>;

export const ArchitectureOutputSchema = z.object({
  architecture: ArchitectureSchema,
  migration_sql: z.string(),
  /** pgTAP tests of the access matrix, for `supabase/tests/` (`supabase test db`). */
  database_tests_sql: z.string(),
  architecture_markdown: z.string(),
  ...phaseEngineFields,
});
export type ArchitectureOutput = z.infer<typeof ArchitectureOutputSchema>;

// ---------------------------------------------------------------- aios_design_ux (@ux-design-expert)

export const UserFlowSchema = z.object({
  name: z.string(),
  role: z.string().optional(),
  goal: z.string().optional(),
  steps: z.array(z.string()),
});
export type UserFlow = z.infer<typeof UserFlowSchema>;

export const PageSchema = z.object({
  name: z.string(),
  route: z.string(),
  components: z.array(z.string()),
  layout: z.string(),
  purpose: z.string().optional(),
  entity: z.string().optional(),
  kind: z.enum(['landing', 'auth', 'dashboard', 'list', 'detail', 'form', 'settings', 'other']).optional(),
  roles: z.array(z.string()).optional(),
});
export type Page = z.infer<typeof PageSchema>;

export const ContrastCheckSchema = z.object({
  foreground: z.string(),
  background: z.string(),
  mode: z.enum(['light', 'dark']),
  ratio: z.number(),
  passes_aa: z.boolean(),
  adjusted: z.boolean(),
});

export const DesignTokensSchema = z.object({
  colors: z.object({
    light: z.record(z.string(), z.string()),
    dark: z.record(z.string(), z.string()),
  }),
  typography: z.object({
    font_family: z.string(),
    font_mono: z.string(),
    scale: z.record(z.string(), z.object({ size: z.string(), weight: z.number(), line_height: z.string() })),
  }),
  spacing: z.record(z.string(), z.string()),
  radius: z.record(z.string(), z.string()),
  contrast: z.array(ContrastCheckSchema),
});
export type DesignTokens = z.infer<typeof DesignTokensSchema>;

export const UxSpecSchema = z.object({
  user_flows: z.array(UserFlowSchema),
  pages: z.array(PageSchema),
  design_tokens: DesignTokensSchema,
  component_library: z.object({
    name: z.string(),
    components: z.array(z.object({ name: z.string(), purpose: z.string(), variants: z.array(z.string()) })),
  }),
  accessibility_checklist: z.array(z.string()),
});
export type UxSpec = z.infer<typeof UxSpecSchema>;

export const UxInputSchema = z
  .object({
    ...specFields,
    ...modelField,
    ...engineField,
    requirements: RequirementsSchema.optional(),
    architecture: ArchitectureSchema.optional(),
    user_flows: shortList.optional(),
    style_preference: StyleSchema.optional(),
    design_preferences: z
      .object({
        primary_color: HexColorSchema.optional(),
        font_family: shortText.optional(),
        style: StyleSchema.optional(),
      })
      .optional(),
    accessibility_requirements: shortList.optional(),
  })
  .superRefine(requireSpecOrModel);
export type UxInput = z.infer<typeof UxInputSchema>;

export const UxOutputSchema = z.object({
  ux_spec: UxSpecSchema,
  ux_markdown: z.string(),
  ...phaseEngineFields,
});
export type UxOutput = z.infer<typeof UxOutputSchema>;

// ---------------------------------------------------------------- aios_generate_code (@dev)

export const GeneratedFileSchema = z.object({
  path: z.string(),
  content: z.string(),
  language: z.string(),
});
export type GeneratedFile = z.infer<typeof GeneratedFileSchema>;

export const CodeInputSchema = z
  .object({
    ...specFields,
    ...modelField,
    ...engineField,
    architecture: ArchitectureSchema.optional(),
    /** The architect's migration (`migration_sql` of aios_design_architecture), written to supabase/migrations/. */
    migration_sql: z.string().max(MAX_SPEC_CHARS * 5, `must be at most ${MAX_SPEC_CHARS * 5} characters`).optional(),
    /** The architect's pgTAP tests (`database_tests_sql`), written to supabase/tests/. */
    database_tests_sql: z.string().max(MAX_SPEC_CHARS * 20, `must be at most ${MAX_SPEC_CHARS * 20} characters`).optional(),
    ux_spec: UxSpecSchema.optional(),
    target_files: z.array(z.string().min(1).max(300)).max(500).optional(),
    framework: StackPresetSchema.optional(),
  })
  .superRefine(requireSpecOrModel);
export type CodeInput = z.infer<typeof CodeInputSchema>;

export const CodeOutputSchema = z.object({
  files: z.array(GeneratedFileSchema),
  dependencies: z.object({
    production: z.record(z.string(), z.string()),
    development: z.record(z.string(), z.string()),
  }),
  setup_instructions: z.array(z.string()),
  ...phaseEngineFields,
});
export type CodeOutput = z.infer<typeof CodeOutputSchema>;

// ---------------------------------------------------------------- aios_full_pipeline, status, artifacts

export const PipelineInputSchema = z
  .object({
    ...specFields,
    ...modelField,
    ...engineField,
    context: ContextSchema.optional(),
    phases: z.array(PhaseSchema).min(1, 'name at least one phase').optional(),
    stack_preference: StackPresetSchema.optional(),
    style_preference: StyleSchema.optional(),
    // Checked by the webhook URL guard (http(s), public addresses only), which answers INVALID_WEBHOOK_URL.
    webhook_url: z
      .string()
      .max(2_000, 'must be at most 2000 characters')
      .optional()
      .describe('A public http(s) URL that gets a signed POST on the job\'s progress and end (pipeline.completed with artifact_urls); check each with verifyWebhook'),
  })
  .superRefine(requireSpecOrModel);
export type PipelineInput = z.infer<typeof PipelineInputSchema>;

/** What a finished pipeline holds: one output per phase that ran. */
export const PipelineOutputSchema = z.object({
  strategy: StrategizeOutputSchema.optional(),
  architecture: ArchitectureOutputSchema.optional(),
  ux: UxOutputSchema.optional(),
  code: CodeOutputSchema.optional(),
});
export type PipelineOutput = z.infer<typeof PipelineOutputSchema>;

export const JobStatusSchema = z.enum(['queued', 'processing', 'completed', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatusSchema>;

export const PhaseStatusSchema = z.enum(['pending', 'processing', 'completed', 'failed', 'skipped', 'cancelled']);
export type PhaseStatus = z.infer<typeof PhaseStatusSchema>;

export const PipelineAcceptedSchema = z.object({
  job_id: z.string(),
  status: JobStatusSchema,
  phases_queued: z.array(PhaseSchema),
  estimated_duration_seconds: z.number(),
  status_url: z.string(),
  stream_url: z.string(),
});
export type PipelineAccepted = z.infer<typeof PipelineAcceptedSchema>;

export const JobIdInputSchema = z.object({
  job_id: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
});

export const GetStatusInputSchema = JobIdInputSchema;
export const GetStatusOutputSchema = z.object({
  job_id: z.string(),
  status: JobStatusSchema,
  phases: z.record(
    z.string(),
    z.object({ status: PhaseStatusSchema, started_at: z.string().optional(), duration_ms: z.number().optional() }),
  ),
  progress_percent: z.number().min(0).max(100),
  error: z
    .object({ code: z.string(), message: z.string(), phase: z.string().optional(), details: z.unknown().optional() })
    .nullable(),
});
export type GetStatusOutput = z.infer<typeof GetStatusOutputSchema>;

export const GetArtifactInputSchema = JobIdInputSchema.extend({ artifact_type: ArtifactTypeSchema });
export type GetArtifactInput = z.infer<typeof GetArtifactInputSchema>;

// ---------------------------------------------------------------- the eight tools, by name

export const TOOLS = {
  aios_analyze: { input: AnalyzeInputSchema, output: AnalyzeOutputSchema, phase: 'analysis' },
  aios_strategize: { input: StrategizeInputSchema, output: StrategizeOutputSchema, phase: 'strategy' },
  aios_design_architecture: { input: ArchitectureInputSchema, output: ArchitectureOutputSchema, phase: 'architecture' },
  aios_design_ux: { input: UxInputSchema, output: UxOutputSchema, phase: 'ux' },
  aios_generate_code: { input: CodeInputSchema, output: CodeOutputSchema, phase: 'code' },
  aios_full_pipeline: { input: PipelineInputSchema, output: PipelineAcceptedSchema, phase: null },
  aios_get_status: { input: GetStatusInputSchema, output: GetStatusOutputSchema, phase: null },
  aios_get_artifact: { input: GetArtifactInputSchema, output: z.unknown(), phase: null },
} as const;

export type ToolName = keyof typeof TOOLS;
export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[];
export const ToolNameSchema = z.enum(TOOL_NAMES as [ToolName, ...ToolName[]]);

/** The tools that run agents, and so can run as jobs. */
export const AGENT_TOOLS = ['aios_analyze', 'aios_strategize', 'aios_design_architecture', 'aios_design_ux', 'aios_generate_code', 'aios_full_pipeline'] as const;
export type AgentToolName = (typeof AGENT_TOOLS)[number];
