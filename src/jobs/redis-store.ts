import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { JobStatus } from '../contract/index.js';
import { EVENT_JSON, isFinal, type Job, type JobEvent, type JobPage, type ListOptions } from './port.js';
import { decodeCursor, deliverEvent, encodeCursor } from './record.js';

/**
 * Job records, their events and who owns them, kept in Redis so that every API and worker
 * process sees the same job. BullMQ moves the work around; these records are what callers read.
 *
 * - `<p>:job:<id>`: the job as JSON, but for its output;
 * - `<p>:job:<id>:output`: a finished job's output as JSON, apart so that what reads only the
 *   record (lists, metrics, a cancel's check) never moves a whole pipeline's output;
 * - `<p>:job:<id>:events`: its `status_update` events in order (the id of an event is its
 *   position + 1), published on `<p>:events` as they are added; both expire with the job;
 * - `<p>:cancelled`: a channel where the id of each cancelled job is published, for workers;
 * - `<p>:owner:<key id>`: a sorted set of the owner's job ids by arrival (`<p>:seq`), for listing;
 * - `<p>:active:<key id>`: the set of the owner's jobs queued or running (`MAX_ACTIVE_JOBS_PER_KEY`):
 *   a job joins it in the write that creates it and leaves it in the write that ends it, whoever
 *   makes that write (a worker, a cancel, the check of a job whose workers died); a job whose record
 *   has expired is dropped from it when the set is found full;
 * - `<p>:idem:<key id>:<Idempotency-Key>`: the job an idempotency key made, for 24 h.
 */

/** What `commit` refused: `full` is a create past the owner's cap on jobs queued or running. */
export type CommitRefusal = 'final' | 'missing' | 'exists' | 'full';

/**
 * Writes the job and appends its events in one step, then publishes the events. `create` also
 * adds the job to its owner's list, ordered by a sequence number. An update to a job that has
 * already ended (a worker's late progress after a cancel) is refused, so a final status is
 * written once and never overwritten.
 *
 * A cancel is also told, by the job's id alone, on a channel of its own: workers hear of cancels
 * without decoding every event of the cluster.
 *
 * KEYS: job, events, owner's list, sequence, output, owner's active set. ARGV: job JSON, job id,
 * event channel, ttl ms, mode, cancel channel ('' when the write is not a cancel), the job's output
 * JSON ('' when none), the owner's cap on active jobs ('' for none; a create only), '1' when the
 * job has ended, then the events in order (JSON without their ids, which are given here). The record comes with
 * `"output":null`: the output goes to a key of its own. An event argument that ends in ':' (no
 * whole JSON text does) ends with that output, so a finished job's output is sent and serialised once.
 * An event's text is made in one concatenation: each copy of a pipeline's output costs Redis about
 * 0.05 ms, on the way to the final event.
 */
const COMMIT_SCRIPT = `
local function eventText(id, json)
  local rest = string.sub(json, 2)
  if string.sub(json, -1) == ':' then return '{"id":' .. id .. ',' .. rest .. ARGV[7] .. '}' end
  return '{"id":' .. id .. ',' .. rest
end
local current = redis.call('GET', KEYS[1])
if ARGV[5] == 'create' then
  if current then return -3 end
  local cap = tonumber(ARGV[8])
  if cap and redis.call('SCARD', KEYS[6]) >= cap then
    -- Full: drop the jobs that have ended or expired without leaving (their record gone), then count again.
    local jobPrefix = string.sub(KEYS[1], 1, #KEYS[1] - #ARGV[2])
    for _, member in ipairs(redis.call('SMEMBERS', KEYS[6])) do
      local record = redis.call('GET', jobPrefix .. member)
      local ended = not record
      if record then
        local status = cjson.decode(record)['status']
        ended = status == 'completed' or status == 'failed' or status == 'cancelled'
      end
      if ended then redis.call('SREM', KEYS[6], member) end
    end
    local active = redis.call('SCARD', KEYS[6])
    if active >= cap then return -10 - active end
  end
  redis.call('SADD', KEYS[6], ARGV[2])
else
  if not current then return -2 end
  local status = cjson.decode(current)['status']
  if status == 'completed' or status == 'failed' or status == 'cancelled' then return -1 end
end
redis.call('SET', KEYS[1], ARGV[1])
if ARGV[9] == '1' then redis.call('SREM', KEYS[6], ARGV[2]) end
if ARGV[7] ~= '' then redis.call('SET', KEYS[5], ARGV[7]) end
if ARGV[5] == 'create' then
  redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[4]), ARGV[2])
end
local id = redis.call('LLEN', KEYS[2])
local events = {}
for i = 10, #ARGV do
  id = id + 1
  events[#events + 1] = eventText(id, ARGV[i])
  redis.call('RPUSH', KEYS[2], events[#events])
end
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
  redis.call('PEXPIRE', KEYS[5], ttl)
else
  redis.call('PERSIST', KEYS[2])
end
for _, event in ipairs(events) do
  redis.call('PUBLISH', ARGV[3], event)
end
if ARGV[6] ~= '' then redis.call('PUBLISH', ARGV[6], ARGV[2]) end
return id
`;

