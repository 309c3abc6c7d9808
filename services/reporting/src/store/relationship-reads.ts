import type { Stage } from '@rapport/contracts';
import { q, type Queryable } from '@rapport/kit/pg';
import { memberKey, type RelationshipState } from '../projections/relationship-plan';

export interface MemberRef {
  brandId: string;
  memberId: string;
}

const columns = (refs: readonly MemberRef[]) => [refs.map((r) => r.brandId), refs.map((r) => r.memberId)];

/** Absorbed member ids among `refs`, mapped to their survivor (by `memberKey`). */
export async function readAliases(client: Queryable, refs: readonly MemberRef[]): Promise<Map<string, string>> {
  const { rows } = await q<{ brand_id: string; alias_id: string; member_id: string }>(
    client,
    'reporting:read-aliases',
    `SELECT a.brand_id, a.alias_id, a.member_id
       FROM member_aliases a JOIN unnest($1::text[], $2::text[]) AS r(brand_id, member_id)
         ON a.brand_id = r.brand_id AND a.alias_id = r.member_id`,
    columns(refs),
  );
  return new Map(rows.map((r) => [memberKey(r.brand_id, r.alias_id), r.member_id]));
}

/** The projection's state of each known relationship among `refs` (by `memberKey`). */
export async function readRelationshipStates(client: Queryable, refs: readonly MemberRef[]): Promise<Map<string, RelationshipState>> {
  const { rows } = await q<{
    brand_id: string; member_id: string; version: string; is_team: boolean; stage: Stage; level: number;
    first_seen_at: Date; ever_engaged: boolean; ever_advocate: boolean; converted: boolean;
  }>(
    client,
    'reporting:read-relationship-states',
    `SELECT s.brand_id, s.member_id, s.version, s.is_team, s.stage, s.level, s.first_seen_at,
            s.ever_engaged, s.ever_advocate, s.converted
       FROM relationships s JOIN unnest($1::text[], $2::text[]) AS r(brand_id, member_id)
         ON s.brand_id = r.brand_id AND s.member_id = r.member_id`,
    columns(refs),
  );
  return new Map(
    rows.map((r) => [
      memberKey(r.brand_id, r.member_id),
      {
        brandId: r.brand_id, memberId: r.member_id, version: Number(r.version), isTeam: r.is_team, stage: r.stage,
        level: r.level, firstSeenAtMs: r.first_seen_at.getTime(), everEngaged: r.ever_engaged, everAdvocate: r.ever_advocate,
        converted: r.converted,
      },
    ]),
  );
}
