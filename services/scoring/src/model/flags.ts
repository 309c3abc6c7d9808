import type { IdentityState } from './identity-state';
import type { InteractionType } from './model-event';

/**
 * What an inbound event says about following: `follow` and `join` start it, `unfollow` and `leave`
 * end it (scoring.md: "unfollow, leave … sets following = false"). NOTE: `join` counts as a follow
 * so that leaving and re-joining a community (Discord, Slack) is symmetric; otherwise a member
 * who left once could never be "following" again on such a platform.
 */
export function followEffect(type: InteractionType): boolean | null {
  if (type === 'follow' || type === 'join') return true;
  if (type === 'unfollow' || type === 'leave') return false;
  return null;
}

/** Keeps the latest follow/unfollow of an identity by event time, then by id. */
export function observeFollow(identity: IdentityState, at: number, id: string, following: boolean): void {
  if (identity.followAt === null || at > identity.followAt || (at === identity.followAt && id > identity.followId)) {
    identity.followAt = at;
    identity.followId = id;
    identity.following = following;
  }
}

/** True if any identity's latest follow/unfollow is a follow. */
export function isFollowing(identities: readonly IdentityState[]): boolean {
  return identities.some((identity) => identity.following);
}
