/**
 * Datetime fields that keep the time a person typed. A `timestamptz` comes back from Supabase as
 * an ISO string in UTC; `<input type="datetime-local">` shows and returns local wall-clock time
 * without a zone. Both directions go through the browser's time zone, so a value saved and
 * opened again shows the same time, in any zone.
 */

/** `lib/datetime.ts`. */
export const DATETIME_SOURCE = `const pad = (value: number): string => String(value).padStart(2, '0');

/** A stored timestamp → the value of a datetime-local input, in the reader's time zone ('' when empty). */
export function toDateTimeLocal(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return \`\${date.getFullYear()}-\${pad(date.getMonth() + 1)}-\${pad(date.getDate())}T\${pad(date.getHours())}:\${pad(date.getMinutes())}\`;
}

/** A datetime-local input's value (local wall-clock time) → the ISO timestamp to store; null when empty. */
export function fromDateTimeLocal(value: string): string | null {
  if (!value) return null;
  // A date-time without an offset is local time (ECMAScript), which is what the input means.
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
`;

/** `lib/datetime.test.ts`: the round trip in zones east and west of UTC, and across a DST change. */
export const DATETIME_TEST = `import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromDateTimeLocal, toDateTimeLocal } from './datetime';

// Node reads TZ again whenever it changes, so each case runs in the zone it names.
afterEach(() => {
  vi.unstubAllEnvs();
});

describe.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'])('datetime-local in %s', (zone) => {
  it('saves and shows again the same wall-clock time, edit after edit', () => {
    vi.stubEnv('TZ', zone);
    let typed = '2026-03-29T09:30';
    for (let edit = 0; edit < 3; edit++) {
      const stored = fromDateTimeLocal(typed);
      expect(stored).not.toBeNull();
      typed = toDateTimeLocal(stored);
    }
    expect(typed).toBe('2026-03-29T09:30');
  });
});

describe('the conversion', () => {
  it('shows a stored UTC time in the local zone and stores local time as UTC', () => {
    vi.stubEnv('TZ', 'Asia/Kolkata');
    expect(toDateTimeLocal('2026-01-15T10:00:00+00:00')).toBe('2026-01-15T15:30');
    expect(fromDateTimeLocal('2026-01-15T15:30')).toBe('2026-01-15T10:00:00.000Z');
    vi.stubEnv('TZ', 'America/New_York');
    expect(toDateTimeLocal('2026-07-01T12:00:00Z')).toBe('2026-07-01T08:00');
  });

  it('keeps empty values empty', () => {
    expect(toDateTimeLocal(null)).toBe('');
    expect(toDateTimeLocal('not a date')).toBe('');
    expect(fromDateTimeLocal('')).toBeNull();
  });
});
`;
