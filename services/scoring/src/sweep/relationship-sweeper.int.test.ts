import { testKafkaBrokers } from '@rapport/testing';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionStream } from '../../test/interaction-stream';
import { count, eventsRecorded, interactionProducer, quietLogger, readUpdates, scoringDatabase, scoringTopics, startScoring, workConfig, type ScoringDatabase } from '../../test/scoring-harness';
import { DEFAULT_MODEL_CONFIG, evaluateRelationship } from '../model';
import { fixedModel } from '../relationships/model-lookup';
import { RelationshipSweeper } from './relationship-sweeper';

const DAY = 86_400_000;
const brokers = testKafkaBrokers();

describe('relationship sweeper (real Postgres and Kafka)', () => {
  let database: ScoringDatabase;
  beforeAll(async () => {
    database = await scoringDatabase();
  });
  afterAll(() => database?.close());

  it('re-evaluates relationships whose next change is due and publishes each change once, even with two sweepers', async () => {
    const topics = await scoringTopics(brokers, 'scoring-sweep', 2);
    const start = Date.now() - 50 * DAY;
    const events = [...interactionStream({ seed: 31, brandId: 'sweep-brand', sourceId: 'src', members: 40, events: 600, start, spanMs: 40 * DAY })];
    const producer = await interactionProducer(brokers);
    await producer.send(topics.interactions, events);
    await producer.close();

    // Applied, published, then stopped: what follows is the sweep's doing alone.
    // The relay waits, so that the outbox shows exactly what the sweep wrote.
    const scoring = await startScoring(database.pool, brokers, workConfig(topics), { relay: false });
    await eventsRecorded(database.admin, events.length);
    await scoring.consumer.stop();
    const before = await database.admin.query<{ member_id: string; version: string; stage: string; level: number; next_change_at: Date | null }>(
      'SELECT member_id, version, stage, level, next_change_at FROM scoring.relationships',
    );
    const due = before.rows.filter((r) => r.next_change_at !== null);
    expect(due.length).toBeGreaterThan(10);
    // Late enough for every pending change: 30 days after the latest due time.
    const at = Math.max(...due.map((r) => (r.next_change_at as Date).getTime())) + 30 * DAY;

    const replicaPool = new Pool({ connectionString: database.db.urlFor('scoring', 'runtime'), max: 4 });
    const settings = { schema: 'scoring', relationshipsTopic: topics.relationships, models: fixedModel() };
    const sweeper = (pool: Pool) => new RelationshipSweeper({ pool, settings, intervalMs: 3_600_000, chunkSize: 7, logger: quietLogger, clock: () => at });
    const outboxBefore = await count(database.admin, 'SELECT count(*) AS n FROM scoring.outbox');
    const [a, b] = await Promise.all([sweeper(database.pool).sweep(), sweeper(replicaPool).sweep()]);
    await replicaPool.end();

    // Every due relationship claimed by exactly one of them; a change published once.
    expect(a.claimed + b.claimed).toBe(due.length);
    const after = await database.admin.query<{ member_id: string; version: string; stage: string; level: number; next_change_at: Date | null }>(
      'SELECT member_id, version, stage, level, next_change_at FROM scoring.relationships',
    );
    const byMember = new Map(before.rows.map((r) => [r.member_id, r]));
    let published = 0;
    for (const row of after.rows) {
      const old = byMember.get(row.member_id);
      const moved = old?.stage !== row.stage || old.level !== row.level;
      expect(Number(row.version)).toBe(Number(old?.version) + (moved ? 1 : 0));
      if (moved) published++;
      if (row.next_change_at !== null) expect(row.next_change_at.getTime()).toBeGreaterThan(at);
    }
    expect(published).toBe(a.published + b.published);
    expect(published).toBeGreaterThan(0);
    expect(await count(database.admin, 'SELECT count(*) AS n FROM scoring.outbox')).toBe(outboxBefore + published);
    expect(await count(database.admin, "SELECT count(*) AS n FROM scoring.relationship_history WHERE cause = 'sweep'")).toBe(published);

    // Nothing is due any more at that instant.
    expect(await sweeper(database.pool).sweep()).toEqual({ claimed: 0, published: 0 });

    // Published through the relay with cause sweep, carrying the model's stage and level at `at`.
    scoring.relay.start();
    const total = await count(database.admin, 'SELECT sum(version) AS n FROM scoring.relationships');
    const updates = await readUpdates(brokers, topics.relationships, total);
    await scoring.stop();
    const sweeps = updates.filter((u) => u.cause.kind === 'sweep');
    expect(new Set(sweeps.map((u) => `${u.memberId}:${u.version}`)).size).toBe(published);
    const identities = await database.admin.query<{ member_id: string; platform_id: string }>('SELECT member_id, platform_id FROM scoring.identities');
    const platformIdOf = new Map(identities.rows.map((r) => [r.member_id, r.platform_id]));
    for (const update of sweeps) {
      const own = events.filter((e) => e.member.platformId === platformIdOf.get(update.memberId));
      const expected = evaluateRelationship(own, at, DEFAULT_MODEL_CONFIG);
      expect({ stage: update.stage, level: update.level, evaluatedAt: update.evaluatedAt }).toEqual({ stage: expected.stage, level: expected.level, evaluatedAt: new Date(at).toISOString() });
      expect(update.previousStage ?? update.previousLevel).toBeDefined();
    }
  });
});
