import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decayKey, decayTo, gravityForScore, keyThreshold, scoreFromGravity } from './decay';

const DAY_MS = 86_400_000;
const H = 30 * 86_400;
const T0 = Date.UTC(2025, 0, 1);

describe('decayTo', () => {
  it('halves a value after one half-life and leaves it alone at its own asOf', () => {
    expect(decayTo(40, T0, T0, H)).toBe(40);
    expect(decayTo(40, T0, T0 + 30 * DAY_MS, H)).toBeCloseTo(20, 12);
    expect(decayTo(40, T0, T0 + 90 * DAY_MS, H)).toBeCloseTo(5, 12);
    expect(decayTo(0, T0, T0 + 90 * DAY_MS, H)).toBe(0);
  });
});

describe('score and gravity', () => {
  it('are inverse functions', () => {
    expect(scoreFromGravity(0)).toBe(0);
    expect(scoreFromGravity(60 * Math.LN2)).toBeCloseTo(50, 12);
    expect(gravityForScore(50)).toBeCloseTo(60 * Math.LN2, 12);
    expect(gravityForScore(0)).toBe(0);
    expect(gravityForScore(100)).toBe(Number.POSITIVE_INFINITY);
  });
});

// A member as stored: a value known at its own asOf (the time of its last update).
const member = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  value: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e4, noNaN: true })),
  storedAsOf: fc.integer({ min: T0, max: T0 + 365 * DAY_MS }),
});

describe('the decay-normalized key', () => {
  test.prop([
    fc.array(member, { minLength: 2, maxLength: 40 }),
    fc.integer({ min: T0 + 365 * DAY_MS, max: T0 + 3 * 365 * DAY_MS }),
    fc.integer({ min: 1, max: 3650 }),
  ])('orders members as their decayed values do at any asOf', (members, asOf, halfLifeDays) => {
    const h = halfLifeDays * 86_400;
    const byKey = [...members].sort(
      (a, b) => decayKey(b.value, b.storedAsOf, h) - decayKey(a.value, a.storedAsOf, h) || 0,
    );
    // Walking the key order, decayed values never increase (beyond floating-point noise);
    // values that underflow to zero at this asOf tie, as they should.
    for (let i = 1; i < byKey.length; i++) {
      const prev = decayTo(byKey[i - 1]!.value, byKey[i - 1]!.storedAsOf, asOf, h);
      const next = decayTo(byKey[i]!.value, byKey[i]!.storedAsOf, asOf, h);
      expect(next).toBeLessThanOrEqual(prev * (1 + 1e-9) + Number.MIN_VALUE);
    }
  });

  test.prop([
    member,
    fc.integer({ min: T0 + 365 * DAY_MS, max: T0 + 2 * 365 * DAY_MS }),
    fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
  ])('admits exactly the values above a threshold at asOf', (m, asOf, minValue) => {
    const decayed = decayTo(m.value, m.storedAsOf, asOf, H);
    const admitted = decayKey(m.value, m.storedAsOf, H) >= keyThreshold(minValue, asOf, H);
    // Away from the boundary (where rounding decides), the key test agrees with the value test.
    if (Math.abs(decayed - minValue) > 1e-9 * minValue) expect(admitted).toBe(decayed >= minValue);
  });

  it('sorts zero after every positive value', () => {
    expect(decayKey(0, T0, H)).toBe(Number.NEGATIVE_INFINITY);
    expect(decayKey(1e-300, T0, H)).toBeGreaterThan(Number.NEGATIVE_INFINITY);
    expect(keyThreshold(0, T0, H)).toBe(Number.NEGATIVE_INFINITY);
  });
});
