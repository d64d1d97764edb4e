import type { Config } from '../config.js';
import type { JobPhase } from '../contract/index.js';
import { isFinal, type Job, type JobEvent } from '../jobs/port.js';

/**
 * What a job's webhook receives (CONTRACT section 4): one POST per change worth telling, in the
 * order the changes happened. Percent-only updates are left to SSE; a webhook hears the job
 * start, each phase start and end, and the job's end.
 */

export type WebhookEventName =
  | 'job.started'
  | 'phase.started'
  | 'phase.completed'
  | 'phase.failed'
  | 'job.completed'
  | 'pipeline.completed'
  | 'job.failed'
  | 'job.cancelled'
  | 'webhook.test';

export interface WebhookPayload {
  event: WebhookEventName;
  /** Unique per delivery content; the same on every retry (also the `X-AIOS-Event-Id` header). */
  event_id: string;
  job_id: string;
  status: Job['status'];
  progress: number;
  phase?: JobPhase;
  output?: unknown;
  error?: Job['error'];
  /** `pipeline.completed` only. */
  phases_completed?: JobPhase[];
  artifact_urls?: Record<string, string>;
  duration_ms?: number;
  timestamp: string;
}

/** The event a job change is sent as, or undefined when a webhook need not hear it. */
export function webhookEventName(event: Pick<JobEvent, 'status' | 'phase_status' | 'note'>, tool: Job['tool']): WebhookEventName | undefined {
  switch (event.status) {
    case 'completed':
      return tool === 'aios_full_pipeline' ? 'pipeline.completed' : 'job.completed';
    case 'failed':
      return 'job.failed';
    case 'cancelled':
      return 'job.cancelled';
    default:
      return progressEventName(event);
  }
}

/** The event a change before the job's end is sent as (whatever the tool), or undefined when a webhook need not hear it. */
function progressEventName(event: Pick<JobEvent, 'status' | 'phase_status' | 'note'>): WebhookEventName | undefined {
  // `queued`: the job was accepted (the caller knows) or goes back for another attempt.
  if (event.status !== 'processing') return undefined;
  if (event.phase_status === undefined) return event.note === undefined ? 'job.started' : undefined;
  if (event.phase_status === 'processing' && event.note === undefined) return 'phase.started';
  if (event.phase_status === 'completed') return 'phase.completed';
  if (event.phase_status === 'failed') return 'phase.failed';
  return undefined;
}

/** Whether a job change gets a delivery of its own (its name may depend on the tool, that it gets one does not). */
export function callsForDelivery(event: Pick<JobEvent, 'status' | 'phase_status' | 'note'>): boolean {
  return isFinal(event.status) || progressEventName(event) !== undefined;
}

/**
 * The payload for one job change of a `tool` job. `ended` is the job as it ended, for the final
 * event (`pipeline.completed` reports its phases and run time); `publicUrl` makes URLs absolute.
 */
export function webhookPayload(event: JobEvent, tool: Job['tool'], publicUrl: string, ended?: Job): WebhookPayload | undefined {
  const name = webhookEventName(event, tool);
  if (!name) return undefined;
  const payload: WebhookPayload = {
    event: name,
    event_id: `${event.job_id}.${event.id}`,
    job_id: event.job_id,
    status: event.status,
    progress: event.progress,
    ...(event.phase ? { phase: event.phase } : {}),
    timestamp: event.at,
  };
  if (event.error) payload.error = event.error;
  if (name === 'pipeline.completed') {
    const phases = Object.keys(ended?.phases ?? {}) as JobPhase[];
    const jobUrl = `${publicUrl}/api/jobs/${event.job_id}`;
    payload.phases_completed = phases.filter((phase) => ended?.phases[phase]?.status === 'completed');
    payload.artifact_urls = Object.fromEntries([...phases.map((phase) => [phase, `${jobUrl}/artifacts/${phase}`]), ['all', `${jobUrl}/artifacts/all`]]);
    payload.duration_ms = ended?.started_at && ended.finished_at ? Date.parse(ended.finished_at) - Date.parse(ended.started_at) : 0;
  } else if (name === 'job.completed') {
    payload.output = event.output ?? ended?.output;
  }
  return payload;
}

/** The base of the absolute URLs in webhook payloads: `PUBLIC_URL`, else this server's own address. */
export function publicBase(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}
