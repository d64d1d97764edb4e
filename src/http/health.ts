import type { FastifyPluginAsync } from 'fastify';
import type { JobQueue } from '../jobs/port.js';

export interface HealthRoutesOptions {
  queue: JobQueue;
  version: string;
}

/** `GET /health`, no auth: 200 healthy, or 503 when the queue's store (Redis) is unreachable. */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, { queue, version }) => {
  app.get('/health', async (_request, reply) => {
    const health = await queue.health();
    return reply.code(health.ok ? 200 : 503).send({
      status: health.ok ? 'healthy' : 'unhealthy',
      uptime: process.uptime(),
      timestamp: new Date().toISOString(),
      version,
      queue: { mode: health.mode, queued: health.queued, processing: health.processing },
      ...(health.mode === 'redis' ? { redis: health.ok ? 'connected' : 'unreachable' } : {}),
      ...(health.problem ? { error: health.problem } : {}),
    });
  });
};
