import { AiosError, type ArtifactType, type GetStatusOutput, type JobPhase } from '../contract/index.js';
import type { Job, JobQueue } from './port.js';

/**
 * What every transport (REST, MCP) asks of a job: the caller's own job, its status in the
 * contract's shape, and its artifacts. Kept here so that the answers and errors are the same
 * whichever way the caller came in.
 */

/**
 * The owner's job; another owner's job is as unknown as a job that never existed. `{ output: false }`
 * when only its status is wanted: on Redis a finished job's output then stays where it is.
 */
export async function findOwnedJob(queue: JobQueue, owner: string | undefined, id: string, options?: { output?: boolean }): Promise<Job> {
  const job = await queue.get(id, options);
  if (!job || job.owner !== owner) {
    throw new AiosError(
      'JOB_NOT_FOUND',
      `job ${id} was not found: it does not exist, belongs to another API key, or has expired (completed jobs are kept 1 hour, failed 24 hours by default)`,
      { job_id: id },
    );
  }
  return job;
}

/** `aios_get_status`: status, per-phase state and overall progress. */
export function statusOf(job: Job): GetStatusOutput {
  return {
    job_id: job.id,
    status: job.status,
    phases: Object.fromEntries(
      Object.entries(job.phases).map(([phase, state]) => [
        phase,
        {
          status: state.status,
          ...(state.started_at ? { started_at: state.started_at } : {}),
          ...(state.duration_ms === undefined ? {} : { duration_ms: state.duration_ms }),
        },
      ]),
    ),
    progress_percent: job.progress,
    error: job.error,
  };
}

/** A finished job's outputs by phase: a pipeline's output already is; a one-agent tool's is its phase's. */
export function outputsByPhase(job: Job): Partial<Record<JobPhase, unknown>> {
  if (job.tool === 'aios_full_pipeline') return (job.output ?? {}) as Partial<Record<JobPhase, unknown>>;
  const [phase] = Object.keys(job.phases) as JobPhase[];
  return phase ? { [phase]: job.output } : {};
}

/**
 * One phase's output in the shape of its tool's, or all of them keyed by phase.
 * `ARTIFACT_NOT_READY` until the job has completed; `INVALID_INPUT` for a phase the job does not run.
 */
export function artifactOf(job: Job, type: ArtifactType, field = 'artifact_type'): unknown {
  const phases = Object.keys(job.phases);
  if (type !== 'all' && !phases.includes(type)) {
    throw new AiosError('INVALID_INPUT', `${field}: this job runs ${phases.join(', ')}; it has no ${type} artifact`, {
      field,
      available: [...phases, 'all'],
    });
  }
  if (job.status !== 'completed') {
    const why =
      job.status === 'queued' || job.status === 'processing'
        ? `the job is ${job.status} (${job.progress}%); follow it or poll it`
        : `the job ended ${job.status}${job.error ? ` (${job.error.code}: ${job.error.message})` : ''}, so it has no artifacts`;
    throw new AiosError('ARTIFACT_NOT_READY', `the ${type} artifact is not ready: ${why}`, {
      job_id: job.id,
      status: job.status,
      progress: job.progress,
    });
  }
  const outputs = outputsByPhase(job);
  return type === 'all' ? outputs : outputs[type];
}
