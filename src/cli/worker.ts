import type { Command } from 'commander';
import { engineSummary } from '../agents/engines/configured.js';
import { ConfigError, loadConfig } from '../config.js';
import { LOG_TAGS, createLogger, tagged } from '../log.js';
import { openErrorTracker } from '../sentry.js';
import { closeOnSignals, reportingConfigErrors } from './process.js';

/**
 * `aios-mcp worker`: runs queued jobs from Redis, QUEUE_CONCURRENCY at a time, the agents on
 * worker threads (AGENT_THREADS), next to any number of `serve` processes and other workers. SIGTERM/SIGINT: stop taking jobs, give running
 * ones SHUTDOWN_TIMEOUT_MS to finish, hand the rest back to the queue, exit 0.
 */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run queued jobs from Redis (REDIS_URL or REDIS_HOST; QUEUE_CONCURRENCY at a time)')
    .action(() =>
      reportingConfigErrors('worker', async () => {
        const config = loadConfig();
        if (!config.redisUrl) throw new ConfigError(['a worker needs Redis: set REDIS_URL (or REDIS_HOST and REDIS_PORT)']);
        const logger = tagged(createLogger(config), LOG_TAGS.queue);
        // Loaded here, not at the top: every other command would load BullMQ with it.
        const { openRecorder, openWorker } = await import('../redis/mode.js');
        const { agentRunnerFor } = await import('../jobs/thread-runner.js');
        // SENTRY_DSN: a crash of this process is reported, and the jobs that fail here by a bug.
        const tracker = await openErrorTracker(config, logger);
        // The webhook deliveries of this worker's job events are queued here and sent by the `serve` processes.
        const recorder = openRecorder(config, logger, tracker);
        // The agents run on threads (AGENT_THREADS), as in `serve`: this process's event loop stays
        // free for lock renewals, cancels and events while they work.
        const threads = agentRunnerFor(config, logger);
        const worker = openWorker(config, logger, threads.run, recorder);
        closeOnSignals(logger, 'worker shutting down', () => ({ running: worker.active, grace_ms: config.shutdownTimeoutMs }), async () => {
          await worker.close(config.shutdownTimeoutMs);
          await threads.close();
          await recorder.close();
          await tracker?.close(2_000);
        });
        await worker.ready();
        const engines = engineSummary(config);
        logger.info(
          { concurrency: config.queueConcurrency, agent_threads: config.agentThreads, pid: process.pid, ...engines },
          'worker ready: %d jobs at a time; engine %s, model %s',
          config.queueConcurrency,
          engines.engine,
          engines.model,
        );
      }),
    );
}
