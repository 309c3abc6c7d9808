import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { INTERVALS, addPeriods, isoDate, periodStart, periodsApart, periodsBetween } from './periods';

const at = (s: string) => new Date(s);

describe('periodStart', () => {
  it('floors to the UTC day, the ISO week (Monday) and the month', () => {
    const t = at('2025-03-16T23:59:59.999Z'); // a Sunday
    expect(isoDate(periodStart(t, 'day'))).toBe('2025-03-16');
    expect(isoDate(periodStart(t, 'week'))).toBe('2025-03-10');
    expect(isoDate(periodStart(t, 'month'))).toBe('2025-03-01');
    expect(isoDate(periodStart(at('2025-03-17T00:00:00Z'), 'week'))).toBe('2025-03-17');
    // The ISO week of 1 January 2021 (a Friday) starts in the previous year.
    expect(isoDate(periodStart(at('2021-01-01T12:00:00Z'), 'week'))).toBe('2020-12-28');
  });

  test.prop([fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...INTERVALS)])(
    'contains the instant, starts at midnight UTC and is idempotent',
    (t, interval) => {
      const start = periodStart(t, interval);
      const end = addPeriods(start, interval, 1);
      expect(start.getTime()).toBeLessThanOrEqual(t);
      expect(end.getTime()).toBeGreaterThan(t);
      expect(start.getTime() % 86_400_000).toBe(0);
      expect(periodStart(start, interval).getTime()).toBe(start.getTime());
      if (interval === 'week') expect(start.getUTCDay()).toBe(1);
      if (interval === 'month') expect(start.getUTCDate()).toBe(1);
      expect(periodsApart(start, addPeriods(start, interval, 7), interval)).toBe(7);
    },
  );
});

describe('periodsBetween', () => {
  it('covers from (inclusive) to to (exclusive) and marks the current period partial', () => {
    const now = at('2025-03-12T10:00:00Z');
    const days = periodsBetween(at('2025-03-09T15:00:00Z'), now, 'day', now);
    expect(days.map((p) => isoDate(p.start))).toEqual(['2025-03-09', '2025-03-10', '2025-03-11', '2025-03-12']);
    expect(days.map((p) => p.partial)).toEqual([false, false, false, true]);

    const months = periodsBetween(at('2025-01-01T00:00:00Z'), at('2025-03-01T00:00:00Z'), 'month', now);
    expect(months.map((p) => isoDate(p.start))).toEqual(['2025-01-01', '2025-02-01']);
    expect(months.every((p) => !p.partial)).toBe(true);
    expect(isoDate(months[1]!.end)).toBe('2025-03-01');
  });

  it('never reaches past now', () => {
    const now = at('2025-03-12T10:00:00Z');
    const weeks = periodsBetween(at('2025-03-01T00:00:00Z'), at('2025-06-01T00:00:00Z'), 'week', now);
    expect(weeks.map((p) => isoDate(p.start))).toEqual(['2025-02-24', '2025-03-03', '2025-03-10']);
    expect(weeks.at(-1)!.partial).toBe(true);
  });
});