const REFUSALS: Record<number, CommitRefusal> = { [-1]: 'final', [-2]: 'missing', [-3]: 'exists' };

/** A create refused by the owner's cap: the script answers -10 - the jobs the owner has queued or running. */
const FULL_BASE = -10;

export interface IdempotencyRecord {
  fingerprint: string;
  jobId: string;
  /** The job as first accepted, answered again if the job itself has expired. */
  accepted: Job;
}

/** How the text of every stored event begins: the commit script puts the id first, `eventOf` the rest in this order. */
const EVENT_HEAD = /^\{"id":(\d+),"type":"status_update","job_id":"([\w-]+)","status":"([a-z]+)","progress":(\d+)[,}]/;

/**
 * An event as stored and published, keeping its text. What routes it (id, job, status, progress)
 * is read from the head of the text, the rest parsed only when first asked for: a process that
 * routes events or sends them on as they came (SSE) never parses a finished job's whole output,
 * and every API process hears every event of the cluster.
 */
function parseEvent(json: string): JobEvent {
  const head = EVENT_HEAD.exec(json);
  if (!head) return Object.assign(JSON.parse(json) as JobEvent, { [EVENT_JSON]: json });
  let parsed: JobEvent | undefined;
  const all = () => (parsed ??= JSON.parse(json) as JobEvent);
  return {
    id: Number(head[1]),
    type: 'status_update',
    job_id: head[2]!,
    status: head[3] as JobStatus,
    progress: Number(head[4]),
    get phase() {
      return all().phase;
    },
    get phase_status() {
      return all().phase_status;
    },
    get note() {
      return all().note;
    },
    get output() {
      return all().output;
    },
    get error() {
      return all().error;
    },
    get at() {
      return all().at;
    },
    [EVENT_JSON]: json,
  };
}

/**
 * Told of the events a process has just recorded for `job` (as it is after them): the webhook
 * deliveries they call for are queued, a failure is reported. Never throws.
 */
export type Recorder = (job: Job, events: JobEvent[]) => Promise<void>;

/** An event as JSON, but for its output: that is left to the commit script, which ends the text with it. */
function withOutputLast(event: Omit<JobEvent, 'id'>): string {
  return `${JSON.stringify({ ...event, output: undefined }).slice(0, -1)},"output":`;
}

