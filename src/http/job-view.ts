import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findOwnedJob } from '../jobs/access.js';
import { isFinal, type Job, type JobQueue } from '../jobs/port.js';

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
export function ownedJob(queue: JobQueue, request: FastifyRequest, id: string, options?: { output?: boolean }): Promise<Job> {
  return findOwnedJob(queue, request.apiKey?.id, id, options);
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

/** How many finished jobs' views are kept as text. */
const FINAL_VIEWS_KEPT = 64;

/**
 * The JSON text of recently read finished jobs' views. A finished job never changes, and clients
 * read one again and again (pollers, pages that follow a job), while its view can hold a whole
 * pipeline's output (~250 kB) that would otherwise be serialised on every read. Bounded: only the
 * most recently read few are kept, so retained jobs do not double in memory.
 */
export class FinalViews {
  private readonly texts = new Map<string, { finishedAt: string; base: string; text: string }>();

  /** The view of `job` as JSON text, from the cache when the job is final and was read before. */
  json(job: Job, base: string): string {
    if (!isFinal(job.status) || job.finished_at === null) return JSON.stringify(jobView(job, base));
    const kept = this.texts.get(job.id);
    if (kept && kept.finishedAt === job.finished_at && kept.base === base) {
      // Most recently read last, so the first entry is the one to drop.
      this.texts.delete(job.id);
      this.texts.set(job.id, kept);
      return kept.text;
    }
    const text = JSON.stringify(jobView(job, base));
    this.texts.delete(job.id);
    this.texts.set(job.id, { finishedAt: job.finished_at, base, text });
    if (this.texts.size > FINAL_VIEWS_KEPT) this.texts.delete(this.texts.keys().next().value!);
    return text;
  }
}

/** A job in a list: everything but its (possibly large) input and output. */
export function jobSummary(job: Job, base: string) {
  const { output: _output, ...summary } = jobView(job, base);
  return summary;
}
