import { parentPort, workerData } from 'node:worker_threads';
import { enginesOf } from '../agents/engines/configured.js';
import { runTool } from '../agents/pipeline.js';
import { AiosError, type JobPhase } from '../contract/index.js';
import { SMALL_OUTPUT_BYTES, engineRecordsOf, packOutput } from './output-store.js';
import { fromWire, toWire, type AgentThreadData, type FromThread, type ToThread } from './thread-messages.js';

/**
 * The entry of an agent thread (see `AgentThreads` in thread-runner.ts): runs jobs' agents with
 * `runTool`, away from the API's event loop, and reports over the thread's port. Several jobs may
 * run in one thread at once; each is named by the id the main thread gave it.
 */

/** The reason a run sees when the shared flag stops it before the `abort` message (with the caller's reason) arrives. */
const CANCELLED = new AiosError('AGENT_FAILURE', 'the job was cancelled', { cancelled: true });

const port = parentPort;
if (port) {
  const engines = enginesOf({ engine: (workerData as AgentThreadData | null)?.engine ?? { choice: 'heuristic', model: undefined } });
  const running = new Map<number, AbortController>();
  port.on('message', (message: ToThread) => {
    if (message.type === 'abort') {
      running.get(message.id)?.abort(fromWire(message.reason));
      return;
    }
    const { id } = message;
    const controller = new AbortController();
    const cancelled = new Int32Array(message.cancelled);
    running.set(id, controller);
    let phase: { name: JobPhase; deadline: number } | undefined;
    runTool(message.tool, message.input, {
      engines,
      signal: controller.signal,
      timeouts: message.timeouts,
      onEvent: (event) => {
        port.postMessage({ type: 'event', id, event } satisfies FromThread);
        if (event.type === 'phase_started') phase = { name: event.phase, deadline: performance.now() + message.timeouts[event.phase] };
        if (controller.signal.aborted) return;
        // Aborting here stops the agent at its next check of the signal, and the pipeline before its next phase.
        if (Atomics.load(cancelled, 0) === 1) controller.abort(CANCELLED);
        // The phase's own timer cannot fire while its agent holds the loop; its steps can see the time.
        else if (event.type === 'phase_progress' && phase && performance.now() > phase.deadline) {
          const limit = message.timeouts[phase.name];
          controller.abort(new AiosError('AGENT_TIMEOUT', `the ${phase.name} phase ran past its limit of ${limit} ms`, { phase: phase.name, limit_ms: limit }));
        }
      },
    })
      .then(
        (output) => {
          try {
            if (!message.pack) {
              port.postMessage({ type: 'done', id, output } satisfies FromThread);
              return;
            }
            // Serialised and compressed here, not on the API's event loop (a large spec's output is ~1 MB of JSON).
            const json = JSON.stringify(output) ?? 'null';
            if (json.length < SMALL_OUTPUT_BYTES) {
              port.postMessage({ type: 'done', id, output } satisfies FromThread);
              return;
            }
            const packed = ownBuffer(packOutput(json));
            port.postMessage({ type: 'done', id, packed, records: engineRecordsOf(output) } satisfies FromThread, [packed.buffer]);
          } catch (error) {
            // An output that cannot be copied to the main thread (a function, a symbol...) is the agent's fault.
            port.postMessage({ type: 'failed', id, error: toWire(error) } satisfies FromThread);
          }
        },
        (error: unknown) => port.postMessage({ type: 'failed', id, error: toWire(error) } satisfies FromThread),
      )
      .finally(() => running.delete(id));
  });
}

/**
 * `bytes` in an ArrayBuffer of its own, which can be moved to the main thread: a small Buffer may
 * share Node's pool with others, and moving that would take them all.
 */
function ownBuffer(bytes: Buffer): Uint8Array<ArrayBuffer> {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return new Uint8Array(bytes.buffer);
  return new Uint8Array(bytes);
}
