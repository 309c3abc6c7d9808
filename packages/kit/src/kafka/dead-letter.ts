import type { IHeaders, Message } from 'kafkajs';
import { dlqTopic, toDlqHeaders } from '@rapport/contracts';
import type { ConsumedMessage } from './consumed-message';

export { dlqTopic };

export interface DeadLetterProvenance {
  reason: string;
  /** The consuming service that gave up on the message. */
  service: string;
}

/**
 * The dead-letter copy of a message: the original key, value and headers byte for byte (so a
 * replay re-publishes exactly what was sent), plus the provenance headers of the contract
 * (`dlq_timestamp` is the original record's timestamp; the copy's own Kafka timestamp says when
 * it was dead-lettered).
 */
export function deadLetterRecord(message: ConsumedMessage, provenance: DeadLetterProvenance): Message {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(message.raw.headers ?? {})) {
    // A replayed message that fails again is dead-lettered with fresh provenance, not two sets.
    if (name.startsWith('dlq_')) continue;
    headers[name] = value;
  }
  Object.assign(
    headers,
    toDlqHeaders({
      reason: provenance.reason,
      service: provenance.service,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      timestamp: message.timestamp,
    }),
  );
  return { key: message.raw.key, value: message.raw.value, headers };
}
