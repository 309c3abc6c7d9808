import { describe, expect, it } from 'vitest';
import { evaluateRelationship } from './evaluate';
import { DAY, T0, ev } from './test-events';

const t = T0 + 10 * DAY;

describe('reach', () => {
  it('is 0 while no event reported followers', () => {
    expect(evaluateRelationship([ev({ type: 'reaction', at: T0 })], t).reach).toBe(0);
  });

  it('is log10(1 + followers) of the latest report by event time, whatever the arrival order', () => {
    const older = ev({ type: 'reaction', at: T0, followers: 99_999 });
    const newer = ev({ type: 'reaction', at: T0 + DAY, followers: 999 });
    const silent = ev({ type: 'reaction', at: T0 + 2 * DAY }); // reports nothing: does not reset
    expect(evaluateRelationship([older, newer, silent], t).reach).toBeCloseTo(3, 12);
    expect(evaluateRelationship([silent, newer, older], t).reach).toBeCloseTo(3, 12);
  });

  it('breaks a tie at one instant with the larger count', () => {
    const a = ev({ type: 'reaction', at: T0, followers: 9 });
    const b = ev({ type: 'comment', at: T0, followers: 99 });
    expect(evaluateRelationship([a, b], t).reach).toBeCloseTo(2, 12);
    expect(evaluateRelationship([b, a], t).reach).toBeCloseTo(2, 12);
  });

  it("takes the member's largest identity, each identity by its own latest report", () => {
    const events = [
      ev({ type: 'reaction', at: T0, platform: 'x', followers: 9_999 }),
      ev({ type: 'reaction', at: T0 + DAY, platform: 'x', followers: 9 }),
      ev({ type: 'reaction', at: T0, platform: 'instagram', followers: 99 }),
    ];
    expect(evaluateRelationship(events, t).reach).toBeCloseTo(2, 12);
  });

  it('counts outbound events that report followers, and multiplies love into gravity', () => {
    const events = [ev({ type: 'comment', at: t }), ev({ type: 'reply', at: t, direction: 'outbound', followers: 999 })];
    const state = evaluateRelationship(events, t);
    expect(state.reach).toBeCloseTo(3, 12);
    expect(state.gravity).toBeCloseTo(4 * 4, 12);
    expect(state.score).toBeCloseTo(100 * (1 - Math.exp(-16 / 60)), 10);
  });

  it('ignores reports made after the evaluated instant', () => {
    const events = [ev({ type: 'reaction', at: T0, followers: 9 }), ev({ type: 'reaction', at: T0 + 20 * DAY, followers: 999 })];
    expect(evaluateRelationship(events, t).reach).toBeCloseTo(1, 12);
  });
});
