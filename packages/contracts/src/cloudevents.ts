import * as z from 'zod';
import { readHeaders, type KafkaHeaders } from './kafka-headers';
import { boundedText } from './text';
import { Timestamp } from './timestamp';
import type { TopicName } from './topics';

/** CloudEvents `type` of each topic's events. */
export const CE_TYPES = {
  interactions: 'com.rapport.interaction.v1',
  relationships: 'com.rapport.relationship.v1',
  models: 'com.rapport.model.v1',
  erasures: 'com.rapport.erasure.v1',
  erasureReceipts: 'com.rapport.erasure-receipt.v1',
} as const satisfies Record<TopicName, string>;
export type CeType = (typeof CE_TYPES)[TopicName];

/** CloudEvents `source` of each producing service. */
export const CE_SOURCES = {
  ingestion: '/rapport/ingestion',
  scoring: '/rapport/scoring',
  reporting: '/rapport/reporting',
} as const;

/** Header names of the CloudEvents 1.0 Kafka binary binding, plus W3C Trace Context. */
export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  contentType: 'content-type',
  traceparent: 'traceparent',
} as const;

export const CE_SPECVERSION = '1.0';
export const CE_CONTENT_TYPE = 'application/json';

/** W3C Trace Context `traceparent` (version 00 layout; all-zero ids are invalid). */
export const Traceparent = z
  .string()
  .regex(/^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/, 'must be a W3C traceparent');

/** The attributes a producer sets on each message. */
export const CloudEventAttributes = z.object({
  id: boundedText(200, 1),
  // A URI-reference such as `/rapport/ingestion`; only "non-empty, no spaces" is checked.
  source: z.string().regex(/^\S{1,500}$/, 'must be a URI-reference'),
  type: z.string().regex(/^\S{1,200}$/, 'must be a non-empty type'),
  time: Timestamp,
  traceparent: Traceparent.optional(),
});
export type CloudEventAttributes = z.infer<typeof CloudEventAttributes>;

/** The headers of a message as strings: what `toKafkaHeaders` writes (also in the AsyncAPI). */
export const CloudEventHeaders = z
  .object({
    [CE_HEADERS.specversion]: z.literal(CE_SPECVERSION),
    [CE_HEADERS.id]: CloudEventAttributes.shape.id,
    [CE_HEADERS.source]: CloudEventAttributes.shape.source,
    [CE_HEADERS.type]: CloudEventAttributes.shape.type,
    [CE_HEADERS.time]: CloudEventAttributes.shape.time,
    // `application/json`, parameters such as `; charset=utf-8` allowed.
    [CE_HEADERS.contentType]: z.string().regex(/^application\/json\s*(;.*)?$/i, 'must be application/json'),
    [CE_HEADERS.traceparent]: Traceparent.optional(),
  })
  .meta({ id: 'CloudEventHeaders', title: 'CloudEventHeaders', description: 'CloudEvents 1.0 Kafka binary binding headers, plus W3C traceparent.' });
export type CloudEventHeaders = z.infer<typeof CloudEventHeaders>;

/** The headers of a message carrying `attributes`. Throws on invalid attributes (a bug). */
export function toKafkaHeaders(attributes: CloudEventAttributes): Record<string, string> {
  const a = CloudEventAttributes.parse(attributes);
  const headers: Record<string, string> = {
    [CE_HEADERS.specversion]: CE_SPECVERSION,
    [CE_HEADERS.id]: a.id,
    [CE_HEADERS.source]: a.source,
    [CE_HEADERS.type]: a.type,
    [CE_HEADERS.time]: a.time,
    [CE_HEADERS.contentType]: CE_CONTENT_TYPE,
  };
  if (a.traceparent !== undefined) headers[CE_HEADERS.traceparent] = a.traceparent;
  return headers;
}

export type CloudEventRead = { ok: true; value: CloudEventAttributes } | { ok: false; error: string };

/**
 * The attributes of a received message. Other headers (extensions, DLQ provenance) are ignored.
 * An invalid `traceparent` is dropped, not fatal: W3C Trace Context says to start a new trace.
 */
export function fromKafkaHeaders(headers: KafkaHeaders): CloudEventRead {
  const read = readHeaders(headers, Object.values(CE_HEADERS));
  if (!read.ok) return read;
  const { traceparent, ...rest } = read.value;
  const r = CloudEventHeaders.safeParse(rest);
  if (!r.success) {
    return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  const h = r.data;
  const value: CloudEventAttributes = {
    id: h[CE_HEADERS.id],
    source: h[CE_HEADERS.source],
    type: h[CE_HEADERS.type],
    time: h[CE_HEADERS.time],
  };
  if (traceparent !== undefined && Traceparent.safeParse(traceparent).success) value.traceparent = traceparent;
  return { ok: true, value };
}
