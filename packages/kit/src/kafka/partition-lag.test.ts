import { describe, expect, it } from 'vitest';
import { partitionLags, totalLag } from './partition-lag';

describe('partition lag', () => {
  it('is the records between the committed offset and the end, per partition in order', () => {
    const lags = partitionLags(
      [
        { partition: 1, low: '0', high: '10' },
        { partition: 0, low: '0', high: '7' },
      ],
      new Map([
        [0, '7'],
        [1, '4'],
      ]),
    );
    expect(lags).toEqual([
      { partition: 0, committed: '7', low: '0', high: '7', lag: 0 },
      { partition: 1, committed: '4', low: '0', high: '10', lag: 6 },
    ]);
    expect(totalLag(lags)).toBe(6);
  });

  it('counts everything retained for a group that never committed or whose offset retention passed', () => {
    const lags = partitionLags(
      [
        { partition: 0, low: '100', high: '150' },
        { partition: 1, low: '100', high: '150' },
        { partition: 2, low: '100', high: '150' },
      ],
      new Map([
        [0, '-1'],
        [1, '20'],
      ]),
    );
    expect(lags.map((l) => [l.committed, l.lag])).toEqual([
      [null, 50],
      ['20', 50],
      [null, 50],
    ]);
  });

  it('never reports a negative lag, and keeps offsets beyond 2^53 exact', () => {
    const big = 2n ** 60n;
    const [lag] = partitionLags([{ partition: 0, low: String(big), high: String(big + 3n) }], new Map([[0, String(big + 1n)]]));
    expect(lag?.lag).toBe(2);
    const [ahead] = partitionLags([{ partition: 0, low: '0', high: '5' }], new Map([[0, '9']]));
    expect(ahead?.lag).toBe(0);
  });
});
