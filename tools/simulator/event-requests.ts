import { createHash } from 'node:crypto';
import type { InteractionEventInput } from '@rapport/contracts';
import type { SimulatedEvent } from './traffic-generator';

// A stream of events cut into requests: one request per event, or batches of up to N events of
// one brand (a request goes to one brand's source).

export interface EventRequest {
  brandId: string;
  events: InteractionEventInput[];
  /** Sent as a bare event rather than `{"events": [...]}`. */
  single: boolean;
}

export async function* toRequests(stream: AsyncIterable<SimulatedEvent>, batchSize: number): AsyncGenerator<EventRequest, void, undefined> {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1_000) throw new RangeError('the batch size must be 1 to 1,000');
  if (batchSize === 1) {
    for await (const { brandId, event } of stream) yield { brandId, events: [event], single: true };
    return;
  }
  // NOTE: with several brands, a brand's batch waits until it is full (or the stream ends); in a
  // live run its events are then sent a little after their occurredAt, never before.
  const pending = new Map<string, InteractionEventInput[]>();
  for await (const { brandId, event } of stream) {
    const batch = pending.get(brandId) ?? [];
    batch.push(event);
    if (batch.length === batchSize) {
      pending.delete(brandId);
      yield { brandId, events: batch, single: false };
    } else pending.set(brandId, batch);
  }
  for (const [brandId, events] of pending) yield { brandId, events, single: false };
}

export function requestBody(request: EventRequest): string {
  return JSON.stringify(request.single ? request.events[0] : { events: request.events });
}

/**
 * The `webhook-id` of a request: derived from its content, so that a retry, or a replay of the
 * same recording, is recognized by ingestion as a redelivery.
 */
export function deliveryId(request: EventRequest): string {
  const hash = createHash('sha256').update(request.brandId);
  for (const event of request.events) hash.update('\n').update(event.id);
  return `msg_${hash.digest('base64url').slice(0, 32)}`;
}
