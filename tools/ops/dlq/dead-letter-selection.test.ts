import { toDlqHeaders } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { countByReason, isSelected, replayedMessage, type DeadLetter } from './dead-letter-selection';

function deadLetter(offset: number, reason: string, at: string, extra: Record<string, string> = {}): DeadLetter {
  return {
    partition: 0,
    offset: String(offset),
    timestamp: String(Date.parse(at)),
    key: Buffer.from(`k${offset}`),
    value: Buffer.from(`v${offset}`),
    headers: {
      ce_id: `id-${offset}`,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      ...extra,
      ...toDlqHeaders({ reason, service: 'scoring', topic: 'interactions.v1', partition: 3, offset: String(100 + offset), timestamp: '1700000000000' }),
    },
  };
}

const records = [
  deadLetter(0, 'invalid JSON: Unexpected token', '2026-11-20T10:00:00Z'),
  deadLetter(1, 'schema: occurredAt is required', '2026-11-21T10:00:00Z'),
  deadLetter(2, 'invalid JSON: Unexpected end', '2026-11-22T10:00:00Z'),
];
const selected = (selection: Parameters<typeof isSelected>[1]) => records.filter((r) => isSelected(r, selection)).map((r) => r.offset);

describe('dead-letter selection', () => {
  it('takes everything without criteria, and every criterion narrows it', () => {
    expect(selected({})).toEqual(['0', '1', '2']);
    expect(selected({ reason: 'invalid JSON' })).toEqual(['0', '2']);
    expect(selected({ since: new Date('2026-11-21T10:00:00Z') })).toEqual(['1', '2']);
    expect(selected({ until: new Date('2026-11-21T10:00:00Z') })).toEqual(['0']);
    expect(selected({ fromOffset: 1n })).toEqual(['1', '2']);
    expect(selected({ reason: 'invalid JSON', fromOffset: 1n, until: new Date('2026-11-23T00:00:00Z') })).toEqual(['2']);
  });

  it('skips a record without provenance when a reason is asked for', () => {
    const bare: DeadLetter = { ...records[0]!, headers: {} };
    expect(isSelected(bare, { reason: 'invalid' })).toBe(false);
    expect(isSelected(bare, {})).toBe(true);
    expect(countByReason([bare, ...records])).toContainEqual(['(no provenance headers)', 1]);
  });

  it('replays the original key, value and headers without the dlq_ ones', () => {
    const message = replayedMessage(records[1]!);
    expect(message.key?.toString()).toBe('k1');
    expect(message.value?.toString()).toBe('v1');
    expect(Object.keys(message.headers).sort()).toEqual(['ce_id', 'traceparent']);
  });

  it('counts by reason, most frequent first', () => {
    expect(countByReason([...records, records[1]!])).toEqual([
      ['schema: occurredAt is required', 2],
      ['invalid JSON: Unexpected end', 1],
      ['invalid JSON: Unexpected token', 1],
    ]);
  });
});
