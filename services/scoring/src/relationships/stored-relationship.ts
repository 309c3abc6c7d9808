import type { Stage } from '@rapport/contracts';
import type { OrbitLevel, RelationshipHistory } from '../model';
import type { MemberProfile } from './member-profile';

/** `${brandId}:${memberId}`: brand ids hold no ':', so the key splits unambiguously. */
export type RelationshipKey = string;

export function keyOf(brandId: string, memberId: string): RelationshipKey {
  return `${brandId}:${memberId}`;
}

/** One relationship as scoring keeps it between batches (`relationships` row, parsed). */
export interface StoredRelationship {
  brandId: string;
  memberId: string;
  /** Version of the last published update; the next one is `version + 1`. */
  version: number;
  /** The model's resumable state (model/relationship-history.ts). */
  history: RelationshipHistory;
  profile: MemberProfile;
  /** Stage and level last published: what `previousStage`/`previousLevel` and history compare with. */
  stage: Stage;
  level: OrbitLevel;
  /** Events applied to this relationship. */
  eventCount: number;
}
