import type { Stage } from '@rapport/contracts';
import { q, type Queryable } from '@rapport/kit/pg';

export interface FunnelCounts {
  acquired: number;
  engaged: number;
  advocate: number;
  converted: number;
  revenue: Array<{ stage: Stage; currency: string; conversions: number; revenue: number }>;
}

/** Members first seen on the days `[fromDay, toDay)` and how far they got; conversions of those days by stage. */
export async function readFunnel(db: Queryable, brandId: string, fromDay: string, toDay: string): Promise<FunnelCounts> {
  const [acquisition, revenue] = await Promise.all([
    q<{ acquired: string | null; engaged: string | null; advocate: string | null; converted: string | null }>(db, 'reporting:funnel-acquisition',
      `SELECT sum(acquired) AS acquired, sum(engaged) AS engaged, sum(advocate) AS advocate, sum(converted) AS converted
         FROM daily_acquisition WHERE brand_id = $1 AND day >= $2 AND day < $3`, [brandId, fromDay, toDay]),
    q<{ stage: Stage; currency: string; conversions: string; revenue: string }>(db, 'reporting:funnel-revenue',
      `SELECT stage, currency, sum(conversions) AS conversions, sum(revenue)::text AS revenue FROM daily_revenue
        WHERE brand_id = $1 AND day >= $2 AND day < $3 GROUP BY 1, 2 HAVING sum(conversions) <> 0 ORDER BY 1, 2`, [brandId, fromDay, toDay]),
  ]);
  const a = acquisition.rows[0];
  return {
    acquired: Number(a?.acquired ?? 0),
    engaged: Number(a?.engaged ?? 0),
    advocate: Number(a?.advocate ?? 0),
    converted: Number(a?.converted ?? 0),
    revenue: revenue.rows.map((r) => ({ stage: r.stage, currency: r.currency, conversions: Number(r.conversions), revenue: Number(r.revenue) })),
  };
}
