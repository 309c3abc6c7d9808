import { fc, test } from '@fast-check/vitest';
import type { InteractionEvent } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { interactionStream } from '../../test/interaction-stream';
import { compactEvent, DEFAULT_MODEL_CONFIG, evaluateHistory, evaluateRelationship, type RelationshipState } from '../model';
import { applyEvents, logWithout, type LoggedEvent, type RetentionPolicy } from './apply-events';
import { keyOf, type StoredRelationship } from './stored-relationship';

const DAY = 86_400_000;
const START = Date.parse('2025-03-01T00:00:00.000Z');
const config = DEFAULT_MODEL_CONFIG;

/**
 * Feeds events to relationships batch by batch the way the consumer does — stored state through
 * a JSON round trip (the database), the event log for rebuilds — and returns the final state.
 */
function run(events: readonly InteractionEvent[], batchSizes: readonly number[], retention: RetentionPolicy, now: number) {
  const stored = new Map<string, StoredRelationship>();
  const logs = new Map<string, LoggedEvent[]>();
  const seen = new Set<string>();
  let rebuilds = 0;
  let applied = 0;
  let offset = 0;
  let b = 0;
  while (offset < events.length) {
    const size = Math.max(1, batchSizes[b++ % batchSizes.length] ?? 1);
    const batch = events.slice(offset, offset + size);
    offset += size;
    const groups = new Map<string, { event: InteractionEvent; compact: ReturnType<typeof compactEvent> }[]>();
    for (const event of batch) {
      const dedupe = `${event.sourceId}\u0000${event.id}`;
      if (seen.has(dedupe)) continue; // the events table's dedupe
      seen.add(dedupe);
      const key = keyOf(event.brandId, event.member.platformId);
      const compact = compactEvent(event);
      groups.set(key, [...(groups.get(key) ?? []), { event, compact }]);
      logs.set(key, [...(logs.get(key) ?? []), { sourceId: event.sourceId, compact }]);
    }
    for (const [key, incoming] of groups) {
      const existing = stored.get(key) ?? null;
      // What the database hands back: a copy, through JSON.
      const copy = existing === null ? null : (JSON.parse(JSON.stringify(existing)) as StoredRelationship);
      let result = applyEvents(copy, incoming, { now, config, retention });
      if (result.kind === 'needs-log') {
        rebuilds++;
        const fresh = existing === null ? null : (JSON.parse(JSON.stringify(existing)) as StoredRelationship);
        result = applyEvents(fresh, incoming, { now, config, retention, log: logWithout(logs.get(key) ?? [], incoming) });
      }
      if (result.kind !== 'changed') continue;
      applied += result.entries.length;
      const [brandId, memberId] = key.split(':') as [string, string];
      stored.set(key, {
        brandId,
        memberId,
        version: (existing?.version ?? 0) + 1,
        history: result.history,
        profile: result.profile,
        stage: result.values.stage,
        level: result.values.level,
        eventCount: result.eventCount,
      });
    }
  }
  return { stored, rebuilds, applied };
}

function expectClose(actual: RelationshipState, expected: RelationshipState): void {
  const { love, advocacy, gravity, score, reach, sentiment, ...exact } = actual;
  const { love: eLove, advocacy: eAdvocacy, gravity: eGravity, score: eScore, reach: eReach, sentiment: eSentiment, ...eExact } = expected;
  for (const [a, e] of [
    [love, eLove],
    [advocacy, eAdvocacy],
    [gravity, eGravity],
    [score, eScore],
    [reach, eReach],
    [sentiment ?? 0, eSentiment ?? 0],
  ] as const) {
    expect(Math.abs(a - e)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)));
  }
  expect(sentiment === null).toBe(eSentiment === null);
  expect(exact).toEqual(eExact);
}

function eventsOf(seed: number, members: number, count: number, lateMs: number): InteractionEvent[] {
  return [...interactionStream({ seed, brandId: 'b1', sourceId: 's1', members, events: count, start: START, spanMs: 40 * DAY, lateFraction: 0.15, lateMs })];
}

describe('applyEvents', () => {
  it('gives, batch after batch, the values of the model over the whole set', () => {
    const events = eventsOf(1, 20, 600, 2 * DAY);
    const now = START + 41 * DAY;
    const { stored, rebuilds } = run(events, [7, 1, 30, 3], { retainMs: DAY, maxRetained: 20 }, now);
    expect(rebuilds).toBeGreaterThan(0); // late events before the folded cutoff were exercised
    for (const relationship of stored.values()) {
      const own = events.filter((e) => e.member.platformId === relationship.memberId);
      const asOf = Math.max(now, relationship.history.head.at ?? now);
      expectClose(evaluateHistory(relationship.history, asOf, config), evaluateRelationship(own, asOf, config));
      expect(relationship.eventCount).toBe(own.length);
    }
  });

  it('ignores an event the relationship already holds under another source (same id): unchanged', () => {
    const [first] = eventsOf(2, 1, 1, 0) as [InteractionEvent];
    const once = applyEvents(null, [{ event: first, compact: compactEvent(first) }], { now: START, config, retention: { retainMs: DAY, maxRetained: 10 } });
    expect(once.kind).toBe('changed');
    if (once.kind !== 'changed') return;
    const stored: StoredRelationship = {
      brandId: 'b1',
      memberId: first.member.platformId,
      version: 1,
      history: once.history,
      profile: once.profile,
      stage: once.values.stage,
      level: once.values.level,
      eventCount: 1,
    };
    const again = { ...first, sourceId: 'other' };
    expect(applyEvents(stored, [{ event: again, compact: compactEvent(again) }], { now: START, config, retention: { retainMs: DAY, maxRetained: 10 } })).toEqual({ kind: 'unchanged' });
  });

  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 5 })], { numRuns: 25 })(
    'any batching, any retention: values equal the model over the set, each event applied once',
    (seed, batchSizes, retainDays) => {
      const events = eventsOf(seed, 4, 120, 3 * DAY);
      const retention = { retainMs: retainDays * DAY, maxRetained: 1 + (seed % 30) };
      const now = START + 41 * DAY;
      const { stored, applied } = run(events, batchSizes, retention, now);
      expect(applied).toBe(events.length);
      for (const relationship of stored.values()) {
        const own = events.filter((e) => e.member.platformId === relationship.memberId);
        const asOf = Math.max(now, relationship.history.head.at ?? now);
        expectClose(evaluateHistory(relationship.history, asOf, config), evaluateRelationship(own, asOf, config));
      }
    },
  );
});
