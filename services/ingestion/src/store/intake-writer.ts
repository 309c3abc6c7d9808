import type { Pool } from 'pg';
import { q, transaction, type Queryable } from '@rapport/kit/pg';
import {
  deliveryCandidates,
  eventCandidates,
  freshSubmissions,
  newEvents,
  orderCandidates,
  publishable,
  results,
  type DeliveryKey,
  type EventKey,
  type OrderKey,
} from './dedupe-plan';
import { interactionOutboxRows } from './interaction-outbox';
import type { Submission, SubmissionResult } from './submission';

export interface IntakeWriterOptions {
  pool: Pick<Pool, 'connect'>;
  /** The topic the relay publishes canonical events to (`interactions.v1`; tests use their own). */
  topic: string;
}

/**
 * Makes a flush of submissions durable in ONE transaction, with one set-based statement per table
 * (arrays unnested, never a query per event): deliveries, accepted event ids, order ids, the raw
 * archive and the outbox. Duplicates inside the flush are settled in memory first
 * (`dedupe-plan.ts`); the database settles the rest with ON CONFLICT DO NOTHING … RETURNING.
 *
 * Resolves only after COMMIT: a result is a promise that the events are durable.
 */
export function createIntakeWriter(options: IntakeWriterOptions): (submissions: readonly Submission[]) => Promise<SubmissionResult[]> {
  return (submissions) =>
    transaction(
      options.pool,
      async (client) => {
        const deliveries = deliveryCandidates(submissions);
        const insertedDeliveries = await insertDeliveries(client, deliveries.keys, submissions);
        const fresh = freshSubmissions(submissions, deliveries.firstIndex, insertedDeliveries);
        if (fresh.length === 0) return results(submissions, []);

        const events = eventCandidates(submissions, fresh);
        const insertedEvents = await insertAcceptedEvents(client, events.keys);
        const added = newEvents(events.refs, insertedEvents);
        const insertedOrders = await insertOrders(client, orderCandidates(added));
        const toPublish = publishable(added, insertedOrders);

        await archive(client, fresh.map((index) => submissions[index]!));
        await interactionOutboxRows(client, options.topic, toPublish.map((ref) => ref.event));
        return results(submissions, toPublish);
      },
      // Safe to re-run: nothing leaves the transaction before COMMIT. Deadlocks are prevented by
      // the sorted inserts; a retry covers whatever else Postgres may abort.
      { retries: 2 },
    );
}

async function insertDeliveries(db: Queryable, keys: DeliveryKey[], submissions: readonly Submission[]): Promise<DeliveryKey[]> {
  if (keys.length === 0) return [];
  const receivedAt = new Map(submissions.map((s) => [`${s.sourceId}\u0000${s.deliveryId}`, s.receivedAt]));
  const { rows } = await q<{ source_id: string; delivery_id: string }>(
    db,
    'ingestion:insert-deliveries',
    `INSERT INTO deliveries (source_id, delivery_id, received_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
     ON CONFLICT DO NOTHING
     RETURNING source_id, delivery_id`,
    [
      keys.map((k) => k.sourceId),
      keys.map((k) => k.deliveryId),
      keys.map((k) => receivedAt.get(`${k.sourceId}\u0000${k.deliveryId}`)!),
    ],
  );
  return rows.map((r) => ({ sourceId: r.source_id, deliveryId: r.delivery_id }));
}

async function insertAcceptedEvents(db: Queryable, keys: EventKey[]): Promise<{ sourceId: string; eventId: string }[]> {
  if (keys.length === 0) return [];
  const { rows } = await q<{ source_id: string; event_id: string }>(
    db,
    'ingestion:insert-accepted-events',
    `INSERT INTO accepted_events (source_id, event_id, delivery_id, member_platform_id, accepted_at)
     SELECT s, e, d, m, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(s, e, d, m)
     ON CONFLICT DO NOTHING
     RETURNING source_id, event_id`,
    [keys.map((k) => k.sourceId), keys.map((k) => k.eventId), keys.map((k) => k.deliveryId), keys.map((k) => k.memberPlatformId)],
  );
  return rows.map((r) => ({ sourceId: r.source_id, eventId: r.event_id }));
}

async function insertOrders(db: Queryable, keys: OrderKey[]): Promise<OrderKey[]> {
  if (keys.length === 0) return [];
  const { rows } = await q<{ brand_id: string; order_id: string; source_id: string; event_id: string }>(
    db,
    'ingestion:insert-orders',
    `INSERT INTO orders (brand_id, order_id, source_id, event_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT DO NOTHING
     RETURNING brand_id, order_id, source_id, event_id`,
    [keys.map((k) => k.brandId), keys.map((k) => k.orderId), keys.map((k) => k.sourceId), keys.map((k) => k.eventId)],
  );
  return rows.map((r) => ({ brandId: r.brand_id, orderId: r.order_id, sourceId: r.source_id, eventId: r.event_id }));
}

async function archive(db: Queryable, submissions: Submission[]): Promise<void> {
  if (submissions.length === 0) return;
  await q(
    db,
    'ingestion:archive-deliveries',
    `INSERT INTO raw_archive (source_id, delivery_id, received_at, content_type, payload)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[])
     ON CONFLICT DO NOTHING`,
    [
      submissions.map((s) => s.sourceId),
      submissions.map((s) => s.deliveryId),
      submissions.map((s) => s.receivedAt),
      submissions.map((s) => s.archive.contentType),
      submissions.map((s) => s.archive.payload),
    ],
  );
}
