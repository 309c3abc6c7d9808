import { describe, expect, it } from 'vitest';
import { netCounters } from './rollup-writes';

describe('netCounters', () => {
  it('sums counters of the same row, drops what cancels out and keeps revenue for Postgres to sum', () => {
    expect(netCounters([
      { brandId: 'b', counter: { kind: 'activity', interval: 'day', period: '2025-01-01', active: 1, retained: 1 } },
      { brandId: 'b', counter: { kind: 'activity', interval: 'day', period: '2025-01-01', active: -1, retained: 0 } },
      { brandId: 'b', counter: { kind: 'activity', interval: 'week', period: '2025-01-01', active: 1, retained: 0 } },
      { brandId: 'b', counter: { kind: 'activity', interval: 'week', period: '2025-01-01', active: -1, retained: 0 } },
      { brandId: 'c', counter: { kind: 'interactions', day: '2025-01-01', type: 'comment', n: 2 } },
      { brandId: 'b', counter: { kind: 'revenue', day: '2025-01-01', stage: 'new', currency: 'EUR', conversions: 1, revenue: '0.1' } },
      { brandId: 'b', counter: { kind: 'revenue', day: '2025-01-01', stage: 'new', currency: 'EUR', conversions: -1, revenue: '-0.1' } },
    ])).toEqual([
      { brandId: 'b', counter: { kind: 'revenue', day: '2025-01-01', stage: 'new', currency: 'EUR', conversions: 1, revenue: '0.1' } },
      { brandId: 'b', counter: { kind: 'revenue', day: '2025-01-01', stage: 'new', currency: 'EUR', conversions: -1, revenue: '-0.1' } },
      { brandId: 'b', counter: { kind: 'activity', interval: 'day', period: '2025-01-01', active: 0, retained: 1 } },
      { brandId: 'c', counter: { kind: 'interactions', day: '2025-01-01', type: 'comment', n: 2 } },
    ]);
  });
});
