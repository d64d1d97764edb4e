import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findOwnedJob } from '../jobs/access.js';
import type { Job, JobQueue } from '../jobs/port.js';

/** Job ids are UUIDs here; anything outside this shape cannot be a job of ours. */
export const JobIdParamsSchema = z.object({
  id: z
    .string()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .regex(/^[\w-]+$/, 'must be a job_id as returned by POST /api/jobs'),
});

/** The base of the URLs handed out: `PUBLIC_URL`, or the address the caller used. */
export function baseUrl(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

/** The caller's job; another key's job is as unknown as a job that never existed. */
export function ownedJob(queue: JobQueue, request: FastifyRequest, id: string): Promise<Job> {
  return findOwnedJob(queue, request.apiKey?.id, id);
}

export function jobUrls(job: Job, base: string) {
  const status_url = `${base}/api/jobs/${job.id}`;
  return { status_url, stream_url: `${status_url}/stream`, artifacts_url: `${status_url}/artifacts/all` };
}

/** A job as `GET /api/jobs/:id` shows it. */
export function jobView(job: Job, base: string) {
  return {
    job_id: job.id,
    tool: job.tool,
    status: job.status,
    progress: job.progress,
    current_phase: job.current_phase,
    phases: job.phases,
    output: job.output,
    error: job.error,
    webhook_url: job.webhook_url,
    created_at: job.created_at,
    started_at: job.started_at,
    finished_at: job.finished_at,
    expires_at: job.expires_at,
    ...jobUrls(job, base),
  };
}

/** A job in a list: everything but its (possibly large) input and output. */
export function jobSummary(job: Job, base: string) {
  const { output: _output, ...summary } = jobView(job, base);
  return summary;
}
