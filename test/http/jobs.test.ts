import { describe, expect, it } from 'vitest';
import {
  authed,
  createKey,
  getJob,
  postJob,
  readStream,
  serveDuringFile,
  waitForStatus,
  SPEC,
  type JobBody,
  type StreamEvent,
  type Server,
} from './support.js';

let server: Server;
let key: string;

serveDuringFile({ QUEUE_CONCURRENCY: '2' }, { defaultMs: 30 }, (started, madeKey) => {
  server = started;
  key = madeKey;
});

describe('POST /api/jobs → stream → GET', () => {
  it('accepts a pipeline job, streams every phase in order, closes after completed, and serves the result', async () => {
    const response = await postJob(server, key, { tool: 'aios_full_pipeline', input: { spec: SPEC } });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as Record<string, unknown>;
    expect(accepted).toMatchObject({ status: 'queued', polling_interval_ms: 2000, phases_queued: ['strategy', 'architecture', 'ux', 'code'] });
    const jobId = accepted.job_id as string;
    expect(accepted.status_url).toBe(`${server.url}/api/jobs/${jobId}`);
    expect(response.headers.get('location')).toBe(accepted.status_url);

    const events = await readStream(server, key, jobId);
    const ids = events.map((event) => Number(event.id));
    expect(ids).toEqual(ids.map((_, index) => ids[0]! + index));
    const phases = events.filter((event) => event.data.phase).map((event) => event.data.phase);
    expect(phases.filter((phase, index) => phase !== phases[index - 1])).toEqual(['strategy', 'architecture', 'ux', 'code']);
    const completedPhases = events.filter((event) => event.data.phase_status === 'completed').map((event) => event.data.phase);
    expect(completedPhases).toEqual(['strategy', 'architecture', 'ux', 'code']);
    const progress = events.map((event) => event.data.progress ?? 0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const last = events.at(-1)!;
    expect(last.data).toMatchObject({ type: 'status_update', status: 'completed', progress: 100 });
    expect(Object.keys(last.data.output as object)).toEqual(['strategy', 'architecture', 'ux', 'code']);

    const job = (await (await getJob(server, key, jobId)).json()) as JobBody;
    expect(job.status).toBe('completed');
    expect(Object.values(job.phases).map((phase) => phase.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(job.output).toEqual(last.data.output);

    const artifact = await fetch(`${server.url}/api/jobs/${jobId}/artifacts/architecture`, authed(key));
    expect(await artifact.json()).toEqual({ phase: 'architecture', spec: SPEC, engine: 'heuristic' });
  });

  it('first sends connected, and a reconnect with Last-Event-ID gets exactly the missed events', async () => {
    const response = await postJob(server, key, { tool: 'aios_full_pipeline', input: { spec: SPEC, phases: ['strategy', 'code'] } });
    const { job_id: jobId } = (await response.json()) as { job_id: string };

    const firstPart = await readStream(server, key, jobId, { stopAfter: 3 });
    const lastSeen = firstPart.at(-1)!.id;
    const rest = await readStream(server, key, jobId, { lastEventId: lastSeen });
    await waitForStatus(server, key, jobId, ['completed']);
    const whole = await readStream(server, key, jobId);

    const updates = (events: StreamEvent[]) => events.filter((event) => event.data.type === 'status_update');
    expect(firstPart[0]!.data).toEqual({ type: 'connected', job_id: jobId });
    expect(rest[0]!.data).toEqual({ type: 'connected', job_id: jobId });
    expect(updates([...firstPart, ...rest]).map((event) => event.id)).toEqual(updates(whole).map((event) => event.id));
    expect(updates([...firstPart, ...rest]).map((event) => event.data)).toEqual(updates(whole).map((event) => event.data));
    expect(Number(updates(rest)[0]!.id)).toBe(Number(lastSeen) + 1);
  });

  it('answers 204 to a reconnect after the final event, so EventSource stops', async () => {
    const { job_id: jobId } = (await (await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC } })).json()) as {
      job_id: string;
    };
    const events = await readStream(server, key, jobId);
    const response = await fetch(`${server.url}/api/jobs/${jobId}/stream`, authed(key, { headers: { 'last-event-id': events.at(-1)!.id } }));
    expect(response.status).toBe(204);
  });

  it('sends the connected event first, then heartbeats while the job runs', async () => {
    const slow = await postJob(server, key, { tool: 'aios_full_pipeline', input: { spec: SPEC } });
    const { job_id: jobId } = (await slow.json()) as { job_id: string };
    const response = await fetch(`${server.url}/api/jobs/${jobId}/stream`, authed(key));
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    const text = await response.text();
    const firstData = /data: (.*)\n/.exec(text)![1]!;
    expect(JSON.parse(firstData)).toEqual({ type: 'connected', job_id: jobId });
    expect(text).toContain(': heartbeat');
    expect(text.trimEnd().split('\n\n').at(-1)).toContain('"status":"completed"');
  });

  it('lists the caller’s jobs newest first, filters by status and pages with a cursor', async () => {
    const other = await createKey(server, { name: 'lister' });
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await postJob(server, other, { tool: 'aios_strategize', input: { spec: `${SPEC} ${index}` } });
      ids.push(((await response.json()) as { job_id: string }).job_id);
    }
    for (const id of ids) await waitForStatus(server, other, id, ['completed']);

    const first = (await (await fetch(`${server.url}/api/jobs?limit=2`, authed(other))).json()) as {
      jobs: Array<{ job_id: string }>;
      next_cursor: string | null;
    };
    expect(first.jobs.map((job) => job.job_id)).toEqual([ids[2], ids[1]]);
    const second = (await (await fetch(`${server.url}/api/jobs?limit=2&cursor=${first.next_cursor}`, authed(other))).json()) as {
      jobs: Array<{ job_id: string }>;
      next_cursor: string | null;
    };
    expect(second).toMatchObject({ jobs: [{ job_id: ids[0] }], next_cursor: null });

    const queued = (await (await fetch(`${server.url}/api/jobs?status=queued`, authed(other))).json()) as { jobs: unknown[] };
    expect(queued.jobs).toEqual([]);
  });
});
