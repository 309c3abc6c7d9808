import { q, type Queryable } from '@rapport/kit/pg';
import type { CompactEvent } from '../model';
import type { LoggedEvent } from '../relationships/apply-events';
import { keyOf, type RelationshipKey } from '../relationships/stored-relationship';

export interface EventRow {
  sourceId: string;
  brandId: string;
  memberId: string;
  compact: CompactEvent;
  partition: number;
  offset: string;
}

/** `${sourceId}\0${eventId}`: the dedupe key (NUL never occurs in either). */
export function dedupeKey(sourceId: string, eventId: string): string {
  return `${sourceId}\u0000${eventId}`;
}

/**
 * Records the batch's events, each once: returns the dedupe keys that were new. An event seen
 * before — redelivered after a crash, a rebalance, a replay — inserts nothing and is not returned,
 * so it changes nothing. One statement for the whole batch.
 *
 * NOTE: rows go in in key order: concurrent transactions inserting the same keys (a zombie and the
 * partition's new owner) queue on them in one order, and the loser sees them as duplicates.
 */
export async function insertNewEvents(client: Queryable, rows: readonly EventRow[]): Promise<Set<string>> {
  const unique = new Map<string, EventRow>();
  for (const row of rows) {
    const key = dedupeKey(row.sourceId, row.compact.id);
    if (!unique.has(key)) unique.set(key, row);
  }
  const sorted = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  if (sorted.length === 0) return new Set();
  // One JSON document (see relationship-store.ts: no per-element escaping of the compact events).
  const json = `[${sorted
    .map(
      (r) =>
        `{"source_id":${JSON.stringify(r.sourceId)},"event_id":${JSON.stringify(r.compact.id)},"brand_id":${JSON.stringify(r.brandId)},` +
        `"member_id":${JSON.stringify(r.memberId)},"occurred_at":"${new Date(r.compact.at).toISOString()}","compact":${JSON.stringify(r.compact)},` +
        `"kafka_partition":${r.partition},"kafka_offset":${r.offset}}`,
    )
    .join(',')}]`;
  const { rows: inserted } = await q<{ source_id: string; event_id: string }>(
    client,
    'scoring:insert-events',
    `INSERT INTO events (source_id, event_id, brand_id, member_id, occurred_at, compact, kafka_partition, kafka_offset)
     SELECT u.source_id, u.event_id, u.brand_id, u.member_id, u.occurred_at, u.compact, u.kafka_partition, u.kafka_offset
       FROM ROWS FROM (json_to_recordset($1::json)
              AS (source_id text, event_id text, brand_id text, member_id text, occurred_at timestamptz, compact jsonb, kafka_partition int, kafka_offset bigint))
            WITH ORDINALITY AS u(source_id, event_id, brand_id, member_id, occurred_at, compact, kafka_partition, kafka_offset, ord)
      ORDER BY u.ord
     ON CONFLICT DO NOTHING
     RETURNING source_id, event_id`,
    [json],
  );
  return new Set(inserted.map((row) => dedupeKey(row.source_id, row.event_id)));
}

/** The full event logs of some relationships (for a rebuild), keyed by relationship. */
export async function loadEventLogs(client: Queryable, keys: readonly { brandId: string; memberId: string }[]): Promise<Map<RelationshipKey, LoggedEvent[]>> {
  const logs = new Map<RelationshipKey, LoggedEvent[]>();
  if (keys.length === 0) return logs;
  const { rows } = await q<{ brand_id: string; member_id: string; source_id: string; compact: CompactEvent }>(
    client,
    'scoring:select-event-logs',
    `SELECT e.brand_id, e.member_id, e.source_id, e.compact
       FROM unnest($1::text[], $2::text[]) AS k(brand_id, member_id)
       JOIN events e USING (brand_id, member_id)`,
    [keys.map((k) => k.brandId), keys.map((k) => k.memberId)],
  );
  for (const row of rows) {
    const key = keyOf(row.brand_id, row.member_id);
    let log = logs.get(key);
    if (log === undefined) logs.set(key, (log = []));
    log.push({ sourceId: row.source_id, compact: row.compact });
  }
  return logs;
}

/** The latest events of one member, newest first (the admin view). */
export async function recentEvents(
  client: Queryable,
  brandId: string,
  memberId: string,
  limit: number,
): Promise<{ sourceId: string; eventId: string; occurredAt: Date; compact: CompactEvent; partition: number | null; offset: string | null; processedAt: Date }[]> {
  const { rows } = await q<{
    source_id: string;
    event_id: string;
    occurred_at: Date;
    compact: CompactEvent;
    kafka_partition: number | null;
    kafka_offset: string | null;
    processed_at: Date;
  }>(
    client,
    'scoring:select-recent-events',
    `SELECT source_id, event_id, occurred_at, compact, kafka_partition, kafka_offset, processed_at
       FROM events WHERE brand_id = $1 AND member_id = $2
      ORDER BY occurred_at DESC, event_id DESC LIMIT $3`,
    [brandId, memberId, limit],
  );
  return rows.map((r) => ({
    sourceId: r.source_id,
    eventId: r.event_id,
    occurredAt: r.occurred_at,
    compact: r.compact,
    partition: r.kafka_partition,
    offset: r.kafka_offset,
    processedAt: r.processed_at,
  }));
}
