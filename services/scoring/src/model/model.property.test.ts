import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactEvent } from './compact-event';
import { decayFactor } from './decay';
import { deriveInteractions } from './derive-interactions';
import { evaluateRelationship, type RelationshipState } from './evaluate';
import { levelOf } from './levels';
import { DEFAULT_MODEL_CONFIG, durationsOf } from './model-config';
import type { ModelEvent } from './model-event';
import { DAY, approxEqual, busyEventSetArb, configArb, eventSetArb, instantArb, shuffled, withInstant } from './test-events';
import { loveWeight } from './weights';

// Two cores shared with others: enough runs to find the interesting interleavings, no more.
// `MODEL_PROPERTY_RUNS=5000 pnpm vitest run <file> --testTimeout=600000` digs deeper locally.
const RUNS = { numRuns: Number(process.env['MODEL_PROPERTY_RUNS'] ?? 200) };
const configOrV1 = fc.oneof(fc.constant(DEFAULT_MODEL_CONFIG), configArb);
const seedsArb = fc.array(fc.nat(), { minLength: 1, maxLength: 40 });

const same = (a: unknown, b: unknown) => {
  const diff = approxEqual(a, b);
  if (diff !== null) throw new Error(diff);
};

/** Ids withdrawn in a set, computed independently of the model's code. */
function withdrawnIds(events: readonly ModelEvent[]): Set<string> {
  const targets = new Set(events.filter((e) => e.type === 'retraction').map((e) => e.content?.parentId));
  return new Set(events.filter((e) => e.type !== 'retraction' && targets.has(e.id)).map((e) => e.id));
}

const instantsOf = (events: readonly ModelEvent[]) => [...new Set(events.map((e) => Date.parse(e.occurredAt)))].sort((a, b) => a - b);

describe('the one law: values depend on the set of events and t only', () => {
  it('gives the same values for any permutation', () => {
    fc.assert(
      fc.property(withInstant(eventSetArb()), seedsArb, configOrV1, ([events, t], seeds, config) => {
        same(evaluateRelationship(shuffled(events, seeds), t, config), evaluateRelationship(events, t, config));
        same(deriveInteractions(shuffled(events, seeds), config), deriveInteractions(events, config));
      }),
      RUNS,
    );
  });

  it('is unchanged by duplicated events', () => {
    fc.assert(
      fc.property(withInstant(eventSetArb()), seedsArb, ([events, t], seeds) => {
        const duplicates = seeds.map((s) => events[s % Math.max(1, events.length)]).filter((e) => e !== undefined);
        const withDuplicates = shuffled([...events, ...duplicates.map((e) => structuredClone(e))], seeds);
        same(evaluateRelationship(withDuplicates, t), evaluateRelationship(events, t));
      }),
      RUNS,
    );
  });

  it('treats a retracted event as never having happened, whatever the order', () => {
    fc.assert(
      fc.property(withInstant(eventSetArb()), fc.nat(), fc.integer({ min: -10 * DAY, max: 10 * DAY }), seedsArb, ([events, t], pick, shift, seeds) => {
        const withdrawn = withdrawnIds(events);
        const candidates = events.filter((e) => e.type !== 'retraction' && !withdrawn.has(e.id));
        const target = candidates[pick % Math.max(1, candidates.length)];
        if (target === undefined) return;
        const retraction: ModelEvent = {
          id: 'the-retraction',
          platform: 'x',
          type: 'retraction',
          direction: 'inbound',
          occurredAt: new Date(Date.parse(target.occurredAt) + shift).toISOString(),
          member: { platformId: 'm1' },
          content: { parentId: target.id },
        };
        const withTarget = shuffled([...events, retraction], seeds);
        const without = events.filter((e) => e !== target).concat(retraction);
        same(evaluateRelationship(withTarget, t), evaluateRelationship(without, t));
      }),
      RUNS,
    );
  });
});

