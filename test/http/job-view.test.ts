import { describe, expect, it } from 'vitest';
import { FinalViews, jobView } from '../../src/http/job-view.js';
import type { Job } from '../../src/jobs/port.js';
import { finishJob, markCompleted, newJob } from '../../src/jobs/record.js';

const BASE = 'http://api.test';

function job(): Job {
  return newJob({ tool: 'aios_strategize', input: { spec: 'A CRM for sales reps.' }, owner: 'key_a' });
}

function completed(output: unknown): Job {
  const done = job();
  markCompleted(done, output);
  finishJob(done, 'completed', 60_000, Date.now());
  return done;
}

describe('FinalViews', () => {
  it('answers the view of a job as JSON, and of a running job as it is now', () => {
    const views = new FinalViews();
    const running = job();
    expect(JSON.parse(views.json(running, BASE))).toEqual(JSON.parse(JSON.stringify(jobView(running, BASE))));
    running.status = 'processing';
    running.progress = 40;
    expect(JSON.parse(views.json(running, BASE))).toMatchObject({ status: 'processing', progress: 40 });
  });

  it('serialises a finished job once, per base URL, and forgets the least recently read past its bound', () => {
    const views = new FinalViews();
    const done = completed({ prd: 'first' });
    const first = views.json(done, BASE);
    expect(JSON.parse(first)).toMatchObject({ status: 'completed', output: { prd: 'first' }, status_url: `${BASE}/api/jobs/${done.id}` });
    // Nothing writes to a finished job; a change here shows whether the text was kept.
    done.output = { prd: 'changed' };
    expect(views.json(done, BASE)).toBe(first);

    const other = completed({ prd: 'other' });
    const otherText = views.json(other, BASE);
    for (let i = 0; i < 70; i++) {
      views.json(completed({ n: i }), BASE);
      // Read often, so it stays among the most recent.
      views.json(other, BASE);
    }
    other.output = { prd: 'changed' };
    expect(views.json(other, BASE)).toBe(otherText);
    expect(JSON.parse(views.json(done, BASE))).toMatchObject({ output: { prd: 'changed' } });
    // Another base URL is another view.
    other.output = { prd: 'changed again' };
    expect(JSON.parse(views.json(other, 'https://public.test'))).toMatchObject({ output: { prd: 'changed again' }, status_url: `https://public.test/api/jobs/${other.id}` });
  });
});
