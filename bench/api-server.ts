import type { JobRunner } from '../src/jobs/port.js';
import { serveBenchApp } from './bench-app.js';

/**
 * The real REST + MCP server (`buildApp`, production settings, warnings-only logs) for the load
 * benchmarks. Its jobs run an instant workload, not the agents, so the figures measure the API:
 * auth, rate limiting, validation, the queue's bookkeeping and serialisation.
 */
/** Completes at once with a small output, so a job made under load costs the API and not the agents. */
const instant: JobRunner = async (tool) => ({ tool, instant: true });

await serveBenchApp(instant);
