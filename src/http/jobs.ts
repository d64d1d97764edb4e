import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AiosError, JobStatusSchema } from '../contract/index.js';
import type { JobQueue } from '../jobs/port.js';
import { fingerprint, validateJobRequest } from '../jobs/request.js';
import type { Webhooks } from '../webhooks/open.js';
import { FinalViews, JobIdParamsSchema, baseUrl, jobSummary, jobUrls, jobView, ownedJob } from './job-view.js';

export interface JobRoutesOptions {
  queue: JobQueue;
  publicUrl: string | undefined;
  pollingIntervalMs: number;
  /** Checks a job's `webhook_url` (the URL guard, a signing secret) and reports its deliveries. */
  webhooks: Webhooks;
}

const CreateJobBodySchema = z.object({
  // Checked by validateJobRequest, whose message lists the valid tools.
  tool: z.unknown(),
  input: z.unknown(),
  webhook_url: z.string().max(2_000, 'must be at most 2000 characters').optional(),
});

const ListQuerySchema = z.object({
  status: JobStatusSchema.optional(),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
  cursor: z.string().max(200, 'must be at most 200 characters').optional(),
});

const IdempotencyKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** `POST /api/jobs`, `GET /api/jobs`, `GET /api/jobs/:id`, `DELETE /api/jobs/:id`. */
export const jobRoutes: FastifyPluginAsync<JobRoutesOptions> = async (app, { queue, publicUrl, pollingIntervalMs, webhooks }) => {
  app.post('/api/jobs', { schema: { body: CreateJobBodySchema } }, async (request, reply) => {
    const body = request.body as z.infer<typeof CreateJobBodySchema>;
    const { tool, input } = validateJobRequest(body.tool, body.input);
    const inputWebhook = (input as { webhook_url?: string }).webhook_url;
    const requested = body.webhook_url ?? inputWebhook;
    const webhookUrl = requested === undefined ? undefined : await webhooks.check(requested, request.apiKey!.id);

    const header = request.headers['idempotency-key'];
    let idempotency: { key: string; fingerprint: string } | undefined;
    if (header !== undefined) {
      const parsed = IdempotencyKeySchema.safeParse(header);
      if (!parsed.success) {
        throw new AiosError('INVALID_INPUT', `Idempotency-Key: ${parsed.error.issues[0]?.message ?? 'not valid'}`, { field: 'Idempotency-Key' });
      }
      idempotency = { key: parsed.data, fingerprint: fingerprint(body) };
    }

    const { job, created } = await queue.enqueue({
      tool,
      input,
      owner: request.apiKey!.id,
      ...(webhookUrl ? { webhookUrl } : {}),
      ...(idempotency ? { idempotency } : {}),
    });
    const urls = jobUrls(job, baseUrl(request, publicUrl));
    if (!created) reply.header('idempotent-replayed', 'true');
    return reply
      .code(202)
      .header('location', urls.status_url)
      .send({
        job_id: job.id,
        status: job.status,
        tool: job.tool,
        phases_queued: Object.keys(job.phases),
        status_url: urls.status_url,
        stream_url: urls.stream_url,
        polling_interval_ms: pollingIntervalMs,
        created_at: job.created_at,
      });
  });

  app.get('/api/jobs', { schema: { querystring: ListQuerySchema } }, async (request) => {
    const query = request.query as z.infer<typeof ListQuerySchema>;
    const page = await queue.list(request.apiKey!.id, {
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    const base = baseUrl(request, publicUrl);
    return { jobs: page.jobs.map((job) => jobSummary(job, base)), next_cursor: page.next_cursor };
  });

  const finalViews = new FinalViews();
  app.get('/api/jobs/:id', { schema: { params: JobIdParamsSchema } }, async (request, reply) => {
    const { id } = request.params as z.infer<typeof JobIdParamsSchema>;
    const base = baseUrl(request, publicUrl);
    // A finished job read before is answered from its kept view, without reading its output back.
    const record = await ownedJob(queue, request, id, { output: false });
    const job = record.status === 'completed' && (record.webhook_url || !finalViews.has(record, base)) ? await ownedJob(queue, request, id) : record;
    // A job with a webhook shows its latest delivery, which changes after the job has ended: not cached.
    if (job.webhook_url) return { ...jobView(job, base), webhook: await webhooks.state(job.id) };
    return reply.type('application/json; charset=utf-8').send(finalViews.json(job, base));
  });

  // Cancelling is idempotent: a finished job is answered as it is, with its final status.
  app.delete('/api/jobs/:id', { schema: { params: JobIdParamsSchema } }, async (request) => {
    const { id } = request.params as z.infer<typeof JobIdParamsSchema>;
    await ownedJob(queue, request, id, { output: false });
    const job = await queue.cancel(id);
    if (!job) throw new AiosError('JOB_NOT_FOUND', `job ${id} was not found`, { job_id: id });
    return jobView(job, baseUrl(request, publicUrl));
  });
};
