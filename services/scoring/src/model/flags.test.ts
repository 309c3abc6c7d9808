import { describe, expect, it } from 'vitest';
import { evaluateRelationship } from './evaluate';
import { DAY, T0, ev } from './test-events';

const t = T0 + 10 * DAY;

describe('following', () => {
  it('follows the latest follow/unfollow by event time, whatever the arrival order', () => {
    const follow = ev({ type: 'follow', at: T0 });
    const unfollow = ev({ type: 'unfollow', at: T0 + DAY });
    expect(evaluateRelationship([follow, unfollow], t).following).toBe(false);
    expect(evaluateRelationship([unfollow, follow], t).following).toBe(false);
    const refollow = ev({ type: 'follow', at: T0 + 2 * DAY });
    expect(evaluateRelationship([refollow, unfollow, follow], t).following).toBe(true);
  });

  it('breaks a tie at one instant by id', () => {
    const a = ev({ id: 'a', type: 'follow', at: T0 });
    const b = ev({ id: 'b', type: 'unfollow', at: T0 });
    expect(evaluateRelationship([a, b], t).following).toBe(false);
    expect(evaluateRelationship([b, a], t).following).toBe(false);
  });

  it('is true if any identity follows', () => {
    const events = [
      ev({ type: 'follow', at: T0, platform: 'x' }),
      ev({ type: 'follow', at: T0, platform: 'instagram' }),
      ev({ type: 'unfollow', at: T0 + DAY, platform: 'instagram' }),
    ];
    expect(evaluateRelationship(events, t).following).toBe(true);
    expect(evaluateRelationship([...events, ev({ type: 'unfollow', at: T0 + DAY, platform: 'x' })], t).following).toBe(false);
  });

  it('treats join as a follow and leave as an unfollow', () => {
    expect(evaluateRelationship([ev({ type: 'join', at: T0, platform: 'discord' })], t).following).toBe(true);
    const left = [ev({ type: 'join', at: T0, platform: 'discord' }), ev({ type: 'leave', at: T0 + DAY, platform: 'discord' })];
    expect(evaluateRelationship(left, t).following).toBe(false);
  });

  it('ignores outbound follows (the brand following the member)', () => {
    expect(evaluateRelationship([ev({ type: 'follow', at: T0, direction: 'outbound' })], t).following).toBe(false);
  });
});

describe('converted, isTeam, counts', () => {
  it('is converted after any conversion', () => {
    expect(evaluateRelationship([ev({ type: 'reaction', at: T0 })], t).converted).toBe(false);
    expect(evaluateRelationship([ev({ type: 'conversion', at: T0 })], t).converted).toBe(true);
    expect(evaluateRelationship([ev({ type: 'conversion', at: T0 + 20 * DAY })], t).converted).toBe(false);
  });

  it('keeps isTeam once seen on any event (sticky)', () => {
    const events = [ev({ type: 'comment', at: T0, isTeam: true }), ev({ type: 'comment', at: T0 + DAY, isTeam: false })];
    expect(evaluateRelationship(events, t).isTeam).toBe(true);
    expect(evaluateRelationship([ev({ type: 'comment', at: T0, isTeam: false })], t).isTeam).toBe(false);
  });

  it('counts inbound events by type, not outbound ones', () => {
    const events = [
      ev({ type: 'comment', at: T0 }),
      ev({ type: 'comment', at: T0 + 1 }),
      ev({ type: 'unfollow', at: T0 + 2 }),
      ev({ type: 'reply', at: T0 + 3, direction: 'outbound' }),
    ];
    const counts = evaluateRelationship(events, t).counts;
    expect(counts.comment).toBe(2);
    expect(counts.unfollow).toBe(1);
    expect(counts.reply).toBe(0);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(3);
  });
});
