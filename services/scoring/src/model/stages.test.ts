import { describe, expect, it } from 'vitest';
import { evaluateRelationship } from './evaluate';
import type { ModelEvent } from './model-event';
import { DAY, T0, configWith, ev, many } from './test-events';

const stage = (events: ModelEvent[], t: number, config = configWith({})) => evaluateRelationship(events, t, config).stage;

describe('lifecycle stage', () => {
  it('is lapsed with no inbound activity in the last 60 days (closed window)', () => {
    const events = [ev({ type: 'reaction', at: T0 })];
    expect(stage(events, T0 + 60 * DAY)).toBe('casual');
    expect(stage(events, T0 + 60 * DAY + 1)).toBe('lapsed');
  });

  it('is lapsed without any inbound activity: only outbound events, unfollows, leaves or retractions', () => {
    expect(stage([ev({ type: 'message', at: T0, direction: 'outbound' })], T0)).toBe('lapsed');
    expect(stage([ev({ type: 'unfollow', at: T0 }), ev({ type: 'leave', at: T0 })], T0)).toBe('lapsed');
    expect(stage([ev({ type: 'retraction', at: T0, parentId: 'x' })], T0)).toBe('lapsed');
    expect(stage([], T0)).toBe('lapsed');
  });

  it('is new when first seen within 30 days, casual after', () => {
    const events = [ev({ type: 'reaction', at: T0 })];
    expect(stage(events, T0)).toBe('new');
    expect(stage(events, T0 + 30 * DAY)).toBe('new');
    expect(stage(events, T0 + 30 * DAY + 1)).toBe('casual');
    // First seen counts any event, even outbound.
    const contacted = [ev({ type: 'message', at: T0 - 40 * DAY, direction: 'outbound' }), ev({ type: 'reaction', at: T0 })];
    expect(stage(contacted, T0)).toBe('casual');
  });

  it('is engaged from love ≥ 8 with activity in the last 21 days', () => {
    const events = many(2, 'comment', T0); // love exactly 8 at T0
    expect(stage(events, T0)).toBe('engaged');
    expect(stage(events, T0 + 1)).toBe('at_risk'); // 8 · 2^(−1 ms / 30 d) < 8; rule 3 held at T0
    expect(stage(many(7, 'reaction', T0), T0)).toBe('new');
  });

  it('stays engaged up to 21 days after the last activity, then is at risk, then lapsed', () => {
    const events = many(10, 'comment', T0); // love 40
    expect(stage(events, T0 + 21 * DAY)).toBe('engaged');
    expect(stage(events, T0 + 21 * DAY + 1)).toBe('at_risk');
    expect(stage(events, T0 + 60 * DAY)).toBe('at_risk');
    expect(stage(events, T0 + 60 * DAY + 1)).toBe('lapsed');
  });

  it('is advocate from advocacy ≥ 12 with love ≥ 8, activity and sentiment ≥ 0', () => {
    const events = many(2, 'share', T0); // love 12, advocacy exactly 12
    expect(stage(events, T0)).toBe('advocate');
    expect(stage(events, T0 + 1)).toBe('engaged');
    expect(stage(many(1, 'share', T0), T0)).toBe('new'); // advocacy 6, love 6
  });

  it('keeps a member with negative sentiment out of advocate', () => {
    const negative = [...many(2, 'share', T0), ev({ type: 'share', at: T0, text: 'terrible' })];
    expect(stage(negative, T0)).toBe('engaged');
    const neutral = [...many(2, 'share', T0), ev({ type: 'share', at: T0, text: 'good bad' })]; // sentiment exactly 0
    expect(stage(neutral, T0)).toBe('advocate');
    expect(stage(negative, T0, configWith({ advocateMinSentiment: -0.6 }))).toBe('advocate');
  });

  it('is at risk when rule 2 or 3 held at some earlier instant, however briefly', () => {
    const events = [...many(2, 'comment', T0), ev({ type: 'reaction', at: T0 + 10 * DAY })];
    expect(stage(events, T0 + 10 * DAY)).toBe('at_risk'); // love ≈ 7.35 now, 8 at T0
    expect(stage(events, T0 - 1)).toBe('lapsed');
    // Without the engaged instant, the same member is merely new.
    expect(stage([ev({ type: 'comment', at: T0 }), ev({ type: 'reaction', at: T0 + 10 * DAY })], T0 + 10 * DAY)).toBe('new');
  });

  it('follows a brand model (stage love, activity window)', () => {
    const config = configWith({ stageLove: 4, activeDays: 2, lapsedDays: 10 });
    const events = many(1, 'comment', T0);
    expect(stage(events, T0, config)).toBe('engaged');
    expect(stage(events, T0 + 2 * DAY + 1, config)).toBe('at_risk');
    expect(stage(events, T0 + 10 * DAY + 1, config)).toBe('lapsed');
  });
});
