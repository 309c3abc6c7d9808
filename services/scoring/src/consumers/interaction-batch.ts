import type { InteractionEvent } from '@rapport/contracts';
import type { ConsumedMessage } from '@rapport/kit/kafka';
import { writeOutbox, type OutboxMessage } from '@rapport/kit/outbox';
import type { Queryable } from '@rapport/kit/pg';
import type { CompactEvent } from '../model';
import { applyEvents, logWithout, type IncomingEvent, type RetentionPolicy } from '../relationships/apply-events';
import type { ModelLookup } from '../relationships/model-lookup';
import { changesStageOrLevel, relationshipUpdated, updateMessage } from '../relationships/relationship-update';
import { keyOf, type RelationshipKey, type StoredRelationship } from '../relationships/stored-relationship';
import { dedupeKey, insertNewEvents, loadEventLogs } from '../store/event-store';
import { appendHistory, type HistoryRow } from '../store/history-store';
import { identityKey, resolveMembers } from '../store/identity-store';
import { readNextOffset, storeNextOffset, type PartitionRef } from '../store/offset-store';
import { insertRelationships, lockRelationships, updateRelationships, type RelationshipWrite } from '../store/relationship-store';

/** A record that passed the contract, with its compact form computed outside the transaction. */
export interface AcceptedInteraction {
  message: ConsumedMessage;
  event: InteractionEvent;
  compact: CompactEvent;
  traceparent: string | undefined;
}

export interface ScoringSettings {
  /** The service's schema (its outbox lives there). */
  schema: string;
  relationshipsTopic: string;
  retention: RetentionPolicy;
  models: ModelLookup;
}

export interface BatchReport {
  /** Records at or past the stored offset (earlier ones were applied by a committed batch). */
  fresh: number;
  /** Events new to scoring and applied. */
  applied: number;
  /** Events scoring had already recorded (redelivery), or that the relationship already held. */
  duplicates: number;
  relationships: number;
  /** Relationships recomputed from their event log (an event before the folded cutoff). */
  rebuilt: number;
}

interface Group {
  brandId: string;
  memberId: string;
  incoming: IncomingEvent[];
  traceparent: string | undefined;
}

/**
 * Applies one partition batch inside the caller's transaction. Set-based: a fixed number of
 * statements whatever the batch size —
 * stored offset → identities → new events (dedupe) → lock relationships (key order) → [event logs
 * for rebuilds] → write relationships → history → outbox → offset.
 *
 * Every step is idempotent under redelivery: an event already recorded is not applied again, so a
 * batch replayed after a crash (before or after its commit) changes nothing it already changed.
 */
export async function applyInteractionBatch(
  client: Queryable,
  batch: { ref: PartitionRef; accepted: readonly AcceptedInteraction[]; nextOffset: bigint },
  settings: ScoringSettings,
  now: number,
): Promise<BatchReport> {
  const report: BatchReport = { fresh: 0, applied: 0, duplicates: 0, relationships: 0, rebuilt: 0 };
  // NOTE: a fast path only (correctness comes from the event dedupe): a batch redelivered after
  // its commit but before the Kafka commit skips its database work.
  const applied = await readNextOffset(client, batch.ref);
  const fresh = applied === null ? batch.accepted : batch.accepted.filter((a) => BigInt(a.message.offset) >= applied);
  report.fresh = fresh.length;
  if (fresh.length === 0) {
    await storeNextOffset(client, batch.ref, batch.nextOffset);
    return report;
  }

  const members = await resolveMembers(
    client,
    fresh.map(({ event }) => ({ brandId: event.brandId, platform: event.platform, platformId: event.member.platformId, emailHash: event.member.emailHash })),
  );
  const memberOf = (event: InteractionEvent) => members.get(identityKey({ brandId: event.brandId, platform: event.platform, platformId: event.member.platformId })) as string;

  const inserted = await insertNewEvents(
    client,
    fresh.map(({ event, compact, message }) => ({
      sourceId: event.sourceId,
      brandId: event.brandId,
      memberId: memberOf(event),
      compact,
      partition: message.partition,
      offset: message.offset,
    })),
  );

  const groups = new Map<RelationshipKey, Group>();
  for (const { event, compact, traceparent } of fresh) {
    // Each new key once: the same event twice in one batch is applied once.
    if (!inserted.delete(dedupeKey(event.sourceId, event.id))) {
      report.duplicates++;
      continue;
    }
    const memberId = memberOf(event);
    const key = keyOf(event.brandId, memberId);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { brandId: event.brandId, memberId, incoming: [], traceparent }));
    group.incoming.push({ event, compact });
  }
  if (groups.size > 0) await applyGroups(client, groups, settings, now, report);
  await storeNextOffset(client, batch.ref, batch.nextOffset);
  return report;
}

