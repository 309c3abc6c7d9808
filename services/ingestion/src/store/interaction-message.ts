import { createHash } from 'node:crypto';
import { CE_TYPES, interactionKey, toKafkaHeaders, type InteractionEvent } from '@rapport/contracts';

/** A Kafka message ready for the outbox: key, JSON value and CloudEvents headers. */
export interface InteractionMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * The CloudEvents id of an accepted event: stable for (source, event id), so a re-publication of
 * the same outbox row, or a replay from the archive, carries the same id and consumers can dedupe
 * on it. Source ids cannot contain ':', so the pair is unambiguous.
 */
export function interactionCeId(sourceId: string, eventId: string): string {
  return createHash('sha256').update(`${sourceId}:${eventId}`, 'utf8').digest('hex').slice(0, 32);
}

/** The `interactions.v1` message of a canonical event (`spec/events.md`). */
export function interactionMessage(event: InteractionEvent): InteractionMessage {
  return {
    key: interactionKey(event),
    value: JSON.stringify(event),
    headers: toKafkaHeaders({
      id: interactionCeId(event.sourceId, event.id),
      source: `/sources/${event.sourceId}`,
      type: CE_TYPES.interactions,
      time: event.receivedAt,
    }),
  };
}
