import type { BrandId, MemberId, PlatformId } from './identifiers';
import type { Platform } from './interaction';

/** Versioned topic names. A breaking change is a new version (`.v2`), never an edit. */
export const TOPICS = {
  interactions: 'interactions.v1',
  relationships: 'relationships.v1',
  models: 'models.v1',
  erasures: 'erasures.v1',
  erasureReceipts: 'erasure-receipts.v1',
} as const;
export type TopicName = keyof typeof TOPICS;
export type Topic = (typeof TOPICS)[TopicName];

/** The dead-letter topic of a consumed topic: `interactions.v1` → `interactions.v1.dlq`. */
export function dlqTopic<T extends string>(topic: T): `${T}.dlq` {
  return `${topic}.dlq`;
}

// Message keys. Only the last segment may be free text (brand ids, member ids and platforms
// cannot contain ':'), so a key splits unambiguously at its first separators.

/** `interactions.v1`: `${brandId}:${platform}:${member.platformId}`. */
export function interactionKey(e: { brandId: BrandId; platform: Platform; member: { platformId: PlatformId } }): string {
  return `${e.brandId}:${e.platform}:${e.member.platformId}`;
}

/** `relationships.v1`: `${brandId}:${memberId}`. */
export function relationshipKey(r: { brandId: BrandId; memberId: MemberId }): string {
  return `${r.brandId}:${r.memberId}`;
}

/** `models.v1`: `${brandId}`. */
export function modelKey(m: { brandId: BrandId }): string {
  return m.brandId;
}

/** `erasures.v1`: `${brandId}:${platform}:${platformId}`. */
export function erasureKey(e: { brandId: BrandId; platform: Platform; platformId: PlatformId }): string {
  return `${e.brandId}:${e.platform}:${e.platformId}`;
}

/** `erasure-receipts.v1`: the erasure id. */
export function erasureReceiptKey(r: { erasureId: string }): string {
  return r.erasureId;
}
