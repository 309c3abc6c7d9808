import type { Platform } from '@rapport/contracts';
import { displayName, emailAddress, handleFor, personName, platformIdFor } from './member-identities';
import { deriveSeed, SeededRandom } from './seeded-random';

// The static side of a simulated community: brands and their members, with the traits that shape
// their traffic (how active, how quickly they drift away, their mood, their reach, their
// identities). Pure and seeded: the same options always give the same community.

export const SOCIAL_PLATFORMS = ['instagram', 'x', 'facebook', 'youtube', 'discord', 'reddit'] as const satisfies readonly Platform[];
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];

/** Platforms where arriving is a `join` rather than a `follow`. */
export const JOIN_PLATFORMS: ReadonlySet<Platform> = new Set(['discord', 'reddit', 'slack', 'discourse']);

export interface IdentityProfile {
  platform: Platform;
  platformId: string;
  handle: string;
  displayName: string;
  /** Absent where a platform has no audience (the shop). */
  followers?: number;
  /** Raw address, sent as `member.email`; ingestion hashes it, and scoring merges by the hash. */
  email?: string;
  isTeam?: boolean;
}

export interface MemberProfile {
  brandId: string;
  /** 1-based, unique within the brand. */
  serial: number;
  name: string;
  /** The primary identity first. A second one shares the primary's email (same person). */
  identities: IdentityProfile[];
  /** Relative activity rate: Pareto-distributed, so a few members do most of the talking. */
  activity: number;
  /** Activity halves every this many days (drift into silence); null for members who stay. */
  silenceHalfLifeDays: number | null;
  /** In [-1, 1]: how positive the member's words are. */
  mood: number;
  /** Multiplier on the chance that an action is a purchase. */
  buyer: number;
  isTeam: boolean;
}

export interface BrandProfile {
  id: string;
  /** How fans mention the brand in text. */
  handle: string;
  currency: string;
  platforms: SocialPlatform[];
  /** Share of the comments, mentions, messages and reviews the brand answers. */
  answerRate: number;
  medianAnswerMinutes: number;
  members: MemberProfile[];
}

export interface Community {
  seed: number;
  brands: BrandProfile[];
}

export interface CommunityOptions {
  seed: number;
  brandIds: readonly string[];
  membersPerBrand: number;
}

/** Tail index of activity (Pareto): the top 1% of members produce about a third of the events. */
export const ACTIVITY_ALPHA = 1.15;
const MAX_ACTIVITY = 5_000;
/** Followers are log-normal: median 150, σ 1.8 (mean ≈ 5 × median; the top 1% hold ≈ 30%). */
export const FOLLOWERS_MEDIAN = 150;
export const FOLLOWERS_SIGMA = 1.8;
const EMAIL_SHARE = 0.3;
const SECOND_IDENTITY_SHARE = 0.7;
const DRIFTING_SHARE = 0.4;
const CURRENCIES = ['EUR', 'USD', 'GBP'];

export function buildCommunity(options: CommunityOptions): Community {
  if (!Number.isInteger(options.membersPerBrand) || options.membersPerBrand < 1) {
    throw new RangeError('membersPerBrand must be a positive integer');
  }
  // Each brand draws from its own stream: adding a brand leaves the others unchanged.
  const brands = options.brandIds.map((id) => buildBrand(new SeededRandom(deriveSeed(options.seed, `brand:${id}`)), id, options.membersPerBrand));
  return { seed: options.seed, brands };
}

function buildBrand(random: SeededRandom, id: string, memberCount: number): BrandProfile {
  const platforms = SOCIAL_PLATFORMS.filter((_, i) => i === 0 || random.chance(0.5));
  const teamSize = Math.min(5, Math.max(1, Math.round(memberCount * 0.01)));
  const brand: BrandProfile = {
    id,
    handle: `@${id.replace(/[^A-Za-z0-9_]/g, '')}`,
    currency: random.pick(CURRENCIES),
    platforms,
    answerRate: random.uniform(0.35, 0.75),
    medianAnswerMinutes: random.uniform(20, 240),
    members: [],
  };
  for (let serial = 1; serial <= memberCount; serial++) {
    brand.members.push(buildMember(random, brand, serial, serial <= teamSize && memberCount > 1));
  }
  return brand;
}

function buildMember(random: SeededRandom, brand: BrandProfile, serial: number, isTeam: boolean): MemberProfile {
  const name = personName(random);
  const shown = displayName(name);
  // Most members live on the brand's first platforms; later ones are niches.
  const primaryPlatform = brand.platforms[Math.min(brand.platforms.length - 1, Math.floor(random.exponential() * 0.8))]!;
  const identity = (platform: Platform): IdentityProfile => ({
    platform,
    platformId: platformIdFor(random, platform, serial),
    handle: handleFor(platform, name, serial),
    displayName: shown,
    ...(platform === 'store' ? {} : { followers: Math.round(random.logNormal(FOLLOWERS_MEDIAN, FOLLOWERS_SIGMA)) }),
    ...(isTeam ? { isTeam: true } : {}),
  });

  const identities = [identity(primaryPlatform)];
  if (!isTeam && random.chance(EMAIL_SHARE)) {
    const email = emailAddress(name, serial);
    identities[0]!.email = email;
    if (random.chance(SECOND_IDENTITY_SHARE)) {
      const others = brand.platforms.filter((p) => p !== primaryPlatform);
      const second: Platform = others.length === 0 || random.chance(0.5) ? 'store' : random.pick(others);
      identities.push({ ...identity(second), email });
    }
  }

  return {
    brandId: brand.id,
    serial,
    name: shown,
    identities,
    activity: isTeam ? random.uniform(5, 20) : Math.min(MAX_ACTIVITY, random.pareto(1, ACTIVITY_ALPHA)),
    silenceHalfLifeDays: !isTeam && random.chance(DRIFTING_SHARE) ? random.uniform(10, 60) : null,
    mood: isTeam ? 0.8 : Math.max(-1, Math.min(1, random.normal() * 0.45 + 0.15)),
    buyer: isTeam ? 0 : random.logNormal(1, 0.7),
    isTeam,
  };
}
