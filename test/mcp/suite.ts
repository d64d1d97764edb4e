import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalyzeOutputSchema,
  ArchitectureOutputSchema,
  CodeOutputSchema,
  GetStatusOutputSchema,
  PipelineAcceptedSchema,
  StrategizeOutputSchema,
  UxOutputSchema,
} from '../../src/contract/index.js';
import { pluralName } from '../../src/agents/naming.js';
import { BAD_MODELS, GARDEN_MODEL, tenThousandEntities } from '../fixtures/product-models.js';
import { toolErrorOf } from './clients.js';

export const SPEC = 'QuizMaster lets teachers create quizzes with a title, a time limit and a list of questions. Students answer them and see their score.';

type Structured = Record<string, unknown>;

async function call(client: Client, name: string, args: unknown) {
  return client.callTool({ name, arguments: args as Record<string, unknown> });
}

/** Polls aios_get_status until the job has ended. */
export async function waitForJob(client: Client, jobId: string): Promise<Structured> {
  for (let i = 0; i < 200; i++) {
    const result = await call(client, 'aios_get_status', { job_id: jobId });
    const status = result.structuredContent as Structured;
    if (['completed', 'failed', 'cancelled'].includes(status.status as string)) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not end`);
}

/**
 * What every MCP client must see, whatever the transport and the protocol era: the same tools,
 * resources, prompts, results and errors.
 */
export function mcpConformance(label: string, connect: () => Promise<Client>): void {
  describe(label, () => {
    let client: Client;
    beforeAll(async () => {
      client = await connect();
    });
    afterAll(async () => {
      await client?.close();
    });

    it('lists the eight tools, each with input and output schemas and annotations', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(
        [
          'aios_analyze',
          'aios_design_architecture',
          'aios_design_ux',
          'aios_full_pipeline',
          'aios_generate_code',
          'aios_get_artifact',
          'aios_get_status',
          'aios_strategize',
        ].sort(),
      );
      const strategize = tools.find((tool) => tool.name === 'aios_strategize')!;
      expect(Object.keys(strategize.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['spec', 'product_name', 'context']));
      expect(strategize.outputSchema?.properties).toHaveProperty('prd_markdown');
      expect(strategize.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true });
      expect(tools.find((tool) => tool.name === 'aios_full_pipeline')!.annotations).toMatchObject({ readOnlyHint: false });
    });

    it.each([
      ['aios_strategize', StrategizeOutputSchema, 'prd_markdown'],
      ['aios_design_architecture', ArchitectureOutputSchema, 'architecture_markdown'],
      ['aios_design_ux', UxOutputSchema, 'ux_markdown'],
    ] as const)('%s answers with the contract shape and the document as text', async (name, schema, markdownField) => {
      const result = await call(client, name, { spec: SPEC });
      expect(result.isError).toBeFalsy();
      const output = schema.parse(result.structuredContent) as Record<string, unknown>;
      expect(result.content).toEqual([{ type: 'text', text: output[markdownField] }]);
      expect(String(output[markdownField])).toMatch(/quiz/i);
    });

    it('aios_generate_code answers with files and a readable summary', async () => {
      const result = await call(client, 'aios_generate_code', { spec: SPEC, target_files: ['package.json'] });
      const output = CodeOutputSchema.parse(result.structuredContent);
      expect(output.files.map((file) => file.path)).toEqual(['package.json']);
      expect((result.content as Array<{ text: string }>)[0]!.text).toContain('package.json');
    });

    it('runs a pipeline as a job: get_status until done, then get_artifact for each phase and all', async () => {
      const accepted = PipelineAcceptedSchema.parse((await call(client, 'aios_full_pipeline', { spec: SPEC })).structuredContent);
      expect(accepted.phases_queued).toEqual(['strategy', 'architecture', 'ux', 'code']);
      const status = GetStatusOutputSchema.parse(await waitForJob(client, accepted.job_id));
      expect(status.status).toBe('completed');
      expect(Object.values(status.phases).map((phase) => phase.status)).toEqual(['completed', 'completed', 'completed', 'completed']);

      const schemas = { strategy: StrategizeOutputSchema, architecture: ArchitectureOutputSchema, ux: UxOutputSchema, code: CodeOutputSchema };
      for (const [phase, schema] of Object.entries(schemas)) {
        const artifact = await call(client, 'aios_get_artifact', { job_id: accepted.job_id, artifact_type: phase });
        expect(artifact.isError, phase).toBeFalsy();
        schema.parse(artifact.structuredContent);
      }
      const all = await call(client, 'aios_get_artifact', { job_id: accepted.job_id, artifact_type: 'all' });
      expect(Object.keys(all.structuredContent as Structured).sort()).toEqual(['architecture', 'code', 'strategy', 'ux']);

      const resource = await client.readResource({ uri: `aios://jobs/${accepted.job_id}` });
      expect(JSON.parse((resource.contents[0] as { text: string }).text)).toMatchObject({ job_id: accepted.job_id, status: 'completed' });
    });

    it('reports progress per phase, in order, when the client sends a progress token', async () => {
      const seen: Array<{ progress: number; message?: string }> = [];
      const result = await client.callTool(
        { name: 'aios_full_pipeline', arguments: { spec: SPEC, phases: ['strategy', 'architecture'] } },
        { onprogress: (progress) => seen.push(progress) },
      );
      expect(result.isError).toBeFalsy();
      // The SDK client drops progress that reaches it in the same read as the result, so on a busy
      // machine the tail may be missing: what arrives must still be in order.
      expect(seen.length).toBeGreaterThanOrEqual(1);
      const values = seen.map((item) => item.progress);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(new Set(values).size).toBe(values.length);
      const messages = seen.map((item) => item.message ?? '').join(' | ');
      if (messages.includes('architecture')) expect(messages.indexOf('strategy')).toBeLessThan(messages.indexOf('architecture'));
    });

    it.each([
      [{ spec: 42 }, 'spec'],
      [{}, 'spec'],
      [{ spec: 'a quiz app', stack_preference: 'angular' }, 'stack_preference'],
    ])('invalid arguments %j are a tool error carrying INVALID_INPUT and the field', async (args, field) => {
      const result = await call(client, 'aios_design_architecture', args);
      expect(result.isError).toBe(true);
      const text = (result.content as Array<{ text: string }>)[0]!.text;
      expect(text.startsWith(`INVALID_INPUT: ${field}:`)).toBe(true);
      expect(toolErrorOf(result)).toMatchObject({ code: 'INVALID_INPUT' });
    });

    it('an unknown job is JOB_NOT_FOUND for status, artifacts and resources', async () => {
      const missing = await call(client, 'aios_get_status', { job_id: 'no-such-job' });
      expect(missing.isError).toBe(true);
      expect(toolErrorOf(missing)).toMatchObject({ code: 'JOB_NOT_FOUND' });
      const artifact = await call(client, 'aios_get_artifact', { job_id: 'no-such-job', artifact_type: 'all' });
      expect(toolErrorOf(artifact)).toMatchObject({ code: 'JOB_NOT_FOUND' });
      await expect(client.readResource({ uri: 'aios://jobs/no-such-job' })).rejects.toThrow(/JOB_NOT_FOUND/);
    });

    it('a resource read error is Invalid Params carrying the contract code, not an internal error', async () => {
      const error = await client.readResource({ uri: 'aios://jobs/no-such-job' }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: -32602, data: { code: 'JOB_NOT_FOUND' } });
    });

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('aios://agents/%s is no agent: INVALID_INPUT naming the five', async (name) => {
      const error = await client.readResource({ uri: `aios://agents/${name}` }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: -32602, data: { code: 'INVALID_INPUT' } });
      expect((error as Error).message).toContain('INVALID_INPUT: name: must be one of analyst, pm, architect, ux-design-expert, dev');
    });

    it('describes the agents as resources and lists the job resource templates', async () => {
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual(
        expect.arrayContaining(['aios://jobs/{job_id}', 'aios://jobs/{job_id}/artifacts/{type}', 'aios://agents/{name}']),
      );
      const architect = await client.readResource({ uri: 'aios://agents/architect' });
      const described = JSON.parse((architect.contents[0] as { text: string }).text);
      expect(described).toMatchObject({ name: 'Aria', tool: 'aios_design_architecture' });
      expect(described.inputs).toEqual(expect.arrayContaining(['stack_preference', 'product_model']));
      const analyst = JSON.parse(((await client.readResource({ uri: 'aios://agents/analyst' })).contents[0] as { text: string }).text);
      expect(analyst).toMatchObject({ id: 'analyst', name: 'Atlas', icon: '🔍', archetype: 'the Decoder', tool: 'aios_analyze' });
      expect(analyst.inputs).toContain('spec');
      const { resources } = await client.listResources();
      expect(resources.map((resource) => resource.uri)).toContain('aios://agents/analyst');
    });

    it('tells a calling model it may write the product model, and how', async () => {
      const { tools } = await client.listTools();
      for (const name of ['aios_strategize', 'aios_design_architecture', 'aios_design_ux', 'aios_generate_code', 'aios_full_pipeline']) {
        const tool = tools.find((item) => item.name === name)!;
        expect(Object.keys(tool.inputSchema.properties ?? {}), name).toContain('product_model');
        expect(tool.description, name).toMatch(/product_model/);
      }
      const analyze = tools.find((tool) => tool.name === 'aios_analyze')!;
      expect(analyze.description).toMatch(/roles are kinds of people who sign in; people who never sign in .* are entities/);
      expect(analyze.description).toMatch(/one-to-many `from` is the "one" side/);
      expect(analyze.description).toMatch(/many-to-many `through` names the join entity/);
      expect(analyze.description).toMatch(/snake_case/);
      expect(analyze.outputSchema?.properties).toHaveProperty('product_model');
      const schema = JSON.stringify(tools.find((tool) => tool.name === 'aios_design_architecture')!.inputSchema);
      expect(schema).toContain('people who never sign in (patients, guests) are entities');
      expect(tools.find((tool) => tool.name === 'aios_strategize')!.outputSchema?.properties).toHaveProperty('product_model');
    });

    it('aios_analyze gives the brief and a model; aios_design_architecture builds the tables of that model', async () => {
      const analyzed = await call(client, 'aios_analyze', { spec: SPEC });
      expect(analyzed.isError).toBeFalsy();
      const { product_model, brief_markdown } = AnalyzeOutputSchema.parse(analyzed.structuredContent);
      expect(analyzed.content).toEqual([{ type: 'text', text: brief_markdown }]);
      expect(brief_markdown).toMatch(/^# Project Brief: QuizMaster/);
      // The correction a calling model makes before building: answers are kept per question.
      product_model.entities.push({ name: 'answer_sheet', attributes: [{ name: 'score', type: 'integer', required: true }] });
      const built = await call(client, 'aios_design_architecture', { product_model });
      expect(built.isError).toBeFalsy();
      const tables = ArchitectureOutputSchema.parse(built.structuredContent).architecture.data_model.entities.map((entity) => entity.name);
      expect(tables).toEqual(expect.arrayContaining(product_model.entities.map((entity) => pluralName(entity.name))));
      expect(tables).toContain('answer_sheets');
    });

    it('builds a hand-written model as given, with no spec', async () => {
      const built = ArchitectureOutputSchema.parse((await call(client, 'aios_design_architecture', { product_model: GARDEN_MODEL })).structuredContent);
      expect(built.architecture.data_model.entities.map((entity) => entity.name).sort()).toEqual(
        ['accounts', 'garden_tools', 'harvests', 'plots', 'profiles', 'workshop_garden_tools', 'workshop_visits', 'workshops'],
      );
    });

    it.each(BAD_MODELS.map((bad) => [bad.label, bad] as const))('a bad product_model is a tool error naming its path: %s', async (_label, bad) => {
      const result = await call(client, 'aios_design_ux', { spec: SPEC, product_model: bad.model });
      expect(result.isError).toBe(true);
      const text = (result.content as Array<{ text: string }>)[0]!.text;
      expect(text.startsWith(`INVALID_INPUT: product_model${bad.path}: `), text).toBe(true);
      expect(text).toMatch(bad.message);
      expect(toolErrorOf(result)).toMatchObject({ code: 'INVALID_INPUT' });
    });

    it('10,000 entities are refused with one issue, and the connection goes on serving', async () => {
      const result = await call(client, 'aios_full_pipeline', { product_model: tenThousandEntities() });
      expect(toolErrorOf(result)).toEqual({
        code: 'INVALID_INPUT',
        message: 'product_model.entities: must have at most 120 entities',
        details: { issues: [{ field: 'product_model.entities', message: 'must have at most 120 entities' }] },
      });
      expect((await client.listTools()).tools.length).toBe(8);
    });

    it('advertises no list changes, which it never sends', () => {
      const capabilities = client.getServerCapabilities();
      expect(capabilities?.tools).toBeDefined();
      for (const list of ['tools', 'resources', 'prompts'] as const) expect(capabilities?.[list]?.listChanged ?? false).toBe(false);
    });

    it('offers one prompt per agent, with argument completion', async () => {
      const { prompts } = await client.listPrompts();
      expect(prompts.map((prompt) => prompt.name).sort()).toEqual(['aios_analyze', 'aios_design_architecture', 'aios_design_ux', 'aios_implement', 'aios_write_prd']);
      const prd = await client.getPrompt({ name: 'aios_write_prd', arguments: { idea: SPEC } });
      const text = (prd.messages[0]!.content as { text: string }).text;
      expect(text).toContain('Morgan');
      expect(text.indexOf('Goals and Background Context')).toBeLessThan(text.indexOf('Epic List'));
      const analyst = ((await client.getPrompt({ name: 'aios_analyze', arguments: { idea: SPEC } })).messages[0]!.content as { text: string }).text;
      expect(analyst).toContain('Atlas 🔍');
      expect(analyst.indexOf('Executive Summary')).toBeLessThan(analyst.indexOf('Risks & Open Questions'));
      const schema = JSON.parse(/```json\n([\s\S]*?)```/.exec(analyst)![1]!) as { properties: Record<string, unknown>; required: string[] };
      expect(schema.required).toEqual(expect.arrayContaining(['name', 'summary', 'roles', 'entities', 'relationships', 'access']));
      expect(analyst).toContain('pass the model as `product_model`');
      const completion = await client.complete({ ref: { type: 'ref/prompt', name: 'aios_design_ux' }, argument: { name: 'style', value: 'pl' } });
      expect(completion.completion.values).toEqual(['playful']);
    });

    it('speaks to the model in good English: "you are ..., who finds", never "you finds"', async () => {
      const prompts = [
        ['aios_analyze', 'turns a raw idea'],
        ['aios_write_prd', 'finds the real'],
        ['aios_design_architecture', 'designs the whole system'],
        ['aios_design_ux', 'puts real user needs first'],
        ['aios_implement', 'implements the stories'],
      ] as const;
      for (const [name, focus] of prompts) {
        const text = ((await client.getPrompt({ name, arguments: { idea: SPEC } })).messages[0]!.content as { text: string }).text;
        const opening = text.split('\n')[0]!;
        expect(opening).toMatch(new RegExp(`^You are .+, who ${focus}`));
        expect(text).not.toMatch(/\byou (turns|finds|designs|puts|implements|real)\b/i);
      }
    });

  });
}

