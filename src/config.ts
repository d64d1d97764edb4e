import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_PHASE_TIMEOUTS_MS, ENGINE_CHOICES, JOB_PHASES, type EngineChoice, type JobPhase } from './contract/index.js';

/**
 * Environment → typed, validated config (CONTRACT section 7 plus what the service adds).
 * Every bad value is reported at start-up with the variable's name and how to fix it.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(name: string, fallback: number, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}, got "${raw}"` });
        return z.NEVER;
      }
      return value;
    });
}

function optionalUrl(name: string, protocols: readonly string[]) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be a URL (${protocols.join(' or ')}), got "${raw}"` });
        return z.NEVER;
      }
      if (!protocols.includes(url.protocol)) {
        ctx.addIssue({ code: 'custom', message: `${name} must use ${protocols.join(' or ')}, got "${url.protocol}"` });
        return z.NEVER;
      }
      return raw.replace(/\/+$/, '');
    });
}

const MIN_KEY_CHARS = 16;

/** `AIOS_API_KEYS`: a JSON object of name → key, as in the guide: `{"lovable":"aios_..."}`. */
const apiKeysVar = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'AIOS_API_KEYS must be JSON such as {"lovable":"aios_..."}; it does not parse as JSON' });
      return z.NEVER;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'AIOS_API_KEYS must be a JSON object of name → key, such as {"lovable":"aios_..."}' });
      return z.NEVER;
    }
    const keys: Record<string, string> = {};
    for (const [name, key] of Object.entries(parsed)) {
      if (typeof key !== 'string' || key.length < MIN_KEY_CHARS) {
        ctx.addIssue({ code: 'custom', message: `AIOS_API_KEYS.${name} must be a string of at least ${MIN_KEY_CHARS} characters` });
        return z.NEVER;
      }
      keys[name] = key;
    }
    return keys;
  });

/** A secret such as `ADMIN_API_KEY` or `METRICS_TOKEN`: unset or empty is none, otherwise long enough to resist guessing. */
function secretVar(name: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return undefined;
      if (raw.length < MIN_KEY_CHARS) {
        ctx.addIssue({ code: 'custom', message: `${name} must be at least ${MIN_KEY_CHARS} characters` });
        return z.NEVER;
      }
      return raw;
    });
}

/** `MCP_ALLOWED_HOSTS`: comma-separated public hostnames /mcp answers to (the localhost names always). */
const hostListVar = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const hosts = (raw ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean);
    const bad = hosts.find((host) => !/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/.test(host));
    if (bad) {
      ctx.addIssue({ code: 'custom', message: `MCP_ALLOWED_HOSTS must list hostnames without scheme or port, such as "mcp.example.com", got "${bad}"` });
      return z.NEVER;
    }
    return hosts;
  });

export const MODEL_PROVIDERS = ['anthropic', 'openai', 'openai-compatible'] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

/** `AIOS_MODEL`: `<provider>:<model id>`, e.g. `anthropic:claude-sonnet-4-5` or `openai-compatible:llama3.1`. */
const modelVar = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === '') return undefined;
    const match = /^([a-z-]+):(\S.{0,199})$/.exec(raw.trim());
    const provider = match?.[1] as ModelProvider | undefined;
    if (!match || !provider || !MODEL_PROVIDERS.includes(provider)) {
      ctx.addIssue({
        code: 'custom',
        message: `AIOS_MODEL must be ${MODEL_PROVIDERS.map((name) => `${name}:<model id>`).join(', ')} (e.g. "openai:gpt-4.1-mini"), got "${raw}"`,
      });
      return z.NEVER;
    }
    return { provider, id: match[2]!.trim() };
  });

