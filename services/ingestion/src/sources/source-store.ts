import { q, type Queryable } from '@rapport/kit/pg';
import type { SourcePlatform, SourceStatus } from './source';

/** A `sources` row as stored: credentials sealed by the secret box. */
export interface SourceRow {
  id: string;
  brand_id: string;
  platform: SourcePlatform;
  name: string;
  status: SourceStatus;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  app_secret_sealed: string | null;
  verify_token_sealed: string | null;
  public_key: string | null;
  brand_account_ids: string[];
  rate_limit_per_second: number | null;
  created_at: Date;
}

const COLUMNS = `id, brand_id, platform, name, status, secret_sealed, previous_secret_sealed,
  previous_secret_expires_at, app_secret_sealed, verify_token_sealed, public_key, brand_account_ids,
  rate_limit_per_second, created_at`;

export interface NewSourceRow {
  id: string;
  brandId: string;
  platform: SourcePlatform;
  name: string;
  secretSealed: string;
  appSecretSealed: string | null;
  verifyTokenSealed: string | null;
  publicKey: string | null;
  brandAccountIds: string[];
  rateLimitPerSecond: number | null;
}

export async function insertSource(db: Queryable, row: NewSourceRow): Promise<SourceRow> {
  const result = await q<SourceRow>(
    db,
    'ingestion:insert-source',
    `INSERT INTO sources (id, brand_id, platform, name, secret_sealed, app_secret_sealed, verify_token_sealed,
       public_key, brand_account_ids, rate_limit_per_second)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING ${COLUMNS}`,
    [
      row.id, row.brandId, row.platform, row.name, row.secretSealed, row.appSecretSealed, row.verifyTokenSealed,
      row.publicKey, row.brandAccountIds, row.rateLimitPerSecond,
    ],
  );
  return result.rows[0]!;
}

export async function findSource(db: Queryable, id: string): Promise<SourceRow | undefined> {
  const result = await q<SourceRow>(db, 'ingestion:find-source', `SELECT ${COLUMNS} FROM sources WHERE id = $1`, [id]);
  return result.rows[0];
}

export async function listSourcesOfBrand(db: Queryable, brandId: string): Promise<SourceRow[]> {
  const result = await q<SourceRow>(
    db,
    'ingestion:list-sources',
    `SELECT ${COLUMNS} FROM sources WHERE brand_id = $1 ORDER BY created_at, id`,
    [brandId],
  );
  return result.rows;
}

/** Disables a source; true when it exists (already disabled counts: DELETE is idempotent). */
export async function disableSource(db: Queryable, id: string): Promise<boolean> {
  const result = await q(
    db,
    'ingestion:disable-source',
    `UPDATE sources SET status = 'disabled', disabled_at = coalesce(disabled_at, now()) WHERE id = $1`,
    [id],
  );
  return (result.rowCount ?? 0) > 0;
}

/**
 * Makes `secretSealed` the current secret and keeps the one it replaces valid until
 * `previousExpiresAt`. Only an active source rotates; false otherwise.
 *
 * NOTE: one previous secret is kept, as Standard Webhooks senders hold at most two: rotating again
 * within 24 hours retires the oldest at once.
 */
export async function rotateSourceSecret(
  db: Queryable,
  id: string,
  secretSealed: string,
  previousExpiresAt: Date,
): Promise<boolean> {
  const result = await q(
    db,
    'ingestion:rotate-source-secret',
    `UPDATE sources
        SET previous_secret_sealed = secret_sealed,
            previous_secret_expires_at = $3,
            secret_sealed = $2
      WHERE id = $1 AND status = 'active'`,
    [id, secretSealed, previousExpiresAt],
  );
  return (result.rowCount ?? 0) > 0;
}
