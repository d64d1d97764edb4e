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

/** How many finished jobs' views are kept as text, and how many characters of them at most. */
const FINAL_VIEWS_KEPT = 64;
const FINAL_VIEWS_CHARS = 16 * 1_048_576;

/**
 * The JSON text of recently read finished jobs' views. A finished job never changes, and clients
 * read one again and again (pollers, pages that follow a job), while its view can hold a whole
 * pipeline's output (~400 kB) that would otherwise be serialised on every read. Bounded by count
 * and by size: only the most recently read few are kept, so retained jobs do not double in memory.
 */
export class FinalViews {
  private readonly texts = new Map<string, { finishedAt: string; base: string; text: string }>();
  private chars = 0;

  /** Whether the view of `job` is kept (then `json` needs no output on it). */
  has(job: Job, base: string): boolean {
    const kept = this.texts.get(job.id);
    return kept !== undefined && kept.finishedAt === job.finished_at && kept.base === base;
  }

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
    if (kept) this.forget(job.id, kept.text);
    if (text.length > FINAL_VIEWS_CHARS) return text;
    this.texts.set(job.id, { finishedAt: job.finished_at, base, text });
    this.chars += text.length;
    while (this.texts.size > FINAL_VIEWS_KEPT || this.chars > FINAL_VIEWS_CHARS) {
      const [id, oldest] = this.texts.entries().next().value!;
      this.forget(id, oldest.text);
    }
    return text;
  }

  private forget(id: string, text: string): void {
    this.texts.delete(id);
    this.chars -= text.length;
  }
}

/** A job in a list: everything but its (possibly large) input and output. */
export function jobSummary(job: Job, base: string) {
  const { output: _output, ...summary } = jobView(job, base);
  return summary;
}
