import { serveBenchApp } from './bench-app.js';

/**
 * The memory figure of issue 15 (item 7): the real server as `serve` runs it by default
 * (`buildApp`, production settings, the embedded queue with its default EMBEDDED_OUTPUT_MEMORY_MB,
 * the agents on worker threads), keeping thousands of finished full-pipeline jobs for their
 * retention hour. Each job runs the real agents on its own idea, so the outputs cross from the
 * agent thread as they do in production. AGENT_THREAD_IDLE_MS comes from the bench (capacity.ts),
 * so the figure can be read once the idle thread has ended, as it would within the hour.
 */
await serveBenchApp(undefined);
