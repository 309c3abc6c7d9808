import type { IdentityState } from './identity-state';

/** Keeps the latest report by event time; at the same instant the larger count wins. */
export function observeFollowers(identity: IdentityState, at: number, followers: number): void {
  if (identity.reportAt === null || at > identity.reportAt || (at === identity.reportAt && followers > identity.followers)) {
    identity.reportAt = at;
    identity.followers = followers;
  }
}

/** The member's follower count: the largest of its identities' latest reports; null if none. */
export function memberFollowers(identities: readonly IdentityState[]): number | null {
  let best: number | null = null;
  for (const identity of identities) {
    if (identity.reportAt !== null && (best === null || identity.followers > best)) best = identity.followers;
  }
  return best;
}

/** reach = log10(1 + followers); 0 when no follower count was ever reported. */
export function reachOf(followers: number | null): number {
  return followers === null ? 0 : Math.log10(1 + followers);
}
