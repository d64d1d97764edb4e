import type { JobPhase, ToolName } from '../contract/index.js';
import type { Chosen } from './engines/choose.js';
import type { ProductModel } from './model.js';

/** What an agent gets besides its input while it runs. */
export interface AgentContext {
  /** Aborted when the phase runs out of time or the job is cancelled; agents check it between steps. */
  signal: AbortSignal;
  /** Reports how far the phase is, 0..100, with a short note ("data model", "migration"). */
  progress(percent: number, note: string): void;
  /** A model to build on instead of the input's (tests, and the dev agent asking the architect and the UX designer). */
  model?: ProductModel;
  /** Who reads the idea: a model port, or none (the offline reader, with why a model asked for is not used). */
  engine?: Chosen;
}

/**
 * How an agent's own documents are made. `embedded` is deterministic and offline; the idea's
 * reading may come from a model (`engines/`), and every artifact is still built from it here.
 */
export type Engine = 'embedded';

export interface Persona {
  id: 'analyst' | 'pm' | 'architect' | 'ux-design-expert' | 'dev';
  name: string;
  icon: string;
  title: string;
  archetype: string;
  focus: string;
  principles: string[];
  writes: string;
}

export interface Agent<I, O> {
  persona: Persona;
  phase: JobPhase;
  tool: ToolName;
  engine: Engine;
  run(input: I, ctx: AgentContext): Promise<O>;
}

/** A context for running an agent outside a pipeline (tests, one-off calls). */
export function standaloneContext(signal: AbortSignal = new AbortController().signal): AgentContext {
  return { signal, progress: () => undefined };
}
