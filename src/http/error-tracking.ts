import type { FastifyPluginAsync } from 'fastify';
import type { JobQueue } from '../jobs/port.js';
import type { ErrorTracker } from '../sentry.js';
import { toAiosError } from './errors.js';

export interface ErrorTrackingOptions {
  tracker: ErrorTracker;
  /** The queue whose failed jobs are reported; none on Redis, where the worker that ran the job reports it. */
  queue?: JobQueue;
}

/**
 * Sends unexpected errors to the tracker (Sentry): requests answered 500 (with their request id
 * and route pattern) and jobs that failed unexpectedly (with their job id).
 */
export const errorTracking: FastifyPluginAsync<ErrorTrackingOptions> = async (app, { tracker, queue }) => {
  app.addHook('onError', async (request, _reply, error) => {
    if (toAiosError(error).status < 500) return;
    tracker.capture(error, { request_id: request.id, method: request.method, ...(request.routeOptions.url ? { route: request.routeOptions.url } : {}) });
  });
  const stop = queue ? await queue.subscribeAll((event) => tracker.jobFailed(event)) : () => undefined;
  app.addHook('onClose', async () => {
    stop();
    await tracker.close(2_000);
  });
};

// The onError hook must reach every route of the app, not only this plugin's (as fastify-plugin would set).
Object.assign(errorTracking, { [Symbol.for('skip-override')]: true });
