import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { phasesOf, runPhase } from '../../src/agents/pipeline.js';
import { PERSONAS } from '../../src/agents/personas.js';
import type { Agent } from '../../src/agents/agent.js';
import type { AgentToolName, JobPhase, Phase } from '../../src/contract/index.js';
import { buildApp, type AppDeps } from '../../src/http/app.js';
import type { JobRunner } from '../../src/jobs/port.js';
import { createLogger } from '../../src/log.js';

export const ADMIN_KEY = 'admin-secret-for-tests-0123456789';

/** A test config: a fresh data dir, silent logs, short heartbeat; `env` overrides. */
export async function testConfig(env: Record<string, string> = {}): Promise<Config> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'aios-http-'));
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ADMIN_API_KEY: ADMIN_KEY,
    SSE_HEARTBEAT_MS: '50',
    // Polling in tests would otherwise spend the default 60 a minute; the rate limit test sets its own.
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
}

/** How long each phase of the test workload takes, by phase; a phase can also fail. */
export interface Workload {
  phaseMs?: Partial<Record<JobPhase, number>>;
  defaultMs?: number;
  fail?: Partial<Record<JobPhase, Error>>;
}

/**
 * A controllable workload run through the real `runPhase` (so time limits, cancellation and
 * events behave as in production): each phase reports 50%, waits, and returns a small output
 * derived from its input.
 */
export function workloadRunner(workload: Workload = {}): JobRunner {
  return async (tool: AgentToolName, input, options) => {
    const outputs: Partial<Record<JobPhase, unknown>> = {};
    for (const phase of phasesOf(tool, input as { phases?: Phase[] })) {
      const agent: Agent<unknown, unknown> = {
        persona: PERSONAS.pm,
        phase,
        tool,
        engine: 'embedded',
        async run(_input, ctx) {
          ctx.progress(50, `${phase} halfway`);
          await sleep(workload.phaseMs?.[phase] ?? workload.defaultMs ?? 20, ctx.signal);
          const failure = workload.fail?.[phase];
          if (failure) throw failure;
          return { phase, spec: (input as { spec?: string }).spec ?? null };
        },
      };
      outputs[phase] = await runPhase(agent, input, options);
    }
    return tool === 'aios_full_pipeline' ? outputs : Object.values(outputs)[0];
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

export interface Server {
  app: FastifyInstance;
  url: string;
  config: Config;
  close(): Promise<void>;
}

/** Builds the app and listens on a real socket (port 0). */
export async function startServer(config: Config, deps: AppDeps = {}): Promise<Server> {
  const app = await buildApp(config, { logger: createLogger(config), ...deps });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    config,
    close: async () => {
      await app.close();
    },
  };
}

export async function removeDataDir(config: Config): Promise<void> {
  await rm(config.dataDir, { recursive: true, force: true });
}

/**
 * For one test file: a server with the config `vars` running `workload`, and an API key made on
 * it, handed to `started` before the file's tests; the server and its data dir go after them.
 */
export function serveDuringFile(vars: Record<string, string>, workload: Workload, started: (server: Server, key: string) => void): void {
  let server: Server | undefined;
  beforeAll(async () => {
    server = await startServer(await testConfig(vars), { runner: workloadRunner(workload) });
    started(server, await createKey(server));
  });
  afterAll(async () => {
    if (!server) return;
    await server.close();
    await removeDataDir(server.config);
  });
}

/** Makes an API key through the admin route, as an operator would; answers the key as shown once. */
export async function createKeyRecord(server: Server, body: Record<string, unknown> = { name: 'test' }): Promise<{ id: string; key: string; webhook_secret: string }> {
  const response = await fetch(`${server.url}/api/admin/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`key creation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; key: string; webhook_secret: string };
}

/** Makes an API key through the admin route; answers its secret. */
export async function createKey(server: Server, body: Record<string, unknown> = { name: 'test' }): Promise<string> {
  return (await createKeyRecord(server, body)).key;
}

export function authed(key: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(init.headers ?? {}) } };
}

export async function postJob(server: Server, key: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/jobs`, authed(key, { method: 'POST', body: JSON.stringify(body), headers }));
}

export interface JobBody {
  job_id: string;
  status: string;
  progress: number;
  phases: Record<string, { status: string }>;
  output: unknown;
  error: { code: string; message: string } | null;
}

export async function getJob(server: Server, key: string, id: string): Promise<Response> {
  return fetch(`${server.url}/api/jobs/${id}`, authed(key));
}

/** Polls until the job reaches one of `statuses` (the queue's own pace, not a timing assertion). */
export async function waitForStatus(server: Server, key: string, id: string, statuses: string[]): Promise<JobBody> {
  for (;;) {
    const response = await getJob(server, key, id);
    const body = (await response.json()) as JobBody;
    if (statuses.includes(body.status)) return body;
    await sleep(10);
  }
}

export const SPEC = 'A booking app for hair salons: customers book appointments with stylists, stylists manage their calendar.';

export interface StreamEvent {
  id: string;
  data: { type: string; job_id: string; status?: string; progress?: number; phase?: string; phase_status?: string; output?: unknown; error?: { code: string } };
}

/**
 * Reads a job's SSE stream with a real EventSource client until the final status (or `stopAfter`
 * events), then closes it. `lastEventId` resumes as a reconnecting browser would.
 */
export function readStream(
  server: Server,
  key: string,
  jobId: string,
  options: { lastEventId?: string; stopAfter?: number; onComment?: never } = {},
): Promise<StreamEvent[]> {
  const url = `${server.url}/api/jobs/${jobId}/stream?api_key=${encodeURIComponent(key)}`;
  const source = new EventSource(url, {
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...init.headers, ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) } }),
  });
  const events: StreamEvent[] = [];
  return new Promise((resolve, reject) => {
    source.onmessage = (message) => {
      const event = { id: message.lastEventId, data: JSON.parse(message.data as string) as StreamEvent['data'] };
      events.push(event);
      const final = ['completed', 'failed', 'cancelled'].includes(event.data.status ?? '');
      if (final || events.length === options.stopAfter) {
        source.close();
        resolve(events);
      }
    };
    source.onerror = (error) => {
      source.close();
      reject(new Error(`stream error: ${error.message ?? ''} code ${error.code ?? ''}`));
    };
  });
}
