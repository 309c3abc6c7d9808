import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { dueAtMs, dueCount, scheduledRequests } from './open-model-schedule';

describe('the fixed-rate schedule', () => {
  it('has rate × duration requests, evenly spaced from time 0', () => {
    expect(scheduledRequests(5_000, 15_000)).toBe(75_000);
    expect(scheduledRequests(17.5, 2_000)).toBe(35);
    expect(dueAtMs(0, 5_000)).toBe(0);
    expect(dueAtMs(5_000, 5_000)).toBe(1_000);
  });

  it('makes request 0 due at once and never more than the total', () => {
    expect(dueCount(-1, 1_000, 10)).toBe(0);
    expect(dueCount(0, 1_000, 10)).toBe(1);
    expect(dueCount(2.5, 1_000, 10)).toBe(3);
    expect(dueCount(60_000, 1_000, 10)).toBe(10);
  });

  test.prop([fc.double({ min: 0.1, max: 100_000, noNaN: true }), fc.nat({ max: 10_000 })])('a request is due exactly once its due time has come', (rate, index) => {
    const total = index + 1;
    const at = dueAtMs(index, rate);
    expect(dueCount(at + 1e-6, rate, total)).toBe(total);
    if (index > 0) expect(dueCount(dueAtMs(index - 1, rate) + (at - dueAtMs(index - 1, rate)) / 2, rate, total)).toBe(index);
  });
});
