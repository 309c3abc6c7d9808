import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RelationshipUpdated } from '@rapport/contracts';
import { transaction } from '@rapport/kit/pg';
import { createReportingDatabase, snapshotReadModels, type ReportingDatabase } from '../../test/reporting-database';
import { compareWithOracle } from '../../test/read-model-oracle';
import { DAY_MS, applied, relationshipUpdate } from '../../test/relationship-update.fixture';
import { applyRelationshipBatch } from './apply-relationship-batch';

let rdb: ReportingDatabase;
beforeAll(async () => {
  rdb = await createReportingDatabase();
});
afterAll(async () => {
  await rdb?.close();
});
beforeEach(async () => {
  await rdb.truncate();
});

const B = 'brand-a';
const T0 = Date.parse('2025-03-03T10:00:00Z'); // a Monday
const at = (days: number, hours = 0) => new Date(T0 + days * DAY_MS + hours * 3_600_000).toISOString();

const apply = (updates: RelationshipUpdated[]) => transaction(rdb.pool, (c) => applyRelationshipBatch(c, updates));

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await rdb.pool.query(sql, params)).rows as T[];
}

const activity = (granularity: string) =>
  rows<{ period_start: string; active: string; retained: string }>(
    "SELECT period_start::text, active, retained FROM period_activity WHERE brand_id = $1 AND granularity = $2 ORDER BY 1", [B, granularity]);

