import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { expectedActions, nextActionAt, rateAt, type ActivityProcess } from './activity-process';
import { SeededRandom } from './seeded-random';

const DAY = 86_400_000;

describe('activity process', () => {
  const drifting: ActivityProcess = { joinedAtMs: 1_000, ratePerMs: 2 / DAY, halfLifeMs: 10 * DAY };
  const steady: ActivityProcess = { joinedAtMs: 1_000, ratePerMs: 2 / DAY, halfLifeMs: null };

  it('halves a drifting rate every half-life and keeps a steady one', () => {
    expect(rateAt(drifting, 1_000 + 10 * DAY)).toBeCloseTo(1 / DAY, 15);
    expect(rateAt(drifting, 1_000 + 20 * DAY)).toBeCloseTo(0.5 / DAY, 15);
    expect(rateAt(steady, 1_000 + 20 * DAY)).toBe(2 / DAY);
    expect(rateAt(steady, 999)).toBe(0);
  });

  test.prop([fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.boolean()])(
    'the next action lies where the integrated rate reaches the exponential draw',
    (e, startDays, drifts) => {
      const p = drifts ? drifting : steady;
      const t = 1_000 + startDays * DAY;
      const next = nextActionAt(p, t, e);
      if (next === undefined) {
        // Silent: even the whole remaining mass is below the draw.
        expect(drifts).toBe(true);
        expect(expectedActions(p, t, Number.MAX_VALUE)).toBeLessThan(e * (1 + 1e-9));
      } else {
        expect(next).toBeGreaterThan(t);
        expect(expectedActions(p, t, next)).toBeCloseTo(e, 6);
      }
    },
  );

  it('a drifting member falls silent: the number of actions is finite and matches the expectation', () => {
    const random = new SeededRandom(7);
    const runs = 4_000;
    let total = 0;
    for (let i = 0; i < runs; i++) {
      for (let t: number | undefined = nextActionAt(drifting, 1_000, random.exponential()); t !== undefined; t = nextActionAt(drifting, t, random.exponential())) total++;
    }
    // ∫ 2/day · 2^(−t/10 days) dt over [0, ∞) = 2 · 10 / ln 2 ≈ 28.85 actions.
    const expected = expectedActions(drifting, 1_000, Number.MAX_VALUE);
    expect(expected).toBeCloseTo(20 / Math.LN2, 6);
    expect(total / runs).toBeGreaterThan(expected * 0.97);
    expect(total / runs).toBeLessThan(expected * 1.03);
  });

  it('does not act before arriving', () => {
    expect(nextActionAt(steady, 0, 1)).toBe(1_000 + DAY / 2);
    expect(expectedActions(steady, 0, 1_000)).toBe(0);
  });
});
