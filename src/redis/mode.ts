import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { BullMqQueue } from '../jobs/bullmq.js';
import type { JobRunner } from '../jobs/port.js';
import { JobWorker } from '../jobs/worker.js';
import { configuredRunner } from '../agents/engines/configured.js';
import { RateLimiter, redisLimiter } from '../keys/rate-limit.js';
import { agentRunnerFor } from '../jobs/thread-runner.js';
import type { ErrorTracker } from '../sentry.js';
import { publicBase } from '../webhooks/events.js';
import { WebhookEnqueuer } from '../webhooks/enqueue.js';
import type { Redis } from 'ioredis';
import { connectRedis, disconnect } from './connection.js';
import type { Recorder } from '../jobs/redis-store.js';

/** What an API process holds in Redis mode: the shared queue, the shared rate limits and maybe a worker. */
export interface RedisMode {
  queue: BullMqQueue;
  limiter: RateLimiter;
  worker: JobWorker | undefined;
  /** The queue's connections, for the others that share them (MCP sessions): answering requests, and pub/sub. */
  connections: { client: Redis; subscriber: Redis };
  /** Stops the worker (running jobs get `graceMs` to finish, then go back to the queue), then the queue. */
  close(graceMs: number): Promise<void>;
}

/** The runner a worker uses: `runTool` with the configured engines, or the caller's, held back by the test knob `AIOS_TEST_JOB_DELAY_MS`. */
function runnerFor(config: Config, runner: JobRunner | undefined): JobRunner {
  const run: JobRunner = runner ?? configuredRunner(config);
  if (config.testJobDelayMs === 0) return run;
  return async (tool, input, options) => {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, config.testJobDelayMs);
      options.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(options.signal.reason);
        },
        { once: true },
      );
    });
    return run(tool, input, options);
  };
}

/**
 * What a process does with the job events it records: queues their webhook deliveries on the
 * `aios-webhooks` queue (for any process running delivery workers to send) and, for a worker,
 * reports jobs failed by a bug to `tracker` (once, from the process where they failed).
 */
export interface EventRecorder {
  /** For the worker. */
  worker: Recorder;
  /** For the API side's own records (a cancel): deliveries only. */
  api: Recorder;
  /** For the worker, when a run finds its job ended: the stored events' deliveries not yet queued. */
  requeue: Recorder;
  close(): Promise<void>;
}

export function openRecorder(config: Config, logger: Logger, tracker?: ErrorTracker): EventRecorder {
  const client = connectRedis(config.redisUrl!, 'worker', logger);
  const enqueuer = new WebhookEnqueuer({ client, prefix: config.redisKeyPrefix, retentionMs: config.retention.failedMs, publicUrl: publicBase(config), logger });
  return {
    worker: async (job, events) => {
      if (tracker) for (const event of events) tracker.jobFailed(event);
      await enqueuer.recorded(job, events);
    },
    api: (job, events) => enqueuer.recorded(job, events),
    requeue: (job, events) => enqueuer.requeue(job, events),
    close: async () => {
      await enqueuer.close();
      disconnect(client);
    },
  };
}

/** A worker on the configured Redis, with its own connections. */
export function openWorker(config: Config, logger: Logger, runner?: JobRunner, recorder?: Pick<EventRecorder, 'worker' | 'requeue'>): JobWorker {
  const url = config.redisUrl!;
  return new JobWorker({
    client: connectRedis(url, 'worker', logger),
    subscriber: connectRedis(url, 'subscriber', logger),
    prefix: config.redisKeyPrefix,
    concurrency: config.queueConcurrency,
    phaseTimeoutsMs: config.phaseTimeoutsMs,
    retention: config.retention,
    retry: config.retry,
    lockMs: config.queueLockMs,
    run: runnerFor(config, runner),
    ...(recorder ? { recorded: recorder.worker, requeue: recorder.requeue } : {}),
    logger,
  });
}

/** Opens the Redis mode of an API process; `worker` also runs jobs in it (the default of `serve`). */
export function openRedisMode(config: Config, logger: Logger, options: { worker: boolean; runner?: JobRunner; tracker?: ErrorTracker | undefined }): RedisMode {
  const url = config.redisUrl!;
  const client = connectRedis(url, 'request', logger);
  const subscriber = connectRedis(url, 'subscriber', logger);
  const recorder = openRecorder(config, logger, options.tracker);
  const queue = new BullMqQueue({
    recorded: recorder.api,
    client,
    subscriber,
    prefix: config.redisKeyPrefix,
    retention: config.retention,
    retry: config.retry,
    maxActivePerOwner: config.maxActiveJobsPerKey,
    logger,
  });
  // The worker in an API process runs the agents on threads (AGENT_THREADS), so that they do not hold the API's event loop.
  const threads = options.worker && !options.runner ? agentRunnerFor(config, logger) : undefined;
  const worker = options.worker ? openWorker(config, logger, options.runner ?? threads?.run, recorder) : undefined;
  return {
    queue,
    limiter: new RateLimiter(redisLimiter(client, config.redisKeyPrefix)),
    worker,
    connections: { client, subscriber },
    close: async (graceMs) => {
      await worker?.close(graceMs);
      await threads?.close();
      await queue.close();
      await recorder.close();
    },
  };
}
