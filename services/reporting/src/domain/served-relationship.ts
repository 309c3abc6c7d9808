/**
 * A relationship as served: the stored update (without its cause) with every decaying value
 * decayed from the update's `asOf` to the request's, and `asOf` set to the request time.
 * Stage and level stay as of `evaluatedAt`; reach and sentiment do not decay (a decay-weighted
 * mean is unchanged by a decay that is uniform across its terms).
 */
import type { RelationshipUpdated } from '@rapport/contracts';
import { decayTo, scoreFromGravity } from './decay';

export type StoredRelationship = Omit<RelationshipUpdated, 'cause'>;

export function serveRelationship(stored: StoredRelationship, asOfMs: number): StoredRelationship {
  const storedAsOf = Date.parse(stored.asOf);
  const h = stored.halfLifeSeconds;
  const gravity = decayTo(stored.gravity, storedAsOf, asOfMs, h);
  return {
    ...stored,
    asOf: new Date(asOfMs).toISOString(),
    love: decayTo(stored.love, storedAsOf, asOfMs, h),
    advocacy: decayTo(stored.advocacy, storedAsOf, asOfMs, h),
    gravity,
    score: scoreFromGravity(gravity),
  };
}
