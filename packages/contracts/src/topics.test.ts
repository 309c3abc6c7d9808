import fc from 'fast-check';
import { expect, test } from 'vitest';
import * as arb from '../test/arbitraries';
import { canonicalEvent } from '../test/fixtures';
import { dlqTopic, erasureKey, erasureReceiptKey, interactionKey, modelKey, relationshipKey, TOPICS } from './topics';

test('topic names are versioned', () => {
  expect(TOPICS).toEqual({
    interactions: 'interactions.v1',
    relationships: 'relationships.v1',
    models: 'models.v1',
    erasures: 'erasures.v1',
    erasureReceipts: 'erasure-receipts.v1',
  });
  expect(dlqTopic(TOPICS.interactions)).toBe('interactions.v1.dlq');
});

test('keys follow the spec', () => {
  expect(interactionKey(canonicalEvent())).toBe('acme:x:u-42');
  expect(relationshipKey({ brandId: 'acme', memberId: 'm-1' })).toBe('acme:m-1');
  expect(modelKey({ brandId: 'acme' })).toBe('acme');
  expect(erasureKey({ brandId: 'acme', platform: 'github', platformId: 'a:b' })).toBe('acme:github:a:b');
  expect(erasureReceiptKey({ erasureId: 'er-1' })).toBe('er-1');
});

test('a key splits back into its parts, whatever text the platformId holds', () => {
  fc.assert(
    fc.property(arb.token, arb.platform, arb.text(1, 200), (brandId, platform, platformId) => {
      const key = interactionKey({ brandId, platform, member: { platformId } });
      const first = key.indexOf(':');
      const second = key.indexOf(':', first + 1);
      expect([key.slice(0, first), key.slice(first + 1, second), key.slice(second + 1)]).toEqual([brandId, platform, platformId]);
    }),
  );
});
