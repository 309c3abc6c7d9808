import { outboxChannel } from '@rapport/kit/outbox';
import { isRetryableTransactionError, q, type Queryable } from '@rapport/kit/pg';
import { flushResults, planFlush } from './dedupe-plan';
import { INGESTION_SCHEMA } from './ingestion-schema';
import { interactionMessage } from './interaction-message';
import type { Submission, SubmissionResult } from './submission';

export interface IntakeWriterOptions {
  pool: Queryable;
  /** The topic the relay publishes canonical events to (`interactions.v1`; tests use their own). */
  topic: string;
}

// ONE statement per flush, run on its own (autocommit): a single statement is atomic, so this is
// one transaction and one round trip, however many requests and events the flush holds. Every
// table is written set-based from unnested arrays:
//   deliveries       ON CONFLICT DO NOTHING → which deliveries are new (a redelivery is not);
//   raw_archive      the payload of each new delivery;
//   accepted_events  the events of new deliveries, ON CONFLICT DO NOTHING → which ids are new;
//   orders           for new conversions with an order id; the first in the flush (seq) wins;
//   outbox           the messages of the events that are new and not a repeated order,
// and the relay is woken with NOTIFY (delivered at commit, dropped on failure).
// NOTE: each INSERT takes its keys in a fixed order (COLLATE "C"), so that concurrent flushes of
// overlapping keys wait for each other instead of deadlocking; should Postgres still abort one
// (deadlock, serialization), the statement is re-run: nothing of it was committed.
//
// The outbox is the kit's table (`@rapport/kit/outbox`, migration in this service); it is written
// here rather than through `writeOutbox` to keep the flush a single statement.
const FLUSH_SQL = `
WITH
d_in AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[])
    AS t(source_id, delivery_id, received_at, content_type, payload)
),
d AS (
  INSERT INTO deliveries (source_id, delivery_id, received_at)
  SELECT source_id, delivery_id, received_at FROM d_in
   ORDER BY source_id COLLATE "C", delivery_id COLLATE "C"
  ON CONFLICT DO NOTHING
  RETURNING source_id, delivery_id
),
archived AS (
  INSERT INTO raw_archive (source_id, delivery_id, received_at, content_type, payload)
  SELECT i.source_id, i.delivery_id, i.received_at, i.content_type, i.payload
    FROM d_in i JOIN d USING (source_id, delivery_id)
   ORDER BY i.source_id COLLATE "C", i.delivery_id COLLATE "C"
  ON CONFLICT DO NOTHING
),
e_in AS (
  SELECT * FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[], $13::text[], $14::text[], $15::jsonb[])
    AS t(source_id, event_id, delivery_id, member_platform_id, brand_id, order_id, seq, key, value, headers)
),
e AS (
  INSERT INTO accepted_events (source_id, event_id, delivery_id, member_platform_id, accepted_at)
  SELECT i.source_id, i.event_id, i.delivery_id, i.member_platform_id, now()
    FROM e_in i JOIN d USING (source_id, delivery_id)
   ORDER BY i.source_id COLLATE "C", i.event_id COLLATE "C"
  ON CONFLICT DO NOTHING
  RETURNING source_id, event_id
),
o AS (
  INSERT INTO orders (brand_id, order_id, source_id, event_id)
  SELECT i.brand_id, i.order_id, i.source_id, i.event_id
    FROM e_in i JOIN e USING (source_id, event_id)
   WHERE i.order_id IS NOT NULL
   ORDER BY i.brand_id COLLATE "C", i.order_id COLLATE "C", i.seq
  ON CONFLICT DO NOTHING
  RETURNING source_id, event_id
),
published AS (
  SELECT i.source_id, i.event_id, i.seq, i.key, i.value, i.headers
    FROM e_in i JOIN e USING (source_id, event_id)
   WHERE i.order_id IS NULL OR EXISTS (SELECT 1 FROM o WHERE o.source_id = i.source_id AND o.event_id = i.event_id)
),
written AS (
  INSERT INTO outbox (topic, key, value, headers)
  SELECT $16, key, value, headers FROM published ORDER BY seq
  RETURNING 1
)
SELECT source_id, event_id FROM published
UNION ALL
SELECT NULL, NULL FROM (SELECT pg_notify($17, '')) AS woken WHERE EXISTS (SELECT 1 FROM written)`;

const MAX_ATTEMPTS = 3;

/**
 * Makes a flush of submissions durable: resolves only after the statement committed, with each
 * submission's own result (published ids, duplicates).
 */
export function createIntakeWriter(options: IntakeWriterOptions): (submissions: readonly Submission[]) => Promise<SubmissionResult[]> {
  const channel = outboxChannel(INGESTION_SCHEMA);
  return async (submissions) => {
    const plan = planFlush(submissions);
    const messages = plan.events.map((ref) => interactionMessage(ref.event));
    const params = [
      plan.deliveries.map((s) => s.sourceId),
      plan.deliveries.map((s) => s.deliveryId),
      plan.deliveries.map((s) => s.receivedAt),
      plan.deliveries.map((s) => s.archive.contentType),
      plan.deliveries.map((s) => s.archive.payload),
      plan.events.map((r) => r.event.sourceId),
      plan.events.map((r) => r.event.id),
      plan.events.map((r) => submissions[r.submission]!.deliveryId),
      plan.events.map((r) => r.event.member.platformId),
      plan.events.map((r) => r.event.brandId),
      plan.events.map((r) => (r.event.type === 'conversion' ? (r.event.conversion?.orderId ?? null) : null)),
      plan.events.map((r) => r.seq),
      messages.map((m) => m.key),
      messages.map((m) => m.value),
      messages.map((m) => JSON.stringify(m.headers)),
      options.topic,
      channel,
    ];
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { rows } = await q<{ source_id: string | null; event_id: string | null }>(options.pool, 'ingestion:flush', FLUSH_SQL, params);
        const published = rows.flatMap((r) => (r.source_id === null || r.event_id === null ? [] : [{ sourceId: r.source_id, eventId: r.event_id }]));
        return flushResults(submissions, plan, published);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
      }
    }
  };
}
