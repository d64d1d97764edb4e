import {
  AiosError,
  AnalyzeInputSchema,
  ArchitectureInputSchema,
  CodeInputSchema,
  DEFAULT_PHASE_TIMEOUTS_MS,
  PHASES,
  PipelineInputSchema,
  StrategizeInputSchema,
  TOOLS,
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
  type JobPhase,
  type Phase,
  type PhaseEvent,
  type PipelineInput,
  type PipelineOutput,
  type StrategizeInput,
  type UxInput,
} from '../contract/index.js';
import type { Agent, AgentContext } from './agent.js';
import { analystAgent, readModel } from './analyst.js';
import { architectAgent } from './architect.js';
import { devAgent } from './dev.js';
import { pmAgent } from './pm.js';
import { specOf } from './reader/read.js';
import { uxAgent } from './ux.js';

export interface RunOptions {
  /** Aborting it cancels the run: the running phase stops at its next step. */
  signal?: AbortSignal;
  onEvent?: (event: PhaseEvent) => void;
  /** Per-phase time limits in ms; CONTRACT section 6 defaults for the ones not given. */
  timeouts?: Partial<Record<JobPhase, number>>;
}

/** Orders and de-duplicates the phases asked for: always strategy → architecture → ux → code. */
export function orderPhases(phases: readonly Phase[] | undefined): Phase[] {
  if (!phases || phases.length === 0) return [...PHASES];
  return PHASES.filter((phase) => phases.includes(phase));
}

/**
 * Runs one agent as one phase: emits its events, enforces its time limit (`AGENT_TIMEOUT`) and
 * turns an unexpected error into `AGENT_FAILURE`. Contract errors (`INVALID_INPUT`...) pass through.
 */
export async function runPhase<I, O>(agent: Agent<I, O>, input: I, options: RunOptions = {}): Promise<O> {
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

  const ctx: AgentContext = {
    signal: controller.signal,
    progress: (percent, note) => emit({ type: 'phase_progress', phase, percent: clampPercent(percent), note }),
  };

  try {
    const output = await Promise.race([agent.run(input, ctx), timedOut, aborted]);
    emit({ type: 'phase_completed', phase, at: new Date().toISOString(), duration_ms: elapsed(started) });
    return output;
  } catch (cause) {
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
  const spec = { ...specOf(input), product_model: input.product_model ?? readModel({ ...specOf(input), ...context }) };
  const output: PipelineOutput = {};

  for (const phase of phases) {
    options.signal?.throwIfAborted();
    switch (phase) {
      case 'strategy': {
        const strategyInput: StrategizeInput = { ...spec, ...context };
        output.strategy = await runPhase(pmAgent, strategyInput, options);
        break;
      }
      case 'architecture': {
        const architectureInput: ArchitectureInput = {
          ...spec,
          ...(output.strategy ? { requirements: output.strategy.requirements } : {}),
          ...(input.stack_preference ? { stack_preference: input.stack_preference } : {}),
        };
        output.architecture = await runPhase(architectAgent, architectureInput, options);
        break;
      }
      case 'ux': {
        const uxInput: UxInput = {
          ...spec,
          ...(output.strategy ? { requirements: output.strategy.requirements } : {}),
          ...(output.architecture ? { architecture: output.architecture.architecture } : {}),
          ...(input.style_preference ? { style_preference: input.style_preference } : {}),
        };
        output.ux = await runPhase(uxAgent, uxInput, options);
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
        output.code = await runPhase(devAgent, codeInput, options);
        break;
      }
    }
  }
  return output;
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

/** The phases a tool runs, in order. */
export function phasesOf(tool: AgentToolName, input?: { phases?: Phase[] | undefined }): JobPhase[] {
  if (tool === 'aios_full_pipeline') return orderPhases(input?.phases);
  const phase = TOOLS[tool].phase;
  return phase ? [phase] : [];
}
