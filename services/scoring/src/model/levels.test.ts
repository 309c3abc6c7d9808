import { describe, expect, it } from 'vitest';
import { evaluateRelationship } from './evaluate';
import { lastInstantAtLeast, levelOf, prunePeaks, windowMaxLove, type LovePeak } from './levels';
import { DEFAULT_MODEL_CONFIG } from './model-config';
import { DAY, T0, configWith, many } from './test-events';

const H = 30 * DAY;
const noDelay = configWith({ levelWindowDays: 0 });

describe('levels', () => {
  it.each([
    [40, 1],
    [39.999, 2],
    [15, 2],
    [14.999, 3],
    [3, 3],
    [2.999, 4],
    [0, 4],
  ])('love %s is level %s', (love, level) => {
    expect(levelOf(love, DEFAULT_MODEL_CONFIG.thresholds)).toBe(level);
  });

  it.each([
    [4, 'referral', 1],
    [3, 'referral', 2],
    [15, 'reaction', 2],
    [14, 'reaction', 3],
    [3, 'reaction', 3],
    [2, 'reaction', 4],
  ] as const)('%s × %s at the instant gives level %s', (n, type, level) => {
    expect(evaluateRelationship(many(n, type, T0), T0, noDelay).level).toBe(level);
  });

  it('promotes at once and demotes a week after love fell below the threshold', () => {
    const events = many(4, 'referral', T0); // love 40 at T0 only
    expect(evaluateRelationship(events, T0 - 1).level).toBe(4);
    expect(evaluateRelationship(events, T0).level).toBe(1);
    expect(evaluateRelationship(events, T0 + 1, noDelay).level).toBe(2); // without the delay: at once
    expect(evaluateRelationship(events, T0 + 7 * DAY).level).toBe(1);
    expect(evaluateRelationship(events, T0 + 7 * DAY + 1).level).toBe(2);
  });

  it('takes the love at the window start when it is the best of the window', () => {
    const events = many(8, 'referral', T0); // love 80 at T0, exactly 40 at T0 + 30 d
    expect(evaluateRelationship(events, T0 + 37 * DAY).level).toBe(1);
    expect(evaluateRelationship(events, T0 + 37 * DAY + 1).level).toBe(2);
  });

  it('takes the best instant after an event inside the window', () => {
    // 10 at T0 (level 3), +6 at T0 + 1 d: 10·2^(−1/30) + 6 ≈ 15.77 (level 2), back under 15 within days.
    const events = [...many(1, 'referral', T0), ...many(1, 'share', T0 + DAY)];
    expect(evaluateRelationship(events, T0 + DAY - 1).level).toBe(3);
    expect(evaluateRelationship(events, T0 + DAY).level).toBe(2);
    const peak = 10 * 2 ** (-1 / 30) + 6;
    const heldUntil = T0 + DAY + H * Math.log2(peak / 15); // love back at 15
    expect(evaluateRelationship(events, Math.floor(heldUntil + 7 * DAY) - 1).level).toBe(2);
    expect(evaluateRelationship(events, Math.ceil(heldUntil + 7 * DAY) + 1).level).toBe(3);
  });

  it('finds the window maximum exactly from peaks', () => {
    const peaks: LovePeak[] = [
      { at: 0, love: 100 },
      { at: 10 * DAY, love: 20 },
      { at: 20 * DAY, love: 30 },
    ];
    expect(windowMaxLove(peaks, 25 * DAY, 7 * DAY, H)).toBe(30);
    // Window [3 d, 10 d]: the love at the start comes from the peak at 0.
    expect(windowMaxLove(peaks, 10 * DAY, 7 * DAY, H)).toBeCloseTo(100 * 2 ** (-3 / 30), 12);
    expect(windowMaxLove(peaks, 5 * DAY, 0, H)).toBeCloseTo(100 * 2 ** (-5 / 30), 12);
    expect(windowMaxLove([], 5 * DAY, 7 * DAY, H)).toBe(0);
  });

  it('finds the last instant love held a threshold', () => {
    const peaks: LovePeak[] = [{ at: 0, love: 80 }, { at: DAY, love: 10 }];
    expect(lastInstantAtLeast(peaks, 2 * DAY, 7 * DAY, H, 40)).toBeCloseTo(30 * DAY, 3);
    expect(lastInstantAtLeast(peaks, 2 * DAY, 7 * DAY, H, 1000)).toBe(-Infinity);
  });

  it('prunes peaks no later window can need', () => {
    const peaks: LovePeak[] = [0, 1, 2, 3, 10].map((d) => ({ at: d * DAY, love: d }));
    prunePeaks(peaks, 10 * DAY, 7 * DAY);
    expect(peaks.map((p) => p.at / DAY)).toEqual([3, 10]); // the last one at or before the window start stays
  });
});
