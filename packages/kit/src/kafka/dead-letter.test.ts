import type { IHeaders, KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { toConsumedMessage } from './consumed-message';
import { DLQ_HEADERS } from '@rapport/contracts';
import { deadLetterRecord, dlqTopic } from './dead-letter';

function record(headers: IHeaders): KafkaMessage {
  return { key: Buffer.from('brand-1:x:42'), value: Buffer.from('{"broken'), timestamp: '1700000000000', attributes: 0, offset: '17', headers };
}

describe('deadLetterRecord', () => {
  it('keeps key, value and headers byte for byte and adds the provenance headers', () => {
    const ceType = Buffer.from('rapport.interaction.v1');
    const traceparent = Buffer.from('00-abc-def-01');
    const original = record({ ce_type: ceType, traceparent });
    const message = toConsumedMessage('interactions.v1', 3, original);
    const dead = deadLetterRecord(message, { reason: 'value is not JSON', service: 'scoring' });
    expect(dead.key).toBe(original.key);
    expect(dead.value).toBe(original.value);
    expect(dead.headers).toMatchObject({
      ce_type: ceType,
      traceparent,
      dlq_reason: 'value is not JSON',
      dlq_service: 'scoring',
      dlq_topic: 'interactions.v1',
      dlq_partition: '3',
      dlq_offset: '17',
      dlq_timestamp: '1700000000000',
    });
    for (const header of Object.values(DLQ_HEADERS)) expect(dead.headers).toHaveProperty(header);
  });

  it('replaces the provenance of a replayed message that fails again instead of stacking it', () => {
    const replayed = record({ dlq_reason: Buffer.from('old'), dlq_offset: Buffer.from('3'), dlq_attempt_note: Buffer.from('x') });
    const dead = deadLetterRecord(toConsumedMessage('interactions.v1', 0, replayed), { reason: 'new', service: 'scoring' });
    expect(dead.headers?.dlq_reason).toBe('new');
    expect(dead.headers?.dlq_offset).toBe('17');
    expect(dead.headers).not.toHaveProperty('dlq_attempt_note');
  });

  it('caps a very long reason', () => {
    const dead = deadLetterRecord(toConsumedMessage('t', 0, record({})), { reason: 'x'.repeat(5_000), service: 's' });
    expect(String(dead.headers?.dlq_reason).length).toBe(1_000);
  });

  it('names the dead-letter topic after the consumed one', () => {
    expect(dlqTopic('interactions.v1')).toBe('interactions.v1.dlq');
  });
});

describe('toConsumedMessage', () => {
  it('decodes key and headers as UTF-8, keeps the value as bytes, takes the last of repeated headers', () => {
    const message = toConsumedMessage('t', 1, record({ a: Buffer.from('é'), b: [Buffer.from('1'), Buffer.from('2')], c: undefined }));
    expect(message.key).toBe('brand-1:x:42');
    expect(message.value?.toString()).toBe('{"broken');
    expect(message.headers).toEqual({ a: 'é', b: '2' });
    expect(message.partition).toBe(1);
    expect(message.offset).toBe('17');
  });

  it('keeps a missing key as null', () => {
    expect(toConsumedMessage('t', 0, { ...record({}), key: null }).key).toBeNull();
  });
});
