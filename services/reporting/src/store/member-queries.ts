import type { Platform, Stage } from '@rapport/contracts';
import { q, tagSql, type Queryable } from '@rapport/kit/pg';
import type { MemberSort } from '../domain/cursor';
import type { StoredRelationship } from '../domain/served-relationship';

export interface StageHistoryEntry {
  at: string;
  stage: Stage;
  level: number;
  cause: string;
}

export interface MemberRecord {
  doc: StoredRelationship;
  stageHistory: StageHistoryEntry[];
}

// One round trip: the relationship (absorbed ids resolve to their survivor) and its latest 50
// stage changes.
const MEMBER = `SELECT r.doc,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('at', to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                                     'stage', h.stage, 'level', h.level, 'cause', h.cause) ORDER BY h.version DESC), '[]'::jsonb)
          FROM (SELECT * FROM stage_history h WHERE h.brand_id = r.brand_id AND h.member_id = r.member_id
                 ORDER BY h.version DESC LIMIT 50) h) AS stage_history
  FROM relationships r`;

// The hottest queries are named prepared statements: parsed and planned once per connection.
const FIND_MEMBER = {
  name: 'reporting-find-member',
  text: tagSql('reporting:find-member', `${MEMBER} WHERE r.brand_id = $1
       AND r.member_id = coalesce((SELECT a.member_id FROM member_aliases a WHERE a.brand_id = $1 AND a.alias_id = $2), $2)`),
};
const FIND_MEMBER_BY_IDENTITY = {
  name: 'reporting-find-member-by-identity',
  text: tagSql('reporting:find-member-by-identity', `${MEMBER} JOIN identities i ON i.brand_id = r.brand_id AND i.member_id = r.member_id
      WHERE i.brand_id = $1 AND i.platform = $2 AND i.platform_id = $3`),
};

export async function findMember(client: Queryable, brandId: string, memberId: string): Promise<MemberRecord | null> {
  const { rows } = await client.query<{ doc: StoredRelationship; stage_history: StageHistoryEntry[] }>({ ...FIND_MEMBER, values: [brandId, memberId] });
  const row = rows[0];
  return row === undefined ? null : { doc: row.doc, stageHistory: row.stage_history };
}

export async function findMemberByIdentity(client: Queryable, brandId: string, platform: Platform, platformId: string): Promise<MemberRecord | null> {
  const { rows } = await client.query<{ doc: StoredRelationship; stage_history: StageHistoryEntry[] }>({ ...FIND_MEMBER_BY_IDENTITY, values: [brandId, platform, platformId] });
  const row = rows[0];
  return row === undefined ? null : { doc: row.doc, stageHistory: row.stage_history };
}

export interface MemberListQuery {
  brandId: string;
  sort: MemberSort;
  limit: number;
  asOfMs: number;
  stage?: Stage;
  level?: number;
  platform?: Platform;
  /** log2 of the smallest gravity admitted at `asOfMs` (from `minScore`). */
  minGravityLog2?: number;
  updatedSince?: string;
  includeTeam: boolean;
  after?: { key: number; memberId: string };
}

// Each sort: its indexed column, its direction, and how its key is read back for the cursor.
const SORTS: Record<MemberSort, { column: string; descending: boolean; key: string; cast: string }> = {
  '-score': { column: 'gravity_key', descending: true, key: 'gravity_key', cast: 'float8' },
  '-gravity': { column: 'gravity_key', descending: true, key: 'gravity_key', cast: 'float8' },
  '-love': { column: 'love_key', descending: true, key: 'love_key', cast: 'float8' },
  '-advocacy': { column: 'advocacy_key', descending: true, key: 'advocacy_key', cast: 'float8' },
  '-lastActiveAt': { column: 'last_active_at', descending: true, key: 'extract(epoch FROM last_active_at) * 1000', cast: 'timestamptz' },
  firstSeenAt: { column: 'first_seen_at', descending: false, key: 'extract(epoch FROM first_seen_at) * 1000', cast: 'timestamptz' },
};

/** Timestamp keys travel as epoch milliseconds (the column holds milliseconds); −∞ is "never". */
const keyParam = (key: number, cast: string): unknown =>
  cast === 'timestamptz' ? (Number.isFinite(key) ? new Date(key).toISOString() : '-infinity') : String(key);

/**
 * One page of the member list, keyset-paginated on (sort key, member id) — both in the sort's
 * direction, so every sort walks one index. Answers `limit + 1` rows at most (the extra one
 * says there is a next page).
 */
export async function listMembers(client: Queryable, query: MemberListQuery): Promise<Array<{ doc: StoredRelationship; key: number; memberId: string }>> {
  const sort = SORTS[query.sort];
  const params: unknown[] = [query.brandId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['brand_id = $1'];
  if (!query.includeTeam) where.push('NOT is_team');
  if (query.stage !== undefined) where.push(`stage = ${param(query.stage)}`);
  if (query.level !== undefined) where.push(`level = ${param(query.level)}`);
  if (query.platform !== undefined) where.push(`platforms @> ARRAY[${param(query.platform)}::text]`);
  if (query.updatedSince !== undefined) where.push(`updated_at >= ${param(query.updatedSince)}::timestamptz`);
  if (query.minGravityLog2 !== undefined) {
    // NOTE: the threshold uses the brand's half-life (one per brand and model version) so that
    // it is a range on the indexed key: value(asOf) ≥ g ⇔ key ≥ log2(g) + asOf/H.
    where.push(`gravity_key >= ${param(String(query.minGravityLog2))}::float8 + ${param(query.asOfMs / 1000)}::float8
      / (SELECT half_life_seconds FROM relationships WHERE brand_id = $1 ORDER BY gravity_key DESC LIMIT 1)`);
  }
  if (query.after !== undefined) {
    const op = sort.descending ? '<' : '>';
    where.push(`(${sort.column}, member_id) ${op} (${param(keyParam(query.after.key, sort.cast))}::${sort.cast}, ${param(query.after.memberId)})`);
  }
  const direction = sort.descending ? 'DESC' : 'ASC';
  const { rows } = await q<{ doc: StoredRelationship; sort_key: number | string; member_id: string }>(
    client,
    `reporting:list-members`,
    `SELECT doc, (${sort.key})::float8 AS sort_key, member_id FROM relationships
      WHERE ${where.join(' AND ')}
      ORDER BY ${sort.column} ${direction}, member_id ${direction}
      LIMIT ${param(query.limit + 1)}`,
    params,
  );
  return rows.map((r) => ({ doc: r.doc, key: Number(r.sort_key), memberId: r.member_id }));
}