describe('applyRelationshipBatch', () => {
  it('projects an update: relationship, identities, entries, rollups, stage history', async () => {
    await apply([
      relationshipUpdate({
        brandId: B, memberId: 'm1', version: 1, asOf: at(0, 1), firstSeenAt: at(0), lastActiveAt: at(0, 1), love: 5, gravity: 5,
        stage: 'new', level: 3, identities: [{ platform: 'x', platformId: 'alice' }, { platform: 'github', platformId: 'alice-gh' }],
        interactions: [
          applied('e1', { type: 'follow', occurredAt: at(0), weight: 2 }),
          applied('e2', { type: 'comment', occurredAt: at(0, 1), weight: 4, sentiment: 0.6 }),
        ],
      }),
    ]);
    const [rel] = await rows<{ version: string; stage: string; platforms: string[]; love_key: number }>(
      'SELECT version, stage, platforms, love_key FROM relationships WHERE brand_id = $1', [B]);
    expect(rel).toMatchObject({ version: '1', stage: 'new', platforms: ['github', 'x'] });
    expect(rel!.love_key).toBeCloseTo(Math.log2(5) + (T0 + 3_600_000) / 1000 / (30 * 86_400), 9);
    expect(await rows('SELECT platform, platform_id, member_id FROM identities ORDER BY 1')).toEqual([
      { platform: 'github', platform_id: 'alice-gh', member_id: 'm1' }, { platform: 'x', platform_id: 'alice', member_id: 'm1' },
    ]);
    expect(await rows("SELECT day::text, type, n FROM daily_interactions ORDER BY type")).toEqual([
      { day: '2025-03-03', type: 'comment', n: '1' }, { day: '2025-03-03', type: 'follow', n: '1' },
    ]);
    expect(await rows('SELECT awaiting, answered, positive, with_sentiment FROM daily_engagement')).toEqual([
      { awaiting: '1', answered: '0', positive: '1', with_sentiment: '1' },
    ]);
    expect(await activity('week')).toEqual([{ period_start: '2025-03-03', active: '1', retained: '0' }]);
    expect(await rows('SELECT granularity, period_start::text, events FROM period_members ORDER BY 1')).toEqual([
      { granularity: 'day', period_start: '2025-03-03', events: 2 }, { granularity: 'month', period_start: '2025-03-01', events: 2 },
      { granularity: 'week', period_start: '2025-03-03', events: 2 },
    ]);
    expect(await rows('SELECT day::text, acquired FROM daily_acquisition')).toEqual([{ day: '2025-03-03', acquired: '1' }]);
    expect(await rows('SELECT dimension, value, n FROM daily_stage_changes ORDER BY 1')).toEqual([
      { dimension: 'level', value: '3', n: '1' }, { dimension: 'stage', value: 'new', n: '1' },
    ]);
  });

  it('is idempotent: a redelivered batch changes nothing', async () => {
    const batch = [
      relationshipUpdate({ brandId: B, memberId: 'm1', version: 1, asOf: at(0), interactions: [applied('e1', { type: 'reaction', occurredAt: at(0) })] }),
      relationshipUpdate({ brandId: B, memberId: 'm1', version: 2, asOf: at(1), lastActiveAt: at(1), stage: 'engaged', interactions: [applied('e2', { type: 'share', occurredAt: at(1) })] }),
    ];
    await apply(batch);
    const once = await snapshotReadModels(rdb.pool);
    await apply(batch);
    await apply([batch[1]!]);
    expect(await snapshotReadModels(rdb.pool)).toEqual(once);
  });

  it('skips an older version but records its entries once', async () => {
    await apply([relationshipUpdate({ brandId: B, memberId: 'm1', version: 3, asOf: at(2), stage: 'engaged', interactions: [applied('e3', { type: 'reaction', occurredAt: at(2) })] })]);
    await apply([relationshipUpdate({ brandId: B, memberId: 'm1', version: 2, asOf: at(1), stage: 'casual', interactions: [applied('e2', { type: 'share', occurredAt: at(1) })] })]);
    await apply([relationshipUpdate({ brandId: B, memberId: 'm1', version: 2, asOf: at(1), stage: 'casual', interactions: [applied('e2', { type: 'share', occurredAt: at(1) })] })]);
    expect(await rows('SELECT version, stage FROM relationships')).toEqual([{ version: '3', stage: 'engaged' }]);
    expect(await rows('SELECT event_id FROM entries ORDER BY 1')).toEqual([{ event_id: 'e2' }, { event_id: 'e3' }]);
    expect(await rows("SELECT type, n FROM daily_interactions ORDER BY type")).toEqual([{ type: 'reaction', n: '1' }, { type: 'share', n: '1' }]);
    expect(await activity('day')).toEqual([
      { period_start: '2025-03-04', active: '1', retained: '0' }, { period_start: '2025-03-05', active: '1', retained: '1' },
    ]);
  });

  it('removes a retracted entry from every rollup, and an answer moves a comment from awaiting to answered', async () => {
    await apply([relationshipUpdate({ brandId: B, memberId: 'm1', version: 1, asOf: at(0), interactions: [
      applied('c1', { type: 'comment', occurredAt: at(0), sentiment: -0.4 }),
      applied('r1', { type: 'reaction', occurredAt: at(1) }),
    ] })]);
    await apply([relationshipUpdate({ brandId: B, memberId: 'm1', version: 2, asOf: at(1, 2), interactions: [
      applied('o1', { type: 'reply', direction: 'outbound', occurredAt: at(0, 1), answers: 'c1', responseSeconds: 3600 }),
      applied('x1', { type: 'retraction', occurredAt: at(1, 1), retracts: 'r1' }),
    ] })]);
    expect(await rows("SELECT type, n FROM daily_interactions ORDER BY type")).toEqual([{ type: 'comment', n: '1' }]);
    expect(await rows('SELECT day::text, awaiting, answered, negative FROM daily_engagement')).toEqual([
      { day: '2025-03-03', awaiting: '0', answered: '1', negative: '1' },
    ]);
    expect(await rows('SELECT granularity, n FROM response_times ORDER BY 1')).toEqual([{ granularity: 'day', n: '1' }, { granularity: 'month', n: '1' }, { granularity: 'week', n: '1' }]);
    // The reaction on day 1 was the only activity of that day: the member is no longer active then.
    expect(await activity('day')).toEqual([{ period_start: '2025-03-03', active: '1', retained: '0' }]);
    // Retracting the answer puts the comment back to awaiting.
    await apply([relationshipUpdate({ brandId: B, memberId: 'm1', version: 3, asOf: at(2), interactions: [
      applied('x2', { type: 'retraction', direction: 'outbound', occurredAt: at(2), retracts: 'o1' }),
    ] })]);
    expect(await rows('SELECT awaiting, answered FROM daily_engagement')).toEqual([{ awaiting: '1', answered: '0' }]);
    expect(await rows('SELECT n FROM response_times')).toEqual([]);
  });

  it('takes a member that turns out to be a teammate out of every community figure', async () => {
    await apply([relationshipUpdate({ brandId: B, memberId: 'm1', version: 1, asOf: at(0), stage: 'advocate', previousStage: 'engaged', interactions: [
      applied('e1', { type: 'mention', occurredAt: at(0), sentiment: 0.5 }),
    ] })]);
    expect(await rows('SELECT kind FROM alerts')).toEqual([{ kind: 'became_advocate' }]);
    await apply([relationshipUpdate({ brandId: B, memberId: 'm1', version: 2, asOf: at(1), isTeam: true, stage: 'advocate', interactions: [
      applied('e2', { type: 'comment', occurredAt: at(1) }),
    ] })]);
    for (const table of ['daily_interactions', 'daily_engagement', 'daily_acquisition', 'period_activity', 'cohort_activity', 'daily_stage_changes', 'alerts']) {
      expect(await rows(`SELECT * FROM ${table}`), table).toEqual([]);
    }
    expect(await rows('SELECT is_team FROM relationships')).toEqual([{ is_team: true }]);
  });

  it('merges: the absorbed member resolves to the survivor and counts once per period', async () => {
    await apply([
      relationshipUpdate({ brandId: B, memberId: 'a', version: 1, asOf: at(0), firstSeenAt: at(0), interactions: [applied('ea', { type: 'comment', occurredAt: at(0) })] }),
      relationshipUpdate({ brandId: B, memberId: 's', version: 1, asOf: at(0, 2), firstSeenAt: at(0, 2), interactions: [applied('es', { type: 'reaction', occurredAt: at(0, 2) })] }),
    ]);
    expect(await activity('day')).toEqual([{ period_start: '2025-03-03', active: '2', retained: '0' }]);
    await apply([relationshipUpdate({
      brandId: B, memberId: 's', version: 2, asOf: at(0, 3), firstSeenAt: at(0),
      identities: [{ platform: 'x', platformId: 's-x' }, { platform: 'x', platformId: 'a-x' }],
      cause: { kind: 'merge', absorbedMemberIds: ['a'] },
    })]);
    expect(await activity('day')).toEqual([{ period_start: '2025-03-03', active: '1', retained: '0' }]);
    expect(await rows('SELECT member_id FROM relationships')).toEqual([{ member_id: 's' }]);
    expect(await rows('SELECT alias_id, member_id FROM member_aliases')).toEqual([{ alias_id: 'a', member_id: 's' }]);
    expect(await rows('SELECT DISTINCT member_id FROM identities')).toEqual([{ member_id: 's' }]);
    expect(await rows('SELECT acquired FROM daily_acquisition')).toEqual([{ acquired: '1' }]);
    expect(await rows('SELECT dimension, value, n FROM daily_stage_changes ORDER BY 1, 2')).toEqual([
      { dimension: 'level', value: '4', n: '1' }, { dimension: 'stage', value: 'new', n: '1' },
    ]);
    // A late update of the absorbed id is not applied; its entries count for the survivor.
    await apply([relationshipUpdate({ brandId: B, memberId: 'a', version: 2, asOf: at(1), interactions: [applied('ea2', { type: 'reaction', occurredAt: at(1) })] })]);
    expect(await rows("SELECT member_id FROM entries WHERE event_id = 'ea2'")).toEqual([{ member_id: 's' }]);
    expect(await rows('SELECT member_id FROM relationships')).toEqual([{ member_id: 's' }]);
    expect(await activity('day')).toEqual([
      { period_start: '2025-03-03', active: '1', retained: '0' }, { period_start: '2025-03-04', active: '1', retained: '1' },
    ]);
  });
});

