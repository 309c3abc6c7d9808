import type { Pool } from 'pg';
import { q } from '@rapport/kit/pg';
import type { ArchivedDelivery } from './canonical-replay';

export interface ArchiveRange {
  brandId: string;
  /** Received at or after. */
  from: Date;
  /** Received before. */
  to: Date;
}

interface Row {
  source_id: string;
  delivery_id: string;
  received_at: Date;
  payload: string;
  brand_id: string;
  accepted_ids: string[];
  order_winner_ids: string[];
}

// The archived deliveries of a brand received in a range, with the events each got accepted and
// which of those won their order id; keyset-paged in (received_at, source_id, delivery_id) order.
const PAGE_SQL = `
SELECT a.source_id, a.delivery_id, a.received_at, a.payload, s.brand_id,
       array_agg(e.event_id ORDER BY e.event_id) AS accepted_ids,
       array_remove(array_agg(o.event_id ORDER BY o.event_id), NULL) AS order_winner_ids
  FROM ingestion.raw_archive a
  JOIN ingestion.sources s ON s.id = a.source_id
  JOIN ingestion.accepted_events e ON e.source_id = a.source_id AND e.delivery_id = a.delivery_id
  LEFT JOIN ingestion.orders o ON o.brand_id = s.brand_id AND o.source_id = e.source_id AND o.event_id = e.event_id
 WHERE s.brand_id = $1 AND a.received_at >= $2 AND a.received_at < $3
   AND ($4::timestamptz IS NULL OR (a.received_at, a.source_id, a.delivery_id) > ($4, $5, $6))
 GROUP BY a.source_id, a.delivery_id, s.brand_id
 ORDER BY a.received_at, a.source_id, a.delivery_id
 LIMIT $7`;

/** Pages of archived deliveries (`pageSize` each) until the range is exhausted. */
export async function* archivedDeliveries(pool: Pool, range: ArchiveRange, pageSize = 500): AsyncGenerator<ArchivedDelivery[]> {
  let after: Row | undefined;
  for (;;) {
    const { rows } = await q<Row>(pool, 'ops:backfill-deliveries', PAGE_SQL, [
      range.brandId,
      range.from,
      range.to,
      after?.received_at ?? null,
      after?.source_id ?? null,
      after?.delivery_id ?? null,
      pageSize,
    ]);
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      sourceId: r.source_id,
      deliveryId: r.delivery_id,
      brandId: r.brand_id,
      receivedAt: r.received_at,
      payload: r.payload,
      acceptedIds: r.accepted_ids,
      orderWinnerIds: r.order_winner_ids,
    }));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1];
  }
}
