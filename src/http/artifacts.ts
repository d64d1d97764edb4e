import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ArtifactTypeSchema } from '../contract/index.js';
import { artifactOf } from '../jobs/access.js';
import type { JobQueue } from '../jobs/port.js';
import { JobIdParamsSchema, ownedJob } from './job-view.js';

export interface ArtifactRoutesOptions {
  queue: JobQueue;
}

const ArtifactParamsSchema = JobIdParamsSchema.extend({ type: ArtifactTypeSchema });

/**
 * `GET /api/jobs/:id/artifacts/:type` (strategy | architecture | ux | code | all): one phase's
 * output in the shape of its tool's, or all of them keyed by phase. `ARTIFACT_NOT_READY` until
 * the job has completed.
 */
export const artifactRoutes: FastifyPluginAsync<ArtifactRoutesOptions> = async (app, { queue }) => {
  app.get('/api/jobs/:id/artifacts/:type', { schema: { params: ArtifactParamsSchema } }, async (request) => {
    const { id, type } = request.params as z.infer<typeof ArtifactParamsSchema>;
    const job = await ownedJob(queue, request, id);
    return artifactOf(job, type, 'type');
  });
};
