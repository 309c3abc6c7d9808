import { q, type Queryable } from '@rapport/kit/pg';
import type { RelationshipUpdated } from '@rapport/contracts';
import { decayKey } from '../domain/decay';
import type { AlertRow, RelationshipState, StageHistoryRow } from '../projections/relationship-plan';
import type { MemberRef } from './relationship-reads';

const toMs = (timestamp: string) => new Date(Date.parse(timestamp)).toISOString();

/** Writes the final rows of a batch; a row never goes back to an older version. */
export async function upsertRelationships(client: Queryable, rows: ReadonlyArray<{ state: RelationshipState; update: RelationshipUpdated }>): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map(({ state, update: u }) => {
    const asOfMs = Date.parse(u.asOf);
    const { cause: _cause, ...doc } = u;
    return {
      brand_id: u.brandId, member_id: u.memberId, version: u.version, half_life_seconds: u.halfLifeSeconds, as_of: u.asOf,
      love: u.love, advocacy: u.advocacy, gravity: u.gravity,
      // −Infinity cannot travel in JSON: the keys go as text and are cast.
      love_key: String(decayKey(u.love, asOfMs, u.halfLifeSeconds)),
      advocacy_key: String(decayKey(u.advocacy, asOfMs, u.halfLifeSeconds)),
      gravity_key: String(decayKey(u.gravity, asOfMs, u.halfLifeSeconds)),
      stage: u.stage, level: u.level, platforms: [...new Set(u.identities.map((i) => i.platform))].sort(),
      is_team: state.isTeam, converted: state.converted, ever_engaged: state.everEngaged, ever_advocate: state.everAdvocate,
      // Millisecond precision, so that list cursors carry these sort keys exactly.
      first_seen_at: toMs(u.firstSeenAt), last_active_at: u.lastActiveAt === null ? '-infinity' : toMs(u.lastActiveAt), updated_at: u.asOf,
      doc: { ...doc, isTeam: state.isTeam },
    };
  });
  await q(
    client,
    'reporting:upsert-relationships',
    `INSERT INTO relationships AS t (brand_id, member_id, version, half_life_seconds, as_of, love, advocacy, gravity,
            love_key, advocacy_key, gravity_key, stage, level, platforms, is_team, converted, ever_engaged, ever_advocate,
            first_seen_at, last_active_at, updated_at, doc)
     SELECT brand_id, member_id, version, half_life_seconds, as_of, love, advocacy, gravity,
            love_key::float8, advocacy_key::float8, gravity_key::float8, stage, level, platforms, is_team, converted,
            ever_engaged, ever_advocate, first_seen_at, last_active_at, updated_at, doc
       FROM jsonb_to_recordset($1::jsonb) AS r(brand_id text, member_id text, version bigint, half_life_seconds float8,
            as_of timestamptz, love float8, advocacy float8, gravity float8, love_key text, advocacy_key text, gravity_key text,
            stage text, level smallint, platforms text[], is_team boolean, converted boolean, ever_engaged boolean,
            ever_advocate boolean, first_seen_at timestamptz, last_active_at timestamptz, updated_at timestamptz, doc jsonb)
     ON CONFLICT (brand_id, member_id) DO UPDATE SET
            version = excluded.version, half_life_seconds = excluded.half_life_seconds, as_of = excluded.as_of,
            love = excluded.love, advocacy = excluded.advocacy, gravity = excluded.gravity, love_key = excluded.love_key,
            advocacy_key = excluded.advocacy_key, gravity_key = excluded.gravity_key, stage = excluded.stage,
            level = excluded.level, platforms = excluded.platforms, is_team = excluded.is_team, converted = excluded.converted,
            ever_engaged = excluded.ever_engaged, ever_advocate = excluded.ever_advocate, first_seen_at = excluded.first_seen_at,
            last_active_at = excluded.last_active_at, updated_at = excluded.updated_at, doc = excluded.doc
      WHERE t.version < excluded.version`,
    [JSON.stringify(records)],
  );
}

/** Makes each written member's identities exactly those of its update (a split takes some away). */
export async function replaceIdentities(client: Queryable, updates: readonly RelationshipUpdated[]): Promise<void> {
  if (updates.length === 0) return;
  const records = updates.flatMap((u, i) =>
    u.identities.map((id) => ({ brand_id: u.brandId, member_id: u.memberId, platform: id.platform, platform_id: id.platformId, ord: i })),
  );
  await q(
    client,
    'reporting:replace-identities',
    `WITH input AS (
       SELECT DISTINCT ON (brand_id, platform, platform_id) brand_id, member_id, platform, platform_id
         FROM jsonb_to_recordset($1::jsonb) AS r(brand_id text, member_id text, platform text, platform_id text, ord int)
        ORDER BY brand_id, platform, platform_id, ord DESC
     ), gone AS (
       DELETE FROM identities i
        USING (SELECT DISTINCT brand_id, member_id FROM input) m
        WHERE i.brand_id = m.brand_id AND i.member_id = m.member_id
          AND NOT EXISTS (SELECT 1 FROM input x WHERE x.brand_id = i.brand_id AND x.platform = i.platform AND x.platform_id = i.platform_id)
     )
     INSERT INTO identities (brand_id, platform, platform_id, member_id)
     SELECT brand_id, platform, platform_id, member_id FROM input
     ON CONFLICT (brand_id, platform, platform_id) DO UPDATE SET member_id = excluded.member_id`,
    [JSON.stringify(records)],
  );
}

