import type { Identity, InteractionEvent, Platform } from '@rapport/contracts';

/** The time and id of the event a profile field was taken from: the latest one wins. */
interface Observed {
  at: number;
  id: string;
}

export interface ProfileIdentity {
  platform: Platform;
  platformId: string;
  handle?: string;
  handleFrom?: Observed;
}

/**
 * Who the member is, as the events said: each identity with its latest handle, and the latest
 * display name. Stored with the relationship (`relationships.profile`) and published with every
 * update. "Latest" is by event time, then event id, so the profile depends on the set of events,
 * never on their arrival order — like the model's values.
 */
export interface MemberProfile {
  identities: ProfileIdentity[];
  displayName?: string;
  displayNameFrom?: Observed;
}

export function emptyProfile(): MemberProfile {
  return { identities: [] };
}

function isLater(candidate: Observed, current: Observed | undefined): boolean {
  if (current === undefined) return true;
  if (candidate.at !== current.at) return candidate.at > current.at;
  return candidate.id > current.id;
}

/** Takes in what one event says about its member; `at` is its occurredAt in epoch ms. */
export function observeProfile(profile: MemberProfile, event: Pick<InteractionEvent, 'id' | 'platform' | 'member'>, at: number): void {
  const { platform, member } = event;
  let identity = profile.identities.find((i) => i.platform === platform && i.platformId === member.platformId);
  if (identity === undefined) {
    identity = { platform, platformId: member.platformId };
    profile.identities.push(identity);
    // Stable order for readers and for comparisons between runs.
    profile.identities.sort((a, b) => (a.platform === b.platform ? compare(a.platformId, b.platformId) : compare(a.platform, b.platform)));
  }
  const from = { at, id: event.id };
  if (member.handle !== undefined && isLater(from, identity.handleFrom)) {
    identity.handle = member.handle;
    identity.handleFrom = from;
  }
  if (member.displayName !== undefined && isLater(from, profile.displayNameFrom)) {
    profile.displayName = member.displayName;
    profile.displayNameFrom = from;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The profile as `RelationshipUpdated` carries it. */
export function publishedIdentities(profile: MemberProfile): Identity[] {
  return profile.identities.map((i) => (i.handle === undefined ? { platform: i.platform, platformId: i.platformId } : { platform: i.platform, platformId: i.platformId, handle: i.handle }));
}
