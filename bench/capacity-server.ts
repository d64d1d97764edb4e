import type { PipelineOutput } from '../src/contract/index.js';
import type { JobRunner } from '../src/jobs/port.js';
import { AgentThreads } from '../src/jobs/thread-runner.js';
import { serveBenchApp } from './bench-app.js';

/**
 * The memory figure of issue 15 (item 7): the real server (`buildApp`, production settings, the
 * embedded queue with its default EMBEDDED_OUTPUT_MEMORY_MB) keeping thousands of finished
 * full-pipeline jobs for their retention hour. The agents run once, at start-up, on a real idea, on
 * an agent thread as in the server (which then ends, as an idle one does); each job then ends with
 * its own copy of that output, marked with the job's idea, so every job keeps a distinct full-size
 * output without the agents running thousands of times.
 */
const threads = new AgentThreads({ threads: 1 });
const real = (await threads.run(
  'aios_full_pipeline',
  { spec: 'A CRM for sales reps: reps track leads, contacts and deals at companies; managers set quotas and see the pipeline by stage.' },
  { signal: new AbortController().signal, onEvent: () => undefined, timeouts: { analysis: 600_000, strategy: 600_000, architecture: 600_000, ux: 600_000, code: 600_000 } },
)) as PipelineOutput;
await threads.close();
const copy: JobRunner = async (_tool, input) => {
  const output = structuredClone(real);
  if (output.strategy) output.strategy.prd_markdown = `${(input as { spec: string }).spec}\n\n${output.strategy.prd_markdown}`;
  return output;
};

await serveBenchApp(copy);
