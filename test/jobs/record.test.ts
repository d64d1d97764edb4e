import { describe, expect, it } from 'vitest';
import { eventOf, isoTime, newJob, newJobId } from '../../src/jobs/record.js';

describe('job records', () => {
  it('formats times as toISOString does, whatever order and however many times they are asked for', () => {
    const now = Date.UTC(2026, 10, 25, 18, 30, 0, 123);
    // A retention of an hour or a day, and more distinct times than the cache holds.
    const times = [now, now + 3_600_000, now, now + 86_400_000, ...Array.from({ length: 200 }, (_, i) => now + i * 7), now];
    for (const ms of times) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  it('makes UUID v4 job ids, all different', () => {
    const ids = Array.from({ length: 1_000 }, () => newJobId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes events with only the fields they carry, as JSON sends them', () => {
    const job = newJob({ tool: 'aios_strategize', input: { spec: 'A todo app' }, owner: 'key_1' });
    expect(JSON.parse(JSON.stringify(eventOf(job, {}, job.created_at)))).toEqual({
      type: 'status_update',
      job_id: job.id,
      status: 'queued',
      progress: 0,
      at: job.created_at,
    });
    expect(JSON.parse(JSON.stringify(eventOf(job, { id: 3, phase: 'strategy', phase_status: 'processing', note: 'reading the idea' })))).toMatchObject({
      id: 3,
      phase: 'strategy',
      phase_status: 'processing',
      note: 'reading the idea',
    });
  });
});
