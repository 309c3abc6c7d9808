import { describe, expect, it } from 'vitest';
import { deriveInteractions } from './derive-interactions';
import { evaluateRelationship } from './evaluate';
import { DAY, HOUR, T0, approxEqual, ev } from './test-events';

const t = T0 + 5 * DAY;

describe('retractions', () => {
  it('withdraw the named event from everything, whichever came first in time or arrival', () => {
    const like = ev({ id: 'like', type: 'reaction', at: T0 });
    const comment = ev({ id: 'c', type: 'comment', at: T0, followers: 99 });
    const unlike = ev({ id: 'r', type: 'retraction', at: T0 + HOUR, parentId: 'like' });
    const early = ev({ id: 'r', type: 'retraction', at: T0 - HOUR, parentId: 'like' }); // retraction "before" its target
    const expected = evaluateRelationship([comment, unlike], t);
    expect(approxEqual(evaluateRelationship([like, comment, unlike], t), expected)).toBeNull();
    expect(approxEqual(evaluateRelationship([unlike, comment, like], t), expected)).toBeNull();
    expect(evaluateRelationship([like, comment, early], t).love).toBeCloseTo(evaluateRelationship([comment], t).love, 12);
  });

  it('withdraw for every instant, also before the retraction happened', () => {
    const events = [ev({ id: 'c', type: 'conversion', at: T0 }), ev({ type: 'retraction', at: T0 + 3 * DAY, parentId: 'c' })];
    expect(evaluateRelationship(events, T0 + DAY).converted).toBe(false);
    expect(evaluateRelationship(events, T0 + DAY).love).toBe(0);
  });

  it('count as inbound events and as sightings themselves', () => {
    const events = [ev({ id: 'like', type: 'reaction', at: T0 + DAY }), ev({ type: 'retraction', at: T0, parentId: 'like' })];
    const state = evaluateRelationship(events, t);
    expect(state.counts.reaction).toBe(0);
    expect(state.counts.retraction).toBe(1);
    expect(state.firstSeenAt).toBe(T0);
    expect(state.lastActiveAt).toBeNull(); // a retraction is not activity
  });

  it('undo a conversion, a follow, an answer, team membership and the engagement at_risk looks back for', () => {
    const events = [
      ev({ id: 'buy', type: 'conversion', at: T0 }),
      ev({ id: 'fol', type: 'follow', at: T0 }),
      ev({ id: 'q1', type: 'comment', at: T0 + HOUR, isTeam: true }),
      ev({ id: 'q2', type: 'comment', at: T0 + 2 * HOUR }),
      ev({ id: 'a', type: 'reply', at: T0 + 3 * HOUR, direction: 'outbound' }),
    ];
    const before = evaluateRelationship(events, T0 + 31 * DAY);
    expect(before).toMatchObject({ converted: true, following: true, isTeam: true, stage: 'at_risk' });
    expect(deriveInteractions(events).find((e) => e.id === 'a')?.answers).toBe('q1');

    const retracted = [...events, ...['buy', 'fol', 'q1'].map((id) => ev({ type: 'retraction', at: T0 + DAY, parentId: id }))];
    const after = evaluateRelationship(retracted, T0 + 31 * DAY);
    expect(after).toMatchObject({ converted: false, following: false, isTeam: false, stage: 'casual' });
    // The reply now answers the remaining comment.
    expect(deriveInteractions(retracted).find((e) => e.id === 'a')?.answers).toBe('q2');
  });

  it('of a retraction are inert', () => {
    const events = [
      ev({ id: 'like', type: 'reaction', at: T0 }),
      ev({ id: 'r1', type: 'retraction', at: T0 + 1, parentId: 'like' }),
      ev({ id: 'r2', type: 'retraction', at: T0 + 2, parentId: 'r1' }),
    ];
    const state = evaluateRelationship(events, t);
    expect(state.counts).toMatchObject({ reaction: 0, retraction: 2 });
    expect(state.love).toBe(0);
  });

  it('naming an event that never arrives change nothing but their own count', () => {
    const base = [ev({ type: 'comment', at: T0 })];
    const state = evaluateRelationship([...base, ev({ type: 'retraction', at: T0, parentId: 'ghost' })], t);
    expect(state.love).toBe(evaluateRelationship(base, t).love);
  });

  it('are reported with what they retract; a withdrawn event weighs nothing', () => {
    const entries = deriveInteractions([ev({ id: 'like', type: 'reaction', at: T0 }), ev({ id: 'r', type: 'retraction', at: T0 + 1, parentId: 'like' })]);
    expect(entries).toEqual([
      expect.objectContaining({ id: 'like', weight: 0, sentiment: null, withdrawn: true }),
      expect.objectContaining({ id: 'r', weight: 0, retracts: 'like' }),
    ]);
  });
});
