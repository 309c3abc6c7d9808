import { q, type Queryable } from '@rapport/kit/pg';
import { activityKey, type ActivityKey } from '../domain/rollup-counters';
import type { Interval } from '../domain/periods';
import { memberKey } from '../projections/relationship-plan';
import type { MemberRef } from './relationship-reads';

export interface PeriodMemberRef {
  brandId: string;
  memberId: string;
  interval: Interval;
  period: string;
}

/**
 * Inbound activity counts per member and period: every period of the `whole` members, only the
 * named periods of the others. By `memberKey`, then `ActivityKey`; absent rows are zero.
 */
export async function readPeriodMembers(
  client: Queryable,
  whole: readonly MemberRef[],
  some: readonly PeriodMemberRef[],
): Promise<Map<string, Map<ActivityKey, number>>> {
  const out = new Map<string, Map<ActivityKey, number>>();
  const add = (r: { brand_id: string; member_id: string; granularity: Interval; period_start: string; events: number }) => {
    const key = memberKey(r.brand_id, r.member_id);
    const m = out.get(key) ?? new Map<ActivityKey, number>();
    m.set(activityKey(r.granularity, r.period_start), r.events);
    out.set(key, m);
  };
  if (whole.length > 0) {
    const { rows } = await q<{ brand_id: string; member_id: string; granularity: Interval; period_start: string; events: number }>(
      client,
      'reporting:read-period-members-whole',
      `SELECT p.brand_id, p.member_id, p.granularity, p.period_start::text AS period_start, p.events
         FROM period_members p JOIN unnest($1::text[], $2::text[]) AS x(brand_id, member_id)
           ON p.brand_id = x.brand_id AND p.member_id = x.member_id`,
      [whole.map((r) => r.brandId), whole.map((r) => r.memberId)],
    );
    rows.forEach(add);
  }
  if (some.length > 0) {
    const { rows } = await q<{ brand_id: string; member_id: string; granularity: Interval; period_start: string; events: number }>(
      client,
      'reporting:read-period-members',
      `SELECT p.brand_id, p.member_id, p.granularity, p.period_start::text AS period_start, p.events
         FROM period_members p
         JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[]) AS x(brand_id, member_id, granularity, period_start)) x
           ON p.brand_id = x.brand_id AND p.member_id = x.member_id AND p.granularity = x.granularity AND p.period_start = x.period_start`,
      [some.map((r) => r.brandId), some.map((r) => r.memberId), some.map((r) => r.interval), some.map((r) => r.period)],
    );
    rows.forEach(add);
  }
  return out;
}

/** Adds activity deltas; a row whose count reaches zero is removed. */
export async function applyPeriodMemberDeltas(client: Queryable, deltas: ReadonlyArray<PeriodMemberRef & { delta: number }>): Promise<void> {
  const nonZero = deltas.filter((d) => d.delta !== 0);
  if (nonZero.length === 0) return;
  const json = JSON.stringify(nonZero.map((d) => ({ brand_id: d.brandId, member_id: d.memberId, granularity: d.interval, period_start: d.period, delta: d.delta })));
  await q(
    client,
    'reporting:apply-period-member-deltas',
    `INSERT INTO period_members AS t (brand_id, member_id, granularity, period_start, events)
     SELECT brand_id, member_id, granularity, period_start, sum(delta)
       FROM jsonb_to_recordset($1::jsonb) AS r(brand_id text, member_id text, granularity text, period_start date, delta int)
      GROUP BY brand_id, member_id, granularity, period_start
     HAVING sum(delta) <> 0
      ORDER BY brand_id, member_id, granularity, period_start
     ON CONFLICT (brand_id, member_id, granularity, period_start) DO UPDATE SET events = t.events + excluded.events`,
    [json],
  );
  if (nonZero.some((d) => d.delta < 0)) {
    await q(
      client,
      'reporting:delete-idle-period-members',
      `DELETE FROM period_members t
        USING (SELECT DISTINCT brand_id, member_id, granularity, period_start
                 FROM jsonb_to_recordset($1::jsonb) AS r(brand_id text, member_id text, granularity text, period_start date, delta int)
                WHERE delta < 0) r
        WHERE t.brand_id = r.brand_id AND t.member_id = r.member_id AND t.granularity = r.granularity
          AND t.period_start = r.period_start AND t.events <= 0`,
      [json],
    );
  }
}
