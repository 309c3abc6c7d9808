import { describe, expect, it } from 'vitest';
import { deriveInteractions } from './derive-interactions';
import { evaluateRelationship } from './evaluate';
import { DAY, HOUR, T0, ev, type EventSpec } from './test-events';

const out = (spec: Omit<EventSpec, 'direction'>) => ev({ ...spec, direction: 'outbound' });
const answersOf = (events: Parameters<typeof deriveInteractions>[0]) =>
  Object.fromEntries(deriveInteractions(events).filter((e) => e.answers !== undefined).map((e) => [e.id, [e.answers, e.responseSeconds]]));

describe('reciprocity', () => {
  it('counts awaiting inbound comments, replies, mentions, messages and reviews only', () => {
    const events = (['comment', 'reply', 'mention', 'message', 'review', 'reaction', 'share', 'follow'] as const).map((type, i) =>
      ev({ type, at: T0 + i }),
    );
    expect(evaluateRelationship(events, T0 + DAY).reciprocity).toEqual({ awaiting: 5, answered: 0, responseRate: 0, medianResponseSeconds: null });
  });

  it('has a null rate when nothing awaits or was answered', () => {
    expect(evaluateRelationship([ev({ type: 'reaction', at: T0 })], T0 + DAY).reciprocity).toEqual({
      awaiting: 0,
      answered: 0,
      responseRate: null,
      medianResponseSeconds: null,
    });
  });

  it('matches an answer to the inbound its parentId names', () => {
    const events = [
      ev({ id: 'q1', type: 'comment', at: T0 }),
      ev({ id: 'q2', type: 'comment', at: T0 + HOUR }),
      out({ id: 'a', type: 'reply', at: T0 + 3 * HOUR, parentId: 'q2' }),
    ];
    expect(answersOf(events)).toEqual({ a: ['q2', 7200] });
    expect(evaluateRelationship(events, T0 + DAY).reciprocity).toEqual({ awaiting: 1, answered: 1, responseRate: 0.5, medianResponseSeconds: 7200 });
  });

  it('answers the oldest awaiting inbound of the previous 72 hours when there is no parentId', () => {
    const events = [
      ev({ id: 'old', type: 'comment', at: T0 }),
      ev({ id: 'q1', type: 'message', at: T0 + 2 * HOUR }),
      ev({ id: 'q2', type: 'message', at: T0 + 3 * HOUR }),
      out({ id: 'a1', type: 'message', at: T0 + 72 * HOUR + 1 }), // `old` is 72 h + 1 ms old: out of reach
      out({ id: 'a2', type: 'comment', at: T0 + 73 * HOUR }),
    ];
    expect(answersOf(events)).toEqual({ a1: ['q1', (70 * HOUR + 1) / 1000], a2: ['q2', 70 * 3600] });
  });

  it('reaches an inbound exactly 72 hours old', () => {
    const events = [ev({ id: 'q', type: 'comment', at: T0 }), out({ id: 'a', type: 'reply', at: T0 + 72 * HOUR })];
    expect(answersOf(events)).toEqual({ a: ['q', 72 * 3600] });
  });

  it('answers nothing when the parentId names no awaiting inbound (no fallback to the oldest)', () => {
    const events = [
      ev({ id: 'q', type: 'comment', at: T0 }),
      ev({ id: 'like', type: 'reaction', at: T0 }),
      out({ id: 'a1', type: 'reply', at: T0 + HOUR, parentId: 'like' }),
      out({ id: 'a2', type: 'reply', at: T0 + HOUR + 1, parentId: 'q' }),
      out({ id: 'a3', type: 'reply', at: T0 + HOUR + 2, parentId: 'q' }), // already answered
    ];
    expect(answersOf(events)).toEqual({ a2: ['q', 3600.001] });
  });

  it('does not let outbound reactions, shares or follows answer', () => {
    const events = [ev({ type: 'comment', at: T0 }), out({ type: 'reaction', at: T0 + 1 }), out({ type: 'share', at: T0 + 2 })];
    expect(evaluateRelationship(events, T0 + DAY).reciprocity.answered).toBe(0);
  });

  it('never gives a negative response time: an answer a little ahead of its inbound (clock skew) answers it in 0 s', () => {
    const events = [out({ id: 'a', type: 'reply', at: T0, parentId: 'q' }), ev({ id: 'q', type: 'comment', at: T0 + 5000 })];
    expect(answersOf(events)).toEqual({ a: ['q', 0] });
    expect(evaluateRelationship(events, T0 + DAY).reciprocity).toEqual({ awaiting: 0, answered: 1, responseRate: 1, medianResponseSeconds: 0 });
    // …within the answer window only.
    const late = [out({ id: 'a', type: 'reply', at: T0, parentId: 'q' }), ev({ id: 'q', type: 'comment', at: T0 + 72 * HOUR + 1 })];
    expect(answersOf(late)).toEqual({});
  });

  it('measures over inbound events of the last 90 days (closed window)', () => {
    const events = [ev({ type: 'comment', at: T0 }), ev({ type: 'comment', at: T0 + DAY }), out({ type: 'reply', at: T0 + DAY + HOUR })];
    // The reply answers the oldest (T0); at T0 + 90 d both inbound events are still in the window…
    expect(evaluateRelationship(events, T0 + 90 * DAY).reciprocity).toMatchObject({ awaiting: 1, answered: 1 });
    // …one millisecond later the answered one has left it.
    expect(evaluateRelationship(events, T0 + 90 * DAY + 1).reciprocity).toMatchObject({ awaiting: 1, answered: 0, responseRate: 0 });
    const awaitingOnly = [ev({ type: 'comment', at: T0 }), ev({ type: 'comment', at: T0 + DAY })];
    expect(evaluateRelationship(awaitingOnly, T0 + 90 * DAY).reciprocity.awaiting).toBe(2);
    expect(evaluateRelationship(awaitingOnly, T0 + 90 * DAY + 1).reciprocity.awaiting).toBe(1);
    expect(evaluateRelationship(awaitingOnly, T0 + 91 * DAY + 1).reciprocity).toMatchObject({ awaiting: 0, responseRate: null });
  });

  it('does not link an explicit answer to an inbound older than the reciprocity window', () => {
    const events = [ev({ id: 'q', type: 'comment', at: T0 }), out({ id: 'a', type: 'reply', at: T0 + 90 * DAY + 1, parentId: 'q' })];
    expect(answersOf(events)).toEqual({});
    const within = [ev({ id: 'q', type: 'comment', at: T0 }), out({ id: 'a', type: 'reply', at: T0 + 90 * DAY, parentId: 'q' })];
    expect(answersOf(within)).toEqual({ a: ['q', 90 * 86_400] });
  });

  it('takes the median of the answered response times', () => {
    const events = [
      ev({ id: 'q1', type: 'comment', at: T0 }),
      out({ type: 'reply', at: T0 + 10_000, parentId: 'q1' }),
      ev({ id: 'q2', type: 'comment', at: T0 + HOUR }),
      out({ type: 'reply', at: T0 + HOUR + 30_000, parentId: 'q2' }),
      ev({ id: 'q3', type: 'comment', at: T0 + 2 * HOUR }),
      out({ type: 'reply', at: T0 + 2 * HOUR + 100_000, parentId: 'q3' }),
    ];
    expect(evaluateRelationship(events, T0 + DAY).reciprocity.medianResponseSeconds).toBe(30);
    const even = [...events, ev({ id: 'q4', type: 'comment', at: T0 + 3 * HOUR }), out({ type: 'reply', at: T0 + 3 * HOUR + 50_000, parentId: 'q4' })];
    expect(evaluateRelationship(even, T0 + DAY).reciprocity.medianResponseSeconds).toBe(40);
  });

  it('ignores answers after the evaluated instant', () => {
    const events = [ev({ type: 'comment', at: T0 }), out({ type: 'reply', at: T0 + HOUR })];
    expect(evaluateRelationship(events, T0 + HOUR - 1).reciprocity).toMatchObject({ awaiting: 1, answered: 0 });
    expect(evaluateRelationship(events, T0 + HOUR).reciprocity).toMatchObject({ awaiting: 0, answered: 1 });
  });

  it('goes in event-time order then id, so a late older inbound takes the answer', () => {
    const base = [ev({ id: 'q2', type: 'comment', at: T0 + HOUR }), out({ id: 'a', type: 'reply', at: T0 + 2 * HOUR })];
    expect(answersOf(base)).toEqual({ a: ['q2', 3600] });
    expect(answersOf([...base, ev({ id: 'q1', type: 'comment', at: T0 })])).toEqual({ a: ['q1', 7200] });
    // At one instant the smaller id comes first: an inbound after the answer (by id) is not answered by it.
    const tie = [out({ id: 'a', type: 'reply', at: T0 }), ev({ id: 'b', type: 'comment', at: T0 })];
    expect(answersOf(tie)).toEqual({});
  });
});
