import type { Reciprocity } from '@rapport/contracts';
import { evaluateRelationship, type ModelConfig, type ModelEvent, type RelationshipState } from '../../services/scoring/src/model';

// A relationship as reporting's REST API serves it, held against the pure model's evaluation of
// the member's accepted events: the decaying values at the answer's `asOf` (the request time),
// everything else at `evaluatedAt` (when scoring last evaluated stage and level). Pure.

/** The fields of reporting's `RelationshipView` this comparison reads. */
export interface ServedRelationship {
  brandId: string;
  memberId: string;
  version: number;
  asOf: string;
  evaluatedAt: string;
  identities: { platform: string; platformId: string }[];
  love: number;
  reach: number;
  gravity: number;
  advocacy: number;
  sentiment: number | null;
  score: number;
  level: number;
  stage: string;
  following: boolean;
  converted: boolean;
  isTeam: boolean;
  reciprocity: Reciprocity;
  counts: Record<string, number>;
  firstSeenAt: string;
  lastActiveAt: string | null;
}

/** The spec's promise: equal to the model's replay within 1e-9, relative. */
export const RELATIVE_TOLERANCE = 1e-9;

export function closeTo(a: number, b: number, tolerance = RELATIVE_TOLERANCE): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

function sameNullableNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return closeTo(a, b);
}

const instant = (text: string | null): number | null => (text === null ? null : Date.parse(text));

/** Both evaluations a served relationship is compared with. */
export interface ModelEvaluations {
  /** At the answer's `asOf`: love, advocacy, gravity, score. */
  atAsOf: RelationshipState;
  /** At `evaluatedAt`: every other field. */
  atEvaluation: RelationshipState;
}

export function evaluateFor(served: Pick<ServedRelationship, 'asOf' | 'evaluatedAt'>, events: readonly ModelEvent[], config?: ModelConfig): ModelEvaluations {
  return {
    atAsOf: evaluateRelationship(events, Date.parse(served.asOf), config),
    atEvaluation: evaluateRelationship(events, Date.parse(served.evaluatedAt), config),
  };
}

/** Each field where the served relationship differs from the model: `field: served ≠ model`. */
export function modelDifferences(served: ServedRelationship, model: ModelEvaluations): string[] {
  const out: string[] = [];
  const differ = (field: string, servedValue: unknown, modelValue: unknown) => out.push(`${field}: served ${JSON.stringify(servedValue)} ≠ model ${JSON.stringify(modelValue)}`);
  const { atAsOf, atEvaluation } = model;

  for (const field of ['love', 'advocacy', 'gravity', 'score'] as const) {
    if (!closeTo(served[field], atAsOf[field])) differ(field, served[field], atAsOf[field]);
  }
  if (!closeTo(served.reach, atEvaluation.reach)) differ('reach', served.reach, atEvaluation.reach);
  if (!sameNullableNumber(served.sentiment, atEvaluation.sentiment)) differ('sentiment', served.sentiment, atEvaluation.sentiment);
  for (const field of ['level', 'stage', 'following', 'converted', 'isTeam'] as const) {
    if (served[field] !== atEvaluation[field]) differ(field, served[field], atEvaluation[field]);
  }
  const modelCounts = atEvaluation.counts as Record<string, number | undefined>;
  for (const type of new Set([...Object.keys(served.counts), ...Object.keys(modelCounts)])) {
    const a = served.counts[type] ?? 0;
    const b = modelCounts[type] ?? 0;
    if (a !== b) differ(`counts.${type}`, a, b);
  }
  const r = served.reciprocity;
  const m = atEvaluation.reciprocity;
  if (r.awaiting !== m.awaiting) differ('reciprocity.awaiting', r.awaiting, m.awaiting);
  if (r.answered !== m.answered) differ('reciprocity.answered', r.answered, m.answered);
  if (!sameNullableNumber(r.responseRate, m.responseRate)) differ('reciprocity.responseRate', r.responseRate, m.responseRate);
  if (!sameNullableNumber(r.medianResponseSeconds, m.medianResponseSeconds)) differ('reciprocity.medianResponseSeconds', r.medianResponseSeconds, m.medianResponseSeconds);
  if (instant(served.firstSeenAt) !== atEvaluation.firstSeenAt) differ('firstSeenAt', served.firstSeenAt, atEvaluation.firstSeenAt);
  if (instant(served.lastActiveAt) !== atEvaluation.lastActiveAt) differ('lastActiveAt', served.lastActiveAt, atEvaluation.lastActiveAt);
  return out;
}

/**
 * Events counted beyond the model, summed over the inbound counts: what a double-applied event
 * leaves in a relationship (a lost one shows as a shortfall, reported by `modelDifferences`).
 */
export function excessCounts(served: Pick<ServedRelationship, 'counts'>, model: RelationshipState): number {
  const modelCounts = model.counts as Record<string, number | undefined>;
  let excess = 0;
  for (const [type, n] of Object.entries(served.counts)) excess += Math.max(0, n - (modelCounts[type] ?? 0));
  return excess;
}
