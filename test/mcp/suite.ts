import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArchitectureOutputSchema,
  CodeOutputSchema,
  GetStatusOutputSchema,
  PipelineAcceptedSchema,
  StrategizeOutputSchema,
  UxOutputSchema,
} from '../../src/contract/index.js';

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
      expect(result.structuredContent).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    });

    it('an unknown job is JOB_NOT_FOUND for status, artifacts and resources', async () => {
      const missing = await call(client, 'aios_get_status', { job_id: 'no-such-job' });
      expect(missing.isError).toBe(true);
      expect(missing.structuredContent).toMatchObject({ error: { code: 'JOB_NOT_FOUND' } });
      const artifact = await call(client, 'aios_get_artifact', { job_id: 'no-such-job', artifact_type: 'all' });
      expect(artifact.structuredContent).toMatchObject({ error: { code: 'JOB_NOT_FOUND' } });
      await expect(client.readResource({ uri: 'aios://jobs/no-such-job' })).rejects.toThrow(/JOB_NOT_FOUND/);
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

    it('offers one prompt per agent, with argument completion', async () => {
      const { prompts } = await client.listPrompts();
      expect(prompts.map((prompt) => prompt.name).sort()).toEqual(['aios_analyze', 'aios_design_architecture', 'aios_design_ux', 'aios_implement', 'aios_write_prd']);
      const prd = await client.getPrompt({ name: 'aios_write_prd', arguments: { idea: SPEC } });
      const text = (prd.messages[0]!.content as { text: string }).text;
      expect(text).toContain('Morgan');
      expect(text.indexOf('Goals and Background Context')).toBeLessThan(text.indexOf('Epic List'));
      const completion = await client.complete({ ref: { type: 'ref/prompt', name: 'aios_design_ux' }, argument: { name: 'style', value: 'pl' } });
      expect(completion.completion.values).toEqual(['playful']);
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
