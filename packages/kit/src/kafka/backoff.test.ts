import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import type { BackoffPolicy } from './backoff';

const noJitter: BackoffPolicy = { initialMs: 100, maxMs: 5_000, multiplier: 2, jitter: 0 };

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt, noJitter));
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('stays at the cap for absurd attempt counts instead of overflowing', () => {
    expect(backoffDelay(10_000, noJitter)).toBe(5_000);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, noJitter)).toBe(5_000);
  });

  it('treats negative or fractional attempts as the nearest sane one', () => {
    expect(backoffDelay(-3, noJitter)).toBe(100);
    expect(backoffDelay(2.7, noJitter)).toBe(400);
  });

  it('takes jitter off the delay, never adds to it', () => {
    const policy = { ...noJitter, jitter: 0.5 };
    expect(backoffDelay(3, policy, () => 0)).toBe(800);
    expect(backoffDelay(3, policy, () => 0.999_999)).toBe(400);
  });

  test.prop([fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'is always within [cap·(1−jitter), cap] of the un-jittered delay',
    (attempt, random, jitter) => {
      const policy = { ...noJitter, jitter };
      const plain = backoffDelay(attempt, noJitter);
      const jittered = backoffDelay(attempt, policy, () => random);
      expect(jittered).toBeLessThanOrEqual(plain);
      expect(jittered).toBeGreaterThanOrEqual(Math.floor(plain * (1 - jitter)));
      expect(jittered).toBeLessThanOrEqual(policy.maxMs);
    },
  );

  test.prop([fc.integer({ min: 0, max: 60 })])('never shrinks as failures repeat (without jitter)', (attempt) => {
    expect(backoffDelay(attempt + 1, noJitter)).toBeGreaterThanOrEqual(backoffDelay(attempt, noJitter));
  });
});
