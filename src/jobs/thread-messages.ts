import type { Config } from '../config.js';
import { AiosError, type AgentToolName, type JobPhase, type PhaseEvent } from '../contract/index.js';

/**
 * What crosses between the main thread and an agent thread (agent-thread.ts), apart from the
 * thread's entry, so that the main thread can speak it without loading the agents.
 */

/** An error as it crosses the thread boundary: contract errors keep their code and details. */
export interface WireError {
  code?: AiosError['code'];
  message: string;
  details?: unknown;
}

/** What a thread is started with: the engines' configuration, from which it builds its own engines (ports hold functions, which cannot cross). */
export interface AgentThreadData {
  engine: Config['engine'] | undefined;
}

/** Main thread → agent thread. */
export type ToThread =
  | {
      type: 'run';
      id: number;
      tool: AgentToolName;
      input: unknown;
      timeouts: Record<JobPhase, number>;
      /**
       * One Int32 the main thread sets to 1 on cancel. Agents seldom yield to the thread's event
       * loop (the `abort` message waits for that), so the run checks it at every step it reports.
       */
      cancelled: SharedArrayBuffer;
      /** Send a large output back compressed (`packed`), not as objects: the embedded queue keeps it so. */
      pack: boolean;
    }
  /** Cancels a run: its signal aborts with `reason`, and the running phase stops at its next step. */
  | { type: 'abort'; id: number; reason: WireError };

/** Agent thread → main thread. */
export type FromThread =
  | { type: 'event'; id: number; event: PhaseEvent }
  | { type: 'done'; id: number; output: unknown }
  /**
   * Done, the output sent as the output store keeps it (asked with `pack`, when it is not small):
   * its JSON compressed, the buffer moved rather than copied, and its engine records (see `PackedOutput`).
   */
  | { type: 'done'; id: number; packed: Uint8Array; records: unknown }
  | { type: 'failed'; id: number; error: WireError };

export function toWire(error: unknown): WireError {
  if (error instanceof AiosError) return { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Back to an `AiosError` when it was one; otherwise a plain Error (the queue makes it `AGENT_FAILURE`). */
export function fromWire(error: WireError): Error {
  return error.code ? new AiosError(error.code, error.message, error.details) : new Error(error.message);
}