describe('decay and bounds', () => {
  it('halves love and advocacy after one half-life with no new event', () => {
    fc.assert(
      fc.property(eventSetArb(), configOrV1, fc.integer({ min: 0, max: 100 * DAY }), (events, config, after) => {
        const last = Math.max(0, ...events.map((e) => Date.parse(e.occurredAt)));
        const t = last + after;
        const now = evaluateRelationship(events, t, config);
        const later = evaluateRelationship(events, t + durationsOf(config).halfLifeMs, config);
        same(later.love, now.love / 2);
        same(later.advocacy, now.advocacy / 2);
        same(later.sentiment, now.sentiment);
      }),
      RUNS,
    );
  });

  it('computes love as the decayed sum of weights of the non-withdrawn inbound events up to t', () => {
    fc.assert(
      fc.property(withInstant(eventSetArb()), configOrV1, ([events, t], config) => {
        const withdrawn = withdrawnIds(events);
        const unique = new Map(events.map((e) => [e.id, e]));
        let expected = 0;
        for (const e of unique.values()) {
          const at = Date.parse(e.occurredAt);
          if (at > t || withdrawn.has(e.id)) continue;
          expected += loveWeight(compactEvent(e), config) * decayFactor(t - at, durationsOf(config).halfLifeMs);
        }
        same(evaluateRelationship(events, t, config).love, expected);
      }),
      RUNS,
    );
  });

  it('keeps every value in its range', () => {
    fc.assert(
      fc.property(withInstant(eventSetArb()), configOrV1, ([events, t], config) => {
        const s = evaluateRelationship(events, t, config);
        expect(s.love).toBeGreaterThanOrEqual(0);
        expect(s.advocacy).toBeGreaterThanOrEqual(0);
        expect(s.reach).toBeGreaterThanOrEqual(0);
        expect(s.gravity).toBeGreaterThanOrEqual(s.love);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        if (s.sentiment !== null) expect(Math.abs(s.sentiment)).toBeLessThanOrEqual(1);
        const r = s.reciprocity;
        if (r.responseRate === null) expect(r.answered + r.awaiting).toBe(0);
        else {
          expect(r.responseRate).toBeGreaterThanOrEqual(0);
          expect(r.responseRate).toBeLessThanOrEqual(1);
        }
        if (r.medianResponseSeconds !== null) expect(r.medianResponseSeconds).toBeGreaterThanOrEqual(0);
        expect([1, 2, 3, 4]).toContain(s.level);
        for (const n of Object.values(s.counts)) expect(n).toBeGreaterThanOrEqual(0);
        if (s.nextChangeAt !== null) expect(s.nextChangeAt).toBeGreaterThan(t);
      }),
      RUNS,
    );
  });
});

describe('levels and stages against brute force', () => {
  it('takes the level of the best love of [t − window, t], checked at the start, at every event instant and at random instants', () => {
    fc.assert(
      fc.property(withInstant(busyEventSetArb()), configOrV1, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), ([events, t], config, fractions) => {
        const window = durationsOf(config).levelWindowMs;
        const loveAt = (s: number) => evaluateRelationship(events, s, config).love;
        let best = loveAt(t - window);
        for (const at of instantsOf(events)) if (at > t - window && at <= t) best = Math.max(best, loveAt(at));
        const level = evaluateRelationship(events, t, config).level;
        expect(level).toBe(levelOf(best, config.thresholds));
        for (const f of fractions) expect(levelOf(loveAt(Math.floor(t - window * f)), config.thresholds)).toBeGreaterThanOrEqual(level);
      }),
      RUNS,
    );
  });

  it('is at_risk exactly when rule 2 or 3 held at an earlier event instant (and no random instant disagrees)', () => {
    fc.assert(
      fc.property(withInstant(busyEventSetArb()), configOrV1, fc.array(instantArb, { maxLength: 8 }), ([events, t], config, samples) => {
        const stage = (s: number) => evaluateRelationship(events, s, config).stage;
        const engaged = (s: number) => ['advocate', 'engaged'].includes(stage(s));
        const now = stage(t);
        const heldBefore = instantsOf(events).some((at) => at < t && engaged(at));
        if (now === 'at_risk') expect(heldBefore).toBe(true);
        if (heldBefore) expect(['advocate', 'engaged', 'at_risk', 'lapsed']).toContain(now);
        // A rule that holds at any instant held at an event instant at or before it.
        for (const s of samples) if (s < t && engaged(s)) expect(['advocate', 'engaged', 'at_risk', 'lapsed']).toContain(now);
      }),
      RUNS,
    );
  });
});

describe('nextChangeAt', () => {
  const key = (s: RelationshipState) => `${s.stage}/${s.level}`;

  it('is never late: stage and level hold from t up to it', () => {
    fc.assert(
      fc.property(withInstant(busyEventSetArb()), configOrV1, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 8 }), ([events, t], config, fractions) => {
        const now = evaluateRelationship(events, t, config);
        const horizon = now.nextChangeAt ?? t + 800 * DAY;
        const probes = [horizon - 1, t + 1, ...fractions.map((f) => t + Math.floor((horizon - t) * f))].filter((s) => s >= t && s < horizon);
        for (const s of probes) expect(key(evaluateRelationship(events, s, config)), `at t + ${s - t} ms`).toBe(key(now));
      }),
      RUNS,
    );
  });

  it('is tight: unless an event is due, stage or level has changed a few milliseconds later', () => {
    fc.assert(
      fc.property(withInstant(busyEventSetArb()), configOrV1, ([events, t], config) => {
        const now = evaluateRelationship(events, t, config);
        if (now.nextChangeAt === null) return;
        const nextEvent = instantsOf(events).find((at) => at > t);
        if (nextEvent !== undefined && nextEvent <= now.nextChangeAt + 5) return;
        expect(key(evaluateRelationship(events, now.nextChangeAt + 5, config))).not.toBe(key(now));
      }),
      RUNS,
    );
  });
});
