import { describe, expect, it } from 'vitest';
import { decayFactor, timeToDecay } from './decay';

const H = 30 * 86_400_000;

describe('decay', () => {
  it('halves a contribution every half-life', () => {
    expect(decayFactor(0, H)).toBe(1);
    expect(decayFactor(H, H)).toBe(0.5);
    expect(decayFactor(3 * H, H)).toBe(0.125);
    expect(decayFactor(-H, H)).toBe(2);
  });

  it('finds when a value decays to a threshold', () => {
    expect(timeToDecay(16, 8, H)).toBe(H);
    expect(timeToDecay(8, 8, H)).toBe(0);
    const x = timeToDecay(21.5, 3, H);
    expect(21.5 * decayFactor(x, H)).toBeCloseTo(3, 12);
  });

  it('flushes to zero instead of overflowing far in the future', () => {
    expect(decayFactor(3 * 365 * 86_400_000, 86_400_000)).toBe(0);
    expect(Number.isFinite(decayFactor(10 * 365 * 86_400_000, 86_400_000))).toBe(true);
  });
});
