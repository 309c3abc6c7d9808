import type { Stage } from '@rapport/contracts';
import { q, type Queryable } from '@rapport/kit/pg';
import type { ModelConfig, OrbitLevel, RelationshipHistory } from '../model';
import type { MemberProfile } from '../relationships/member-profile';
import { decodeHistory, encodeHistory } from './history-codec';
import { keyOf, type RelationshipKey, type StoredRelationship } from '../relationships/stored-relationship';

interface Row {
  brand_id: string;
  member_id: string;
  version: string;
  state: unknown;
  profile: MemberProfile;
  stage: Stage;
  level: number;
  event_count: number;
}

/** The brand's model, which the stored state is decoded with (see history-codec.ts). */
export type ConfigFor = (brandId: string) => ModelConfig;

function toStored(row: Row, configFor: ConfigFor): StoredRelationship {
  return {
    brandId: row.brand_id,
    memberId: row.member_id,
    version: Number(row.version),
    history: decodeHistory(row.state, configFor(row.brand_id)),
    profile: row.profile,
    stage: row.stage,
    level: row.level as OrbitLevel,
    eventCount: row.event_count,
  };
}

const SELECT_COLUMNS = 'r.brand_id, r.member_id, r.version, r.state, r.profile, r.stage, r.level, r.event_count';

function compareKeys(a: { brandId: string; memberId: string }, b: { brandId: string; memberId: string }): number {
  if (a.brandId !== b.brandId) return a.brandId < b.brandId ? -1 : 1;
  return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}

/**
 * Locks the existing relationships among `keys` (FOR UPDATE) and returns them; a key absent from
 * the result has no relationship yet.
 *
 * NOTE: this lock is what serializes one member's updates across partitions and instances. Rows
 * are locked in key order (the sort runs below the lock), so two batches sharing members wait for
 * each other in one order and never deadlock.
 */
export async function lockRelationships(
  client: Queryable,
  keys: readonly { brandId: string; memberId: string }[],
  configFor: ConfigFor,
): Promise<Map<RelationshipKey, StoredRelationship>> {
  const found = new Map<RelationshipKey, StoredRelationship>();
  if (keys.length === 0) return found;
  const sorted = [...keys].sort(compareKeys);
  const { rows } = await q<Row>(
    client,
    'scoring:lock-relationships',
    `SELECT ${SELECT_COLUMNS}
       FROM relationships r
      WHERE (r.brand_id, r.member_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
      ORDER BY r.brand_id, r.member_id
        FOR UPDATE`,
    [sorted.map((k) => k.brandId), sorted.map((k) => k.memberId)],
  );
  for (const row of rows) found.set(keyOf(row.brand_id, row.member_id), toStored(row, configFor));
  return found;
}

/**
 * Claims up to `limit` relationships whose next change is due, skipping those another transaction
 * holds (a consumer batch, another replica's sweep): replicas share the work, none waits.
 */
export async function claimDueRelationships(client: Queryable, dueBy: Date, limit: number, configFor: ConfigFor): Promise<StoredRelationship[]> {
  const { rows } = await q<Row>(
    client,
    'scoring:claim-due-relationships',
    `SELECT ${SELECT_COLUMNS}
       FROM relationships r
      WHERE r.next_change_at <= $1
      ORDER BY r.next_change_at
      LIMIT $2
        FOR UPDATE SKIP LOCKED`,
    [dueBy, limit],
  );
  return rows.map((row) => toStored(row, configFor));
}

/** A relationship's row after a change. */
export interface RelationshipWrite {
  brandId: string;
  memberId: string;
  version: number;
  modelVersion: number;
  history: RelationshipHistory;
  profile: MemberProfile;
  stage: Stage;
  level: OrbitLevel;
  love: number;
  score: number;
  asOf: number;
  evaluatedAt: number;
  nextChangeAt: number | null;
  eventCount: number;
}

/**
 * The rows as one JSON array, read by `json_to_recordset`. NOTE: not `unnest` of parameter arrays
 * here: pg escapes every element of a text array (each quote of a JSON state doubled with a
 * backslash), the costliest step of a batch's writes; one JSON document goes over as it is, with the
 * pre-serialized state and profile spliced in.
 */
function rowsJson(rows: readonly RelationshipWrite[]): string {
  const iso = (ms: number) => `"${new Date(ms).toISOString()}"`;
  const parts = rows.map(
    (r) =>
      `{"brand_id":${JSON.stringify(r.brandId)},"member_id":${JSON.stringify(r.memberId)},"version":${r.version},"model_version":${r.modelVersion},` +
      `"state":${encodeHistory(r.history)},"profile":${JSON.stringify(r.profile)},"stage":"${r.stage}","level":${r.level},` +
      `"love":${JSON.stringify(r.love)},"score":${JSON.stringify(r.score)},"as_of":${iso(r.asOf)},"evaluated_at":${iso(r.evaluatedAt)},` +
      `"next_change_at":${r.nextChangeAt === null ? 'null' : iso(r.nextChangeAt)},"event_count":${r.eventCount}}`,
  );
  return `[${parts.join(',')}]`;
}

