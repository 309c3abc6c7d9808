import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { adapters, isWebhookPlatform, WEBHOOK_PLATFORMS } from './index';

const ctx = { source: { brandId: 'acme', brandAccountIds: ['b-1'] }, receivedAt: new Date('2024-05-01T00:00:00Z'), eventName: 'star' };

describe('adapter registry', () => {
  it('has an adapter for every webhook platform, and nothing else passes the guard', () => {
    for (const platform of WEBHOOK_PLATFORMS) expect(typeof adapters[platform]).toBe('function');
    expect(isWebhookPlatform('github')).toBe(true);
    expect(isWebhookPlatform('email')).toBe(false);
    expect(isWebhookPlatform('__proto__')).toBe(false);
  });

  test.prop([fc.constantFrom(...WEBHOOK_PLATFORMS), fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true })])(
    'no adapter throws on arbitrary values, including odd prototypes',
    (platform, value) => {
      const result = adapters[platform](value, ctx);
      expect(typeof result.ok).toBe('boolean');
    },
  );
});
