import type {
  Content,
  Conversion,
  Direction,
  InteractionEvent,
  InteractionType,
  Member,
  Platform,
  Stage,
} from '@rapport/contracts';

export type { Direction, InteractionType, Platform, Stage };

/** Orbit level, 1 the inner orbit; a narrowing of the contract's `Level`. */
export type OrbitLevel = 1 | 2 | 3 | 4;

/**
 * The part of an `InteractionEvent` the model reads. Every `InteractionEvent` is one (checked
 * below), so the consumer passes contract events straight in; tests build only these fields.
 */
export interface ModelEvent {
  id: string;
  sourceId?: string | undefined;
  platform: Platform;
  type: InteractionType;
  direction: Direction;
  /** RFC 3339; taken to the millisecond, like `Date.parse`. */
  occurredAt: string;
  member: Pick<Member, 'platformId' | 'followers' | 'isTeam'>;
  content?: Pick<Content, 'text' | 'parentId' | 'rating'> | undefined;
  conversion?: Pick<Conversion, 'value' | 'currency'> | undefined;
}

// Compile-time proof that contract events fit the model's input.
const _contractEventsAreModelEvents = (event: InteractionEvent): ModelEvent => event;
void _contractEventsAreModelEvents;

/** Inbound activity: any inbound event except `unfollow`, `leave` and `retraction` (scoring.md). */
export function isActivity(type: InteractionType): boolean {
  return type !== 'unfollow' && type !== 'leave' && type !== 'retraction';
}

/** Inbound types that await an answer from the brand. */
export function awaitsAnswer(type: InteractionType): boolean {
  return type === 'comment' || type === 'reply' || type === 'mention' || type === 'message' || type === 'review';
}

/** Outbound types that can answer an inbound one. */
export function canAnswer(type: InteractionType): boolean {
  return type === 'comment' || type === 'reply' || type === 'message';
}