const ROWS = `json_to_recordset($1::json) AS u(brand_id text, member_id text, version bigint, model_version int, state jsonb, profile jsonb,
         stage text, level smallint, love float8, score float8, as_of timestamptz, evaluated_at timestamptz, next_change_at timestamptz, event_count int)`;

/** Inserts new relationships: one statement. A key another transaction created first fails the batch (retried). */
export async function insertRelationships(client: Queryable, rows: readonly RelationshipWrite[]): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort(compareKeys);
  await q(
    client,
    'scoring:insert-relationships',
    `INSERT INTO relationships (brand_id, member_id, version, model_version, state, profile, stage, level, love, score, as_of, evaluated_at, next_change_at, event_count)
     SELECT u.brand_id, u.member_id, u.version, u.model_version, u.state, u.profile, u.stage, u.level, u.love, u.score, u.as_of, u.evaluated_at, u.next_change_at, u.event_count
       FROM ${ROWS}`,
    [rowsJson(sorted)],
  );
}

/** Writes back relationships locked by this transaction: one statement. */
export async function updateRelationships(client: Queryable, rows: readonly RelationshipWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await q(
    client,
    'scoring:update-relationships',
    `UPDATE relationships r
        SET version = u.version, model_version = u.model_version, state = u.state, profile = u.profile,
            stage = u.stage, level = u.level, love = u.love, score = u.score, as_of = u.as_of,
            evaluated_at = u.evaluated_at, next_change_at = u.next_change_at, event_count = u.event_count,
            updated_at = now()
       FROM ${ROWS}
      WHERE r.brand_id = u.brand_id AND r.member_id = u.member_id`,
    [rowsJson(rows)],
  );
}

/** Moves the sweep's due time of relationships whose evaluation changed nothing published. */
export async function rescheduleRelationships(client: Queryable, rows: readonly { brandId: string; memberId: string; nextChangeAt: number | null }[]): Promise<void> {
  if (rows.length === 0) return;
  await q(
    client,
    'scoring:reschedule-relationships',
    `UPDATE relationships r SET next_change_at = u.next_change_at
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(brand_id, member_id, next_change_at)
      WHERE r.brand_id = u.brand_id AND r.member_id = u.member_id`,
    [rows.map((r) => r.brandId), rows.map((r) => r.memberId), rows.map((r) => (r.nextChangeAt === null ? null : new Date(r.nextChangeAt).toISOString()))],
  );
}

/** One relationship's row for the admin view (no lock). */
export async function readRelationship(client: Queryable, brandId: string, memberId: string): Promise<Record<string, unknown> | null> {
  const { rows } = await q(
    client,
    'scoring:select-relationship',
    `SELECT brand_id, member_id, version, model_version, state, profile, stage, level, love, score, as_of, evaluated_at,
            next_change_at, event_count, created_at, updated_at
       FROM relationships WHERE brand_id = $1 AND member_id = $2`,
    [brandId, memberId],
  );
  return rows[0] ?? null;
}

/** A re-evaluation published by the sweep: new values and version, the model state unchanged. */
export interface EvaluationWrite {
  brandId: string;
  memberId: string;
  version: number;
  stage: Stage;
  level: OrbitLevel;
  love: number;
  score: number;
  asOf: number;
  nextChangeAt: number | null;
}

export async function updateEvaluations(client: Queryable, rows: readonly EvaluationWrite[]): Promise<void> {
  if (rows.length === 0) return;
  const iso = (ms: number) => new Date(ms).toISOString();
  await q(
    client,
    'scoring:update-evaluations',
    `UPDATE relationships r
        SET version = u.version, stage = u.stage, level = u.level, love = u.love, score = u.score,
            as_of = u.as_of, evaluated_at = u.as_of, next_change_at = u.next_change_at, updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::smallint[], $6::float8[], $7::float8[], $8::timestamptz[], $9::timestamptz[])
            AS u(brand_id, member_id, version, stage, level, love, score, as_of, next_change_at)
      WHERE r.brand_id = u.brand_id AND r.member_id = u.member_id`,
    [
      rows.map((r) => r.brandId),
      rows.map((r) => r.memberId),
      rows.map((r) => r.version),
      rows.map((r) => r.stage),
      rows.map((r) => r.level),
      rows.map((r) => r.love),
      rows.map((r) => r.score),
      rows.map((r) => iso(r.asOf)),
      rows.map((r) => (r.nextChangeAt === null ? null : iso(r.nextChangeAt))),
    ],
  );
}
