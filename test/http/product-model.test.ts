import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzeOutputSchema, ArchitectureOutputSchema, type ErrorBody } from '../../src/contract/index.js';
import { BODY_LIMIT_BYTES } from '../../src/http/errors.js';
import { BAD_MODELS, GARDEN_MODEL, tenThousandEntities } from '../fixtures/product-models.js';
import { SPEC_CASES } from '../fixtures/specs.js';
import { authed, createKey, postJob, readStream, removeDataDir, startServer, testConfig, waitForStatus, type Server } from './support.js';

/**
 * The analyst and the product model over REST, through the real agents: an aios_analyze job's one
 * phase is `analysis`, its artifact is keyed by it, and its model builds the next job; a bad model
 * is a 400 naming its path, before anything is queued.
 */
let server: Server;
let key: string;

beforeAll(async () => {
  server = await startServer(await testConfig());
  key = await createKey(server, { name: 'model' });
});

afterAll(async () => {
  await server.close();
  await removeDataDir(server.config);
});

async function accepted(body: unknown): Promise<string> {
  const response = await postJob(server, key, body);
  expect(response.status, await response.clone().text()).toBe(202);
  return ((await response.json()) as { job_id: string }).job_id;
}

async function artifact(jobId: string, type: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/jobs/${jobId}/artifacts/${type}`, authed(key));
  return { status: response.status, body: await response.json() };
}

describe('an aios_analyze job', () => {
  it('runs its one phase, analysis, streams it, and serves its artifact under that name', async () => {
    const jobId = await accepted({ tool: 'aios_analyze', input: SPEC_CASES[0]!.input });
    const events = await readStream(server, key, jobId);
    expect(events.at(-1)!.data.status).toBe('completed');
    expect(new Set(events.flatMap((event) => (event.data.phase ? [event.data.phase] : [])))).toEqual(new Set(['analysis']));

    const job = await waitForStatus(server, key, jobId, ['completed']);
    expect(Object.keys(job.phases)).toEqual(['analysis']);
    expect(job.phases.analysis!.status).toBe('completed');

    const analysis = await artifact(jobId, 'analysis');
    expect(analysis.status).toBe(200);
    const output = AnalyzeOutputSchema.parse(analysis.body);
    expect(output.brief_markdown).toContain('## Executive Summary');
    expect((await artifact(jobId, 'all')).body).toEqual({ analysis: output });
    const strategy = await artifact(jobId, 'strategy');
    expect(strategy.status).toBe(400);
    expect((strategy.body as ErrorBody).error.message).toMatch(/this job runs analysis; it has no strategy artifact/);
  });

  it('its product model, corrected, builds the next job: the architect makes the tables it names', async () => {
    const analyzed = await accepted({ tool: 'aios_analyze', input: { spec: 'A recipe app. Cooks save recipes with a title and the steps.' } });
    await waitForStatus(server, key, analyzed, ['completed']);
    const { product_model } = AnalyzeOutputSchema.parse((await artifact(analyzed, 'analysis')).body);
    // The correction a person makes: the idea forgot the ingredients.
    product_model.entities.push({ name: 'ingredient', attributes: [{ name: 'title', type: 'text', required: true }, { name: 'grams', type: 'integer' }] });
    product_model.relationships.push({ from: product_model.entities[0]!.name, to: 'ingredient', kind: 'one-to-many' });

    const built = await accepted({ tool: 'aios_design_architecture', input: { product_model } });
    await waitForStatus(server, key, built, ['completed']);
    const { architecture, migration_sql } = ArchitectureOutputSchema.parse((await artifact(built, 'architecture')).body);
    expect(architecture.data_model.entities.map((entity) => entity.name)).toContain('ingredients');
    expect(migration_sql).toMatch(/create table if not exists public\.ingredients \(/);
  });

  it('a pipeline job on a hand-written model and no spec keeps the four phases and builds the model', async () => {
    const jobId = await accepted({ tool: 'aios_full_pipeline', input: { product_model: GARDEN_MODEL, phases: ['architecture', 'strategy'] } });
    const job = await waitForStatus(server, key, jobId, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(Object.keys(job.phases)).toEqual(['strategy', 'architecture']);
    const strategy = (await artifact(jobId, 'strategy')).body as { product_model: unknown };
    expect(strategy.product_model).toEqual(GARDEN_MODEL);
    expect(((await artifact(jobId, 'architecture')).body as { migration_sql: string }).migration_sql).toContain('public.workshop_visits');
  });
});

describe('a bad product_model is 400 INVALID_INPUT naming its path, never a job', () => {
  it.each(BAD_MODELS.map((bad) => [bad.label, bad] as const))('%s', async (_label, bad) => {
    for (const tool of ['aios_strategize', 'aios_full_pipeline'] as const) {
      const body = JSON.stringify({ tool, input: { spec: 'A garden app', product_model: bad.model } });
      expect(Buffer.byteLength(body), 'the body fits the 1 MB limit, so the model itself is judged').toBeLessThan(BODY_LIMIT_BYTES);
      const response = await fetch(`${server.url}/api/jobs`, authed(key, { method: 'POST', body }));
      expect(response.status, tool).toBe(400);
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message.startsWith(`input.product_model${bad.path}: `), error.message).toBe(true);
      expect(error.message).toMatch(bad.message);
    }
  });

  it('10,000 entities: one issue in the details, and the server goes on answering', async () => {
    const response = await postJob(server, key, { tool: 'aios_design_architecture', input: { product_model: tenThousandEntities() } });
    const { error } = (await response.json()) as ErrorBody;
    expect(error.details).toEqual({ issues: [{ field: 'input.product_model.entities', message: 'must have at most 120 entities' }] });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