export class RedisJobStore {
  readonly channel: string;
  /** Where the ids of cancelled jobs are told. */
  readonly cancelChannel: string;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    /** Told of every event this store records, with its id, before `commit` resolves. */
    private readonly recorded?: Recorder,
  ) {
    this.channel = `${prefix}:events`;
    this.cancelChannel = `${prefix}:cancelled`;
  }

  /**
   * Writes `job` with `events` (without their ids) appended in order, in one step. `create` only
   * writes a new job, and lists it for its owner; `update` only a job that exists and has not
   * ended. `ttlMs` > 0 makes the job and its events expire; 0 keeps them until a later write says
   * otherwise. Returns the last event's id, or why the write was refused.
   *
   * Writes sent one after another on a connection are made in that order, without waiting for each
   * other: the script goes as EVAL every time, since a cached script Redis has forgotten (SCRIPT
   * FLUSH) would be sent again after the commands that followed it.
   *
   * A create with `activeCap` is refused (`full`) when the owner already has that many jobs queued
   * or running; `cap.active` then says how many.
   */
  async commit(
    job: Job,
    events: Omit<JobEvent, 'id'>[],
    mode: 'create' | 'update',
    ttlMs = 0,
    cap?: { limit: number; active?: number },
  ): Promise<number | CommitRefusal> {
    const output = job.output != null ? JSON.stringify(job.output) : undefined;
    const json = (event: Omit<JobEvent, 'id'>) => (output !== undefined && event.output === job.output ? withOutputLast(event) : JSON.stringify(event));
    const result = Number(
      await this.client.eval(
        COMMIT_SCRIPT,
        6,
        this.jobKey(job.id),
        this.eventsKey(job.id),
        this.ownerKey(job.owner),
        `${this.prefix}:seq`,
        this.outputKey(job.id),
        this.activeKey(job.owner),
        JSON.stringify(output === undefined ? job : { ...job, output: null }),
        job.id,
        this.channel,
        String(Math.max(0, Math.round(ttlMs))),
        mode,
        job.status === 'cancelled' ? this.cancelChannel : '',
        output ?? '',
        mode === 'create' && cap ? String(cap.limit) : '',
        isFinal(job.status) ? '1' : '',
        ...events.map(json),
      ),
    );
    if (result <= FULL_BASE) {
      if (cap) cap.active = FULL_BASE - result;
      return 'full';
    }
    if (result <= 0) return REFUSALS[result] ?? 'missing';
    if (this.recorded) await this.recorded(job, events.map((event, i) => ({ ...event, id: result - events.length + 1 + i }) as JobEvent));
    return result;
  }

  /** The job; without its output (`output: null`) when `withOutput` is false, which reads the record alone. */
  async get(id: string, withOutput = true): Promise<Job | undefined> {
    if (!withOutput) {
      const raw = await this.client.get(this.jobKey(id));
      return raw ? (JSON.parse(raw) as Job) : undefined;
    }
    const [raw, output] = await this.client.mget(this.jobKey(id), this.outputKey(id));
    if (!raw) return undefined;
    const job = JSON.parse(raw) as Job;
    // Records written before outputs had a key of their own still hold theirs.
    if (output) job.output = JSON.parse(output) as unknown;
    return job;
  }

  /** Removes a job that was never accepted (its queueing failed). */
  async discard(job: Job): Promise<void> {
    await this.client.del(this.jobKey(job.id), this.eventsKey(job.id), this.outputKey(job.id));
    await this.client.zrem(this.ownerKey(job.owner), job.id);
    await this.client.srem(this.activeKey(job.owner), job.id);
  }

  /** The job's events with ids after `afterId`, or undefined when there is no such job: one round trip. */
  async eventsOfJob(id: string, afterId: number): Promise<JobEvent[] | undefined> {
    const replies = await this.client.multi().exists(this.jobKey(id)).lrange(this.eventsKey(id), Math.max(0, afterId), -1).exec();
    if (!replies) throw new Error('the read of the job and its events was aborted');
    const [[existsError, exists], [eventsError, raw]] = replies as [[Error | null, number], [Error | null, string[]]];
    if (existsError ?? eventsError) throw existsError ?? eventsError;
    return exists ? raw.map(parseEvent) : undefined;
  }

  /** The job's events with ids after `afterId`. */
  async eventsAfter(id: string, afterId: number): Promise<JobEvent[]> {
    const raw = await this.client.lrange(this.eventsKey(id), Math.max(0, afterId), -1);
    return raw.map(parseEvent);
  }

  /** The job's events with ids after `afterId` and before `beforeId` (none for a job that has expired). */
  async eventsBetween(id: string, afterId: number, beforeId: number): Promise<JobEvent[]> {
    if (beforeId - afterId < 2) return [];
    const raw = await this.client.lrange(this.eventsKey(id), Math.max(0, afterId), beforeId - 2);
    return raw.map(parseEvent);
  }

  /** The owner's jobs, newest first, without their outputs; ids whose job has expired are dropped from the list as met. */
  async list(owner: string, options: ListOptions): Promise<JobPage> {
    const key = this.ownerKey(owner);
    let before = options.cursor ? decodeCursor(options.cursor) : Number.POSITIVE_INFINITY;
    const page: { job: Job; seq: number }[] = [];
    const batch = Math.max(options.limit * 2, 50);
    for (;;) {
      const max = before === Number.POSITIVE_INFINITY ? '+inf' : `(${before}`;
      const rows = await this.client.zrevrangebyscore(key, max, '-inf', 'WITHSCORES', 'LIMIT', 0, batch);
      if (rows.length === 0) break;
      const ids: string[] = [];
      const seqs: number[] = [];
      for (let index = 0; index < rows.length; index += 2) {
        ids.push(rows[index]!);
        seqs.push(Number(rows[index + 1]));
      }
      const jobs = await this.client.mget(ids.map((id) => this.jobKey(id)));
      const gone: string[] = [];
      for (const [index, raw] of jobs.entries()) {
        if (!raw) {
          gone.push(ids[index]!);
          continue;
        }
        const job = JSON.parse(raw) as Job;
        if (options.status && job.status !== options.status) continue;
        if (page.length === options.limit) {
          const last = page.at(-1)!;
          if (gone.length > 0) await this.client.zrem(key, ...gone);
          return { jobs: page.map((entry) => entry.job), next_cursor: encodeCursor(last.seq) };
        }
        page.push({ job, seq: seqs[index]! });
      }
      if (gone.length > 0) await this.client.zrem(key, ...gone);
      if (rows.length < batch * 2) break;
      before = seqs.at(-1)!;
    }
    return { jobs: page.map((entry) => entry.job), next_cursor: null };
  }

  /** Claims an idempotency key for a job; returns the earlier record when the key was already used. */
  async claimIdempotency(owner: string, key: string, record: IdempotencyRecord, ttlMs: number): Promise<IdempotencyRecord | undefined> {
    const redisKey = this.idempotencyKey(owner, key);
    const set = await this.client.set(redisKey, JSON.stringify(record), 'PX', ttlMs, 'NX');
    if (set === 'OK') return undefined;
    const raw = await this.client.get(redisKey);
    // Expired between the two calls: nobody holds it any more, so this request may.
    if (!raw) return this.claimIdempotency(owner, key, record, ttlMs);
    return JSON.parse(raw) as IdempotencyRecord;
  }

  async releaseIdempotency(owner: string, key: string): Promise<void> {
    await this.client.del(this.idempotencyKey(owner, key));
  }

  private jobKey(id: string): string {
    return `${this.prefix}:job:${id}`;
  }

  private outputKey(id: string): string {
    return `${this.prefix}:job:${id}:output`;
  }

  private eventsKey(id: string): string {
    return `${this.prefix}:job:${id}:events`;
  }

  private ownerKey(owner: string): string {
    return `${this.prefix}:owner:${owner}`;
  }

  private activeKey(owner: string): string {
    return `${this.prefix}:active:${owner}`;
  }

  private idempotencyKey(owner: string, key: string): string {
    return `${this.prefix}:idem:${owner}:${key}`;
  }
}

