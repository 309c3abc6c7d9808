import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  activityKey, diffCounters, entryActivityKeys, entryCounters, memberCounters, negate, retentionNeighbours, stageCounters,
  type ActivityKey, type Counter, type EntryFacts, type MemberFacts,
} from './rollup-counters';
import { addPeriods, isoDate, periodStart } from './periods';

/** Sums counters by their identity (kind and the non-numeric fields; a response bucket too). */
function totals(counters: readonly Counter[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: string, n: number) => {
    const v = (out.get(k) ?? 0) + n;
    if (Math.abs(v) < 1e-9) out.delete(k);
    else out.set(k, v);
  };
  for (const c of counters) {
    const fields = Object.entries(c);
    const id = fields.filter(([f, v]) => typeof v === 'string' && f !== 'revenue' || f === 'bucket').map(([, v]) => String(v)).join(',');
    for (const [field, value] of fields) {
      if (field === 'bucket') continue;
      if (typeof value === 'number') add(`${id}:${field}`, value);
      if (field === 'revenue') add(`${id}:${field}`, Number(value));
    }
  }
  return out;
}

const base: EntryFacts = {
  type: 'comment', direction: 'inbound', occurredAtMs: Date.parse('2025-03-12T10:00:00Z'), sentiment: 0.4,
  answeredSeconds: null, value: null, currency: null, stageBefore: null, retracted: false,
};

describe('entryCounters', () => {
  it('counts an inbound comment as an interaction awaiting an answer, with its sentiment', () => {
    expect(entryCounters(base)).toEqual([
      { kind: 'interactions', day: '2025-03-12', type: 'comment', n: 1 },
      { kind: 'engagement', day: '2025-03-12', awaiting: 1, answered: 0, positive: 1, negative: 0, withSentiment: 1 },
    ]);
    expect(entryActivityKeys(base)).toEqual(['day|2025-03-12', 'week|2025-03-10', 'month|2025-03-01']);
  });

  it('moves an answered comment from awaiting to answered, with its response time', () => {
    expect(entryCounters({ ...base, sentiment: -0.5, answeredSeconds: 31 })).toEqual([
      { kind: 'interactions', day: '2025-03-12', type: 'comment', n: 1 },
      { kind: 'engagement', day: '2025-03-12', awaiting: 0, answered: 1, positive: 0, negative: 1, withSentiment: 1 },
      { kind: 'response', interval: 'day', period: '2025-03-12', bucket: 31, n: 1 },
      { kind: 'response', interval: 'week', period: '2025-03-10', bucket: 31, n: 1 },
      { kind: 'response', interval: 'month', period: '2025-03-01', bucket: 31, n: 1 },
    ]);
  });

  it('counts conversions as revenue by the stage before, and nothing for outbound or retracted entries', () => {
    expect(entryCounters({ ...base, type: 'conversion', sentiment: null, value: '49.9', currency: 'EUR', stageBefore: 'engaged' })).toEqual([
      { kind: 'interactions', day: '2025-03-12', type: 'conversion', n: 1 },
      { kind: 'revenue', day: '2025-03-12', stage: 'engaged', currency: 'EUR', conversions: 1, revenue: '49.9' },
    ]);
    expect(entryCounters({ ...base, direction: 'outbound', sentiment: null })).toEqual([]);
    expect(entryActivityKeys({ ...base, direction: 'outbound' })).toEqual([]);
    expect(entryCounters({ ...base, retracted: true })).toEqual([]);
    expect(entryActivityKeys({ ...base, type: 'unfollow' })).toEqual([]);
    expect(entryActivityKeys({ ...base, type: 'retraction' })).toEqual([]);
    expect(entryCounters({ ...base, type: 'retraction', sentiment: null })).toEqual([]);
  });

  it('is cancelled exactly by its negation', () => {
    const c = entryCounters({ ...base, type: 'conversion', value: '10.1', currency: 'USD', stageBefore: 'new' });
    expect(totals([...c, ...negate(c)]).size).toBe(0);
  });
});

describe('stageCounters', () => {
  it('moves the member from the previous stage and level to the new ones', () => {
    const at = Date.parse('2025-03-12T10:00:00Z');
    expect(totals(stageCounters([
      { atMs: at, stage: 'new', level: 4, previousStage: null, previousLevel: null },
      { atMs: at, stage: 'engaged', level: 4, previousStage: 'new', previousLevel: 4 },
    ]))).toEqual(new Map([
      ['stage,2025-03-12,stage,engaged:n', 1],
      ['stage,2025-03-12,level,4:n', 1],
    ]));
  });
});

// ---- member contributions: restricted diffs equal full diffs -------------------------------

const DAY = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00Z');

