import type { Stage } from '@rapport/contracts';
import { q, type Queryable } from '@rapport/kit/pg';

/** One stage or level change, as the system saw it when it happened. */
export interface HistoryRow {
  brandId: string;
  memberId: string;
  version: number;
  at: number;
  stage: Stage;
  level: number;
  previousStage: Stage | null;
  previousLevel: number | null;
  cause: string;
}

export async function appendHistory(client: Queryable, rows: readonly HistoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q(
    client,
    'scoring:insert-history',
    `INSERT INTO relationship_history (brand_id, member_id, version, at, stage, level, previous_stage, previous_level, cause)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::text[], $6::smallint[], $7::text[], $8::smallint[], $9::text[])`,
    [
      rows.map((r) => r.brandId),
      rows.map((r) => r.memberId),
      rows.map((r) => r.version),
      rows.map((r) => new Date(r.at).toISOString()),
      rows.map((r) => r.stage),
      rows.map((r) => r.level),
      rows.map((r) => r.previousStage),
      rows.map((r) => r.previousLevel),
      rows.map((r) => r.cause),
    ],
  );
}

/** A relationship's latest changes, newest first (the admin view). */
export async function recentHistory(client: Queryable, brandId: string, memberId: string, limit: number): Promise<Record<string, unknown>[]> {
  const { rows } = await q(
    client,
    'scoring:select-history',
    `SELECT version, at, stage, level, previous_stage, previous_level, cause
       FROM relationship_history WHERE brand_id = $1 AND member_id = $2
      ORDER BY id DESC LIMIT $3`,
    [brandId, memberId, limit],
  );
  return rows;
}
