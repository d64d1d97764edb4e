import type { EngineChoice, EngineFallback } from '../../contract/index.js';
import type { Engines, ModelPort } from './port.js';

/** The engine a run uses: a model port, or the offline reader with the reason a model asked for is not used. */
export type Chosen = { port: ModelPort; fallback?: undefined } | { port: undefined; fallback?: EngineFallback | undefined };

/**
 * CONTRACT section 7: `auto` is the configured model, else the client's model through sampling
 * when it offers it, else the offline reader. A call that asks for an engine that is not there
 * gets the offline reader and is told why: a job never fails for want of a model.
 */
export function chooseEngine(asked: EngineChoice | undefined, engines: Engines | undefined): Chosen {
  const choice = asked ?? engines?.choice ?? 'auto';
  switch (choice) {
    case 'heuristic':
      return { port: undefined };
    case 'llm':
      return engines?.llm
        ? { port: engines.llm }
        : { port: undefined, fallback: { from: 'llm', reason: 'no model is configured on this server (AIOS_MODEL)' } };
    case 'sampling':
      return engines?.sampler
        ? { port: engines.sampler }
        : {
            port: undefined,
            fallback: {
              from: 'sampling',
              reason:
                'no client model to sample: only an MCP tool call whose client declares the sampling capability can be sampled (over stdio; over HTTP on the 2026-07-28 revision, or on a 2025 revision in the session it gets at initialize); REST jobs and aios_full_pipeline cannot',
            },
          };
    case 'auto':
      return { port: engines?.llm ?? engines?.sampler };
  }
}