/** Brute force over whole histories: the counters a set of members must produce. */
function bruteForce(members: Array<{ counted: boolean; firstSeen: number; days: number[] }>): Map<string, number> {
  const counters: Counter[] = [];
  for (const m of members) {
    if (!m.counted) continue;
    counters.push({ kind: 'acquisition', day: isoDate(periodStart(m.firstSeen, 'day')), acquired: 1, engaged: 0, advocate: 0, converted: 0 });
    for (const interval of ['day', 'week', 'month'] as const) {
      const periods = new Set(m.days.map((d) => isoDate(periodStart(T0 + d * DAY, interval))));
      for (const p of periods) {
        const prev = isoDate(addPeriods(new Date(`${p}T00:00:00Z`), interval, -1));
        counters.push({ kind: 'activity', interval, period: p, active: 1, retained: periods.has(prev) ? 1 : 0 });
        const cohort = isoDate(periodStart(m.firstSeen, interval));
        if (interval !== 'day' || cohort === p) counters.push({ kind: 'cohort', interval, cohort, period: p, active: 1 });
      }
    }
  }
  return totals(counters);
}

function activityOf(days: number[]): Map<ActivityKey, number> {
  const out = new Map<ActivityKey, number>();
  for (const d of days) {
    for (const k of entryActivityKeys({ ...base, occurredAtMs: T0 + d * DAY + 3_600_000 })) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

const restrict = (m: Map<ActivityKey, number>, keys: Set<ActivityKey>) => new Map([...keys].map((k) => [k, m.get(k) ?? 0] as const));

const memberArb = fc.record({
  counted: fc.boolean(),
  firstSeenDay: fc.integer({ min: 0, max: 60 }),
  days: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 12 }),
});

describe('memberCounters', () => {
  test.prop([fc.array(memberArb, { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 6 }),
    fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 4 }), fc.boolean(), fc.option(fc.integer({ min: 0, max: 60 }))])(
    'applied as restricted diffs, add up to the brute-force counters of the final state',
    (members, addedDays, removedIdx, flipTeam, newFirstSeen) => {
      const norm = members.map((m) => ({ counted: m.counted, firstSeen: T0 + Math.min(m.firstSeenDay, ...m.days) * DAY, days: m.days }));
      // Everything the rollups hold before: contributions over whole histories.
      const state = totals(norm.flatMap((m) => memberCounters({
        counted: m.counted, firstSeenAtMs: m.firstSeen, everEngaged: false, everAdvocate: false, converted: false, activity: activityOf(m.days),
      })));
      expect(state).toEqual(bruteForce(norm));

      // Change member 0: new activity, retracted activity, maybe a team flip, maybe earlier first-seen.
      const m0 = norm[0]!;
      const removed = new Set(removedIdx.filter((i) => i < m0.days.length));
      const afterDays = [...m0.days.filter((_, i) => !removed.has(i)), ...addedDays];
      const afterCounted = flipTeam ? !m0.counted : m0.counted;
      const afterFirstSeen = Math.min(m0.firstSeen, ...(newFirstSeen === null ? [] : [T0 + newFirstSeen * DAY]), ...afterDays.map((d) => T0 + d * DAY));
      const before = activityOf(m0.days);
      const after = activityOf(afterDays);
      // The projection's rule for which periods to load.
      const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => (before.get(k) ?? 0) !== (after.get(k) ?? 0));
      const wholeHistory = afterCounted !== m0.counted || afterFirstSeen !== m0.firstSeen;
      const keys = new Set<ActivityKey>(wholeHistory ? [...before.keys(), ...after.keys()] : changed.flatMap(retentionNeighbours));
      const delta = diffCounters(
        memberCounters({ counted: m0.counted, firstSeenAtMs: m0.firstSeen, everEngaged: false, everAdvocate: false, converted: false, activity: restrict(before, keys) }),
        memberCounters({ counted: afterCounted, firstSeenAtMs: afterFirstSeen, everEngaged: false, everAdvocate: false, converted: false, activity: restrict(after, keys) }),
      );
      const combined = new Map(state);
      for (const [k, n] of totals(delta)) {
        const v = (combined.get(k) ?? 0) + n;
        if (Math.abs(v) < 1e-9) combined.delete(k);
        else combined.set(k, v);
      }
      expect(combined).toEqual(bruteForce([{ counted: afterCounted, firstSeen: afterFirstSeen, days: afterDays }, ...norm.slice(1)]));
    },
  );

  it('counts a member once per period however many events it had', () => {
    const m: MemberFacts = { counted: true, firstSeenAtMs: T0, everEngaged: true, everAdvocate: false, converted: true, activity: new Map([[activityKey('day', '2025-01-01'), 5]]) };
    expect(memberCounters(m)).toEqual([
      { kind: 'acquisition', day: '2025-01-01', acquired: 1, engaged: 1, advocate: 0, converted: 1 },
      { kind: 'activity', interval: 'day', period: '2025-01-01', active: 1, retained: 0 },
      { kind: 'cohort', interval: 'day', cohort: '2025-01-01', period: '2025-01-01', active: 1 },
    ]);
    expect(memberCounters({ ...m, counted: false })).toEqual([]);
  });
});
