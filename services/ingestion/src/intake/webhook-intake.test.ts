import type { AdaptedPayload } from '../adapters';
import { describe, expect, it } from 'vitest';
import { answeredIds, platformEvents } from './platform-events';
import { acceptsContentType, parseWebhookBody } from './webhook-body';
import { webhookDeliveryId } from './webhook-delivery-id';

const receivedAt = new Date('2024-05-01T12:00:00Z');
const ctx = { sourceId: 'src_a', brandId: 'acme', receivedAt, retentionMs: 730 * 86_400_000, knownMembers: new Map([['old-comment', 'member-old']]) };

const inbound = (id: string, occurredAt = '2024-05-01T11:00:00Z') =>
  ({ id, platform: 'facebook', type: 'comment', direction: 'inbound', occurredAt, member: { platformId: `m-${id}`, email: 'Ann@Example.com' } }) as const;
const answer = (id: string, answersId: string) => ({
  answersId,
  event: { id, platform: 'facebook', type: 'reply', direction: 'outbound', occurredAt: '2024-05-01T11:30:00Z', content: { parentId: answersId } } as const,
});

describe('platform events', () => {
  it('resolves answers from the payload first, then from earlier events, else ignores them', () => {
    const adapted: AdaptedPayload = {
      ok: true,
      events: [inbound('c1')],
      ignored: [{ id: 'edit', reason: 'comment edited' }],
      unresolved: [answer('a1', 'c1'), answer('a2', 'old-comment'), answer('a3', 'never-seen')],
    };
    expect(answeredIds(adapted)).toEqual(['old-comment', 'never-seen']);
    const { events, ignored } = platformEvents(adapted, ctx);
    expect(events.map((e) => [e.id, e.member.platformId])).toEqual([
      ['c1', 'm-c1'],
      ['a1', 'm-c1'],
      ['a2', 'member-old'],
    ]);
    expect(ignored.map((i) => i.id)).toEqual(['edit', 'a3']);
  });

  it('sets ingestion’s fields, hashes emails, and ignores events outside the time window', () => {
    const adapted: AdaptedPayload = {
      ok: true,
      events: [inbound('now'), inbound('future', '2024-05-01T12:06:00Z'), inbound('ancient', '2019-01-01T00:00:00Z')],
      ignored: [],
      unresolved: [],
    };
    const { events, ignored } = platformEvents(adapted, ctx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ brandId: 'acme', sourceId: 'src_a', receivedAt: '2024-05-01T12:00:00.000Z' });
    expect(events[0]!.member).not.toHaveProperty('email');
    expect(events[0]!.member.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(ignored.map((i) => i.id)).toEqual(['future', 'ancient']);
  });
});

describe('webhook delivery id', () => {
  const raw = Buffer.from('{"a":1}');
  it('takes the platform’s delivery id where there is one, else hashes the bytes', () => {
    expect(webhookDeliveryId('github', { 'x-github-delivery': 'abc-123' }, {}, raw)).toBe('github:abc-123');
    expect(webhookDeliveryId('discourse', { 'x-discourse-event-id': '42' }, {}, raw)).toBe('discourse:42');
    expect(webhookDeliveryId('slack', {}, { event_id: 'Ev123' }, raw)).toBe('slack:Ev123');
    const hashed = webhookDeliveryId('x', {}, {}, raw);
    expect(hashed).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(webhookDeliveryId('meta', {}, {}, raw)).toBe(hashed);
    expect(webhookDeliveryId('meta', {}, {}, Buffer.from('{"a":2}'))).not.toBe(hashed);
    // Unusable ids (control characters, too long, not a string) fall back to the hash.
    expect(webhookDeliveryId('github', { 'x-github-delivery': 'a\u0000b' }, {}, raw)).toBe(hashed);
    expect(webhookDeliveryId('slack', {}, { event_id: 'x'.repeat(201) }, raw)).toBe(hashed);
    expect(webhookDeliveryId('slack', {}, { event_id: 7 }, raw)).toBe(hashed);
  });
});

describe('webhook body', () => {
  it('accepts JSON everywhere and GitHub’s form deliveries', () => {
    expect(acceptsContentType('x', 'application/json; charset=utf-8')).toBe(true);
    expect(acceptsContentType('github', 'application/x-www-form-urlencoded')).toBe(true);
    expect(acceptsContentType('slack', 'application/x-www-form-urlencoded')).toBe(false);
    expect(acceptsContentType('meta', undefined)).toBe(false);
    expect(parseWebhookBody('application/x-www-form-urlencoded', Buffer.from(`payload=${encodeURIComponent('{"zen":"ok"}')}`))).toEqual({
      ok: true,
      value: { zen: 'ok' },
    });
    expect(parseWebhookBody('application/x-www-form-urlencoded', Buffer.from('other=1')).ok).toBe(false);
    expect(parseWebhookBody('application/json', Buffer.from('{')).ok).toBe(false);
  });
});
