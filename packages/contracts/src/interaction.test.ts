import { describe, expect, test } from 'vitest';
import { inputEvent, canonicalEvent } from '../test/fixtures';
import { InteractionEvent, InteractionEventInput } from './interaction';
import { failingPaths } from '../test/failing-paths';

describe('InteractionEventInput', () => {
  test('accepts a valid event of every type', () => {
    const cases: unknown[] = [
      inputEvent({ type: 'follow', content: undefined }),
      inputEvent({ type: 'unfollow' }), inputEvent({ type: 'join' }), inputEvent({ type: 'leave' }),
      inputEvent({ type: 'reaction' }), inputEvent({ type: 'comment' }), inputEvent({ type: 'reply' }),
      inputEvent({ type: 'share' }), inputEvent({ type: 'mention' }), inputEvent({ type: 'message' }),
      inputEvent({ type: 'review', content: { rating: 5, text: 'great' } }),
      inputEvent({ type: 'referral', referral: { referredPlatformId: 'u-43' } }),
      inputEvent({ type: 'conversion', conversion: { value: 49.9, currency: 'EUR', orderId: 'o-1' } }),
      inputEvent({ type: 'retraction', content: { parentId: 'evt-0' } }),
      inputEvent({ direction: 'outbound', type: 'reply', content: { parentId: 'evt-0', text: 'Thanks!' } }),
      inputEvent({ platform: 'email', member: { platformId: 'x', email: 'Ada@Example.com' } }),
      inputEvent({ attributes: { campaign: 'spring', score: 3.5, vip: true } }),
    ];
    for (const c of cases) expect(InteractionEventInput.safeParse(c).error).toBeUndefined();
  });

  test('accepts offsets and fractional seconds in occurredAt', () => {
    for (const t of ['2025-03-01T12:00:00+02:00', '2025-03-01T12:00:00.123456-05:30', '2024-02-29T00:00:00Z']) {
      expect(InteractionEventInput.safeParse(inputEvent({ occurredAt: t })).success).toBe(true);
    }
  });

  test.each([
    ['no offset', '2025-03-01T12:00:00'],
    ['date only', '2025-03-01'],
    ['impossible date', '2025-02-30T00:00:00Z'],
    ['unix seconds', 1740830400],
    ['compact offset', '2025-03-01T12:00:00+0200'],
  ])('rejects occurredAt with %s', (_name, occurredAt) => {
    expect(failingPaths(InteractionEventInput, { ...inputEvent(), occurredAt })).toEqual(['occurredAt']);
  });

  test.each([
    ['id empty', { id: '' }, 'id'],
    ['id too long', { id: 'a'.repeat(201) }, 'id'],
    ['platform unknown', { platform: 'myspace' }, 'platform'],
    ['type unknown', { type: 'poke' }, 'type'],
    ['direction unknown', { direction: 'sideways' }, 'direction'],
    ['member missing', { member: undefined }, 'member'],
    ['platformId empty', { member: { platformId: '' } }, 'member.platformId'],
    ['platformId too long', { member: { platformId: 'p'.repeat(201) } }, 'member.platformId'],
    ['followers negative', { member: { platformId: 'a', followers: -1 } }, 'member.followers'],
    ['followers fractional', { member: { platformId: 'a', followers: 1.5 } }, 'member.followers'],
    ['followers unsafe', { member: { platformId: 'a', followers: 2 ** 53 } }, 'member.followers'],
    ['followers as string', { member: { platformId: 'a', followers: '12' } }, 'member.followers'],
    ['emailHash upper case', { member: { platformId: 'a', emailHash: 'A'.repeat(64) } }, 'member.emailHash'],
    ['emailHash short', { member: { platformId: 'a', emailHash: 'a'.repeat(63) } }, 'member.emailHash'],
    ['email malformed', { member: { platformId: 'a', email: 'not-an-email' } }, 'member.email'],
    ['text too long', { content: { text: 'a'.repeat(10_001) } }, 'content.text'],
    ['rating 0', { type: 'review', content: { rating: 0 } }, 'content.rating'],
    ['rating 6', { type: 'review', content: { rating: 6 } }, 'content.rating'],
    ['rating 4.5', { type: 'review', content: { rating: 4.5 } }, 'content.rating'],
    ['javascript url', { content: { url: 'javascript:alert(1)' } }, 'content.url'],
    ['conversion missing', { type: 'conversion' }, 'conversion'],
    ['conversion on a comment', { conversion: { value: 1, currency: 'EUR' } }, 'conversion'],
    ['conversion value negative', { type: 'conversion', conversion: { value: -1, currency: 'EUR' } }, 'conversion.value'],
    ['conversion value huge', { type: 'conversion', conversion: { value: 1e300, currency: 'EUR' } }, 'conversion.value'],
    ['currency lower case', { type: 'conversion', conversion: { value: 1, currency: 'eur' } }, 'conversion.currency'],
    ['currency 4 letters', { type: 'conversion', conversion: { value: 1, currency: 'EURO' } }, 'conversion.currency'],
    ['referral on a comment', { referral: {} }, 'referral'],
    ['retraction without parentId', { type: 'retraction', content: { text: 'oops' } }, 'content.parentId'],
    ['email platform without email', { platform: 'email', member: { platformId: 'a' } }, 'member.emailHash'],
    ['51 attributes', { attributes: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) }, 'attributes'],
    ['object attribute', { attributes: { nested: { a: 1 } } }, 'attributes.nested'],
    ['null attribute', { attributes: { a: null } }, 'attributes.a'],
    ['empty attribute key', { attributes: { '': 1 } }, 'attributes[""]'],
  ])('rejects %s', (_name, overrides, path) => {
    expect(failingPaths(InteractionEventInput, { ...inputEvent(), ...overrides })).toEqual([path]);
  });

  test('NaN and Infinity never pass as numbers', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(failingPaths(InteractionEventInput, inputEvent({ type: 'conversion', conversion: { value: v, currency: 'EUR' } }))).toEqual(['conversion.value']);
      expect(failingPaths(InteractionEventInput, { ...inputEvent(), attributes: { a: v } })).toEqual(['attributes.a']);
    }
  });

  test('lists every failing path at once, cross-field rules included', () => {
    const bad = { ...inputEvent(), occurredAt: 'yesterday', type: 'conversion', member: { platformId: '' } };
    expect(failingPaths(InteractionEventInput, bad).sort()).toEqual(['conversion', 'member.platformId', 'occurredAt']);
  });

  test('strips unknown fields, including a brandId the sender tries to set', () => {
    const r = InteractionEventInput.parse({ ...inputEvent(), brandId: 'someone-else', sourceId: 'x', extra: 1, member: { platformId: 'a', nickname: 'z' } });
    expect(r).not.toHaveProperty('brandId');
    expect(r).not.toHaveProperty('sourceId');
    expect(r).not.toHaveProperty('extra');
    expect(r.member).toEqual({ platformId: 'a' });
  });
});