const phaseTimeoutVars = Object.fromEntries(
  JOB_PHASES.map((phase) => [
    `AGENT_TIMEOUT_${phase.toUpperCase()}_MS`,
    integer(`AGENT_TIMEOUT_${phase.toUpperCase()}_MS`, DEFAULT_PHASE_TIMEOUTS_MS[phase], 1, 24 * 3_600_000),
  ]),
) as Record<`AGENT_TIMEOUT_${Uppercase<JobPhase>}_MS`, ReturnType<typeof integer>>;

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], {
    error: (issue) => `NODE_ENV must be development, production or test, got "${String(issue.input)}"`,
  }).default('development'),
  PORT: integer('PORT', 3000, 0, 65_535),
  HOST: z.string().trim().min(1).optional(),
  QUEUE_CONCURRENCY: integer('QUEUE_CONCURRENCY', 5, 1, 1_000),
  REDIS_URL: optionalUrl('REDIS_URL', ['redis:', 'rediss:']),
  REDIS_HOST: z.string().trim().min(1).optional(),
  REDIS_PORT: integer('REDIS_PORT', 6379, 1, 65_535),
  AIOS_API_KEYS: apiKeysVar,
  ADMIN_API_KEY: secretVar('ADMIN_API_KEY'),
  WEBHOOK_TIMEOUT_MS: integer('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
  WEBHOOK_SECRET: secretVar('WEBHOOK_SECRET'),
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false', ''], {
    error: (issue) => `WEBHOOK_ALLOW_PRIVATE must be true or false, got "${String(issue.input)}"`,
  }).optional(),
  WEBHOOK_BACKOFF_MS: integer('WEBHOOK_BACKOFF_MS', 1_000, 10, 600_000),
  LOG_LEVEL: z.enum(LOG_LEVELS, {
    error: (issue) => `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${String(issue.input)}"`,
  }).default('info'),
  SENTRY_DSN: optionalUrl('SENTRY_DSN', ['https:', 'http:']),
  // Added by the service.
  PUBLIC_URL: optionalUrl('PUBLIC_URL', ['https:', 'http:']),
  MCP_DOCUMENTATION_URL: optionalUrl('MCP_DOCUMENTATION_URL', ['https:', 'http:']),
  DATA_DIR: z.string().trim().min(1).default('data'),
  RATE_LIMIT_PER_MINUTE: integer('RATE_LIMIT_PER_MINUTE', 60, 1, 1_000_000),
  RATE_LIMIT_PER_DAY: integer('RATE_LIMIT_PER_DAY', 10_000, 1, 100_000_000),
  JOB_RETENTION_COMPLETED_MS: integer('JOB_RETENTION_COMPLETED_MS', 3_600_000, 1, 30 * 86_400_000),
  JOB_RETENTION_FAILED_MS: integer('JOB_RETENTION_FAILED_MS', 86_400_000, 1, 30 * 86_400_000),
  SSE_HEARTBEAT_MS: integer('SSE_HEARTBEAT_MS', 15_000, 10, 600_000),
  POLLING_INTERVAL_MS: integer('POLLING_INTERVAL_MS', 2_000, 100, 600_000),
  // How long a client may take to send a request's headers, and the whole request (not the answer: SSE streams last).
  HEADERS_TIMEOUT_MS: integer('HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
  REQUEST_TIMEOUT_MS: integer('REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
  MCP_ALLOWED_HOSTS: hostListVar,
  // How long a 2025-revision /mcp session (opened for clients that offer sampling) lives unused.
  MCP_SESSION_TTL_MS: integer('MCP_SESSION_TTL_MS', 3_600_000, 1_000, 7 * 86_400_000),
  // A scrape-only secret for GET /metrics, besides ADMIN_API_KEY.
  METRICS_TOKEN: secretVar('METRICS_TOKEN'),
  // Redis mode (BullMQ).
  REDIS_KEY_PREFIX: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,50}$/, 'REDIS_KEY_PREFIX must be 1 to 50 letters, digits or . _ -')
    .default('aios'),
  QUEUE_ATTEMPTS: integer('QUEUE_ATTEMPTS', 3, 1, 10),
  QUEUE_BACKOFF_MS: integer('QUEUE_BACKOFF_MS', 1_000, 10, 600_000),
  QUEUE_LOCK_MS: integer('QUEUE_LOCK_MS', 30_000, 1_000, 600_000),
  SHUTDOWN_TIMEOUT_MS: integer('SHUTDOWN_TIMEOUT_MS', 30_000, 0, 3_600_000),
  // Capacity: agent threads (-1 = one per core but one, at most QUEUE_CONCURRENCY), the embedded store's memory, jobs per key.
  AGENT_THREADS: integer('AGENT_THREADS', -1, 0, 64),
  AGENT_THREAD_IDLE_MS: integer('AGENT_THREAD_IDLE_MS', 60_000, 1_000, 86_400_000),
  EMBEDDED_OUTPUT_MEMORY_MB: integer('EMBEDDED_OUTPUT_MEMORY_MB', 32, 0, 100_000),
  MAX_ACTIVE_JOBS_PER_KEY: integer('MAX_ACTIVE_JOBS_PER_KEY', 20, 1, 100_000),
  AIOS_TEST_JOB_DELAY_MS: integer('AIOS_TEST_JOB_DELAY_MS', 0, 0, 600_000),
  ...phaseTimeoutVars,
  // Engines (CONTRACT section 7).
  AIOS_ENGINE: z.enum(ENGINE_CHOICES, {
    error: (issue) => `AIOS_ENGINE must be one of ${ENGINE_CHOICES.join(', ')}, got "${String(issue.input)}"`,
  }).default('auto'),
  AIOS_MODEL: modelVar,
  AIOS_MODEL_BASE_URL: optionalUrl('AIOS_MODEL_BASE_URL', ['https:', 'http:']),
  AIOS_MODEL_API_KEY: z.string().trim().optional(),
  ANTHROPIC_API_KEY: z.string().trim().optional(),
  OPENAI_API_KEY: z.string().trim().optional(),
});

