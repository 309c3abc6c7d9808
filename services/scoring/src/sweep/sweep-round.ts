import { writeOutbox, type OutboxMessage } from '@rapport/kit/outbox';
import type { Queryable } from '@rapport/kit/pg';
import type { ScoringSettings } from '../consumers/interaction-batch';
import { reevaluate } from '../relationships/reevaluate';
import { relationshipUpdated, updateMessage } from '../relationships/relationship-update';
import { appendHistory, type HistoryRow } from '../store/history-store';
import { claimDueRelationships, rescheduleRelationships, updateEvaluations, type EvaluationWrite } from '../store/relationship-store';

export interface SweepRoundReport {
  /** Relationships whose next change was due (and not held by another transaction). */
  claimed: number;
  /** Those whose stage or level changed: published with cause `sweep`. */
  published: number;
}

/**
 * One chunk of the sweep, inside the caller's transaction: claims due relationships with
 * `FOR UPDATE SKIP LOCKED` (replicas and consumer batches never wait on each other, and a
 * relationship is swept by one replica only), re-evaluates each at `now`, publishes those whose
 * stage or level changed and moves every claimed one's next due time.
 */
export async function sweepRound(client: Queryable, settings: Pick<ScoringSettings, 'schema' | 'relationshipsTopic' | 'models'>, now: number, limit: number): Promise<SweepRoundReport> {
  const due = await claimDueRelationships(client, new Date(now), limit, (brandId) => settings.models.configFor(brandId));
  const evaluations: EvaluationWrite[] = [];
  const rescheduled: { brandId: string; memberId: string; nextChangeAt: number | null }[] = [];
  const history: HistoryRow[] = [];
  const outbox: OutboxMessage[] = [];
  for (const stored of due) {
    const config = settings.models.configFor(stored.brandId);
    const result = reevaluate(stored, now, config);
    if (result.kind === 'unchanged') {
      rescheduled.push({ brandId: stored.brandId, memberId: stored.memberId, nextChangeAt: result.nextChangeAt });
      continue;
    }
    if (result.kind === 'stale-model') {
      // Nothing to do until the rescore rewrites it; do not claim it again every round.
      rescheduled.push({ brandId: stored.brandId, memberId: stored.memberId, nextChangeAt: null });
      continue;
    }
    const { values } = result;
    const version = stored.version + 1;
    const previous = { stage: stored.stage, level: stored.level };
    const update = relationshipUpdated({ brandId: stored.brandId, memberId: stored.memberId, version, config, values, profile: stored.profile, previous, cause: { kind: 'sweep' } });
    evaluations.push({
      brandId: stored.brandId,
      memberId: stored.memberId,
      version,
      stage: values.stage,
      level: values.level,
      love: values.love,
      score: values.score,
      asOf: values.asOf,
      nextChangeAt: values.nextChangeAt,
    });
    history.push({
      brandId: stored.brandId,
      memberId: stored.memberId,
      version,
      at: values.asOf,
      stage: values.stage,
      level: values.level,
      previousStage: previous.stage,
      previousLevel: previous.level,
      cause: 'sweep',
    });
    outbox.push(updateMessage(update, settings.relationshipsTopic));
  }
  await updateEvaluations(client, evaluations);
  await rescheduleRelationships(client, rescheduled);
  await appendHistory(client, history);
  await writeOutbox(client, outbox, { schema: settings.schema });
  return { claimed: due.length, published: outbox.length };
}
