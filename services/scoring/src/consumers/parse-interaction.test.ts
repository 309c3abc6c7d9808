import { CE_SOURCES, CE_TYPES, toKafkaHeaders, type InteractionEvent } from '@rapport/contracts';
import type { ConsumedMessage } from '@rapport/kit/kafka';
import { describe, expect, it } from 'vitest';
import { parseInteraction } from './parse-interaction';

const event: InteractionEvent = {
  id: 'e1',
  brandId: 'acme',
  sourceId: 'src',
  platform: 'x',
  type: 'comment',
  direction: 'inbound',
  occurredAt: '2025-06-01T10:00:00.000Z',
  receivedAt: '2025-06-01T10:00:01.000Z',
  member: { platformId: '42', handle: '@ada' },
  content: { text: 'love it' },
};

function message(value: string | null, headers: Record<string, string> = {}): ConsumedMessage {
  const buffer = value === null ? null : Buffer.from(value);
  return { topic: 't', partition: 0, offset: '7', key: 'acme:x:42', value: buffer, headers, timestamp: '0', raw: { key: null, value: buffer, headers, offset: '7', timestamp: '0', attributes: 0 } };
}

const headers = toKafkaHeaders({ id: 'e1', source: CE_SOURCES.ingestion, type: CE_TYPES.interactions, time: event.receivedAt, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });

describe('parseInteraction', () => {
  it('reads a contract event and its trace context', () => {
    expect(parseInteraction(message(JSON.stringify(event), headers))).toEqual({ ok: true, event, traceparent: headers.traceparent });
  });

  it('ignores unknown fields (tolerant reader) and missing CloudEvents headers', () => {
    const parsed = parseInteraction(message(JSON.stringify({ ...event, addedLater: true })));
    expect(parsed).toEqual({ ok: true, event, traceparent: undefined });
  });

  it('refuses what can never be an interaction, saying why without echoing the payload', () => {
    expect(parseInteraction(message(null))).toEqual({ ok: false, reason: 'empty value' });
    expect(parseInteraction(message('{"id": '))).toEqual({ ok: false, reason: 'value is not JSON' });
    expect(parseInteraction(message(JSON.stringify({ ...event, type: 'teleport' })))).toEqual({ ok: false, reason: expect.stringMatching(/^not an InteractionEvent: type: /) as string });
    expect(parseInteraction(message(JSON.stringify(event), { ...headers, ce_type: 'com.rapport.relationship.v1' }))).toEqual({ ok: false, reason: 'unexpected ce_type "com.rapport.relationship.v1"' });
    const secret = 'top-secret-text';
    const reason = parseInteraction(message(JSON.stringify({ ...event, occurredAt: secret })));
    expect(reason.ok).toBe(false);
    expect(JSON.stringify(reason)).not.toContain(secret);
  });

  it('lists at most five issues', () => {
    const parsed = parseInteraction(message('{}'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/; and \d+ more$/);
  });
});
