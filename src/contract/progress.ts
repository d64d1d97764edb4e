import { z } from 'zod';
import { JobPhaseSchema } from './tools.js';

/**
 * What the pipeline reports while it runs; transports (SSE, MCP progress, webhooks, the CLI)
 * turn these into their own messages.
 */
export const PhaseEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phase_started'), phase: JobPhaseSchema, at: z.string() }),
  z.object({
    type: z.literal('phase_progress'),
    phase: JobPhaseSchema,
    /** Percent of this phase done, 0..100. */
    percent: z.number().min(0).max(100),
    note: z.string(),
  }),
  z.object({ type: z.literal('phase_completed'), phase: JobPhaseSchema, at: z.string(), duration_ms: z.number() }),
  z.object({
    type: z.literal('phase_failed'),
    phase: JobPhaseSchema,
    at: z.string(),
    duration_ms: z.number(),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);
export type PhaseEvent = z.infer<typeof PhaseEventSchema>;

/** Default per-phase time limits (CONTRACT section 6; the analysis's is this service's), in milliseconds. */
export const DEFAULT_PHASE_TIMEOUTS_MS = {
  analysis: 5 * 60_000,
  strategy: 10 * 60_000,
  architecture: 5 * 60_000,
  ux: 8 * 60_000,
  code: 15 * 60_000,
} as const;
