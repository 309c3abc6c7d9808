/** Builders of `relationships.v1` updates for tests: valid by default, every field overridable. */
import { RelationshipUpdated, type AppliedInteraction } from '@rapport/contracts';

export const DAY_MS = 86_400_000;
export const HALF_LIFE_SECONDS = 30 * 86_400;

export function applied(id: string, fields: Partial<AppliedInteraction> & Pick<AppliedInteraction, 'type' | 'occurredAt'>): AppliedInteraction {
  return { id, direction: 'inbound', platform: 'x', weight: 1, sentiment: null, ...fields };
}

type UpdateFields = Partial<RelationshipUpdated> & Pick<RelationshipUpdated, 'brandId' | 'memberId' | 'version' | 'asOf'>;

/** A valid update; `interactions` (if given) makes it an interaction update. */
export function relationshipUpdate(fields: UpdateFields & { interactions?: AppliedInteraction[] }): RelationshipUpdated {
  const { interactions, ...rest } = fields;
  const update: RelationshipUpdated = {
    modelVersion: 1,
    halfLifeSeconds: HALF_LIFE_SECONDS,
    evaluatedAt: rest.asOf,
    identities: [{ platform: 'x', platformId: `${rest.memberId}-x` }],
    love: 0,
    reach: 0,
    gravity: 0,
    advocacy: 0,
    sentiment: null,
    score: 0,
    level: 4,
    stage: 'new',
    following: false,
    converted: false,
    isTeam: false,
    reciprocity: { awaiting: 0, answered: 0, responseRate: null, medianResponseSeconds: null },
    counts: {},
    firstSeenAt: rest.asOf,
    lastActiveAt: null,
    cause: interactions === undefined ? { kind: 'sweep' } : { kind: 'interaction', interactions },
    ...rest,
  };
  // Fixtures must be what scoring may publish: validate them like the consumer does.
  return RelationshipUpdated.parse(update);
}