export async function insertStageHistory(client: Queryable, rows: readonly StageHistoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q(
    client,
    'reporting:insert-stage-history',
    `INSERT INTO stage_history (brand_id, member_id, version, at, stage, level, previous_stage, previous_level, cause)
     SELECT brand_id, member_id, version, at, stage, level, previous_stage, previous_level, cause
       FROM jsonb_to_recordset($1::jsonb) AS r(brand_id text, member_id text, version bigint, at timestamptz, stage text,
            level smallint, previous_stage text, previous_level smallint, cause text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows.map((h) => ({
      brand_id: h.brandId, member_id: h.memberId, version: h.version, at: new Date(h.atMs).toISOString(), stage: h.stage, level: h.level,
      previous_stage: h.previousStage, previous_level: h.previousLevel, cause: h.cause,
    })))],
  );
}

/** The full stage history of members (for removing their contribution to stage counts). */
export async function readStageHistory(client: Queryable, refs: readonly MemberRef[]): Promise<StageHistoryRow[]> {
  if (refs.length === 0) return [];
  const { rows } = await q<{ brand_id: string; member_id: string; version: string; at: Date; stage: StageHistoryRow['stage']; level: number; previous_stage: StageHistoryRow['stage'] | null; previous_level: number | null; cause: string }>(
    client,
    'reporting:read-stage-history',
    `SELECT h.brand_id, h.member_id, h.version, h.at, h.stage, h.level, h.previous_stage, h.previous_level, h.cause
       FROM stage_history h JOIN unnest($1::text[], $2::text[]) AS r(brand_id, member_id)
         ON h.brand_id = r.brand_id AND h.member_id = r.member_id
      ORDER BY h.brand_id, h.member_id, h.version`,
    [refs.map((r) => r.brandId), refs.map((r) => r.memberId)],
  );
  return rows.map((r) => ({
    brandId: r.brand_id, memberId: r.member_id, version: Number(r.version), atMs: r.at.getTime(), stage: r.stage, level: r.level,
    previousStage: r.previous_stage, previousLevel: r.previous_level, cause: r.cause,
  }));
}

export async function insertAlerts(client: Queryable, rows: readonly AlertRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q(
    client,
    'reporting:insert-alerts',
    `INSERT INTO alerts (brand_id, at, member_id, kind, previous_stage)
     SELECT brand_id, at, member_id, kind, previous_stage
       FROM jsonb_to_recordset($1::jsonb) AS r(brand_id text, at timestamptz, member_id text, kind text, previous_stage text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows.map((a) => ({ brand_id: a.brandId, at: new Date(a.atMs).toISOString(), member_id: a.memberId, kind: a.kind, previous_stage: a.previousStage })))],
  );
}

/** Removes members from the community views: absorbed by a merge, or teammates after all. */
export async function forgetMembers(client: Queryable, refs: readonly MemberRef[], options: { absorbed: boolean }): Promise<void> {
  if (refs.length === 0) return;
  const params = [refs.map((r) => r.brandId), refs.map((r) => r.memberId)];
  const match = 'USING unnest($1::text[], $2::text[]) AS r(brand_id, member_id) WHERE t.brand_id = r.brand_id AND t.member_id = r.member_id';
  await q(client, 'reporting:forget-alerts', `DELETE FROM alerts t ${match}`, params);
  if (!options.absorbed) return;
  await q(client, 'reporting:forget-stage-history', `DELETE FROM stage_history t ${match}`, params);
  await q(client, 'reporting:forget-identities', `DELETE FROM identities t ${match}`, params);
  await q(client, 'reporting:forget-relationships', `DELETE FROM relationships t ${match}`, params);
}

/** Absorbed ids resolve to their survivor, including ids that had resolved to an absorbed one. */
export async function recordMerges(client: Queryable, merges: ReadonlyArray<{ brandId: string; survivorId: string; absorbedIds: string[] }>): Promise<void> {
  const records = merges.flatMap((m) => m.absorbedIds.map((a) => ({ brand_id: m.brandId, alias_id: a, member_id: m.survivorId })));
  if (records.length === 0) return;
  const json = JSON.stringify(records);
  await q(
    client,
    'reporting:repoint-aliases',
    `UPDATE member_aliases a SET member_id = r.member_id
       FROM jsonb_to_recordset($1::jsonb) AS r(brand_id text, alias_id text, member_id text)
      WHERE a.brand_id = r.brand_id AND a.member_id = r.alias_id`,
    [json],
  );
  await q(
    client,
    'reporting:insert-aliases',
    `INSERT INTO member_aliases (brand_id, alias_id, member_id)
     SELECT DISTINCT ON (brand_id, alias_id) brand_id, alias_id, member_id
       FROM jsonb_to_recordset($1::jsonb) AS r(brand_id text, alias_id text, member_id text)
     ON CONFLICT (brand_id, alias_id) DO UPDATE SET member_id = excluded.member_id`,
    [json],
  );
}

export async function dropAliases(client: Queryable, refs: readonly MemberRef[]): Promise<void> {
  if (refs.length === 0) return;
  await q(
    client,
    'reporting:drop-aliases',
    'DELETE FROM member_aliases t USING unnest($1::text[], $2::text[]) AS r(brand_id, member_id) WHERE t.brand_id = r.brand_id AND t.alias_id = r.member_id',
    [refs.map((r) => r.brandId), refs.map((r) => r.memberId)],
  );
}
