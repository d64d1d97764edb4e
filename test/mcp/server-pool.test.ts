import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, removeDataDir, startServer, testConfig, workloadRunner, type Server } from '../http/support.js';
import { ERAS, httpClient, toolErrorOf, type Era } from './clients.js';
import { SPEC, waitForJob } from './suite.js';

/**
 * /mcp answers from servers reused across requests (src/mcp/server-pool.ts): whatever server
 * answers a request must act for that request's key, never for the one it answered before.
 */
let server: Server;
const keys: Record<'a' | 'b', string> = { a: '', b: '' };

beforeAll(async () => {
  server = await startServer(await testConfig(), { runner: workloadRunner({ defaultMs: 5 }) });
  keys.a = await createKey(server, { name: 'a' });
  keys.b = await createKey(server, { name: 'b' });
});
afterAll(async () => {
  await server.close();
  await removeDataDir(server.config);
});

interface Caller {
  key: 'a' | 'b';
  era: Era;
  client: Client;
}

async function startJob(client: Client): Promise<{ job_id: string; status_url: string }> {
  const accepted = await client.callTool({ name: 'aios_full_pipeline', arguments: { spec: SPEC, phases: ['strategy'] } });
  return accepted.structuredContent as { job_id: string; status_url: string };
}

async function statusOf(client: Client, jobId: string): Promise<{ job_id?: string; error?: string }> {
  const result = await client.callTool({ name: 'aios_get_status', arguments: { job_id: jobId } });
  return result.isError ? { error: toolErrorOf(result).code } : (result.structuredContent as { job_id: string });
}

describe('/mcp with servers shared across requests', () => {
  it('two keys calling at once, in both eras, each see only their own jobs', async () => {
    const callers: Caller[] = [];
    for (const era of Object.keys(ERAS) as Era[]) {
      for (const key of ['a', 'b'] as const) callers.push({ key, era, client: await httpClient(era, `${server.url}/mcp`, keys[key]) });
    }
    try {
      // Each key's jobs, made by either of its clients.
      const jobs: Record<'a' | 'b', string[]> = { a: [], b: [] };
      for (const caller of callers) {
        const accepted = await startJob(caller.client);
        expect(accepted.status_url).toBe(`${server.url}/api/jobs/${accepted.job_id}`);
        jobs[caller.key].push(accepted.job_id);
        await waitForJob(caller.client, accepted.job_id);
      }

      // Every job id each key was shown (listed or completed), checked once all jobs are known.
      const shown: Record<'a' | 'b', Set<string>> = { a: new Set(), b: new Set() };
      const other = (key: 'a' | 'b') => (key === 'a' ? 'b' : 'a');
      const rounds = async ({ key, client }: Caller) => {
        for (let round = 0; round < 12; round++) {
          const own = jobs[key][round % jobs[key].length]!;
          const foreign = jobs[other(key)][round % jobs[other(key)].length]!;
          const [mine, theirs, listed, completed] = await Promise.all([
            statusOf(client, own),
            statusOf(client, foreign),
            client.listResources(),
            client.complete({ ref: { type: 'ref/resource', uri: 'aios://jobs/{job_id}' }, argument: { name: 'job_id', value: '' } }),
          ]);
          expect(mine).toMatchObject({ job_id: own });
          expect(theirs).toEqual({ error: 'JOB_NOT_FOUND' });
          const listedJobs = listed.resources.filter((resource) => resource.uri.startsWith('aios://jobs/')).map((resource) => resource.uri.slice('aios://jobs/'.length));
          expect(listedJobs).toContain(own);
          for (const id of [...listedJobs, ...completed.completion.values]) shown[key].add(id);
          if (round % 4 === 3) {
            // A job made now is its maker's at once, and nobody else's.
            const made = await startJob(client);
            jobs[key].push(made.job_id);
            expect(made.status_url).toBe(`${server.url}/api/jobs/${made.job_id}`);
            const sameKey = callers.find((each) => each.key === key && each.client !== client)!;
            const otherKey = callers.find((each) => each.key !== key)!;
            const [seen, unseen] = await Promise.all([statusOf(sameKey.client, made.job_id), statusOf(otherKey.client, made.job_id)]);
            expect(seen).toMatchObject({ job_id: made.job_id });
            expect(unseen).toEqual({ error: 'JOB_NOT_FOUND' });
          }
        }
      };
      await Promise.all(callers.map(rounds));
      for (const key of ['a', 'b'] as const) {
        expect(shown[key].size).toBeGreaterThan(0);
        expect([...shown[key]].filter((id) => !jobs[key].includes(id))).toEqual([]);
      }
    } finally {
      await Promise.all(callers.map((caller) => caller.client.close()));
    }
  });
});
