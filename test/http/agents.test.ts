import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_TOOLS, PipelineOutputSchema, TOOLS, type AgentToolName } from '../../src/contract/index.js';
import { authed, createKey, getJob, postJob, readStream, removeDataDir, startServer, testConfig, type JobBody, type Server } from './support.js';
import { SPEC_CASES } from '../fixtures/specs.js';

/**
 * End to end through the real agents (`runTool`, no test workload): each tool posted as a job,
 * followed on its stream to `completed`, then fetched; outputs must satisfy the contract.
 */
let server: Server;
let key: string;
const spec = SPEC_CASES[0]!.input;

beforeAll(async () => {
  server = await startServer(await testConfig({ QUEUE_CONCURRENCY: '2' }));
  key = await createKey(server, { name: 'e2e' });
});

afterAll(async () => {
  await server.close();
  await removeDataDir(server.config);
});

function outputSchemaOf(tool: AgentToolName) {
  return tool === 'aios_full_pipeline' ? PipelineOutputSchema : TOOLS[tool].output;
}

describe.each(AGENT_TOOLS)('%s as a job, through the real agents', (tool) => {
  it('is accepted, streams to completed and serves an output that satisfies the contract', async () => {
    const response = await postJob(server, key, { tool, input: spec });
    expect(response.status).toBe(202);
    const { job_id: jobId } = (await response.json()) as { job_id: string };

    const events = await readStream(server, key, jobId);
    const last = events.at(-1)!;
    expect(last.data.error ?? null).toBeNull();
    expect(last.data.status).toBe('completed');

    const job = (await (await getJob(server, key, jobId)).json()) as JobBody;
    expect(job.status).toBe('completed');
    expect(outputSchemaOf(tool).safeParse(job.output).success).toBe(true);

    const all = (await (await fetch(`${server.url}/api/jobs/${jobId}/artifacts/all`, authed(key))).json()) as Record<string, unknown>;
    expect(Object.keys(all)).toEqual(Object.keys(job.phases));
  });
});
