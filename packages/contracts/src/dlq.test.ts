import { expect, test } from 'vitest';
import { DLQ_HEADERS, fromDlqHeaders, MAX_DLQ_REASON, toDlqHeaders, type DeadLetterInfo } from './dlq';

const info: DeadLetterInfo = { reason: 'schema: occurredAt invalid', service: 'scoring', topic: 'interactions.v1', partition: 3, offset: '9007199254740993', timestamp: '1740830400000' };

test('header names are the spec ones', () => {
  expect(Object.values(DLQ_HEADERS)).toEqual(['dlq_reason', 'dlq_service', 'dlq_topic', 'dlq_partition', 'dlq_offset', 'dlq_timestamp']);
});

test('round-trips through Buffers, offsets beyond 2^53 kept exact', () => {
  const headers = Object.fromEntries(Object.entries(toDlqHeaders(info)).map(([k, v]) => [k, Buffer.from(v)]));
  expect(fromDlqHeaders(headers)).toEqual({ ok: true, value: info });
});

test('cuts a long reason instead of failing, never between surrogate halves', () => {
  const reason = `${'a'.repeat(MAX_DLQ_REASON - 2)}😀 and more`;
  const cut = toDlqHeaders({ ...info, reason })[DLQ_HEADERS.reason]!;
  expect(cut.length).toBeLessThanOrEqual(MAX_DLQ_REASON);
  expect(cut.endsWith('…')).toBe(true);
  expect(/\p{Surrogate}/u.test(cut)).toBe(false);
});

test('rejects missing or malformed provenance', () => {
  const headers = toDlqHeaders(info);
  expect(fromDlqHeaders({ ...headers, dlq_offset: undefined }).ok).toBe(false);
  expect(fromDlqHeaders({ ...headers, dlq_partition: '-1' }).ok).toBe(false);
  expect(() => toDlqHeaders({ ...info, offset: 'abc' })).toThrow();
});
