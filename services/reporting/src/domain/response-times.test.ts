import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { bucketSeconds, medianFromHistogram, responseBucket } from './response-times';

function histogramOf(values: number[]): Array<[number, number]> {
  const h = new Map<number, number>();
  for (const v of values) h.set(responseBucket(v), (h.get(responseBucket(v)) ?? 0) + 1);
  return [...h.entries()];
}

function exactMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
}

describe('response-time histogram', () => {
  it('is exact to the second below 32 seconds', () => {
    expect(medianFromHistogram(histogramOf([30, 12, 3]))).toBe(12);
    expect(medianFromHistogram(histogramOf([30, 20]))).toBe(25);
    expect(medianFromHistogram(histogramOf([0, 0, 1000, 7]))).toBe(3.5);
    expect(medianFromHistogram(histogramOf([30.7]))).toBe(30);
    expect(medianFromHistogram([])).toBeNull();
    expect(medianFromHistogram([[5, 0]])).toBeNull();
  });

  test.prop([fc.double({ min: 0, max: 5 * 365 * 86_400, noNaN: true })])('puts a value in a bucket that represents it within 2 %', (s) => {
    const represented = bucketSeconds(responseBucket(s));
    if (s < 32) expect(represented).toBe(Math.floor(s));
    else expect(Math.abs(represented - s) / s).toBeLessThanOrEqual(0.02 + 1e-12);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 30 * 86_400 }), { minLength: 1, maxLength: 200 })])(
    'gives the median within 2 % (exact for whole seconds under 32)',
    (values) => {
      const median = medianFromHistogram(histogramOf(values))!;
      const exact = exactMedian(values);
      expect(Math.abs(median - exact)).toBeLessThanOrEqual(0.02 * exact + 1e-9);
    },
  );
});
