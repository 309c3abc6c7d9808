import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactEvent, type CompactEvent } from './compact-event';
import { deriveInteractions } from './derive-interactions';
import { evaluateCompactEvents, evaluateRelationship } from './evaluate';
import { DEFAULT_MODEL_CONFIG as v1, ModelConfigSchema } from './model-config';
import {
  applyInteraction,
  applyToHistory,
  emptyHistory,
  evaluateHistory,
  foldHistory,
  historyFromEvents,
  type RelationshipHistory,
} from './relationship-history';
import { DAY, HOUR, T0, approxEqual, configArb, ev, eventSetArb, shuffled } from './test-events';

const c = (...args: Parameters<typeof ev>) => compactEvent(ev(...args));

function applyAll(history: RelationshipHistory, events: CompactEvent[]) {
  return events.map((e) => applyToHistory(history, e, v1));
}

describe('relationship history', () => {
  it('appends events in canonical order on the fast path', () => {
    const history = emptyHistory(v1);
    const outcomes = applyAll(history, [c({ type: 'comment', at: T0 }), c({ type: 'share', at: T0 + HOUR }), c({ type: 'reply', at: T0 + 2 * HOUR, direction: 'outbound' })]);
    expect(outcomes.map((o) => (o.kind === 'applied' ? o.path : o.kind))).toEqual(['append', 'append', 'append']);
    expect(outcomes[2]).toMatchObject({ facts: { answers: expect.any(String) as unknown, responseSeconds: 7200 } });
    expect(history.head.at).toBe(T0 + 2 * HOUR);
  });

  it('replays from the base for an out-of-order event and for a retraction of a retained event', () => {
    const history = emptyHistory(v1);
    applyAll(history, [c({ id: 'a', type: 'comment', at: T0 + HOUR })]);
    expect(applyToHistory(history, c({ id: 'b', type: 'comment', at: T0 }), v1)).toMatchObject({ kind: 'applied', path: 'replay' });
    expect(applyToHistory(history, c({ type: 'retraction', at: T0 + 2 * HOUR, parentId: 'a' }), v1)).toMatchObject({ kind: 'applied', path: 'replay' });
    expect(evaluateHistory(history, T0 + DAY, v1).counts.comment).toBe(1);
  });

  it('applies a retraction before its target and withdraws the target when it arrives', () => {
    const history = emptyHistory(v1);
    applyAll(history, [c({ type: 'retraction', at: T0, parentId: 'late' })]);
    expect(applyToHistory(history, c({ id: 'late', type: 'comment', at: T0 - HOUR }), v1)).toEqual({ kind: 'applied', path: 'append', facts: { withdrawn: true } });
    expect(evaluateHistory(history, T0 + DAY, v1).love).toBe(0);
  });

  it('reports duplicates and changes nothing', () => {
    const history = emptyHistory(v1);
    const event = c({ id: 'x', type: 'comment', at: T0 });
    applyAll(history, [event]);
    const before = JSON.stringify(history);
    expect(applyToHistory(history, { ...event }, v1)).toEqual({ kind: 'duplicate' });
    expect(JSON.stringify(history)).toBe(before);
  });

  it('replaces a held event by a differing copy of its id that the model prefers (the earlier one)', () => {
    const history = emptyHistory(v1);
    applyAll(history, [c({ id: 'x', type: 'comment', at: T0 + HOUR }), c({ type: 'reaction', at: T0 + 2 * HOUR })]);
    const earlier = c({ id: 'x', type: 'share', at: T0 });
    expect(applyToHistory(history, earlier, v1)).toMatchObject({ kind: 'applied', path: 'replay' });
    expect(applyToHistory(history, c({ id: 'x', type: 'comment', at: T0 + HOUR }), v1)).toEqual({ kind: 'duplicate' });
    const expected = evaluateCompactEvents([earlier, c({ type: 'reaction', at: T0 + 2 * HOUR })], T0 + DAY, v1);
    expect(approxEqual(evaluateHistory(history, T0 + DAY, v1), expected)).toBeNull();
  });

  it('asks for a rebuild when an event lands before the cutoff, a retraction names an unretained event, or the model changed', () => {
    const history = historyFromEvents([c({ id: 'old', type: 'comment', at: T0 }), c({ type: 'comment', at: T0 + 10 * DAY })], v1, T0 + 5 * DAY);
    const before = JSON.stringify(history);
    expect(applyToHistory(history, c({ type: 'comment', at: T0 + DAY }), v1)).toEqual({ kind: 'rebuild', reason: 'before-cutoff' });
    expect(applyToHistory(history, c({ type: 'retraction', at: T0 + 11 * DAY, parentId: 'old' }), v1)).toEqual({
      kind: 'rebuild',
      reason: 'retracts-unretained',
    });
    expect(applyToHistory(history, c({ type: 'comment', at: T0 + 11 * DAY }), ModelConfigSchema.parse({ version: 2 }))).toEqual({
      kind: 'rebuild',
      reason: 'model-changed',
    });
    expect(JSON.stringify(history)).toBe(before);
  });

  it('folds old events into a base that keeps evaluating exactly', () => {
    const events = [
      ...Array.from({ length: 40 }, (_, i) => c({ type: i % 3 === 0 ? 'share' : 'comment', at: T0 + i * 3 * HOUR, text: i % 4 === 0 ? 'good' : 'bad' })),
      c({ type: 'reply', at: T0 + 5 * HOUR, direction: 'outbound' }),
    ];
    const history = historyFromEvents(events, v1);
    foldHistory(history, T0 + 3 * DAY, v1);
    expect(history.events.length).toBeLessThan(events.length);
    for (const t of [T0 + 3 * DAY, T0 + 5 * DAY, T0 + 40 * DAY, T0 + 100 * DAY]) {
      expect(approxEqual(evaluateHistory(history, t, v1), evaluateCompactEvents(events, t, v1))).toBeNull();
    }
    expect(() => evaluateHistory(history, T0, v1)).toThrow(RangeError);
  });

  it('survives a JSON round trip (what the store keeps)', () => {
    const history = historyFromEvents([c({ id: 'q', type: 'comment', at: T0 }), c({ type: 'share', at: T0 + DAY })], v1, T0 + HOUR);
    const restored = JSON.parse(JSON.stringify(history)) as RelationshipHistory;
    const answer = c({ type: 'reply', at: T0 + 2 * DAY, direction: 'outbound', parentId: 'q' });
    applyToHistory(history, answer, v1);
    applyToHistory(restored, answer, v1);
    expect(evaluateHistory(restored, T0 + 3 * DAY, v1)).toEqual(evaluateHistory(history, T0 + 3 * DAY, v1));
    expect(evaluateHistory(restored, T0 + 3 * DAY, v1).reciprocity.answered).toBe(1);
  });

  it('gives a contract event its derived entry', () => {
    const history = emptyHistory(v1);
    applyInteraction(history, ev({ type: 'comment', at: T0 }), v1);
    const outcome = applyInteraction(history, ev({ id: 'buy', type: 'conversion', at: T0 + HOUR, value: 5 }), v1);
    expect(outcome).toMatchObject({ kind: 'applied', entry: { id: 'buy', weight: 10, value: 5, currency: 'EUR', stageBefore: 'new' } });
  });

  it('stays equal to the full evaluation whatever the arrival order, folds and rebuilds', () => {
    const step = fc.record({ fold: fc.option(fc.integer({ min: 0, max: 30 * DAY }), { freq: 3 }), roundTrip: fc.boolean(), probe: fc.integer({ min: 0, max: 60 * DAY }) });
    fc.assert(
      fc.property(
        eventSetArb(25),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.array(step, { minLength: 25, maxLength: 25 }),
        fc.oneof(fc.constant(v1), configArb),
        (set, seeds, steps, config) => {
          const arrivals = shuffled([...set, ...set.slice(0, 3)], seeds); // some duplicates too
          const log: CompactEvent[] = [];
          let history = emptyHistory(config);
          arrivals.forEach((event, i) => {
            const compact = compactEvent(event);
            log.push(compact);
            const outcome = applyToHistory(history, compact, config);
            if (outcome.kind === 'rebuild') history = historyFromEvents(log, config, history.cutoff);
            if (outcome.kind === 'applied') {
              // The derived facts of the event just applied are those of the set so far.
              const entry = deriveInteractions(arrivals.slice(0, i + 1), config).find((e) => e.id === event.id);
              expect(entry?.answers).toBe(outcome.facts.answers);
              expect(entry?.stageBefore).toBe(outcome.facts.stageBefore);
              expect(entry?.withdrawn).toBe(outcome.facts.withdrawn);
            }
            const s = steps[i % steps.length]!;
            const latest = history.head.at ?? T0;
            if (s.fold !== null) foldHistory(history, latest - s.fold, config);
            if (s.roundTrip) history = JSON.parse(JSON.stringify(history)) as RelationshipHistory;
            for (const t of [latest, latest + s.probe, Math.max(history.base.at ?? latest, latest - s.probe)]) {
              const diff = approxEqual(evaluateHistory(history, t, config), evaluateCompactEvents(log, t, config));
              if (diff !== null) throw new Error(`after ${i + 1} arrivals at t = ${t}: ${diff}`);
            }
          });
          expect(approxEqual(evaluateHistory(history, T0 + 400 * DAY, config), evaluateRelationship(set, T0 + 400 * DAY, config))).toBeNull();
        },
      ),
      { numRuns: Number(process.env['MODEL_PROPERTY_RUNS'] ?? 150) },
    );
  });
});