/**
 * Every job event of the cluster, from one pub/sub connection per process. Listeners get each
 * event once; `onReconnect` tells followers to catch up on what was published while Redis was away.
 */
export class JobEventBus {
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private connectedOnce = false;

  constructor(
    private readonly subscriber: Redis,
    channel: string,
    private readonly logger?: Logger,
  ) {
    subscriber.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      let event: JobEvent;
      try {
        event = parseEvent(message);
      } catch {
        return;
      }
      for (const listener of [...this.listeners]) deliverEvent(listener, event, this.logger);
    });
    subscriber.on('ready', () => {
      if (this.connectedOnce) for (const listener of [...this.reconnectListeners]) listener();
      this.connectedOnce = true;
    });
    // Not awaited: with Redis down at start, the subscription is made when it comes up.
    subscriber.subscribe(channel).catch((error: unknown) => this.logger?.warn({ err: error }, 'could not subscribe to job events yet'));
  }

  on(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => {
      this.reconnectListeners.delete(listener);
    };
  }
}

/** Tells `listener` the id of every job cancelled in the cluster, heard on a `subscriber` connection. */
export function listenForCancels(subscriber: Redis, channel: string, listener: (id: string) => void, logger?: Logger): void {
  subscriber.on('message', (from: string, id: string) => {
    if (from === channel) listener(id);
  });
  // Not awaited: with Redis down at start, the subscription is made when it comes up.
  subscriber.subscribe(channel).catch((error: unknown) => logger?.warn({ err: error }, 'could not subscribe to cancellations yet'));
}
