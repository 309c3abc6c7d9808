/**
 * What one interaction entry, one member and one stage history contribute to the brand's
 * rollups. The projection keeps every rollup as a sum of these contributions, so any change —
 * a new entry, a retraction, an answer arriving later, a member turning out to be a teammate,
 * a merge — is applied as `contribution(after) − contribution(before)` of what it touched.
 * That is what makes the rollups incremental and independent of how updates were batched.
 */
import type { Direction, InteractionType, Stage } from '@rapport/contracts';
import { sentimentClass } from './health-figures';
import { INTERVALS, addPeriods, isoDate, periodStart, type Interval } from './periods';
import { responseBucket } from './response-times';

export type Counter =
  | { kind: 'interactions'; day: string; type: InteractionType; n: number }
  | { kind: 'engagement'; day: string; awaiting: number; answered: number; positive: number; negative: number; withSentiment: number }
  | { kind: 'response'; interval: Interval; period: string; bucket: number; n: number }
  /** `revenue` is a decimal string so that sums stay exact in Postgres `numeric`. */
  | { kind: 'revenue'; day: string; stage: Stage; currency: string; conversions: number; revenue: string }
  | { kind: 'acquisition'; day: string; acquired: number; engaged: number; advocate: number; converted: number }
  | { kind: 'activity'; interval: Interval; period: string; active: number; retained: number }
  | { kind: 'cohort'; interval: Interval; cohort: string; period: string; active: number }
  | { kind: 'stage'; day: string; dimension: 'stage' | 'level'; value: string; n: number };

/** Inbound types that await the brand's answer (`spec/scoring.md`, reciprocity). */
export const AWAITING_TYPES: ReadonlySet<InteractionType> = new Set(['comment', 'reply', 'mention', 'message', 'review']);
/** Inbound types that are not "activity". */
const NOT_ACTIVITY: ReadonlySet<InteractionType> = new Set(['unfollow', 'leave', 'retraction']);

export interface EntryFacts {
  type: InteractionType;
  direction: Direction;
  occurredAtMs: number;
  sentiment: number | null;
  /** Inbound awaiting entries: the response time once an outbound entry answered it. */
  answeredSeconds: number | null;
  /** A conversion's value as a decimal string (Postgres `numeric` keeps sums exact). */
  value: string | null;
  currency: string | null;
  stageBefore: Stage | null;
  retracted: boolean;
}

const dayOf = (ms: number) => isoDate(periodStart(ms, 'day'));

/** The counters one live entry of a counted (non-team) member adds. */
export function entryCounters(e: EntryFacts): Counter[] {
  if (e.retracted) return [];
  const day = dayOf(e.occurredAtMs);
  const out: Counter[] = [];
  if (e.direction === 'inbound' && e.type !== 'retraction') {
    out.push({ kind: 'interactions', day, type: e.type, n: 1 });
    const awaits = AWAITING_TYPES.has(e.type);
    const answered = awaits && e.answeredSeconds !== null;
    const cls = e.sentiment === null ? null : sentimentClass(e.sentiment);
    if (awaits || cls !== null) {
      out.push({
        kind: 'engagement', day,
        awaiting: awaits && !answered ? 1 : 0,
        answered: answered ? 1 : 0,
        positive: cls === 'positive' ? 1 : 0,
        negative: cls === 'negative' ? 1 : 0,
        withSentiment: cls === null ? 0 : 1,
      });
    }
    if (answered) {
      const bucket = responseBucket(e.answeredSeconds!);
      for (const interval of INTERVALS) out.push({ kind: 'response', interval, period: isoDate(periodStart(e.occurredAtMs, interval)), bucket, n: 1 });
    }
  }
  if (e.type === 'conversion' && e.value !== null && e.currency !== null) {
    out.push({ kind: 'revenue', day, stage: e.stageBefore ?? 'new', currency: e.currency, conversions: 1, revenue: e.value });
  }
  return out;
}

/** `${interval}|${periodStart}`: one period in which a member may be active. */
export type ActivityKey = `${Interval}|${string}`;

export const activityKey = (interval: Interval, period: string): ActivityKey => `${interval}|${period}`;

export function parseActivityKey(key: ActivityKey): { interval: Interval; period: string } {
  const [interval, period] = key.split('|') as [Interval, string];
  return { interval, period };
}

/** The periods (one per interval) in which a live entry makes its member active. */
export function entryActivityKeys(e: EntryFacts): ActivityKey[] {
  if (e.retracted || e.direction !== 'inbound' || NOT_ACTIVITY.has(e.type)) return [];
  return INTERVALS.map((interval) => activityKey(interval, isoDate(periodStart(e.occurredAtMs, interval))));
}

