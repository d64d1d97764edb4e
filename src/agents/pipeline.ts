import {
  AiosError,
  AnalyzeInputSchema,
  ArchitectureInputSchema,
  CodeInputSchema,
  DEFAULT_PHASE_TIMEOUTS_MS,
  PipelineInputSchema,
  StrategizeInputSchema,
  UxInputSchema,
  parseInput,
  type AgentToolName,
  type AnalyzeOutput,
  type ArchitectureInput,
  type ArchitectureOutput,
  type CodeInput,
  type CodeOutput,
  type StrategizeOutput,
  type UxOutput,
  type EngineChoice,
  type EngineFallback,
  type JobPhase,
  type PhaseEvent,
  type SpecInput,
  type PipelineInput,
  type PipelineOutput,
  type ProductModelContract,
  type StrategizeInput,
  type UxInput,
  type EngineRecord,
} from '../contract/index.js';
import type { Agent, AgentContext } from './agent.js';
import { analystAgent, readModel, readWithEngine, type ProductInput } from './analyst.js';
import { architectAgent } from './architect.js';
import { devAgent } from './dev.js';
import { chooseEngine, type Chosen } from './engines/choose.js';
import { InputNeeded, NO_TOKENS, addTokens, type Engines } from './engines/port.js';
import { pmAgent } from './pm.js';
import { specOf } from './reader/read.js';
import { uxAgent } from './ux.js';
import { orderPhases } from './phases.js';

export { orderPhases, phasesOf } from './phases.js';

export interface RunOptions {
  /** Aborting it cancels the run: the running phase stops at its next step. */
  signal?: AbortSignal;
  onEvent?: (event: PhaseEvent) => void;
  /** Per-phase time limits in ms; CONTRACT section 6 defaults for the ones not given. */
  timeouts?: Partial<Record<JobPhase, number>>;
  /** The engines the run may use (`AIOS_ENGINE`, the configured model, the client's); the offline reader only when not given. */
  engines?: Engines;
}

/** What runPhase adds for the pipeline: the engine already chosen, and who hears of a model's reading. */
interface PhaseOptions extends RunOptions {
  chosen?: Chosen;
  /** Why a model asked for did not read the idea the phase builds on (the pipeline's first phase). */
  readingFallback?: EngineFallback | undefined;
  onReading?: (product_model: ProductModelContract) => void;
}

/**
 * Runs one agent as one phase: emits its events, enforces its time limit (`AGENT_TIMEOUT`) and
 * turns an unexpected error into `AGENT_FAILURE`. Contract errors (`INVALID_INPUT`...) pass through.
 */
export async function runPhase<I, O>(agent: Agent<I, O>, input: I, options: PhaseOptions = {}): Promise<O> {
  const { phase } = agent;
  const limit = options.timeouts?.[phase] ?? DEFAULT_PHASE_TIMEOUTS_MS[phase];
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) onOuterAbort();

  const started = performance.now();
  const emit = (event: PhaseEvent) => options.onEvent?.(event);
  emit({ type: 'phase_started', phase, at: new Date().toISOString() });

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AiosError('AGENT_TIMEOUT', `the ${phase} phase ran past its limit of ${limit} ms`, { phase, limit_ms: limit });
      controller.abort(error);
      reject(error);
    }, limit);
  });
  const aborted = new Promise<never>((_, reject) => {
    const rejectWithReason = () => reject(toAbortError(controller.signal.reason, phase));
    if (controller.signal.aborted) rejectWithReason();
    else controller.signal.addEventListener('abort', rejectWithReason, { once: true });
  });

  const chosen = options.chosen ?? chooseEngine((input as { engine?: EngineChoice | undefined }).engine, options.engines);
  const ctx: AgentContext = {
    signal: controller.signal,
    progress: (percent, note) => emit({ type: 'phase_progress', phase, percent: clampPercent(percent), note }),
    engine: chosen,
  };

  try {
    const output = await Promise.race([withReading(agent, input, ctx, options), timedOut, aborted]);
    emit({ type: 'phase_completed', phase, at: new Date().toISOString(), duration_ms: elapsed(started) });
    return output;
  } catch (cause) {
    // The run waits for a model's answer from outside (MCP sampling over several round trips): not a failure.
    if (cause instanceof InputNeeded) throw cause;
    const error = toAgentError(cause, phase);
    emit({
      type: 'phase_failed',
      phase,
      at: new Date().toISOString(),
      duration_ms: elapsed(started),
      error: { code: error.code, message: error.message },
    });
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    // Settle the guard promises so nothing is left rejecting unobserved.
    timedOut.catch(() => undefined);
    aborted.catch(() => undefined);
    if (!controller.signal.aborted) controller.abort(new AiosError('AGENT_FAILURE', 'phase finished'));
  }
}

/**
 * Runs the phases asked for in order, each fed the outputs of the earlier ones. Every phase builds
 * on one product model: `product_model` when given, else the analyst's reading of the spec, made once.
 */
