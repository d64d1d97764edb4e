import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authed, createKey, removeDataDir, startServer, testConfig, workloadRunner, SPEC, type Server } from './support.js';

/**
 * Issue 15 item 9: an SSE event is serialised once, however many streams follow its job. Many
 * clients follow one job (pages open in several tabs, dashboards); serialising each event once per
 * stream cost a sixth of the server's CPU with 1,000 streams open.
 */
const STREAMS = 8;
let server: Server;
let key: string;

beforeAll(async () => {
  // Each phase waits long enough for every stream to be open before the job's events begin.
  server = await startServer(await testConfig(), { runner: workloadRunner({ defaultMs: 150 }) });
  key = await createKey(server);
});
afterAll(async () => {
  await server.close();
  await removeDataDir(server.config);
});

/** Reads one stream to its end; resolves with the data lines of its status_update frames. */
async function follow(jobId: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/jobs/${jobId}/stream`, authed(key));
  expect(response.status).toBe(200);
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line.includes('"status_update"'))
    .map((line) => line.slice('data: '.length));
}

describe('SSE frames', () => {
  it(`serialises each event once for ${STREAMS} streams of one job, and every stream gets every event`, async () => {
    const posted = await fetch(`${server.url}/api/jobs`, authed(key, { method: 'POST', body: JSON.stringify({ tool: 'aios_full_pipeline', input: { spec: SPEC, phases: ['strategy', 'ux'] } }) }));
    const { job_id: jobId } = (await posted.json()) as { job_id: string };
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const streams = await Promise.all(Array.from({ length: STREAMS }, () => follow(jobId)));
      // Events as the streams serialise them: the status_update of this job, without its id (the frame's).
      const serialised = stringify.mock.calls.filter(([value]) => {
        const event = value as { type?: unknown; job_id?: unknown; id?: unknown } | null;
        return typeof event === 'object' && event !== null && event.type === 'status_update' && event.job_id === jobId && !('id' in event);
      });
      const [first, ...others] = streams;
      expect(first!.length).toBeGreaterThanOrEqual(6);
      for (const other of others) expect(other).toEqual(first);
      // Replayed or live, each event is one object that every stream is handed: framed once.
      expect(serialised).toHaveLength(first!.length);
    } finally {
      stringify.mockRestore();
    }
  });
});