async function applyGroups(client: Queryable, groups: Map<RelationshipKey, Group>, settings: ScoringSettings, now: number, report: BatchReport): Promise<void> {
  const locked = await lockRelationships(client, [...groups.values()], (brandId) => settings.models.configFor(brandId));
  const results = new Map<RelationshipKey, ReturnType<typeof applyEvents>>();
  const needLog: Group[] = [];
  for (const [key, group] of groups) {
    const result = applyEvents(locked.get(key) ?? null, group.incoming, { now, config: settings.models.configFor(group.brandId), retention: settings.retention });
    if (result.kind === 'needs-log') needLog.push(group);
    else results.set(key, result);
  }
  if (needLog.length > 0) {
    const logs = await loadEventLogs(client, needLog);
    for (const group of needLog) {
      const key = keyOf(group.brandId, group.memberId);
      const log = logWithout(logs.get(key) ?? [], group.incoming);
      results.set(key, applyEvents(locked.get(key) ?? null, group.incoming, { now, config: settings.models.configFor(group.brandId), retention: settings.retention, log }));
      report.rebuilt++;
    }
  }

  const inserts: RelationshipWrite[] = [];
  const updates: RelationshipWrite[] = [];
  const history: HistoryRow[] = [];
  const outbox: OutboxMessage[] = [];
  for (const [key, result] of results) {
    const group = groups.get(key) as Group;
    if (result.kind !== 'changed') {
      report.duplicates += group.incoming.length;
      continue;
    }
    const existing: StoredRelationship | undefined = locked.get(key);
    const config = settings.models.configFor(group.brandId);
    const previous = existing === undefined ? null : { stage: existing.stage, level: existing.level };
    const version = (existing?.version ?? 0) + 1;
    const update = relationshipUpdated({
      brandId: group.brandId,
      memberId: group.memberId,
      version,
      config,
      values: result.values,
      profile: result.profile,
      previous,
      cause: { kind: 'interaction', interactions: result.entries },
    });
    report.applied += result.entries.length;
    report.duplicates += group.incoming.length - result.entries.length;
    report.relationships++;
    const write: RelationshipWrite = {
      brandId: group.brandId,
      memberId: group.memberId,
      version,
      modelVersion: config.version,
      history: result.history,
      profile: result.profile,
      stage: result.values.stage,
      level: result.values.level,
      love: result.values.love,
      score: result.values.score,
      asOf: result.values.asOf,
      evaluatedAt: result.values.asOf,
      nextChangeAt: result.values.nextChangeAt,
      eventCount: result.eventCount,
    };
    (existing === undefined ? inserts : updates).push(write);
    if (changesStageOrLevel(update, previous)) {
      history.push({
        brandId: group.brandId,
        memberId: group.memberId,
        version,
        at: result.values.asOf,
        stage: update.stage,
        level: update.level,
        previousStage: previous?.stage ?? null,
        previousLevel: previous?.level ?? null,
        cause: 'interaction',
      });
    }
    outbox.push(updateMessage(update, settings.relationshipsTopic, group.traceparent));
  }
  await insertRelationships(client, inserts);
  await updateRelationships(client, updates);
  await appendHistory(client, history);
  await writeOutbox(client, outbox, { schema: settings.schema });
}
