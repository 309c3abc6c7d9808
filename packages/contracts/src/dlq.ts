import * as z from 'zod';
import { readHeaders, type KafkaHeaders } from './kafka-headers';

/** Provenance headers added to a dead-lettered record (next to its original key, value, headers). */
export const DLQ_HEADERS = {
  reason: 'dlq_reason',
  service: 'dlq_service',
  topic: 'dlq_topic',
  partition: 'dlq_partition',
  offset: 'dlq_offset',
  timestamp: 'dlq_timestamp',
} as const;

export const MAX_DLQ_REASON = 1_000;
const Digits = z.string().regex(/^\d{1,20}$/, 'must be a non-negative integer');

/** The provenance headers as strings (Kafka header values are bytes; these are their UTF-8). */
export const DeadLetterHeaders = z
  .object({
    [DLQ_HEADERS.reason]: z.string().min(1).max(MAX_DLQ_REASON),
    [DLQ_HEADERS.service]: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    [DLQ_HEADERS.topic]: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/),
    [DLQ_HEADERS.partition]: Digits,
    [DLQ_HEADERS.offset]: Digits,
    // The original record's Kafka timestamp (ms since the epoch); the dead-letter record's own
    // timestamp says when it was dead-lettered.
    [DLQ_HEADERS.timestamp]: Digits,
  })
  .meta({ id: 'DeadLetterHeaders', title: 'DeadLetterHeaders', description: 'Provenance of a dead-lettered record.' });
export type DeadLetterHeaders = z.infer<typeof DeadLetterHeaders>;

export interface DeadLetterInfo {
  reason: string;
  service: string;
  /** Where the original record was read. */
  topic: string;
  partition: number;
  offset: string;
  /** The original record's timestamp, ms since the epoch as Kafka clients give it. */
  timestamp: string;
}

/**
 * The provenance headers for a record going to `<topic>.dlq`. The reason is cut to 1,000
 * characters: a long error message must never stop a record from being dead-lettered.
 */
export function toDlqHeaders(info: DeadLetterInfo): Record<string, string> {
  const reason = info.reason.length > MAX_DLQ_REASON ? `${cutAt(info.reason, MAX_DLQ_REASON - 1)}…` : info.reason;
  return DeadLetterHeaders.parse({
    [DLQ_HEADERS.reason]: reason === '' ? 'unknown' : reason,
    [DLQ_HEADERS.service]: info.service,
    [DLQ_HEADERS.topic]: info.topic,
    [DLQ_HEADERS.partition]: String(info.partition),
    [DLQ_HEADERS.offset]: info.offset,
    [DLQ_HEADERS.timestamp]: info.timestamp,
  });
}

// Never cut between the halves of a surrogate pair (that would put a U+FFFD in the header).
function cutAt(s: string, n: number): string {
  const code = s.charCodeAt(n - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

export type DeadLetterRead = { ok: true; value: DeadLetterInfo } | { ok: false; error: string };

/** The provenance of a dead-lettered record, e.g. for the replay command. */
export function fromDlqHeaders(headers: KafkaHeaders): DeadLetterRead {
  const read = readHeaders(headers, Object.values(DLQ_HEADERS));
  if (!read.ok) return read;
  const r = DeadLetterHeaders.safeParse(read.value);
  if (!r.success) return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const h = r.data;
  return {
    ok: true,
    value: {
      reason: h[DLQ_HEADERS.reason],
      service: h[DLQ_HEADERS.service],
      topic: h[DLQ_HEADERS.topic],
      partition: Number(h[DLQ_HEADERS.partition]),
      offset: h[DLQ_HEADERS.offset],
      timestamp: h[DLQ_HEADERS.timestamp],
    },
  };
}
