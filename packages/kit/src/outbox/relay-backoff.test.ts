import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { relayBackoffDelay } from './relay-backoff';

describe('relayBackoffDelay', () => {
  const policy = { initialMs: 100, maxMs: 5_000 };

  it('doubles from the initial delay up to the cap (no jitter drawn)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 50].map((n) => relayBackoffDelay(n, policy, () => 0));
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  test.prop([fc.integer({ min: -5, max: 10_000 }), fc.double({ min: 0, max: 0.999999, noNaN: true })])(
    'stays within [80 % of the capped delay, the cap] for any failure count',
    (failures, r) => {
      const delay = relayBackoffDelay(failures, policy, () => r);
      expect(delay).toBeGreaterThanOrEqual(80);
      expect(delay).toBeLessThanOrEqual(policy.maxMs);
      expect(Number.isFinite(delay)).toBe(true);
    },
  );
});
