import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as arb from '../test/arbitraries';
import { CE_SOURCES, CE_TYPES, fromKafkaHeaders, toKafkaHeaders, type CloudEventAttributes } from './cloudevents';
import type { KafkaHeaders } from './kafka-headers';

const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const attrs: CloudEventAttributes = { id: 'evt-1', source: CE_SOURCES.ingestion, type: CE_TYPES.interactions, time: '2025-03-01T12:00:00.5Z', traceparent: TRACE };

/** What a consumer gets from kafkajs: every header value a Buffer. */
const asBuffers = (h: Record<string, string>): KafkaHeaders => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Buffer.from(v, 'utf8')]));

describe('toKafkaHeaders', () => {
  test('writes the CloudEvents binary binding headers', () => {
    expect(toKafkaHeaders(attrs)).toEqual({
      ce_specversion: '1.0',
      ce_id: 'evt-1',
      ce_source: '/rapport/ingestion',
      ce_type: 'com.rapport.interaction.v1',
      ce_time: '2025-03-01T12:00:00.5Z',
      'content-type': 'application/json',
      traceparent: TRACE,
    });
  });

  test('leaves traceparent out when there is none', () => {
    const { traceparent: _t, ...rest } = attrs;
    expect(toKafkaHeaders(rest)).not.toHaveProperty('traceparent');
  });

  test('throws on attributes that would make an invalid event', () => {
    expect(() => toKafkaHeaders({ ...attrs, time: 'now' })).toThrow();
    expect(() => toKafkaHeaders({ ...attrs, id: '' })).toThrow();
  });
});

describe('fromKafkaHeaders', () => {
  test('round-trips through Buffers and strings', () => {
    expect(fromKafkaHeaders(asBuffers(toKafkaHeaders(attrs)))).toEqual({ ok: true, value: attrs });
    expect(fromKafkaHeaders(toKafkaHeaders(attrs))).toEqual({ ok: true, value: attrs });
  });

  test('round-trips any valid attributes', () => {
    const attributes = fc.record(
      {
        id: arb.text(1, 200),
        source: fc.stringMatching(/^\S{1,100}$/),
        type: fc.constantFrom(...Object.values(CE_TYPES)),
        time: arb.timestamp,
        traceparent: fc.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/).filter((t) => !/-0{32}-|-0{16}-/.test(t)),
      },
      { requiredKeys: ['id', 'source', 'type', 'time'] },
    );
    fc.assert(
      fc.property(attributes, (a) => {
        expect(fromKafkaHeaders(asBuffers(toKafkaHeaders(a)))).toEqual({ ok: true, value: a });
      }),
    );
  });

  test('ignores other headers (extensions, DLQ provenance)', () => {
    const r = fromKafkaHeaders({ ...asBuffers(toKafkaHeaders(attrs)), ce_subject: 'x', dlq_reason: Buffer.from('bad') });
    expect(r).toEqual({ ok: true, value: attrs });
  });

  test('accepts a repeated header whose copies agree, rejects one whose copies differ', () => {
    const h = toKafkaHeaders(attrs);
    expect(fromKafkaHeaders({ ...h, ce_id: [Buffer.from('evt-1'), 'evt-1'] }).ok).toBe(true);
    const r = fromKafkaHeaders({ ...h, ce_id: [Buffer.from('evt-1'), Buffer.from('evt-2')] });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('ce_id') as unknown });
  });

  test('drops an invalid traceparent instead of failing (W3C: restart the trace)', () => {
    for (const bad of ['garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01']) {
      const r = fromKafkaHeaders({ ...toKafkaHeaders(attrs), traceparent: bad });
      expect(r.ok && r.value.traceparent).toBe(undefined);
      expect(r.ok && r.value.id).toBe('evt-1');
    }
  });

  test.each([
    ['missing ce_id', { ce_id: undefined }, 'ce_id'],
    ['wrong spec version', { ce_specversion: '0.3' }, 'ce_specversion'],
    ['missing ce_type', { ce_type: undefined }, 'ce_type'],
    ['ce_time not RFC 3339', { ce_time: '1740830400' }, 'ce_time'],
    ['not JSON', { 'content-type': 'application/avro' }, 'content-type'],
    ['missing content-type', { 'content-type': undefined }, 'content-type'],
  ])('rejects %s', (_name, change, header) => {
    const r = fromKafkaHeaders({ ...toKafkaHeaders(attrs), ...change });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(header);
  });

  test('accepts content-type parameters', () => {
    expect(fromKafkaHeaders({ ...toKafkaHeaders(attrs), 'content-type': 'application/json; charset=utf-8' }).ok).toBe(true);
  });
});
