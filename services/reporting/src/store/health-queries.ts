/**
 * The rollup reads behind the health series: a handful of indexed range scans over per-day and
 * per-period rows (never over members or interactions), run side by side.
 */
import { Stage } from '@rapport/contracts';
import { q, type Queryable } from '@rapport/kit/pg';
import type { PeriodCounters } from '../domain/health-figures';
import { addPeriods, isoDate, type Interval, type Period } from '../domain/periods';

/** `date_trunc` unit of an interval (Postgres weeks start on Monday, as ISO weeks do). */
const TRUNC: Record<Interval, string> = { day: 'day', week: 'week', month: 'month' };
const periodOf = (interval: Interval) => `date_trunc('${TRUNC[interval]}', day::timestamp)::date::text`;

export async function readHealthCounters(
  db: Queryable,
  brandId: string,
  interval: Interval,
  periods: readonly Period[],
): Promise<PeriodCounters[]> {
  const first = periods[0];
  const last = periods.at(-1);
  if (first === undefined || last === undefined) return [];
  const from = isoDate(first.start);
  const to = isoDate(last.end);
  const previous = isoDate(addPeriods(first.start, interval, -1));
  const p = periodOf(interval);
  const range = [brandId, from, to];

  const [interactions, engagement, histograms, acquisition, acquiredBefore, stages, stagesBefore, activity, activeNew] = await Promise.all([
    q<{ period: string; type: string; n: string }>(db, 'reporting:health-interactions',
      `SELECT ${p} AS period, type, sum(n) AS n FROM daily_interactions
        WHERE brand_id = $1 AND day >= $2 AND day < $3 GROUP BY 1, 2`, range),
    q<{ period: string; awaiting: string; answered: string; positive: string; negative: string; with_sentiment: string }>(db, 'reporting:health-engagement',
      `SELECT ${p} AS period, sum(awaiting) AS awaiting, sum(answered) AS answered, sum(positive) AS positive,
              sum(negative) AS negative, sum(with_sentiment) AS with_sentiment
         FROM daily_engagement WHERE brand_id = $1 AND day >= $2 AND day < $3 GROUP BY 1`, range),
    // The histogram of each period as two arrays (one row per period, not per bucket; in any order,
    // the median sorts them): it is taken from them in memory.
    q<{ period: string; buckets: number[]; counts: number[] }>(db, 'reporting:health-response-times',
      `SELECT period_start::text AS period, array_agg(bucket) AS buckets, array_agg(n::int) AS counts
         FROM response_times WHERE brand_id = $1 AND granularity = $4 AND period_start >= $2 AND period_start < $3
        GROUP BY period_start`, [brandId, from, to, interval]),
    q<{ period: string; acquired: string }>(db, 'reporting:health-acquisition',
      `SELECT ${p} AS period, sum(acquired) AS acquired FROM daily_acquisition
        WHERE brand_id = $1 AND day >= $2 AND day < $3 GROUP BY 1`, range),
    q<{ acquired: string | null }>(db, 'reporting:health-acquired-before',
      'SELECT sum(acquired) AS acquired FROM daily_acquisition WHERE brand_id = $1 AND day < $2', [brandId, from]),
    q<{ period: string; dimension: string; value: string; n: string }>(db, 'reporting:health-stage-changes',
      `SELECT ${p} AS period, dimension, value, sum(n) AS n FROM daily_stage_changes
        WHERE brand_id = $1 AND day >= $2 AND day < $3 GROUP BY 1, 2, 3`, range),
    q<{ dimension: string; value: string; n: string }>(db, 'reporting:health-stages-before',
      `SELECT dimension, value, sum(n) AS n FROM daily_stage_changes WHERE brand_id = $1 AND day < $2 GROUP BY 1, 2`, [brandId, from]),
    q<{ period: string; active: string; retained: string }>(db, 'reporting:health-activity',
      `SELECT period_start::text AS period, active, retained FROM period_activity
        WHERE brand_id = $1 AND granularity = $4 AND period_start >= $2 AND period_start < $3`, [brandId, previous, to, interval]),
    q<{ period: string; active: string }>(db, 'reporting:health-active-new',
      `SELECT period_start::text AS period, active FROM cohort_activity
        WHERE brand_id = $1 AND granularity = $4 AND cohort_start >= $2 AND cohort_start < $3 AND period_start = cohort_start`,
      [brandId, from, to, interval]),
  ]);

  const by = <R extends { period: string }>(rows: R[]) => {
    const out = new Map<string, R[]>();
    for (const r of rows) {
      const list = out.get(r.period);
      if (list === undefined) out.set(r.period, [r]);
      else list.push(r);
    }
    return out;
  };
  const interactionsBy = by(interactions.rows);
  const engagementBy = new Map(engagement.rows.map((r) => [r.period, r]));
  const histogramsBy = new Map(histograms.rows.map((r) => [r.period, r.buckets.map((bucket, i) => [bucket, r.counts[i] ?? 0] as const)]));
  const acquisitionBy = new Map(acquisition.rows.map((r) => [r.period, Number(r.acquired)]));
  const stagesBy = by(stages.rows);
  const activityBy = new Map(activity.rows.map((r) => [r.period, r]));
  const activeNewBy = new Map(activeNew.rows.map((r) => [r.period, Number(r.active)]));

  let members = Number(acquiredBefore.rows[0]?.acquired ?? 0);
  const running = new Map<string, number>(stagesBefore.rows.map((r) => [`${r.dimension}:${r.value}`, Number(r.n)]));
  return periods.map((period) => {
    const key = isoDate(period.start);
    const newMembers = acquisitionBy.get(key) ?? 0;
    members += newMembers;
    for (const s of stagesBy.get(key) ?? []) running.set(`${s.dimension}:${s.value}`, (running.get(`${s.dimension}:${s.value}`) ?? 0) + Number(s.n));
    const e = engagementBy.get(key);
    const a = activityBy.get(key);
    const prev = activityBy.get(isoDate(addPeriods(period.start, interval, -1)));
    return {
      membersBeforeEnd: members,
      newMembers,
      active: Number(a?.active ?? 0),
      activeNew: activeNewBy.get(key) ?? 0,
      activePrevious: Number(prev?.active ?? 0),
      retained: Number(a?.retained ?? 0),
      interactionsByType: Object.fromEntries((interactionsBy.get(key) ?? []).map((r) => [r.type, Number(r.n)])),
      awaiting: Number(e?.awaiting ?? 0),
      answered: Number(e?.answered ?? 0),
      responseHistogram: histogramsBy.get(key) ?? [],
      positive: Number(e?.positive ?? 0),
      negative: Number(e?.negative ?? 0),
      withSentiment: Number(e?.with_sentiment ?? 0),
      stageCounts: counts(running, 'stage'),
      levelCounts: counts(running, 'level'),
    };
  });
}

/** Every stage (or level) with its count, zeros included, so that series line up. */
function counts(running: ReadonlyMap<string, number>, dimension: 'stage' | 'level'): Record<string, number> {
  const names: readonly string[] = dimension === 'stage' ? Stage.options : ['1', '2', '3', '4'];
  return Object.fromEntries(names.map((name) => [name, running.get(`${dimension}:${name}`) ?? 0]));
}
