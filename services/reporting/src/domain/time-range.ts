/**
 * The `from`/`to` of a reporting query: the last 90 days by default, `from` before `to`, and at
 * most two years long (`spec/api.md`).
 */
const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_DAYS = 90;

export type RangeResult = { ok: true; from: Date; to: Date } | { ok: false; path: 'from' | 'to'; message: string };

export function resolveRange(from: string | undefined, to: string | undefined, now: Date): RangeResult {
  const end = to === undefined ? now : new Date(to);
  const start = from === undefined ? new Date(end.getTime() - DEFAULT_RANGE_DAYS * DAY_MS) : new Date(from);
  if (start.getTime() >= end.getTime()) return { ok: false, path: from === undefined ? 'to' : 'from', message: 'from must be before to' };
  const limit = new Date(start.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + 2);
  if (end.getTime() > limit.getTime()) return { ok: false, path: 'to', message: 'the range must not be longer than 2 years' };
  return { ok: true, from: start, to: end };
}
