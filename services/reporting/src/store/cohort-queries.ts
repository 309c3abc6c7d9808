import { q, type Queryable } from '@rapport/kit/pg';
import type { Interval } from '../domain/periods';

export interface CohortRows {
  /** Cohort start → members first seen in that period. */
  sizes: Map<string, number>;
  /** `${cohortStart}|${periodStart}` → members of the cohort active in that period. */
  active: Map<string, number>;
}

export async function readCohorts(db: Queryable, brandId: string, interval: 'week' | 'month', from: string, to: string): Promise<CohortRows> {
  const [sizes, active] = await Promise.all([
    q<{ cohort: string; size: string }>(db, 'reporting:cohort-sizes',
      `SELECT date_trunc('${interval}', day::timestamp)::date::text AS cohort, sum(acquired) AS size
         FROM daily_acquisition WHERE brand_id = $1 AND day >= $2 AND day < $3 GROUP BY 1`, [brandId, from, to]),
    q<{ cohort: string; period: string; active: string }>(db, 'reporting:cohort-activity',
      `SELECT cohort_start::text AS cohort, period_start::text AS period, active FROM cohort_activity
        WHERE brand_id = $1 AND granularity = $4 AND cohort_start >= $2 AND cohort_start < $3`, [brandId, from, to, interval satisfies Interval]),
  ]);
  return {
    sizes: new Map(sizes.rows.map((r) => [r.cohort, Number(r.size)])),
    active: new Map(active.rows.map((r) => [`${r.cohort}|${r.period}`, Number(r.active)])),
  };
}
