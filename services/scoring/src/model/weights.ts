import type { ModelConfig } from './model-config';
import type { Direction, InteractionType } from './model-event';

/** What the weight of an event depends on. */
export interface WeighedEvent {
  type: InteractionType;
  direction: Direction;
  rating?: number | undefined;
}

/** A review's multiplier: × 1.5 when rated ≥ 4, × 0.5 when rated ≤ 2, else (or unrated) × 1. */
export function reviewMultiplier(rating: number | undefined, config: ModelConfig): number {
  const r = config.reviewRating;
  if (rating === undefined) return 1;
  if (rating >= r.highMinRating) return r.highMultiplier;
  if (rating <= r.lowMaxRating) return r.lowMultiplier;
  return 1;
}

/** The love weight of an event; outbound events (the brand acting) weigh nothing. */
export function loveWeight(event: WeighedEvent, config: ModelConfig): number {
  if (event.direction !== 'inbound') return 0;
  const w = config.weights;
  switch (event.type) {
    case 'review':
      return w.review * reviewMultiplier(event.rating, config);
    case 'reaction':
    case 'follow':
    case 'join':
    case 'comment':
    case 'reply':
    case 'message':
    case 'mention':
    case 'share':
    case 'referral':
    case 'conversion':
      return w[event.type];
    case 'unfollow':
    case 'leave':
    case 'retraction':
      return 0;
  }
}

/** The advocacy weight: mentions, shares, referrals, and reviews rated high. */
export function advocacyWeight(event: WeighedEvent, config: ModelConfig): number {
  if (event.direction !== 'inbound') return 0;
  const a = config.advocacyWeights;
  if (event.type === 'mention' || event.type === 'share' || event.type === 'referral') return a[event.type];
  if (event.type === 'review' && event.rating !== undefined && event.rating >= config.reviewRating.highMinRating) return a.review;
  return 0;
}
