import { AiosError } from '../contract/index.js';
import { isFinal, type Job, type JobEvent, type JobQueue } from './port.js';

/**
 * Waits for a job to end, passing on each of its events; resolves with the finished job.
 * An aborted `signal` stops the waiting (not the job).
 */
export async function followJob(
  queue: JobQueue,
  id: string,
  options: { signal?: AbortSignal; onEvent?: (event: JobEvent) => void } = {},
): Promise<Job> {
  let unsubscribe: (() => void) | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      onAbort = () => reject(options.signal?.reason ?? new AiosError('INTERNAL_ERROR', 'stopped waiting for the job'));
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      queue
        .subscribe(id, 0, (event) => {
          options.onEvent?.(event);
          if (isFinal(event.status)) resolve();
        })
        .then((stop) => {
          unsubscribe = stop;
          if (!stop) reject(new AiosError('JOB_NOT_FOUND', `job ${id} was not found`, { job_id: id }));
        }, reject);
    });
  } finally {
    unsubscribe?.();
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  }
  const job = await queue.get(id);
  if (!job) throw new AiosError('JOB_NOT_FOUND', `job ${id} expired before it could be read`, { job_id: id });
  return job;
}