/** The configured model: which provider and model, where, and the key (never logged). */
export interface ModelSettings {
  provider: ModelProvider;
  id: string;
  /** `<provider>:<model id>`, as configured: what outputs and logs name. */
  name: string;
  baseUrl: string | undefined;
  apiKey: string | undefined;
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  queueConcurrency: number;
  /** Set when Redis is configured (`REDIS_URL`, or `REDIS_HOST` + `REDIS_PORT`); otherwise the embedded queue. */
  redisUrl: string | undefined;
  /** name → key, from `AIOS_API_KEYS`. */
  apiKeys: Record<string, string>;
  adminApiKey: string | undefined;
  webhookTimeoutMs: number;
  /** Signs webhooks of keys without a secret of their own (`AIOS_API_KEYS` keys, keys made before webhooks). */
  webhookSecret: string | undefined;
  /** `WEBHOOK_ALLOW_PRIVATE=true`: webhooks may target loopback and private addresses (local development only). */
  webhookAllowPrivate: boolean;
  /** First webhook retry delay, doubled each retry, with jitter (`WEBHOOK_BACKOFF_MS`). */
  webhookBackoffMs: number;
  logLevel: (typeof LOG_LEVELS)[number];
  sentryDsn: string | undefined;
  /** Base of the absolute URLs the API hands out (status_url...); otherwise taken from the request. */
  publicUrl: string | undefined;
  /** Where the embedded mode keeps its API keys file. */
  dataDir: string;
  rateLimit: { perMinute: number; perDay: number };
  retention: { completedMs: number; failedMs: number };
  phaseTimeoutsMs: Record<JobPhase, number>;
  sseHeartbeatMs: number;
  pollingIntervalMs: number;
  /**
   * Bounds on receiving a request (`HEADERS_TIMEOUT_MS`, `REQUEST_TIMEOUT_MS`): a client that sends
   * its headers or body too slowly, or never ends its body, gets 408 and is disconnected. Answers
   * (SSE streams, MCP calls reporting progress) are not bounded by them.
   */
  timeouts: { headersMs: number; requestMs: number };
  /** Hostnames /mcp answers to besides localhost: `MCP_ALLOWED_HOSTS` plus the host of `PUBLIC_URL`. */
  mcpAllowedHosts: string[];
  /** How long a 2025-revision `/mcp` session lives unused (`MCP_SESSION_TTL_MS`); each request in it starts the time again. */
  mcpSessionTtlMs: number;
  /** Where people read how to use this service (`MCP_DOCUMENTATION_URL`), named in /mcp's resource metadata. */
  mcpDocumentationUrl: string | undefined;
  /** Scrape-only secret for GET /metrics, besides ADMIN_API_KEY. */
  metricsToken: string | undefined;
  /** Namespace of every Redis key this service writes (`REDIS_KEY_PREFIX`), so a Redis can be shared. */
  redisKeyPrefix: string;
  /** Runs of a job at most after transient failures, and the first retry delay (doubled each time). */
  retry: { attempts: number; backoffMs: number };
  /** How long a worker's hold on a job lasts unrenewed: a dead worker's jobs are taken over after about this. */
  queueLockMs: number;
  /** On SIGTERM/SIGINT, how long running jobs may take to finish before they are handed back to the queue. */
  shutdownTimeoutMs: number;
  /** Who reads ideas by default (`AIOS_ENGINE`), and the configured model (`AIOS_MODEL`...), if any. */
  engine: { choice: EngineChoice; model: ModelSettings | undefined };
  /**
   * Worker threads that run the agents off the API's event loop (`AGENT_THREADS`; 0 = on the main
   * thread). By default one per core but one, at least one, at most `queueConcurrency`.
   */
  agentThreads: number;
  /** An agent thread with no job ends after this long (`AGENT_THREAD_IDLE_MS`), giving back its memory; the next job starts one again. */
  agentThreadIdleMs: number;
  /**
   * Embedded mode: bytes of finished jobs' outputs (compressed) kept in memory
   * (`EMBEDDED_OUTPUT_MEMORY_MB`); the oldest beyond it move to DATA_DIR and are read back on demand.
   */
  embeddedOutputMemoryBytes: number;
  /** Jobs one API key may have queued or running at once, in either mode (`MAX_ACTIVE_JOBS_PER_KEY`; in Redis mode across the cluster); more is `RATE_LIMITED`. */
  maxActiveJobsPerKey: number;
  /** Test knob only (`AIOS_TEST_JOB_DELAY_MS`): each job waits this long, running, before its first phase, so tests can act on jobs mid-run. 0 in real use. */
  testJobDelayMs: number;
}