// ---- replay: the read models depend on the updates, not on how they were batched ----------------

function community(): RelationshipUpdated[] {
  const out: RelationshipUpdated[] = [];
  const stages = ['new', 'casual', 'engaged', 'advocate', 'at_risk', 'lapsed'] as const;
  let n = 0;
  for (let m = 0; m < 12; m++) {
    const memberId = `m${m}`;
    for (let v = 1; v <= 6; v++) {
      const day = (m * 3 + v * 5) % 40;
      const ids = [`${memberId}-e${v}a`, `${memberId}-e${v}b`];
      out.push(relationshipUpdate({
        brandId: B, memberId, version: v, asOf: at(day, 5), firstSeenAt: at(m % 2 === 0 ? Math.max(0, (m % 7) + 12 - 2 * v) : m % 7), lastActiveAt: at(day, 4),
        love: v * m, gravity: v * m * 1.5, advocacy: m % 3 === 0 ? v * 4 : 0, stage: stages[(m + v) % 6]!, level: 1 + ((m + v) % 4),
        isTeam: m === 11 && v >= 4, converted: m % 4 === 0 && v >= 3,
        interactions: [
          applied(ids[0]!, { type: (['comment', 'reaction', 'share', 'mention', 'message'] as const)[(m + v) % 5]!, occurredAt: at(day, 4), sentiment: ((m * v) % 5 - 2) / 4 }),
          v % 3 === 0
            ? applied(ids[1]!, { type: 'retraction', occurredAt: at(day, 4), retracts: `${memberId}-e${v - 1}a` })
            : v % 3 === 1
              ? applied(ids[1]!, { type: 'conversion', occurredAt: at(day, 4), value: 10 + n++ / 4, currency: 'EUR', stageBefore: 'engaged' })
              : applied(ids[1]!, { type: 'reply', direction: 'outbound', occurredAt: at(day, 5), answers: ids[0]!, responseSeconds: 3600 }),
        ],
      }));
    }
  }
  out.push(relationshipUpdate({ brandId: B, memberId: 'm1', version: 7, asOf: at(45), firstSeenAt: at(1), cause: { kind: 'merge', absorbedMemberIds: ['m2'] } }));
  return out;
}

