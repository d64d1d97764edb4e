import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { JobQueue } from '../jobs/port.js';
import { latestState } from '../webhooks/delivery-log.js';
import type { Webhooks } from '../webhooks/open.js';
import { JobIdParamsSchema, ownedJob } from './job-view.js';

export interface WebhookRoutesOptions {
  queue: JobQueue;
  webhooks: Webhooks;
}

const TestBodySchema = z.object({
  url: z.string({ error: 'must be the URL to send a test event to' }).max(2_000, 'must be at most 2000 characters'),
});

/** `POST /api/webhooks/test` and `GET /api/jobs/:id/webhooks`, under the API key. */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, { queue, webhooks }) => {
  webhooks.observe(app.metrics.registry);

  app.post('/api/webhooks/test', { schema: { body: TestBodySchema } }, async (request) => {
    const { url } = request.body as z.infer<typeof TestBodySchema>;
    return webhooks.test(url, request.apiKey!.id);
  });

  app.get('/api/jobs/:id/webhooks', { schema: { params: JobIdParamsSchema } }, async (request) => {
    const { id } = request.params as z.infer<typeof JobIdParamsSchema>;
    const job = await ownedJob(queue, request, id, { output: false });
    const attempts = await webhooks.attempts(id);
    return { job_id: job.id, webhook_url: job.webhook_url, latest: latestState(attempts), attempts };
  });
};
