import { describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../src/contract/index.js';
import {
  ADMIN_KEY,
  authed,
  postJob,
  serveDuringFile,
  waitForStatus,
  SPEC,
  type Server,
} from './support.js';

let server: Server;
let key: string;

serveDuringFile({ QUEUE_CONCURRENCY: '1' }, { defaultMs: 150 }, (started, madeKey) => {
  server = started;
  key = madeKey;
});

/** Checks the contract's error shape and returns the error. */
async function expectError(response: Response, status: number, code: string) {
  const body: unknown = await response.json();
  const parsed = ErrorBodySchema.parse(body);
  expect({ status: response.status, code: parsed.error.code }).toEqual({ status, code });
  expect(parsed.error.request_id).toBe(response.headers.get('x-request-id'));
  return parsed.error;
}

function rawPost(body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/jobs`, authed(key, { method: 'POST', body, headers }));
}

describe('bad input gets its code, never a 500', () => {
  it('malformed JSON is INVALID_INPUT', async () => {
    const error = await expectError(await rawPost('{"tool": "aios_strategize", '), 400, 'INVALID_INPUT');
    expect(error.message).toContain('not valid JSON');
  });

  it('a body that is not an object, or not JSON at all, is INVALID_INPUT', async () => {
    await expectError(await rawPost('[1,2]'), 400, 'INVALID_INPUT');
    await expectError(await rawPost('tool=x', { 'content-type': 'text/plain' }), 400, 'INVALID_INPUT');
    await expectError(await rawPost(''), 400, 'INVALID_INPUT');
  });

  it('wrong types and a missing spec name the field', async () => {
    const wrongType = await expectError(await postJob(server, key, { tool: 'aios_strategize', input: { spec: 42 } }), 400, 'INVALID_INPUT');
    expect(wrongType.message).toMatch(/^input\.spec:/);
    const missing = await expectError(await postJob(server, key, { tool: 'aios_design_ux', input: { product_name: 'Salon' } }), 400, 'INVALID_INPUT');
    expect(missing.message).toMatch(/^input\.spec: describe the product/);
    const badPhase = await expectError(
      await postJob(server, key, { tool: 'aios_full_pipeline', input: { spec: SPEC, phases: ['deploy'] } }),
      400,
      'INVALID_INPUT',
    );
    expect(badPhase.message).toMatch(/^input\.phases\[0\]:/);
  });

  it('an unknown tool lists the valid ones; the read tools point at their routes', async () => {
    const unknown = await expectError(await postJob(server, key, { tool: 'aios_paint', input: { spec: SPEC } }), 400, 'INVALID_INPUT');
    expect(unknown.message).toContain('aios_analyze, aios_strategize, aios_design_architecture, aios_design_ux, aios_generate_code, aios_full_pipeline');
    const status = await expectError(await postJob(server, key, { tool: 'aios_get_status', input: { job_id: 'x' } }), 400, 'INVALID_INPUT');
    expect(status.message).toContain('GET /api/jobs/:id');
    await expectError(await postJob(server, key, { input: { spec: SPEC } }), 400, 'INVALID_INPUT');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('the tool "%s" is an unknown tool, not an Object.prototype member', async (tool) => {
    const error = await expectError(await postJob(server, key, { tool, input: { spec: SPEC } }), 400, 'INVALID_INPUT');
    expect(error.message).toBe(`tool: unknown tool "${tool}"; valid tools: aios_analyze, aios_strategize, aios_design_architecture, aios_design_ux, aios_generate_code, aios_full_pipeline`);
  });

  it('a body nested 6,000 levels deep is INVALID_INPUT, with or without an Idempotency-Key', async () => {
    const deep = `{"tool":"aios_strategize","input":{"spec":"${SPEC}","context":${'['.repeat(6_000)}${']'.repeat(6_000)}}}`;
    for (const headers of [{ 'idempotency-key': 'deep-body-1' }, {}] as Record<string, string>[]) {
      const error = await expectError(await rawPost(deep, headers), 400, 'INVALID_INPUT');
      expect(error.message).toBe('(body): the JSON nests deeper than 64 levels; no valid request does');
    }
    // Brackets inside strings are text, not nesting.
    const job = await postJob(server, key, { tool: 'aios_strategize', input: { spec: `${SPEC} ${'[{'.repeat(500)}` } });
    expect(job.status).toBe(202);
  });

  it('a malformed %-escape in the admin query string is INVALID_INPUT', async () => {
    const response = await fetch(`${server.url}/api/admin/keys?%ZZ`, { method: 'POST', headers: { 'x-admin-key': ADMIN_KEY } });
    const error = await expectError(response, 400, 'INVALID_INPUT');
    expect(error.message).toContain('%-escape');
  });

  it('a body over 1 MB is PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ tool: 'aios_strategize', input: { spec: 'x'.repeat(1_100_000) } });
    const error = await expectError(await rawPost(big), 413, 'PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('1 MB');
  });

  it('a webhook_url that is not http(s) is INVALID_WEBHOOK_URL', async () => {
    await expectError(
      await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC }, webhook_url: 'ftp://example.com/hook' }),
      400,
      'INVALID_WEBHOOK_URL',
    );
  });

  it('a malformed job id is INVALID_INPUT naming it; an unknown one is JOB_NOT_FOUND', async () => {
    const long = await expectError(await fetch(`${server.url}/api/jobs/${'x'.repeat(101)}`, authed(key)), 400, 'INVALID_INPUT');
    expect(long.message).toContain('at most 100');
    const bad = await expectError(await fetch(`${server.url}/api/jobs/bad$id`, authed(key)), 400, 'INVALID_INPUT');
    expect(bad.message).toMatch(/^id:/);
    await expectError(await fetch(`${server.url}/api/jobs/%E0%A4%A`, authed(key)), 400, 'INVALID_INPUT');
    await expectError(await fetch(`${server.url}/api/jobs/not%20an%20id`, authed(key)), 400, 'INVALID_INPUT');
    await expectError(await fetch(`${server.url}/api/jobs/6f1c1b9e-0000-4000-8000-000000000000`, authed(key)), 404, 'JOB_NOT_FOUND');
  });

  it('bad list parameters and an unknown route are answered in the error shape', async () => {
    const limit = await expectError(await fetch(`${server.url}/api/jobs?limit=1000`, authed(key)), 400, 'INVALID_INPUT');
    expect(limit.message).toMatch(/^limit:/);
    await expectError(await fetch(`${server.url}/api/jobs?status=sleeping`, authed(key)), 400, 'INVALID_INPUT');
    await expectError(await fetch(`${server.url}/api/jobs?cursor=%%%`, authed(key)), 400, 'INVALID_INPUT');
    await expectError(await fetch(`${server.url}/api/nothing-here`, authed(key)), 404, 'INVALID_INPUT');
  });
});

describe('jobs over HTTP', () => {
  it('artifacts: unknown type is INVALID_INPUT, a running job is ARTIFACT_NOT_READY, then the output', async () => {
    const { job_id: jobId } = (await (await postJob(server, key, { tool: 'aios_strategize', input: { spec: SPEC } })).json()) as {
      job_id: string;
    };
    await expectError(await fetch(`${server.url}/api/jobs/${jobId}/artifacts/poster`, authed(key)), 400, 'INVALID_INPUT');
    const notReady = await expectError(await fetch(`${server.url}/api/jobs/${jobId}/artifacts/strategy`, authed(key)), 409, 'ARTIFACT_NOT_READY');
    expect(notReady.message).toMatch(/queued|processing/);
    const notInJob = await expectError(await fetch(`${server.url}/api/jobs/${jobId}/artifacts/code`, authed(key)), 400, 'INVALID_INPUT');
    expect(notInJob.message).toContain('runs strategy');
    await waitForStatus(server, key, jobId, ['completed']);
    const all = await fetch(`${server.url}/api/jobs/${jobId}/artifacts/all`, authed(key));
    expect(await all.json()).toEqual({ strategy: { phase: 'strategy', spec: SPEC, engine: 'heuristic' } });
  });

  it('DELETE cancels a queued and a running job', async () => {
    const post = async () =>
      ((await (await postJob(server, key, { tool: 'aios_full_pipeline', input: { spec: SPEC } })).json()) as { job_id: string }).job_id;
    const running = await post();
    const queued = await post();
    await waitForStatus(server, key, running, ['processing']);
    for (const id of [queued, running]) {
      const response = await fetch(`${server.url}/api/jobs/${id}`, authed(key, { method: 'DELETE' }));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ job_id: id, status: 'cancelled' });
    }
    const after = await waitForStatus(server, key, running, ['cancelled']);
    expect(after.phases.strategy?.status).toBe('cancelled');
  });

  it('Idempotency-Key: a repeat returns the same job; the same key with another body is a 409', async () => {
    const body = { tool: 'aios_strategize', input: { spec: SPEC } };
    const first = await postJob(server, key, body, { 'idempotency-key': 'create-salon-1' });
    const second = await postJob(server, key, body, { 'idempotency-key': 'create-salon-1' });
    const [a, b] = (await Promise.all([first.json(), second.json()])) as Array<{ job_id: string }>;
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(b!.job_id).toBe(a!.job_id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const conflict = await postJob(server, key, { ...body, input: { spec: `${SPEC} Also gift cards.` } }, { 'idempotency-key': 'create-salon-1' });
    await expectError(conflict, 409, 'IDEMPOTENCY_CONFLICT');
  });
});
