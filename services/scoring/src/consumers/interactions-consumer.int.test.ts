import type { InteractionEvent } from '@rapport/contracts';
import { consumeAll, testKafkaBrokers } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionStream } from '../../test/interaction-stream';
import {
  count,
  eventsRecorded,
  expectedValues,
  interactionProducer,
  parseUpdates,
  publicationProblems,
  readUpdateMessages,
  scoringDatabase,
  scoringTopics,
  snapshot,
  startScoring,
  valueDifferences,
  waitFor,
  workConfig,
  type ScoringDatabase,
} from '../../test/scoring-harness';

const DAY = 86_400_000;
const brokers = testKafkaBrokers();

describe('interactions consumer (real Kafka and Postgres)', () => {
  let database: ScoringDatabase;
  let producer: Awaited<ReturnType<typeof interactionProducer>>;

  beforeAll(async () => {
    database = await scoringDatabase();
    producer = await interactionProducer(brokers);
  });

  afterAll(async () => {
    await producer?.close();
    await database?.close();
  });

  it('turns a stream into relationships equal to the model over each member’s events, each event published once', async () => {
    const topics = await scoringTopics(brokers, 'scoring-stream');
    const start = Date.now() - 40 * DAY;
    const events = [...interactionStream({ seed: 11, brandId: 'stream-brand', sourceId: 'src-1', members: 60, events: 3_000, start, spanMs: 40 * DAY, lateFraction: 0.1, lateMs: 5 * DAY })];
    // Redelivered by the sender: the same (sourceId, id) twice must count once.
    const withDuplicates = [...events, ...events.slice(0, 200)];
    await producer.send(topics.interactions, withDuplicates);

    const scoring = await startScoring(database.pool, brokers, workConfig(topics, { retention: { retainMs: DAY, maxRetained: 30 } }));
    try {
      await eventsRecorded(database.admin, events.length);
      await waitFor('outbox drained', async () => (await count(database.admin, 'SELECT count(*) AS n FROM scoring.outbox')) === 0);
    } finally {
      await scoring.stop();
    }
    expect(await count(database.admin, 'SELECT count(*) AS n FROM scoring.events WHERE brand_id = $1', ['stream-brand'])).toBe(events.length);

    const at = Date.now() + DAY;
    const state = await snapshot(database.admin, 'stream-brand', at);
    expect(state.relationships.size).toBe(60);
    const differences: string[] = [];
    for (const relationship of state.relationships.values()) {
      const platformId = (relationship.identities[0] as string).split(':')[1] as string;
      const diff = valueDifferences(relationship.values, expectedValues(events, platformId, at));
      if (diff.length > 0) differences.push(`${relationship.memberId}: ${diff.join('; ')}`);
    }
    expect(differences).toEqual([]);

    // The topic: valid updates, versions 1..n per relationship, each event in exactly one update.
    const relationshipsInDb = await database.admin.query<{ member_id: string; version: string }>('SELECT member_id, version FROM scoring.relationships');
    const totalVersions = relationshipsInDb.rows.reduce((sum, r) => sum + Number(r.version), 0);
    const messages = await readUpdateMessages(brokers, topics.relationships, totalVersions);
    const updates = parseUpdates(messages);
    expect(publicationProblems(updates, new Set(events.map((e) => e.id)))).toEqual([]);
    for (const message of messages) {
      const update = JSON.parse(message.value as string) as { brandId: string; memberId: string; version: number };
      expect(message.key).toBe(`${update.brandId}:${update.memberId}`);
      expect(message.headers).toMatchObject({ ce_type: 'com.rapport.relationship.v1', ce_source: '/rapport/scoring', ce_id: `${update.brandId}:${update.memberId}:${update.version}` });
    }
    // The latest update of each relationship carries what the database holds.
    const latest = new Map<string, (typeof updates)[number]>();
    for (const update of updates) if ((latest.get(update.memberId)?.version ?? 0) < update.version) latest.set(update.memberId, update);
    const stored = await database.admin.query<{ member_id: string; stage: string; level: number; version: string }>('SELECT member_id, stage, level, version FROM scoring.relationships');
    for (const row of stored.rows) {
      expect(latest.get(row.member_id)).toMatchObject({ stage: row.stage, level: row.level, version: Number(row.version) });
    }
    // A first stage for every relationship, and a change row for every stage/level change published.
    expect(await count(database.admin, "SELECT count(*) AS n FROM scoring.relationship_history WHERE previous_stage IS NULL")).toBe(60);
  });

  it('sends a poison message to <topic>.dlq with its reason and applies the others', async () => {
    const topics = await scoringTopics(brokers, 'scoring-poison', 1);
    const start = Date.now() - 5 * DAY;
    const good = [...interactionStream({ seed: 12, brandId: 'poison-brand', sourceId: 'src-1', members: 5, events: 40, start, spanMs: 4 * DAY })];
    await producer.send(topics.interactions, good.slice(0, 20));
    const bad = { ...(good[0] as InteractionEvent), id: 'bad-1', occurredAt: 'yesterday' };
    await producer.sendRaw(topics.interactions, [
      { key: 'poison-brand:x:u1', value: '{not json' },
      { key: 'poison-brand:x:u1', value: JSON.stringify(bad) },
      { key: 'poison-brand:x:u1', value: null },
    ]);
    await producer.send(topics.interactions, good.slice(20));

    const scoring = await startScoring(database.pool, brokers, workConfig(topics));
    try {
      await eventsRecorded(database.admin, 3_000 + good.length); // the first test's events are in this database too
      const dead = await consumeAll(brokers, topics.dlq, { until: 3, timeoutMs: 30_000 });
      expect(dead.map((m) => m.headers.dlq_reason)).toEqual([
        'value is not JSON',
        expect.stringMatching(/^not an InteractionEvent: occurredAt: /),
        'empty value',
      ]);
      expect(dead.every((m) => m.headers.dlq_topic === topics.interactions && m.headers.dlq_service === 'scoring')).toBe(true);
      expect(dead[1]?.value).toBe(JSON.stringify(bad));
    } finally {
      await scoring.stop();
    }
    expect(await count(database.admin, 'SELECT count(*) AS n FROM scoring.events WHERE brand_id = $1', ['poison-brand'])).toBe(good.length);
  });
});
