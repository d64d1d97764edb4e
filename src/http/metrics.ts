import type { FastifyInstance, FastifyPluginAsync, onRequestHookHandler } from 'fastify';
import { isFinal, type JobQueue } from '../jobs/port.js';
import { secretsMatch } from '../keys/secret.js';
import { AppMetrics } from '../metrics.js';
import { adminHook, bearer, runHook } from './auth.js';

export interface MetricsRoutesOptions {
  queue: JobQueue;
  adminApiKey: string | undefined;
  /**
   * `METRICS_TOKEN`: a scrape-only secret, so Prometheus need not hold the admin secret.
   * Sent as `Authorization: Bearer <token>` (Prometheus' `authorization.credentials`).
   */
  metricsToken?: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's metrics (its own registry). */
    metrics: AppMetrics;
  }
}

/** The metrics token when it is configured and presented; otherwise the admin secret, checked as the admin routes check it. */
function metricsAuth(adminApiKey: string | undefined, metricsToken: string | undefined): onRequestHookHandler {
  const admin = adminHook(adminApiKey);
  return async function authorizeScrape(this: FastifyInstance, request, reply) {
    const token = bearer(request);
    if (metricsToken && token && secretsMatch(token, metricsToken)) return;
    await runHook(admin, this, request, reply);
  };
}

/**
 * `GET /metrics` in the Prometheus text format, behind the admin secret or `METRICS_TOKEN`.
 * Times every response of the app (registered before the other routes so its hook covers them)
 * and counts jobs from the queue's event feed, which on Redis carries every instance's jobs.
 */
export const metricsRoutes: FastifyPluginAsync<MetricsRoutesOptions> = async (app, { queue, adminApiKey, metricsToken }) => {
  const metrics = new AppMetrics(queue);
  app.decorate('metrics', metrics);

  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });

  const stopFeed = await queue.subscribeAll((event) => {
    if (!isFinal(event.status)) return;
    // The event has no tool or phase timings: the job record has both. A completed event carries
    // the output, whose phases say what their models used.
    queue.get(event.job_id, { output: false }).then(
      (job) => {
        if (job) metrics.observeJob(job, event.output);
      },
      (error: unknown) => app.log.warn({ err: error, job_id: event.job_id }, 'metrics: could not read a finished job'),
    );
  });
  app.addHook('onClose', async () => stopFeed());

  app.get('/metrics', { onRequest: metricsAuth(adminApiKey, metricsToken) }, async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
};

// Fastify's documented opt-out of encapsulation (what fastify-plugin sets): the timing hook and the
// `metrics` decoration must reach the routes registered beside this plugin, not only its own.
Object.assign(metricsRoutes, { [Symbol.for('skip-override')]: true });
