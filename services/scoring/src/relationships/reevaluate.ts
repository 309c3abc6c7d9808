import { evaluateHistory, type ModelConfig, type RelationshipState } from '../model';
import type { StoredRelationship } from './stored-relationship';

export type Reevaluation =
  /** Stage and level as published: only the next due time moves. */
  | { kind: 'unchanged'; nextChangeAt: number | null }
  /** Time alone changed stage or level: publish. */
  | { kind: 'changed'; values: RelationshipState }
  /** The state was built with another model version: left to the rescore of that brand. */
  | { kind: 'stale-model' };

/** What time alone did to a relationship by `now` (values as of `max(now, latest event)`). */
export function reevaluate(stored: StoredRelationship, now: number, config: ModelConfig): Reevaluation {
  const { history } = stored;
  if (history.modelVersion !== config.version) return { kind: 'stale-model' };
  const asOf = history.head.at === null ? now : Math.max(now, history.head.at);
  const values = evaluateHistory(history, asOf, config);
  if (values.stage === stored.stage && values.level === stored.level) return { kind: 'unchanged', nextChangeAt: values.nextChangeAt };
  return { kind: 'changed', values };
}
