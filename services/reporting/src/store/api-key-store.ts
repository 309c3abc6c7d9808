import { q, type Queryable } from '@rapport/kit/pg';
import type { StoredApiKey } from '../access/api-key-verifier';

export async function insertApiKey(client: Queryable, key: { id: string; name: string; brands: readonly string[]; hash: Buffer }): Promise<void> {
  await q(client, 'reporting:insert-api-key', 'INSERT INTO api_keys (id, name, brands, key_hash) VALUES ($1, $2, $3, $4)', [
    key.id, key.name, key.brands, key.hash,
  ]);
}

/** Revokes an active key; false when there is no such active key. */
export async function revokeApiKey(client: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await q(client, 'reporting:revoke-api-key', 'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  return rowCount === 1;
}

export async function findActiveApiKey(client: Queryable, id: string): Promise<StoredApiKey | null> {
  const { rows } = await q<{ id: string; brands: string[]; key_hash: Buffer }>(
    client,
    'reporting:find-api-key',
    'SELECT id, brands, key_hash FROM api_keys WHERE id = $1 AND revoked_at IS NULL',
    [id],
  );
  const row = rows[0];
  return row === undefined ? null : { id: row.id, brands: row.brands, hash: row.key_hash };
}
