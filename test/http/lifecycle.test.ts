import { describe, expect, it } from 'vitest';
import {
  createKey,
  getJob,
  postJob,
  readStream,
  removeDataDir,
  serveDuringFile,
  sleep,
  startServer,
  testConfig,
  waitForStatus,
  workloadRunner,
  SPEC,
  type Server,
} from './support.js';

let server: Server;
let key: string;

serveDuringFile({
    QUEUE_CONCURRENCY: '1',
    AGENT_TIMEOUT_STRATEGY_MS: '60',
    JOB_RETENTION_COMPLETED_MS: '150',
    JOB_RETENTION_FAILED_MS: '150',
  }, { phaseMs: { strategy: 5_000, architecture: 5 } }, (started, madeKey) => {
  server = started;
  key = madeKey;
});

async function post(body: unknown): Promise<string> {
  const response = await postJob(server, key, body);
  return ((await response.json()) as { job_id: string }).job_id;
}

describe('job lifecycle over HTTP', () => {
  it('fails a phase over its limit with AGENT_TIMEOUT on the stream and the job, and runs the next job', async () => {
    const slow = await post({ tool: 'aios_strategize', input: { spec: SPEC } });
    const next = await post({ tool: 'aios_design_architecture', input: { spec: SPEC } });
    const events = await readStream(server, key, slow);
    expect(events.at(-1)!.data).toMatchObject({ status: 'failed', error: { code: 'AGENT_TIMEOUT' } });
    const failed = await waitForStatus(server, key, slow, ['failed']);
    expect(failed.error).toMatchObject({ code: 'AGENT_TIMEOUT', message: expect.stringContaining('strategy') });
    expect((await waitForStatus(server, key, next, ['completed', 'failed'])).status).toBe('completed');
  });

  it('forgets a finished job after its retention: JOB_NOT_FOUND', async () => {
    const id = await post({ tool: 'aios_design_architecture', input: { spec: SPEC } });
    await waitForStatus(server, key, id, ['completed']);
    await sleep(300);
    const response = await getJob(server, key, id);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('JOB_NOT_FOUND');
  });

  it('shuts down promptly with a stream open, ending the stream', async () => {
    const config = await testConfig();
    const other = await startServer(config, { runner: workloadRunner({ defaultMs: 10_000 }) });
    const otherKey = await createKey(other);
    const response = await postJob(other, otherKey, { tool: 'aios_strategize', input: { spec: SPEC } });
    const { job_id: jobId } = (await response.json()) as { job_id: string };
    const stream = await fetch(`${other.url}/api/jobs/${jobId}/stream?api_key=${otherKey}`);
    const body = stream.text();
    await other.close();
    expect(await body).toContain('"type":"connected"');
    await removeDataDir(config);
  });
});