/**
 * Following a job through the subscription mechanism of the client's era: `subscriptions/listen`
 * (2026-07-28) or `resources/subscribe` (2025). The server must start each job a moment late
 * (a slowed workload), so that the client subscribes before the job changes.
 */
export function subscriptionConformance(label: string, connect: () => Promise<Client>): void {
  describe(label, () => {
    it('follows a job resource and sees its updates, only for the URI it follows', async () => {
      const client = await connect();
      try {
        const accepted = PipelineAcceptedSchema.parse(
          (await call(client, 'aios_full_pipeline', { spec: SPEC, phases: ['strategy', 'architecture'] })).structuredContent,
        );
        const uri = `aios://jobs/${accepted.job_id}`;
        const updates: string[] = [];
        client.setNotificationHandler('notifications/resources/updated', (notification) => {
          updates.push(notification.params.uri);
        });
        const modern = client.getProtocolEra() === 'modern';
        const subscription = modern ? await client.listen({ resourceSubscriptions: [uri] }) : undefined;
        if (!modern) await client.subscribeResource({ uri });
        await waitForJob(client, accepted.job_id);
        for (let i = 0; i < 40 && updates.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 25));
        await subscription?.close();
        expect(updates.length).toBeGreaterThanOrEqual(2);
        expect(new Set(updates)).toEqual(new Set([uri]));
      } finally {
        await client.close();
      }
    });
  });
}
