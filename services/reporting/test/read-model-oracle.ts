/**
 * The rollups recomputed from scratch out of the detail tables (entries, relationships,
 * period_members, stage history) — what the incremental projection must always agree with.
 * Slow, whole-table queries: for tests only.
 */
import type { Pool } from 'pg';

const LIVE_INBOUND = `FROM entries e JOIN relationships r USING (brand_id, member_id)
  WHERE NOT r.is_team AND NOT e.retracted AND e.direction = 'inbound' AND e.type <> 'retraction'`;

export const ORACLE: Record<string, { incremental: string; fromScratch: string }> = {
  daily_interactions: {
    incremental: 'SELECT brand_id, day, type, n FROM daily_interactions',
    fromScratch: `SELECT e.brand_id, (e.occurred_at AT TIME ZONE 'UTC')::date AS day, e.type, count(*) AS n ${LIVE_INBOUND} GROUP BY 1, 2, 3`,
  },
  daily_engagement: {
    incremental: 'SELECT brand_id, day, awaiting, answered, positive, negative, with_sentiment FROM daily_engagement',
    fromScratch: `SELECT * FROM (SELECT e.brand_id, (e.occurred_at AT TIME ZONE 'UTC')::date AS day,
        count(*) FILTER (WHERE e.type IN ('comment','reply','mention','message','review') AND e.answered_seconds IS NULL) AS awaiting,
        count(*) FILTER (WHERE e.type IN ('comment','reply','mention','message','review') AND e.answered_seconds IS NOT NULL) AS answered,
        count(*) FILTER (WHERE e.sentiment > 0.05) AS positive, count(*) FILTER (WHERE e.sentiment < -0.05) AS negative,
        count(e.sentiment) AS with_sentiment ${LIVE_INBOUND} GROUP BY 1, 2) x
      WHERE awaiting + answered + with_sentiment > 0`,
  },
  daily_revenue: {
    incremental: 'SELECT brand_id, day, stage, currency, conversions, revenue FROM daily_revenue',
    fromScratch: `SELECT e.brand_id, (e.occurred_at AT TIME ZONE 'UTC')::date AS day, e.stage_before AS stage, e.currency,
        count(*) AS conversions, sum(e.value) AS revenue
      FROM entries e JOIN relationships r USING (brand_id, member_id)
      WHERE NOT r.is_team AND NOT e.retracted AND e.type = 'conversion' GROUP BY 1, 2, 3, 4`,
  },
  period_members: {
    incremental: 'SELECT brand_id, member_id, granularity, period_start, events FROM period_members',
    fromScratch: `SELECT e.brand_id, e.member_id, g.granularity,
        (date_trunc(CASE g.granularity WHEN 'day' THEN 'day' WHEN 'week' THEN 'week' ELSE 'month' END, e.occurred_at AT TIME ZONE 'UTC'))::date AS period_start,
        count(*)::int AS events
      FROM entries e CROSS JOIN (VALUES ('day'), ('week'), ('month')) g(granularity)
      WHERE NOT e.retracted AND e.direction = 'inbound' AND e.type NOT IN ('unfollow', 'leave', 'retraction') GROUP BY 1, 2, 3, 4`,
  },
  period_activity: {
    incremental: 'SELECT brand_id, granularity, period_start, active, retained FROM period_activity',
    fromScratch: `SELECT p.brand_id, p.granularity, p.period_start, count(*) AS active,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM period_members q WHERE q.brand_id = p.brand_id AND q.member_id = p.member_id
          AND q.granularity = p.granularity AND q.period_start = (p.period_start - CASE p.granularity WHEN 'day' THEN interval '1 day'
          WHEN 'week' THEN interval '7 days' ELSE interval '1 month' END)::date)) AS retained
      FROM period_members p JOIN relationships r USING (brand_id, member_id) WHERE NOT r.is_team GROUP BY 1, 2, 3`,
  },
  cohort_activity: {
    incremental: 'SELECT brand_id, granularity, cohort_start, period_start, active FROM cohort_activity',
    fromScratch: `SELECT * FROM (SELECT p.brand_id, p.granularity,
        (date_trunc(CASE p.granularity WHEN 'day' THEN 'day' WHEN 'week' THEN 'week' ELSE 'month' END, r.first_seen_at AT TIME ZONE 'UTC'))::date AS cohort_start,
        p.period_start, count(*) AS active
      FROM period_members p JOIN relationships r USING (brand_id, member_id) WHERE NOT r.is_team GROUP BY 1, 2, 3, 4) x
      WHERE granularity <> 'day' OR cohort_start = period_start`,
  },
  daily_acquisition: {
    incremental: 'SELECT brand_id, day, acquired, engaged, advocate, converted FROM daily_acquisition',
    fromScratch: `SELECT brand_id, (first_seen_at AT TIME ZONE 'UTC')::date AS day, count(*) AS acquired,
        count(*) FILTER (WHERE ever_engaged) AS engaged, count(*) FILTER (WHERE ever_advocate) AS advocate,
        count(*) FILTER (WHERE converted) AS converted
      FROM relationships WHERE NOT is_team GROUP BY 1, 2`,
  },
  stage_counts_now: {
    incremental: `SELECT brand_id, dimension, value, sum(n) AS n FROM daily_stage_changes GROUP BY 1, 2, 3 HAVING sum(n) <> 0`,
    fromScratch: `SELECT brand_id, 'stage' AS dimension, stage AS value, count(*) AS n FROM relationships WHERE NOT is_team GROUP BY 1, 2, 3
      UNION ALL SELECT brand_id, 'level', level::text, count(*) FROM relationships WHERE NOT is_team GROUP BY 1, 2, 3`,
  },
};

/** Each rollup as kept incrementally and as recomputed, in a canonical order. */
export async function compareWithOracle(pool: Pool): Promise<Record<string, { incremental: unknown[]; fromScratch: unknown[] }>> {
  const out: Record<string, { incremental: unknown[]; fromScratch: unknown[] }> = {};
  const canonical = async (sql: string) =>
    (await pool.query<{ j: string }>(`SELECT to_jsonb(x)::text AS j FROM (${sql}) x ORDER BY 1`)).rows.map((r) => JSON.parse(r.j) as unknown);
  for (const [name, { incremental, fromScratch }] of Object.entries(ORACLE)) {
    out[name] = { incremental: await canonical(incremental), fromScratch: await canonical(fromScratch) };
  }
  return out;
}
