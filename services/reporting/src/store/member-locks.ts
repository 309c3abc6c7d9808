import { q, type Queryable } from '@rapport/kit/pg';

/**
 * Serializes the projection of the same members across consumers (a rebalance can briefly hand
 * a partition to two of them; a merge touches members of other partitions). Transaction-scoped
 * advisory locks, taken in sorted order so that two batches cannot wait on each other.
 */
export async function lockMembers(client: Queryable, memberKeys: Iterable<string>): Promise<void> {
  const sorted = [...new Set(memberKeys)].sort();
  if (sorted.length === 0) return;
  await q(
    client,
    'reporting:lock-members',
    'SELECT count(pg_advisory_xact_lock(hashtextextended(k, 5))) FROM unnest($1::text[]) WITH ORDINALITY AS t(k, i)',
    [sorted],
  );
}
