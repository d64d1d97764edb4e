import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AiosError } from '../contract/index.js';
import { EVENT_JSON, isFinal, type JobEvent, type JobQueue } from '../jobs/port.js';
import { JobIdParamsSchema, ownedJob } from './job-view.js';

export interface StreamRoutesOptions {
  queue: JobQueue;
  heartbeatMs: number;
}

/** How long an EventSource waits before reconnecting after a dropped connection. */
const RETRY_MS = 2_000;

function lastEventId(header: unknown, query: unknown): number {
  const raw = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  if (raw === undefined || raw.trim() === '') return 0;
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 0) {
    throw new AiosError('INVALID_INPUT', 'Last-Event-ID: must be an event id this stream sent (a whole number)', { field: 'Last-Event-ID' });
  }
  return id;
}

/**
 * Frames already made, by event: every stream open on a job is handed the same event object, and
 * serialising it once per stream cost a sixth of the server's CPU with 1,000 streams open.
 */
const frames = new WeakMap<JobEvent, string>();

/** The event's SSE frame, made once per event whatever the number of streams that send it. */
function frame(event: JobEvent): string {
  let text = frames.get(event);
  if (text === undefined) {
    text = frameOf(event);
    frames.set(event, text);
  }
  return text;
}

/** The event's SSE frame; its data is the event without its id, which is the frame's. */
function frameOf(event: JobEvent): string {
  // The text the store gives every event begins with its id: the rest is sent on as it came, not
  // serialised again (a finished job's event carries the whole output).
  const head = `{"id":${event.id},`;
  const json = event[EVENT_JSON];
  let data: string;
  if (json?.startsWith(head)) data = `{${json.slice(head.length)}`;
  else {
    const { id: _id, ...rest } = event;
    data = JSON.stringify(rest);
  }
  return `id: ${event.id}\ndata: ${data}\n\n`;
}

/**
 * `GET /api/jobs/:id/stream`: Server-Sent Events. First `connected`, then every change as a
 * `status_update` with a numeric id; the stream ends after the final status. A reconnect with
 * `Last-Event-ID` is sent exactly the events after that id; once a client has the final event,
 * a reconnect gets 204, which tells EventSource to stop.
 */
export const streamRoutes: FastifyPluginAsync<StreamRoutesOptions> = async (app, { queue, heartbeatMs }) => {
  const open = new Map<ServerResponse, string>();
  // Open streams would hold app.close() until their jobs end. Each gets a last, named event saying
  // why it ends; an EventSource then reconnects (with Last-Event-ID) to another instance.
  app.addHook('preClose', async () => {
    for (const [response, jobId] of open) {
      response.end(`event: server_closing\ndata: ${JSON.stringify({ type: 'server_closing', job_id: jobId, reconnect: true })}\n\n`);
    }
  });

  app.get('/api/jobs/:id/stream', { schema: { params: JobIdParamsSchema } }, async (request, reply) => {
    const { id } = request.params as z.infer<typeof JobIdParamsSchema>;
    const after = lastEventId(request.headers['last-event-id'], (request.query as Record<string, unknown>).last_event_id);

    // Events are held until the response is open, so none is lost between replay and live, and
    // none is sent before the job is known to be the caller's: so both can be asked at once.
    const pending: JobEvent[] = [];
    let deliver = (event: JobEvent) => {
      pending.push(event);
    };
    const [owned, subscribed] = await Promise.allSettled([ownedJob(queue, request, id, { output: false }), queue.subscribe(id, after, (event) => deliver(event))]);
    if (owned.status === 'rejected') {
      if (subscribed.status === 'fulfilled') subscribed.value?.();
      throw owned.reason;
    }
    if (subscribed.status === 'rejected') throw subscribed.reason;
    const job = owned.value;
    const unsubscribe = subscribed.value;
    if (!unsubscribe) throw new AiosError('JOB_NOT_FOUND', `job ${id} was not found`, { job_id: id });
    if (pending.length === 0 && isFinal(job.status)) {
      unsubscribe();
      return reply.code(204).send();
    }

    reply.hijack();
    const response = reply.raw;
    const headers = Object.fromEntries(Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined)) as Record<
      string,
      string | number | string[]
    >;
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    open.set(response, id);
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), heartbeatMs);
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(response);
    };
    response.on('close', stop);

    const send = (event: JobEvent) => {
      if (response.writableEnded) return;
      if (!isFinal(event.status)) {
        response.write(frame(event));
        return;
      }
      stop();
      // The last event and the end of the response in one write: the client is done on one read.
      response.end(frame(event));
    };
    response.write(`retry: ${RETRY_MS}\ndata: ${JSON.stringify({ type: 'connected', job_id: id })}\n\n`);
    for (const event of pending.splice(0)) send(event);
    deliver = send;
    request.log.info({ job_id: id, after }, 'stream opened');
  });
};