/** The keys whose activity change can change retention counts: the period itself and the next. */
export function retentionNeighbours(key: ActivityKey): ActivityKey[] {
  const { interval, period } = parseActivityKey(key);
  const start = new Date(`${period}T00:00:00.000Z`);
  return [key, activityKey(interval, isoDate(addPeriods(start, interval, 1))), activityKey(interval, isoDate(addPeriods(start, interval, -1)))];
}

export interface MemberFacts {
  /** Known, not a teammate, not absorbed by a merge. */
  counted: boolean;
  firstSeenAtMs: number | null;
  everEngaged: boolean;
  everAdvocate: boolean;
  converted: boolean;
  /**
   * Inbound activity counts over a set of periods. Before and after must cover the same keys,
   * and every changed period with its neighbours (or, when `counted` or the first-seen periods
   * change, every period the member was ever active in).
   */
  activity: ReadonlyMap<ActivityKey, number>;
}

/** What a member contributes, restricted to the periods in `activity`. */
export function memberCounters(m: MemberFacts): Counter[] {
  if (!m.counted) return [];
  const out: Counter[] = [];
  if (m.firstSeenAtMs !== null) {
    out.push({
      kind: 'acquisition', day: dayOf(m.firstSeenAtMs), acquired: 1,
      engaged: m.everEngaged ? 1 : 0, advocate: m.everAdvocate ? 1 : 0, converted: m.converted ? 1 : 0,
    });
  }
  for (const [key, n] of m.activity) {
    if (n <= 0) continue;
    const { interval, period } = parseActivityKey(key);
    const previous = activityKey(interval, isoDate(addPeriods(new Date(`${period}T00:00:00.000Z`), interval, -1)));
    const retained = (m.activity.get(previous) ?? 0) > 0 ? 1 : 0;
    out.push({ kind: 'activity', interval, period, active: 1, retained });
    if (m.firstSeenAtMs !== null) {
      const cohort = isoDate(periodStart(m.firstSeenAtMs, interval));
      // Day cohorts only feed "active and new" (the diagonal); the grid is weeks and months.
      if (interval !== 'day' || cohort === period) out.push({ kind: 'cohort', interval, cohort, period, active: 1 });
    }
  }
  return out;
}

export interface StageChange {
  atMs: number;
  stage: Stage;
  level: number;
  previousStage: Stage | null;
  previousLevel: number | null;
}

/** Stage and level counts as running sums: each change moves one member between buckets. */
export function stageCounters(changes: readonly StageChange[]): Counter[] {
  const out: Counter[] = [];
  for (const c of changes) {
    const day = dayOf(c.atMs);
    if (c.stage !== c.previousStage) {
      out.push({ kind: 'stage', day, dimension: 'stage', value: c.stage, n: 1 });
      if (c.previousStage !== null) out.push({ kind: 'stage', day, dimension: 'stage', value: c.previousStage, n: -1 });
    }
    if (c.level !== c.previousLevel) {
      out.push({ kind: 'stage', day, dimension: 'level', value: String(c.level), n: 1 });
      if (c.previousLevel !== null) out.push({ kind: 'stage', day, dimension: 'level', value: String(c.previousLevel), n: -1 });
    }
  }
  return out;
}

/** The counters with their sign flipped: what removing a contribution does. */
export function negate(counters: readonly Counter[]): Counter[] {
  return counters.map((c): Counter => {
    switch (c.kind) {
      case 'interactions':
      case 'response':
      case 'stage':
        return { ...c, n: -c.n };
      case 'engagement':
        return { ...c, awaiting: -c.awaiting, answered: -c.answered, positive: -c.positive, negative: -c.negative, withSentiment: -c.withSentiment };
      case 'revenue':
        return { ...c, conversions: -c.conversions, revenue: c.revenue.startsWith('-') ? c.revenue.slice(1) : `-${c.revenue}` };
      case 'acquisition':
        return { ...c, acquired: -c.acquired, engaged: -c.engaged, advocate: -c.advocate, converted: -c.converted };
      case 'activity':
        return { ...c, active: -c.active, retained: -c.retained };
      case 'cohort':
        return { ...c, active: -c.active };
    }
  });
}

/** `after − before`. */
export function diffCounters(before: readonly Counter[], after: readonly Counter[]): Counter[] {
  return [...after, ...negate(before)];
}