/** Thrown at start-up with one line per bad variable. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.map(String).join('.');
        return issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    );
  }
  const vars = result.data;
  if (vars.HEADERS_TIMEOUT_MS > vars.REQUEST_TIMEOUT_MS) {
    throw new ConfigError([
      `HEADERS_TIMEOUT_MS (${vars.HEADERS_TIMEOUT_MS}) must not be over REQUEST_TIMEOUT_MS (${vars.REQUEST_TIMEOUT_MS}): the headers are part of the request`,
    ]);
  }
  if (vars.WEBHOOK_ALLOW_PRIVATE === 'true' && vars.NODE_ENV === 'production') {
    throw new ConfigError([
      'WEBHOOK_ALLOW_PRIVATE=true lets webhooks reach loopback and private addresses, which is for local development only; unset it in production',
    ]);
  }
  const model = modelSettings(vars);
  const redisUrl = vars.REDIS_URL ?? (vars.REDIS_HOST ? `redis://${vars.REDIS_HOST}:${vars.REDIS_PORT}` : undefined);
  return {
    nodeEnv: vars.NODE_ENV,
    port: vars.PORT,
    // Containers (Railway) need every interface; a developer's machine should not expose a dev key.
    host: vars.HOST ?? (vars.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    queueConcurrency: vars.QUEUE_CONCURRENCY,
    redisUrl,
    apiKeys: vars.AIOS_API_KEYS,
    adminApiKey: vars.ADMIN_API_KEY,
    webhookTimeoutMs: vars.WEBHOOK_TIMEOUT_MS,
    webhookSecret: vars.WEBHOOK_SECRET,
    webhookAllowPrivate: vars.WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookBackoffMs: vars.WEBHOOK_BACKOFF_MS,
    logLevel: vars.LOG_LEVEL,
    sentryDsn: vars.SENTRY_DSN,
    publicUrl: vars.PUBLIC_URL,
    dataDir: path.resolve(vars.DATA_DIR),
    rateLimit: { perMinute: vars.RATE_LIMIT_PER_MINUTE, perDay: vars.RATE_LIMIT_PER_DAY },
    retention: { completedMs: vars.JOB_RETENTION_COMPLETED_MS, failedMs: vars.JOB_RETENTION_FAILED_MS },
    phaseTimeoutsMs: {
      analysis: vars.AGENT_TIMEOUT_ANALYSIS_MS,
      strategy: vars.AGENT_TIMEOUT_STRATEGY_MS,
      architecture: vars.AGENT_TIMEOUT_ARCHITECTURE_MS,
      ux: vars.AGENT_TIMEOUT_UX_MS,
      code: vars.AGENT_TIMEOUT_CODE_MS,
    },
    sseHeartbeatMs: vars.SSE_HEARTBEAT_MS,
    pollingIntervalMs: vars.POLLING_INTERVAL_MS,
    timeouts: { headersMs: vars.HEADERS_TIMEOUT_MS, requestMs: vars.REQUEST_TIMEOUT_MS },
    metricsToken: vars.METRICS_TOKEN,
    mcpDocumentationUrl: vars.MCP_DOCUMENTATION_URL,
    mcpAllowedHosts: [...new Set([...vars.MCP_ALLOWED_HOSTS, ...(vars.PUBLIC_URL ? [new URL(vars.PUBLIC_URL).hostname] : [])])],
    mcpSessionTtlMs: vars.MCP_SESSION_TTL_MS,
    redisKeyPrefix: vars.REDIS_KEY_PREFIX,
    retry: { attempts: vars.QUEUE_ATTEMPTS, backoffMs: vars.QUEUE_BACKOFF_MS },
    queueLockMs: vars.QUEUE_LOCK_MS,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    testJobDelayMs: vars.AIOS_TEST_JOB_DELAY_MS,
    engine: { choice: vars.AIOS_ENGINE, model },
    agentThreads: vars.AGENT_THREADS >= 0 ? vars.AGENT_THREADS : Math.min(vars.QUEUE_CONCURRENCY, Math.max(1, availableParallelism() - 1)),
    agentThreadIdleMs: vars.AGENT_THREAD_IDLE_MS,
    embeddedOutputMemoryBytes: vars.EMBEDDED_OUTPUT_MEMORY_MB * 1_048_576,
    maxActiveJobsPerKey: vars.MAX_ACTIVE_JOBS_PER_KEY,
  };
}

/** The model settings, checked together: a base URL where one is needed, a key where one is needed. */
function modelSettings(vars: z.infer<typeof EnvSchema>): ModelSettings | undefined {
  const problems: string[] = [];
  const model = vars.AIOS_MODEL;
  if (!model) {
    if (vars.AIOS_ENGINE === 'llm') problems.push('AIOS_ENGINE=llm needs a model: set AIOS_MODEL (e.g. "openai:gpt-4.1-mini")');
    if (vars.AIOS_MODEL_BASE_URL) problems.push('AIOS_MODEL_BASE_URL is set but AIOS_MODEL is not: set AIOS_MODEL (e.g. "openai-compatible:llama3.1")');
    if (problems.length) throw new ConfigError(problems);
    return undefined;
  }
  const providerKey = { anthropic: vars.ANTHROPIC_API_KEY, openai: vars.OPENAI_API_KEY, 'openai-compatible': undefined }[model.provider];
  const apiKey = vars.AIOS_MODEL_API_KEY || providerKey || undefined;
  if (model.provider === 'openai-compatible' && !vars.AIOS_MODEL_BASE_URL) {
    problems.push('AIOS_MODEL=openai-compatible:... needs AIOS_MODEL_BASE_URL, the server\'s OpenAI-style API (e.g. "http://127.0.0.1:11434/v1" for Ollama)');
  }
  if (model.provider !== 'openai-compatible' && !apiKey) {
    const usual = model.provider === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
    problems.push(`AIOS_MODEL=${model.provider}:... needs a key: set AIOS_MODEL_API_KEY or ${usual}`);
  }
  if (problems.length) throw new ConfigError(problems);
  return { provider: model.provider, id: model.id, name: `${model.provider}:${model.id}`, baseUrl: vars.AIOS_MODEL_BASE_URL, apiKey };
}
