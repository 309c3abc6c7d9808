import type { InteractionEventInput, InteractionType, MemberInput } from '@rapport/contracts';
import { JOIN_PLATFORMS, type BrandProfile, type IdentityProfile, type MemberProfile } from './community-model';
import { memberText, pickTone, ratingFor, type Tone } from './member-texts';
import type { SeededRandom } from './seeded-random';

// What a member does when they act, as canonical sender events. The mix follows what platforms
// see: reactions far ahead of comments, then shares and mentions, then the rare reviews,
// referrals and purchases.

export type ActionKind = 'reaction' | 'comment' | 'reply' | 'share' | 'mention' | 'message' | 'review' | 'referral' | 'conversion' | 'unfollow';

export const MEMBER_ACTION_WEIGHTS: Readonly<Record<ActionKind, number>> = {
  reaction: 70,
  comment: 13,
  reply: 3,
  share: 4,
  mention: 4,
  message: 2.5,
  review: 1,
  referral: 0.7,
  conversion: 1,
  unfollow: 0.4,
};

const TEAM_ACTION_WEIGHTS: Readonly<Partial<Record<ActionKind, number>>> = { reaction: 40, comment: 30, reply: 20, share: 10 };

/** Inbound types the brand may answer (they await an answer in the model). */
export const AWAITING_TYPES: ReadonlySet<InteractionType> = new Set(['comment', 'reply', 'mention', 'message', 'review']);

/** A brand posts every 8 hours; members react to and comment on its recent posts. */
const POST_EVERY_MS = 8 * 3_600_000;

export function pickAction(random: SeededRandom, member: MemberProfile): ActionKind {
  if (member.isTeam) return random.weighted(TEAM_ACTION_WEIGHTS as Record<ActionKind, number>);
  // Buyers convert more often: scale the conversion weight by the member's propensity.
  return random.weighted({ ...MEMBER_ACTION_WEIGHTS, conversion: MEMBER_ACTION_WEIGHTS.conversion * member.buyer });
}

/** The identity an action happens on: purchases and reviews in the shop when the member has one. */
export function identityFor(random: SeededRandom, member: MemberProfile, kind: ActionKind | 'arrival'): IdentityProfile {
  const [primary, second] = member.identities as [IdentityProfile, IdentityProfile | undefined];
  if (second === undefined) return primary;
  if (second.platform === 'store') return kind === 'conversion' || kind === 'review' ? second : primary;
  return kind !== 'arrival' && random.chance(0.25) ? second : primary;
}

export function memberInput(identity: IdentityProfile): MemberInput {
  return {
    platformId: identity.platformId,
    handle: identity.handle,
    displayName: identity.displayName,
    ...(identity.followers === undefined ? {} : { followers: identity.followers }),
    ...(identity.email === undefined ? {} : { email: identity.email }),
    ...(identity.isTeam ? { isTeam: true } : {}),
  };
}

export const isoTime = (ms: number) => new Date(Math.round(ms)).toISOString();

/** `follow` (or `join` on community platforms), and their removals. */
export function followEvent(id: string, identity: IdentityProfile, atMs: number, follows: boolean): InteractionEventInput {
  const joining = JOIN_PLATFORMS.has(identity.platform);
  const type: InteractionType = follows ? (joining ? 'join' : 'follow') : joining ? 'leave' : 'unfollow';
  return { id, platform: identity.platform, type, direction: 'inbound', occurredAt: isoTime(atMs), member: memberInput(identity) };
}

export interface ActionInput {
  id: string;
  kind: Exclude<ActionKind, 'unfollow'>;
  brand: BrandProfile;
  member: MemberProfile;
  identity: IdentityProfile;
  atMs: number;
  /** For a purchase: a unique order number. */
  orderId: string;
  /** For a referral: the friend brought in. */
  referredPlatformId: string;
  /** For a reply: the interaction answered, when the member answers in a conversation. */
  parentId?: string;
}

export interface BuiltAction {
  event: InteractionEventInput;
  tone: Tone | undefined;
  threadId: string | undefined;
}

export function actionEvent(random: SeededRandom, input: ActionInput): BuiltAction {
  const { kind, brand, member, identity, atMs } = input;
  const post = Math.max(0, Math.floor(atMs / POST_EVERY_MS) - Math.floor(random.exponential()));
  const threadId = `post-${brand.id}-${post}`;
  const postUrl = `https://example.com/${encodeURIComponent(brand.id)}/posts/${post}`;
  const base = { id: input.id, platform: identity.platform, direction: 'inbound' as const, occurredAt: isoTime(atMs), member: memberInput(identity) };
  const tone = kind === 'reaction' || kind === 'referral' || kind === 'conversion' ? undefined : pickTone(random, member.mood);

  switch (kind) {
    case 'reaction':
      return { event: { ...base, type: 'reaction', content: { threadId }, attributes: { reaction: random.pick(['like', 'love', 'haha', 'wow']) } }, tone, threadId };
    case 'comment':
      return { event: { ...base, type: 'comment', content: { text: memberText(random, 'comment', tone!, brand.handle), threadId } }, tone, threadId };
    case 'reply': {
      const text = memberText(random, 'comment', tone!, brand.handle);
      const content = input.parentId === undefined ? { text, threadId } : { text, threadId, parentId: input.parentId };
      return { event: { ...base, type: 'reply', content }, tone, threadId };
    }
    case 'share':
      return { event: { ...base, type: 'share', content: { text: memberText(random, 'share', tone!, brand.handle), url: postUrl, threadId } }, tone, threadId };
    case 'mention':
      return { event: { ...base, type: 'mention', content: { text: memberText(random, 'mention', tone!, brand.handle) } }, tone, threadId: undefined };
    case 'message':
      return { event: { ...base, type: 'message', content: { text: memberText(random, 'message', tone!, brand.handle) } }, tone, threadId: undefined };
    case 'review':
      return {
        event: { ...base, type: 'review', content: { text: memberText(random, 'review', tone!, brand.handle), rating: ratingFor(random, tone!) } },
        tone,
        threadId: undefined,
      };
    case 'referral':
      return { event: { ...base, type: 'referral', referral: { referredPlatformId: input.referredPlatformId } }, tone, threadId: undefined };
    case 'conversion': {
      const value = Math.round(random.logNormal(45, 0.8) * 100) / 100;
      return {
        event: { ...base, type: 'conversion', conversion: { value, currency: brand.currency, orderId: input.orderId }, attributes: { items: random.int(1, 4) } },
        tone,
        threadId: undefined,
      };
    }
  }
}
