import { CE_SOURCES, CE_TYPES, relationshipKey, toKafkaHeaders } from '@rapport/contracts';
import type { InboundCounts, RelationshipCause, RelationshipUpdated, Stage } from '@rapport/contracts';
import type { OutboxMessage } from '@rapport/kit/outbox';
import { halfLifeSeconds, type ModelConfig, type OrbitLevel, type RelationshipState } from '../model';
import { publishedIdentities, type MemberProfile } from './member-profile';

export interface UpdateInput {
  brandId: string;
  memberId: string;
  version: number;
  config: ModelConfig;
  values: RelationshipState;
  profile: MemberProfile;
  /** Stage and level last published; null for a relationship's first update. */
  previous: { stage: Stage; level: OrbitLevel } | null;
  cause: RelationshipCause;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The `relationships.v1` payload for one change. */
export function relationshipUpdated({ brandId, memberId, version, config, values, profile, previous, cause }: UpdateInput): RelationshipUpdated {
  const counts: InboundCounts = {};
  // An absent type counts 0: only what happened travels.
  for (const [type, count] of Object.entries(values.counts) as [keyof InboundCounts, number][]) if (count > 0) counts[type] = count;
  const update: RelationshipUpdated = {
    brandId,
    memberId,
    version,
    modelVersion: config.version,
    halfLifeSeconds: halfLifeSeconds(config),
    asOf: iso(values.asOf),
    // Stage and level are evaluated at the same instant as the decaying values.
    evaluatedAt: iso(values.asOf),
    identities: publishedIdentities(profile),
    love: values.love,
    reach: values.reach,
    gravity: values.gravity,
    advocacy: values.advocacy,
    sentiment: values.sentiment,
    score: values.score,
    level: values.level,
    stage: values.stage,
    following: values.following,
    converted: values.converted,
    isTeam: values.isTeam,
    reciprocity: values.reciprocity,
    counts,
    // NOTE: null only when every event is withdrawn and none is a retraction, which a
    // relationship never reaches (a withdrawn event's retraction is itself in the set).
    firstSeenAt: iso(values.firstSeenAt ?? values.asOf),
    lastActiveAt: values.lastActiveAt === null ? null : iso(values.lastActiveAt),
    cause,
  };
  if (profile.displayName !== undefined) update.displayName = profile.displayName;
  if (previous !== null && previous.stage !== values.stage) update.previousStage = previous.stage;
  if (previous !== null && previous.level !== values.level) update.previousLevel = previous.level;
  return update;
}

/** Whether the update records a stage or level change (the relationship's first update does). */
export function changesStageOrLevel(update: RelationshipUpdated, previous: UpdateInput['previous']): boolean {
  return previous === null || previous.stage !== update.stage || previous.level !== update.level;
}

/**
 * The outbox row that publishes an update: key `${brandId}:${memberId}`, CloudEvents headers.
 * The CloudEvents id is `${brandId}:${memberId}:${version}`: the same update relayed twice
 * carries the same id, so readers can drop the copy.
 */
export function updateMessage(update: RelationshipUpdated, topic: string, traceparent?: string): OutboxMessage {
  const key = relationshipKey(update);
  return {
    topic,
    key,
    value: JSON.stringify(update),
    headers: toKafkaHeaders({
      id: `${key}:${update.version}`,
      source: CE_SOURCES.scoring,
      type: CE_TYPES.relationships,
      time: update.evaluatedAt,
      ...(traceparent === undefined ? {} : { traceparent }),
    }),
  };
}
