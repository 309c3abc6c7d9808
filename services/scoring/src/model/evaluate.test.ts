import { describe, expect, it } from 'vitest';
import { evaluateRelationship } from './evaluate';
import { ModelConfigSchema, durationsOf } from './model-config';
import { nextStageChangeAt, stageAt } from './stages';
import { DAY, T0, ev, many } from './test-events';

describe('evaluateRelationship', () => {
  it('sums decayed weights into love and advocacy', () => {
    const events = [ev({ type: 'comment', at: T0 }), ev({ type: 'share', at: T0 + 10 * DAY }), ev({ type: 'reply', at: T0, direction: 'outbound' })];
    const state = evaluateRelationship(events, T0 + 30 * DAY);
    expect(state.love).toBeCloseTo(4 * 0.5 + 6 * 2 ** (-20 / 30), 12);
    expect(state.advocacy).toBeCloseTo(6 * 2 ** (-20 / 30), 12);
  });

  it('halves love with a custom half-life', () => {
    const config = ModelConfigSchema.parse({ halfLifeDays: 7 });
    expect(evaluateRelationship(many(1, 'referral', T0), T0 + 7 * DAY, config).love).toBe(5);
  });

  it('weights sentiment by each contribution’s decay factor', () => {
    const events = [ev({ type: 'comment', at: T0, text: 'good' }), ev({ type: 'comment', at: T0 + 30 * DAY, text: 'bad' })];
    expect(evaluateRelationship(events, T0 + 30 * DAY).sentiment).toBeCloseTo((0.5 * 0.6 - 0.6) / 1.5, 12);
    // The mean does not drift with time alone.
    expect(evaluateRelationship(events, T0 + 300 * DAY).sentiment).toBeCloseTo((0.5 * 0.6 - 0.6) / 1.5, 12);
    expect(evaluateRelationship([ev({ type: 'comment', at: T0, text: 'hello' })], T0).sentiment).toBeNull();
  });

  it('turns gravity into a score of 100 · (1 − e^(−gravity/60))', () => {
    const state = evaluateRelationship([...many(6, 'referral', T0), ev({ type: 'reaction', at: T0, followers: 9 })], T0);
    expect(state.gravity).toBeCloseTo(61 * 2, 12);
    expect(state.score).toBeCloseTo(100 * (1 - Math.exp(-122 / 60)), 12);
    expect(evaluateRelationship([], T0).score).toBe(0);
  });

  it('ignores duplicates (same id)', () => {
    const a = ev({ type: 'comment', at: T0 });
    expect(evaluateRelationship([a, a, { ...a }], T0).love).toBe(4);
  });

  it('keeps the earlier of two differing copies of one id, whatever the order', () => {
    const a = ev({ id: 'x', type: 'comment', at: T0 });
    const b = ev({ id: 'x', type: 'referral', at: T0 + 1 });
    expect(evaluateRelationship([a, b], T0 + 1).love).toBe(evaluateRelationship([b, a], T0 + 1).love);
    expect(evaluateRelationship([b, a], T0 + 1).counts.comment).toBe(1);
  });

  it('only counts events at or before t, and says when the next one is due', () => {
    const events = [ev({ type: 'comment', at: T0 }), ev({ type: 'comment', at: T0 + DAY })];
    const early = evaluateRelationship(events, T0 - 1);
    expect(early).toMatchObject({ love: 0, firstSeenAt: null, lastActiveAt: null, stage: 'lapsed', level: 4, nextChangeAt: T0 });
    expect(evaluateRelationship(events, T0).nextChangeAt).toBeLessThanOrEqual(T0 + DAY);
  });

  it('takes t as a Date or epoch milliseconds, truncated to the millisecond', () => {
    const events = [ev({ type: 'comment', at: T0 })];
    expect(evaluateRelationship(events, new Date(T0 + DAY))).toEqual(evaluateRelationship(events, T0 + DAY));
    expect(evaluateRelationship(events, T0 + DAY + 0.9)).toEqual(evaluateRelationship(events, T0 + DAY));
    expect(() => evaluateRelationship(events, Number.NaN)).toThrow(RangeError);
    expect(() => evaluateRelationship([{ ...events[0]!, occurredAt: 'yesterday' }], T0)).toThrow(RangeError);
  });
});

describe('nextChangeAt', () => {
  it('names the first millisecond of a window change exactly', () => {
    const events = [ev({ type: 'reaction', at: T0 })];
    expect(evaluateRelationship(events, T0).nextChangeAt).toBe(T0 + 30 * DAY + 1); // new → casual
    expect(evaluateRelationship(events, T0 + 30 * DAY + 1).nextChangeAt).toBe(T0 + 60 * DAY + 1); // casual → lapsed
    expect(evaluateRelationship(events, T0 + 60 * DAY + 1).nextChangeAt).toBeNull(); // nothing left to change
  });

  it('is at most a millisecond early where a decay crosses a threshold', () => {
    // engaged at T0 with love 40 → level 1 held until T0 + 7 d; love stays ≥ 8 for 69.7 d.
    const state = evaluateRelationship(many(4, 'referral', T0), T0);
    expect(state.level).toBe(1);
    expect(state.nextChangeAt).toBeGreaterThanOrEqual(T0 + 7 * DAY);
    expect(state.nextChangeAt).toBeLessThanOrEqual(T0 + 7 * DAY + 1);
    // Level 2 until love is back at 15 (T0 + 30 d · log2(40/15)) plus a week; the stage changes at 21 d + 1 ms first.
    const later = evaluateRelationship(many(4, 'referral', T0), T0 + 7 * DAY + 1);
    expect(later).toMatchObject({ level: 2, stage: 'advocate' });
    expect(later.nextChangeAt).toBeGreaterThan(T0 + 7 * DAY + 1);
    // advocacy 40 falls below 12 after 30 d · log2(40/12) ≈ 52 d; activity ends at 21 d: 21 d + 1 ms first.
    expect(later.nextChangeAt).toBe(T0 + 21 * DAY + 1);
  });

  it('skips flips that leave the stage unchanged', () => {
    // Engaged and still "new" for 10 days: "new" expiring changes nothing, leaving the activity window does.
    const inputs = { love: 100, advocacy: 0, sentiment: null, lastActiveAt: T0, firstSeenAt: T0 - 20 * DAY, everEngaged: true };
    const config = ModelConfigSchema.parse({});
    expect(stageAt(T0, inputs, config, durationsOf(config))).toBe('engaged');
    expect(nextStageChangeAt(T0, inputs, config, durationsOf(config))).toBe(T0 + 21 * DAY + 1);
  });
});