/** Splits the updates into batches of pseudo-random sizes, keeping per-member order. */
function batches(updates: RelationshipUpdated[], seed: number): RelationshipUpdated[][] {
  const out: RelationshipUpdated[][] = [];
  let x = seed;
  for (let i = 0; i < updates.length; ) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    const size = 1 + (x % 9);
    out.push(updates.slice(i, i + size));
    i += size;
  }
  return out;
}

describe('replay', () => {
  it('gives identical read models whatever the batching, with redeliveries', async () => {
    const updates = community();
    await apply(updates);
    const reference = await snapshotReadModels(rdb.pool);
    expect(reference.relationships!.length).toBe(11);
    // The incremental rollups agree with a recomputation from the detail tables.
    for (const [name, { incremental, fromScratch }] of Object.entries(await compareWithOracle(rdb.pool))) {
      expect(fromScratch.length, name).toBeGreaterThan(0);
      expect(incremental, name).toEqual(fromScratch);
    }

    for (const seed of [1, 7, 42]) {
      await rdb.truncate();
      const parts = batches(updates, seed);
      for (const [i, part] of parts.entries()) {
        await apply(part);
        // A redelivery of the previous batch, as after a crash before the commit of offsets.
        if (i > 0 && i % 4 === 0) await apply(parts[i - 1]!);
      }
      expect(await snapshotReadModels(rdb.pool)).toEqual(reference);
    }
  });
});
