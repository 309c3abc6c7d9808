/**
 * Calendar periods in UTC: days, ISO weeks (starting Monday) and months. Health series and
 * cohorts are built from these; every rollup row is keyed by a period start as an ISO date.
 */
export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export interface Period {
  start: Date;
  /** Exclusive. */
  end: Date;
  /** The period has not ended yet at `now`. */
  partial: boolean;
}

const DAY_MS = 86_400_000;

/** The start of the period containing `t`. */
export function periodStart(t: Date | number, interval: Interval): Date {
  const d = new Date(typeof t === 'number' ? t : t.getTime());
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  switch (interval) {
    case 'day':
      return new Date(day);
    case 'week': {
      // getUTCDay: 0 = Sunday … 6 = Saturday; ISO weeks start on Monday.
      const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
      return new Date(day - sinceMonday * DAY_MS);
    }
    case 'month':
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  }
}

/** `start` moved by `n` periods (n may be negative). `start` must be a period start. */
export function addPeriods(start: Date, interval: Interval, n: number): Date {
  switch (interval) {
    case 'day':
      return new Date(start.getTime() + n * DAY_MS);
    case 'week':
      return new Date(start.getTime() + 7 * n * DAY_MS);
    case 'month':
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n, 1));
  }
}

/**
 * The periods that intersect `[from, to)` and have begun by `now`: the first is the period
 * containing `from`, the current one (if within range) is `partial`.
 */
export function periodsBetween(from: Date, to: Date, interval: Interval, now: Date): Period[] {
  const periods: Period[] = [];
  const last = Math.min(to.getTime(), now.getTime() + 1);
  for (let start = periodStart(from, interval); start.getTime() < last; ) {
    const end = addPeriods(start, interval, 1);
    periods.push({ start, end, partial: end.getTime() > now.getTime() });
    start = end;
  }
  return periods;
}

/** How many whole periods `later` lies after `earlier` (both period starts). */
export function periodsApart(earlier: Date, later: Date, interval: Interval): number {
  switch (interval) {
    case 'day':
      return Math.round((later.getTime() - earlier.getTime()) / DAY_MS);
    case 'week':
      return Math.round((later.getTime() - earlier.getTime()) / (7 * DAY_MS));
    case 'month':
      return (
        (later.getUTCFullYear() - earlier.getUTCFullYear()) * 12 + later.getUTCMonth() - earlier.getUTCMonth()
      );
  }
}

/** `YYYY-MM-DD` of a UTC date: the form period starts take as Postgres `date` values. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The inverse of `isoDate`. */
export function fromIsoDate(s: string): Date {
  return new Date(`${s}T00:00:00.000Z`);
}
