import type { Stage } from '@rapport/contracts';
import { q, type Queryable } from '@rapport/kit/pg';
import type { AlertCursor } from '../domain/cursor';

export interface AlertRecord {
  memberId: string;
  atMs: number;
  at: string;
  kind: 'became_advocate' | 'became_at_risk' | 'lapsed';
  previousStage: Stage | null;
}

/** Alerts since `since`, newest first on (at, member_id, kind); `limit + 1` rows at most. */
export async function listAlerts(db: Queryable, brandId: string, since: string, limit: number, after: AlertCursor | undefined): Promise<AlertRecord[]> {
  const params: unknown[] = [brandId, since, limit + 1];
  let keyset = '';
  if (after !== undefined) {
    params.push(new Date(after.atMs).toISOString(), after.memberId, after.kind);
    keyset = 'AND (at, member_id, kind) < ($4::timestamptz, $5, $6)';
  }
  const { rows } = await q<{ member_id: string; at: Date; kind: AlertRecord['kind']; previous_stage: Stage | null }>(
    db,
    'reporting:list-alerts',
    `SELECT member_id, at, kind, previous_stage FROM alerts
      WHERE brand_id = $1 AND at >= $2 ${keyset}
      ORDER BY at DESC, member_id DESC, kind DESC LIMIT $3`,
    params,
  );
  return rows.map((r) => ({ memberId: r.member_id, atMs: r.at.getTime(), at: r.at.toISOString(), kind: r.kind, previousStage: r.previous_stage }));
}
