import { canonicalBody } from '../../../services/ingestion/src/intake/canonical-body';
import { interactionMessage, type InteractionMessage } from '../../../services/ingestion/src/store/interaction-message';

// Re-deriving the published messages of one archived delivery with ingestion's own code (the
// canonical route's parsing, the outbox message builder), so a backfill re-publishes what was
// published: same key, same CloudEvents id and time, same event.

/** One archived delivery and what ingestion recorded about its events. */
export interface ArchivedDelivery {
  sourceId: string;
  deliveryId: string;
  brandId: string;
  receivedAt: Date;
  /** The payload as archived (email addresses replaced by `sha256:<hash>`). */
  payload: string;
  /** Event ids this delivery got accepted (first seen here). */
  acceptedIds: readonly string[];
  /** Of those, the conversions that took their order id (a repeated order is not published). */
  orderWinnerIds: readonly string[];
}

export type ReplayedDelivery = { ok: true; messages: InteractionMessage[] } | { ok: false; reason: string };

const ARCHIVED_HASH = /^sha256:([0-9a-f]{64})$/;

/**
 * The archive keeps `member.email` as `sha256:<hash>` (never the address); ingestion turned the
 * address into `member.emailHash` with that very hash, so the hash goes back there.
 */
export function restoreArchivedEmails(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restoreArchivedEmails);
  if (typeof value !== 'object' || value === null) return value;
  const restored: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) restored[key] = restoreArchivedEmails(field);
  const hash = typeof restored.email === 'string' ? ARCHIVED_HASH.exec(restored.email)?.[1] : undefined;
  if (hash !== undefined) {
    delete restored.email;
    restored.emailHash ??= hash;
  }
  return restored;
}

/**
 * The `interactions.v1` messages the delivery's accepted events were published as, in request
 * order. Refuses (with the reason) a payload that is not a canonical body — platform webhooks need
 * their adapters and headers — and one that no longer yields every accepted event.
 */
export function replayDelivery(delivery: ArchivedDelivery): ReplayedDelivery {
  let parsed: unknown;
  try {
    parsed = JSON.parse(delivery.payload);
  } catch {
    return { ok: false, reason: 'the archived payload is not JSON' };
  }
  const body = canonicalBody(Buffer.from(JSON.stringify(restoreArchivedEmails(parsed)), 'utf8'), {
    sourceId: delivery.sourceId,
    brandId: delivery.brandId,
    receivedAt: delivery.receivedAt,
    // The time window was judged at acceptance; a backfill does not judge it again.
    retentionMs: Number.MAX_SAFE_INTEGER,
  });
  if (!body.ok) return { ok: false, reason: 'not a canonical payload (a platform webhook delivery)' };

  const accepted = new Set(delivery.acceptedIds);
  const winners = new Set(delivery.orderWinnerIds);
  const messages: InteractionMessage[] = [];
  const found = new Set<string>();
  for (const event of body.events) {
    // A repeated id in one request is a duplicate of its first occurrence.
    if (!accepted.has(event.id) || found.has(event.id)) continue;
    found.add(event.id);
    const orderId = event.type === 'conversion' ? event.conversion?.orderId : undefined;
    if (orderId !== undefined && !winners.has(event.id)) continue;
    messages.push(interactionMessage(event));
  }
  if (found.size !== accepted.size) return { ok: false, reason: `the archive yields ${found.size} of the ${accepted.size} accepted events` };
  return { ok: true, messages };
}
