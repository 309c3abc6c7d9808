import type { Platform } from '@rapport/contracts';
import { q, type Queryable } from '@rapport/kit/pg';
import { memberIdFor } from '../identity/member-id';

export interface IdentityRef {
  brandId: string;
  platform: Platform;
  platformId: string;
  emailHash?: string | undefined;
}

/** `${brandId}:${platform}:${platformId}`, the interactions.v1 key of the identity. */
export function identityKey(ref: Pick<IdentityRef, 'brandId' | 'platform' | 'platformId'>): string {
  return `${ref.brandId}:${ref.platform}:${ref.platformId}`;
}

interface Row {
  brand_id: string;
  platform: Platform;
  platform_id: string;
  member_id: string;
}

const columns = (refs: readonly IdentityRef[]) => [refs.map((r) => r.brandId), refs.map((r) => r.platform), refs.map((r) => r.platformId)];

async function lookUp(client: Queryable, refs: readonly IdentityRef[], into: Map<string, string>): Promise<void> {
  if (refs.length === 0) return;
  const { rows } = await q<Row>(
    client,
    'scoring:select-identities',
    `SELECT i.brand_id, i.platform, i.platform_id, i.member_id
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(brand_id, platform, platform_id)
       JOIN identities i USING (brand_id, platform, platform_id)`,
    columns(refs),
  );
  for (const row of rows) into.set(identityKey({ brandId: row.brand_id, platform: row.platform, platformId: row.platform_id }), row.member_id);
}

/**
 * The member of each identity (keyed by `identityKey`), creating the identities seen for the first
 * time, each as a new member with its derived id. Three set-based statements at most, whatever the
 * batch size: look up, insert the missing ones, look up those another transaction inserted first.
 *
 * NOTE: new identities are inserted in key order, so two transactions inserting overlapping
 * identities wait for each other in one order and never deadlock.
 */
export async function resolveMembers(client: Queryable, identities: readonly IdentityRef[]): Promise<Map<string, string>> {
  const unique = new Map<string, IdentityRef>();
  for (const ref of identities) if (!unique.has(identityKey(ref))) unique.set(identityKey(ref), ref);
  const members = new Map<string, string>();
  await lookUp(client, [...unique.values()], members);

  const missing = [...unique.entries()].filter(([key]) => !members.has(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ref]) => ref);
  if (missing.length === 0) return members;
  const { rows } = await q<Row>(
    client,
    'scoring:insert-identities',
    `INSERT INTO identities (brand_id, platform, platform_id, member_id, email_hash)
     SELECT u.brand_id, u.platform, u.platform_id, u.member_id, u.email_hash
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
            AS u(brand_id, platform, platform_id, member_id, email_hash, ord)
      ORDER BY u.ord
     ON CONFLICT DO NOTHING
     RETURNING brand_id, platform, platform_id, member_id`,
    [...columns(missing), missing.map((r) => memberIdFor(r.brandId, r.platform, r.platformId)), missing.map((r) => r.emailHash ?? null)],
  );
  for (const row of rows) members.set(identityKey({ brandId: row.brand_id, platform: row.platform, platformId: row.platform_id }), row.member_id);
  // Inserted meanwhile by another transaction (which has committed: the insert waited for it).
  await lookUp(
    client,
    missing.filter((ref) => !members.has(identityKey(ref))),
    members,
  );
  return members;
}

/** The identities of one member (the admin view). */
export async function memberIdentities(client: Queryable, brandId: string, memberId: string): Promise<{ platform: Platform; platformId: string; createdAt: Date }[]> {
  const { rows } = await q<{ platform: Platform; platform_id: string; created_at: Date }>(
    client,
    'scoring:select-member-identities',
    'SELECT platform, platform_id, created_at FROM identities WHERE brand_id = $1 AND member_id = $2 ORDER BY platform, platform_id',
    [brandId, memberId],
  );
  return rows.map((r) => ({ platform: r.platform, platformId: r.platform_id, createdAt: r.created_at }));
}