export async function runPipeline(input: PipelineInput, options: RunOptions = {}): Promise<PipelineOutput> {
  const phases = orderPhases(input.phases);
  const context = input.context ? { context: input.context } : {};
  const chosen = chooseEngine(input.engine, options.engines);
  // A model reads the idea inside the first phase, under its time limit; the offline reader here, at once.
  const modelReads = input.product_model === undefined && chosen.port !== undefined;
  const spec: SpecInput & { product_model?: ProductModelContract } = {
    ...specOf(input),
    ...(modelReads ? {} : { product_model: input.product_model ?? readModel({ ...specOf(input), ...context }) }),
  };
  let phaseOptions: PhaseOptions = {
    ...options,
    chosen,
    // The first phase is where the idea was read: it says why a model asked for did not read it.
    ...(input.product_model === undefined && chosen.fallback ? { readingFallback: chosen.fallback } : {}),
    onReading: (product_model) => {
      spec.product_model = product_model;
    },
  };
  const output: PipelineOutput = {};

  for (const [index, phase] of phases.entries()) {
    options.signal?.throwIfAborted();
    if (index === 1) phaseOptions = { ...phaseOptions, readingFallback: undefined };
    switch (phase) {
      case 'strategy': {
        const strategyInput: StrategizeInput = { ...spec, ...context };
        output.strategy = await runPhase(pmAgent, strategyInput, phaseOptions);
        break;
      }
      case 'architecture': {
        const architectureInput: ArchitectureInput = {
          ...spec,
          ...(output.strategy ? { requirements: output.strategy.requirements } : {}),
          ...(input.stack_preference ? { stack_preference: input.stack_preference } : {}),
        };
        output.architecture = await runPhase(architectAgent, architectureInput, phaseOptions);
        break;
      }
      case 'ux': {
        const uxInput: UxInput = {
          ...spec,
          ...(output.strategy ? { requirements: output.strategy.requirements } : {}),
          ...(output.architecture ? { architecture: output.architecture.architecture } : {}),
          ...(input.style_preference ? { style_preference: input.style_preference } : {}),
        };
        output.ux = await runPhase(uxAgent, uxInput, phaseOptions);
        break;
      }
      case 'code': {
        const codeInput: CodeInput = {
          ...spec,
          ...(output.architecture
            ? { architecture: output.architecture.architecture, migration_sql: output.architecture.migration_sql, database_tests_sql: output.architecture.database_tests_sql }
            : {}),
          ...(output.ux ? { ux_spec: output.ux.ux_spec } : {}),
          ...(input.stack_preference ? { framework: input.stack_preference } : {}),
        };
        output.code = await runPhase(devAgent, codeInput, phaseOptions);
        break;
      }
    }
  }
  return output;
}

/**
 * Runs the agent, first reading the idea with the chosen model when the input needs a reading
 * (no `product_model`), within the phase's time limit; the output says which engine read it. The
 * analyst reads for itself. Phases that build on a given model record the offline engine: their
 * documents are the product's own.
 */
async function withReading<I, O>(agent: Agent<I, O>, input: I, ctx: AgentContext, options: PhaseOptions): Promise<O> {
  if (agent.phase === 'analysis') return agent.run(input, ctx);
  const given = input as I & ProductInput;
  if (given.product_model !== undefined || !ctx.engine?.port) {
    // On a given model, the chosen model still writes the document's prose: the output says so.
    const output = (await agent.run(input, ctx)) as O & Partial<EngineRecord>;
    const fallback = options.readingFallback ?? (given.product_model === undefined ? ctx.engine?.fallback : undefined);
    return { ...output, engine: output.engine ?? 'heuristic', ...(fallback ? { fallback } : {}) };
  }
  const { product_model, record } = await readWithEngine(given, ctx);
  options.onReading?.(product_model);
  // The agent's own progress follows the reading's, in the phase's second half; the model that
  // read the idea writes the prose, unless its reading fell back.
  const agentCtx: AgentContext = {
    ...ctx,
    engine: record.engine === 'heuristic' ? { port: undefined } : ctx.engine,
    progress: (percent, note) => ctx.progress(50 + percent / 2, note),
  };
  const output = (await agent.run({ ...input, product_model }, agentCtx)) as O & Partial<EngineRecord>;
  if (output.model === undefined) return { ...output, ...record };
  // The prose's call adds to the reading's tokens; a prose that fell back says so, the reading still used.
  const tokens = addTokens(record.tokens ?? NO_TOKENS, output.tokens ?? NO_TOKENS);
  return { ...output, ...record, tokens, ...(output.fallback ? { fallback: output.fallback } : {}) };
}

function toAbortError(reason: unknown, phase: JobPhase): AiosError {
  if (reason instanceof AiosError) return reason;
  return new AiosError('AGENT_FAILURE', `the ${phase} phase was cancelled`, { phase, cancelled: true });
}

function toAgentError(cause: unknown, phase: JobPhase): AiosError {
  if (cause instanceof AiosError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new AiosError('AGENT_FAILURE', `the ${phase} agent failed: ${message}`, { phase });
}

function clampPercent(percent: number): number {
  return Math.max(0, Math.min(100, Math.round(percent)));
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

/** Runs any agent tool of CONTRACT section 2 on raw input: validates it (`INVALID_INPUT` naming the field), then runs. */
export async function runTool(tool: AgentToolName, rawInput: unknown, options: RunOptions = {}): Promise<ToolOutput> {
  switch (tool) {
    case 'aios_analyze':
      return runPhase(analystAgent, parseInput(AnalyzeInputSchema, rawInput, 'input'), options);
    case 'aios_strategize':
      return runPhase(pmAgent, parseInput(StrategizeInputSchema, rawInput, 'input'), options);
    case 'aios_design_architecture':
      return runPhase(architectAgent, parseInput(ArchitectureInputSchema, rawInput, 'input'), options);
    case 'aios_design_ux':
      return runPhase(uxAgent, parseInput(UxInputSchema, rawInput, 'input'), options);
    case 'aios_generate_code':
      return runPhase(devAgent, parseInput(CodeInputSchema, rawInput, 'input'), options);
    case 'aios_full_pipeline':
      return runPipeline(parseInput(PipelineInputSchema, rawInput, 'input'), options);
  }
}

export type ToolOutput = AnalyzeOutput | StrategizeOutput | ArchitectureOutput | UxOutput | CodeOutput | PipelineOutput;
