import * as z from 'zod';
import { BrandId, EventId, MemberId, PlatformId, SourceId } from './identifiers';
import { Direction, InteractionType, Platform } from './interaction';
import { boundedText } from './text';
import { Timestamp } from './timestamp';

/** Lifecycle stage (`spec/scoring.md`). */
export const Stage = z.enum(['new', 'casual', 'engaged', 'advocate', 'at_risk', 'lapsed']);
export type Stage = z.infer<typeof Stage>;

/** Orbit level: 1 is the inner orbit. */
export const Level = z.int().min(1).max(4);
export type Level = z.infer<typeof Level>;

const NonNegative = z.number().min(0);
const Sentiment = z.number().min(-1).max(1);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code (3 upper-case letters)');
const Count = z.int().min(0);

export const Identity = z.object({
  platform: Platform,
  platformId: PlatformId,
  handle: boundedText(200).optional(),
});
export type Identity = z.infer<typeof Identity>;

export const Reciprocity = z.object({
  awaiting: Count,
  answered: Count,
  /** answered / (answered + awaiting); null when both are 0. */
  responseRate: z.number().min(0).max(1).nullable(),
  medianResponseSeconds: NonNegative.nullable(),
});
export type Reciprocity = z.infer<typeof Reciprocity>;

/** Inbound events by type; an absent type counts 0. */
export const InboundCounts = z.object(
  Object.fromEntries(InteractionType.options.map((t) => [t, Count.optional()])) as Record<InteractionType, z.ZodOptional<typeof Count>>,
);
export type InboundCounts = z.infer<typeof InboundCounts>;

/** One event applied by an `interaction` update, with what scoring derived from it. */
export const AppliedInteraction = z.object({
  id: EventId,
  // NOTE: not in the spec's list; with `id` it is the dedupe key (two sources may reuse an id).
  sourceId: SourceId.optional(),
  type: InteractionType,
  direction: Direction,
  platform: Platform,
  occurredAt: Timestamp,
  weight: NonNegative,
  sentiment: Sentiment.nullable(),
  /** For an outbound answer: the inbound event id it answers… */
  answers: EventId.optional(),
  /** …and the seconds it took (never negative). */
  responseSeconds: NonNegative.optional(),
  /** For a conversion. */
  value: z.number().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  currency: Currency.optional(),
  stageBefore: Stage.optional(),
  /** For a retraction: the event id it withdraws. */
  retracts: EventId.optional(),
});
export type AppliedInteraction = z.infer<typeof AppliedInteraction>;

export const RelationshipCause = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('interaction'), interactions: z.array(AppliedInteraction).min(1) }),
  z.object({ kind: z.literal('sweep') }),
  // The absorbed ids now resolve to this (surviving) member.
  z.object({ kind: z.literal('merge'), absorbedMemberIds: z.array(MemberId).min(1) }),
  // This member was split off `fromMemberId` (or `fromMemberId` lost the split-off identities).
  z.object({ kind: z.literal('split'), fromMemberId: MemberId.optional() }),
  z.object({ kind: z.literal('rescore'), rescoreId: boundedText(200, 1).optional() }),
  z.object({ kind: z.literal('erasure'), erasureId: boundedText(200, 1).optional() }),
]);
export type RelationshipCause = z.infer<typeof RelationshipCause>;
export type RelationshipCauseKind = RelationshipCause['kind'];

/**
 * The state of one relationship after a change (`relationships.v1`). Decaying values (`love`,
 * `advocacy`, `gravity`, `score`) are as of `asOf`; stage and level as of `evaluatedAt`.
 * Readers apply an update only if its `version` is higher than the one they hold.
 */
export const RelationshipUpdated = z
  .object({
    brandId: BrandId,
    memberId: MemberId,
    version: z.int().min(1),
    modelVersion: z.int().min(1),
    halfLifeSeconds: z.int().min(1),
    asOf: Timestamp,
    evaluatedAt: Timestamp,
    identities: z.array(Identity).min(1),
    displayName: boundedText(200).optional(),
    love: NonNegative,
    reach: NonNegative,
    gravity: NonNegative,
    advocacy: NonNegative,
    sentiment: Sentiment.nullable(),
    score: z.number().min(0).max(100),
    level: Level,
    stage: Stage,
    following: z.boolean(),
    converted: z.boolean(),
    isTeam: z.boolean(),
    reciprocity: Reciprocity,
    counts: InboundCounts,
    firstSeenAt: Timestamp,
    /** Latest inbound activity; null while there is none. */
    lastActiveAt: Timestamp.nullable(),
    previousStage: Stage.optional(),
    previousLevel: Level.optional(),
    cause: RelationshipCause,
  })
  .meta({ id: 'RelationshipUpdated', title: 'RelationshipUpdated', description: 'The state of one relationship after a change (relationships.v1).' });
export type RelationshipUpdated = z.infer<typeof RelationshipUpdated>;
