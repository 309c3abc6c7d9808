import { describe, expect, it } from 'vitest';
import { deriveSeed, SeededRandom } from './seeded-random';

const draws = (random: SeededRandom, n: number, draw: (r: SeededRandom) => number) => Array.from({ length: n }, () => draw(random));

describe('SeededRandom', () => {
  it('repeats its sequence for a seed, and differs between nearby seeds', () => {
    expect(draws(new SeededRandom(42), 50, (r) => r.next())).toEqual(draws(new SeededRandom(42), 50, (r) => r.next()));
    expect(draws(new SeededRandom(42), 50, (r) => r.next())).not.toEqual(draws(new SeededRandom(43), 50, (r) => r.next()));
    expect(deriveSeed(1, 'traffic')).not.toBe(deriveSeed(1, 'brand:a'));
    expect(deriveSeed(1, 'traffic')).toBe(deriveSeed(1, 'traffic'));
  });

  it('draws uniform numbers in [0, 1) with the right mean', () => {
    const xs = draws(new SeededRandom(1), 100_000, (r) => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
  });

  it('draws distributions with their textbook medians and tails', () => {
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const random = new SeededRandom(9);
    expect(median(draws(random, 50_000, (r) => r.exponential()))).toBeCloseTo(Math.LN2, 1);
    expect(median(draws(random, 50_000, (r) => r.logNormal(150, 1.8))) / 150).toBeCloseTo(1, 1);
    // Pareto(1, α): P(X > x) = x^−α, so the median is 2^(1/α).
    const pareto = draws(random, 50_000, (r) => r.pareto(1, 1.15));
    expect(median(pareto)).toBeCloseTo(Math.pow(2, 1 / 1.15), 1);
    expect(pareto.filter((x) => x > 100).length / pareto.length).toBeCloseTo(Math.pow(100, -1.15), 3);
  });

  it('picks weighted keys in proportion', () => {
    const random = new SeededRandom(3);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 60_000; i++) counts[random.weighted({ a: 1, b: 2, c: 3 })]++;
    expect(counts.a / 60_000).toBeCloseTo(1 / 6, 2);
    expect(counts.c / 60_000).toBeCloseTo(3 / 6, 2);
  });
});