describe('text', () => {
  test('accepts unicode and control characters, bounded in code points', () => {
    const text = 'tab\there\nbell\u0007 emoji 😀 rtl \u202e זה עברית, combining e\u0301';
    expect(InteractionEventInput.parse(inputEvent({ content: { text } })).content?.text).toBe(text);
    expect(InteractionEventInput.safeParse(inputEvent({ content: { text: '😀'.repeat(10_000) } })).success).toBe(true);
    expect(failingPaths(InteractionEventInput, inputEvent({ content: { text: '😀'.repeat(10_001) } }))).toEqual(['content.text']);
  });

  test('rejects what Postgres cannot store: NUL and unpaired surrogates', () => {
    expect(failingPaths(InteractionEventInput, inputEvent({ content: { text: 'a\u0000b' } }))).toEqual(['content.text']);
    expect(failingPaths(InteractionEventInput, inputEvent({ content: { text: 'a\ud800b' } }))).toEqual(['content.text']);
    expect(failingPaths(InteractionEventInput, inputEvent({ member: { platformId: '\udc00' } }))).toEqual(['member.platformId']);
  });
});

describe('prototype pollution', () => {
  test.each(['__proto__', 'constructor', 'prototype'])('rejects the attribute key %s from raw JSON', (key) => {
    const body = JSON.parse(`{"attributes": {"${key}": "x", "fine": 1}}`) as object;
    expect(failingPaths(InteractionEventInput, { ...inputEvent(), ...body })).toEqual([`attributes.${key}`]);
  });

  test('an object-valued __proto__ is rejected and pollutes nothing', () => {
    const body = JSON.parse('{"attributes": {"__proto__": {"polluted": true}}}') as object;
    expect(failingPaths(InteractionEventInput, { ...inputEvent(), ...body })).toEqual(['attributes.__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a top-level or member __proto__ is stripped like any unknown field', () => {
    const raw = JSON.parse(`{"id":"e","platform":"x","type":"follow","direction":"inbound","occurredAt":"2025-01-01T00:00:00Z",
      "__proto__":{"isAdmin":true},"member":{"platformId":"a","__proto__":{"isTeam":true}}}`) as unknown;
    const r = InteractionEventInput.parse(raw);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(r.member)).toBe(Object.prototype);
    expect((r as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(r.member.isTeam).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('InteractionEvent (Kafka payload)', () => {
  test('accepts a canonical event', () => {
    expect(InteractionEvent.parse(canonicalEvent())).toEqual(canonicalEvent());
  });

  test('is tolerant: unknown fields are ignored, not rejected', () => {
    const r = InteractionEvent.parse({ ...canonicalEvent(), addedInV1_1: { x: 1 }, member: { platformId: 'u', newField: 2 } });
    expect(r).not.toHaveProperty('addedInV1_1');
    expect(r.member).toEqual({ platformId: 'u' });
  });

  test.each([
    ['brandId missing', { brandId: undefined }, 'brandId'],
    ['brandId with a colon', { brandId: 'acme:eu' }, 'brandId'],
    ['brandId too long', { brandId: 'b'.repeat(65) }, 'brandId'],
    ['sourceId missing', { sourceId: undefined }, 'sourceId'],
    ['receivedAt not RFC 3339', { receivedAt: 'Sat, 01 Mar 2025 12:00:00 GMT' }, 'receivedAt'],
  ])('rejects %s', (_name, overrides, path) => {
    expect(failingPaths(InteractionEvent, { ...canonicalEvent(), ...overrides })).toEqual([path]);
  });

  test('never carries a raw email', () => {
    const r = InteractionEvent.parse({ ...canonicalEvent(), member: { platformId: 'a', email: 'ada@example.com' } });
    expect(r.member).not.toHaveProperty('email');
  });
});
