/**
 * What the model remembers per identity (`platform:platformId`) of a member: the latest follower
 * report (reach) and the latest follow/unfollow (following). Both are "latest by event time"
 * with an explicit tie-break, so the result never depends on the order events were applied in.
 */
export interface IdentityState {
  key: string;
  /** Instant of the latest event that reported a follower count; null while none did. */
  reportAt: number | null;
  followers: number;
  /** Instant and id of the latest follow-like or unfollow-like event; null while none. */
  followAt: number | null;
  followId: string;
  following: boolean;
}

export function identityState(identities: IdentityState[], key: string): IdentityState {
  for (const identity of identities) if (identity.key === key) return identity;
  const created: IdentityState = { key, reportAt: null, followers: 0, followAt: null, followId: '', following: false };
  identities.push(created);
  return created;
}
