import { CE_SOURCES, CE_TYPES, interactionKey, toKafkaHeaders, type InteractionEvent } from '@rapport/contracts';
import type { BatchContext, ConsumedMessage, MessageOutcome } from '@rapport/kit/kafka';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionStream } from '../../test/interaction-stream';
import { count, quietLogger, scoringDatabase, snapshot, valueDifferences, type ScoringDatabase } from '../../test/scoring-harness';
import { DEFAULT_MODEL_CONFIG, evaluateRelationship } from '../model';
import { DEFAULT_RETENTION } from '../relationships/apply-events';
import { fixedModel } from '../relationships/model-lookup';
import { createInteractionsHandler } from './interactions-consumer';
import type { ScoringSettings } from './interaction-batch';

const DAY = 86_400_000;
const settings: ScoringSettings = { schema: 'scoring', relationshipsTopic: 'relationships.test', retention: DEFAULT_RETENTION, models: fixedModel() };

function messagesOf(events: readonly InteractionEvent[], partition: number, firstOffset: number): ConsumedMessage[] {
  return events.map((event, i) => {
    const value = Buffer.from(JSON.stringify(event));
    const headers = toKafkaHeaders({ id: event.id, source: CE_SOURCES.ingestion, type: CE_TYPES.interactions, time: event.receivedAt });
    const offset = String(firstOffset + i);
    return {
      topic: 'interactions.test',
      partition,
      offset,
      key: interactionKey(event),
      value,
      headers,
      timestamp: String(Date.now()),
      raw: { key: Buffer.from(interactionKey(event)), value, headers, offset, timestamp: String(Date.now()), attributes: 0 },
    };
  });
}

function context(partition = 0): BatchContext {
  return { topic: 'interactions.test', partition, signal: new AbortController().signal, heartbeat: () => Promise.resolve(), logger: quietLogger };
}

async function fingerprint(database: ScoringDatabase) {
  const { rows } = await database.admin.query<{ k: string }>(
    "SELECT member_id || ':' || version || ':' || event_count || ':' || md5(state::text) || ':' || updated_at AS k FROM scoring.relationships ORDER BY 1",
  );
  return {
    relationships: rows.map((r) => r.k),
    events: await count(database.admin, 'SELECT count(*) AS n FROM scoring.events'),
    outbox: await count(database.admin, 'SELECT count(*) AS n FROM scoring.outbox'),
    history: await count(database.admin, 'SELECT count(*) AS n FROM scoring.relationship_history'),
  };
}

const kinds = (outcomes: readonly MessageOutcome[]) => outcomes.map((o) => o.kind);

describe('interactions handler against real Postgres', () => {
  let database: ScoringDatabase;
  const start = Date.now() - 30 * DAY;
  const events = [...interactionStream({ seed: 21, brandId: 'redelivery', sourceId: 'src', members: 25, events: 800, start, spanMs: 30 * DAY, lateFraction: 0.2, lateMs: 10 * DAY })];

  beforeAll(async () => {
    database = await scoringDatabase();
  });
  afterAll(() => database?.close());

  it('applies a batch once: redelivering it — with or without the stored offset — changes nothing', async () => {
    const handler = createInteractionsHandler({ pool: database.pool, groupId: 'g1', settings });
    const batch = messagesOf(events.slice(0, 500), 0, 0);
    expect(new Set(kinds(await handler(batch, context())))).toEqual(new Set(['ok']));
    const first = await fingerprint(database);
    expect(first.events).toBe(500);
    expect(first.outbox).toBe(first.relationships.length); // one update per relationship for the batch

    // Redelivered after the commit (the Kafka commit was lost): the stored offset skips it.
    expect(new Set(kinds(await handler(batch, context())))).toEqual(new Set(['ok']));
    expect(await fingerprint(database)).toEqual(first);

    // Without the stored offset (another group, a reset): the event dedupe makes it harmless.
    await database.admin.query('DELETE FROM scoring.consumed_offsets');
    expect(new Set(kinds(await handler(batch, context())))).toEqual(new Set(['ok']));
    expect(await fingerprint(database)).toEqual(first);

    // Under another group, a batch overlapping what was applied applies only what is new.
    const other = createInteractionsHandler({ pool: database.pool, groupId: 'g2', settings });
    await other(messagesOf(events.slice(400, 800), 0, 400), context());
    expect(await count(database.admin, 'SELECT count(*) AS n FROM scoring.events')).toBe(800);
    expect(await count(database.admin, 'SELECT sum(event_count) AS n FROM scoring.relationships')).toBe(800);

    const at = Date.now() + DAY;
    const state = await snapshot(database.admin, 'redelivery', at);
    for (const relationship of state.relationships.values()) {
      const platformId = (relationship.identities[0] as string).split(':')[1];
      const own = events.filter((e) => e.member.platformId === platformId);
      expect(valueDifferences(relationship.values, evaluateRelationship(own, at, DEFAULT_MODEL_CONFIG))).toEqual([]);
    }
  });

  it('serializes two instances applying the same batch at once (a zombie and the new owner): each event once', async () => {
    const fresh = await scoringDatabase();
    try {
      const a = createInteractionsHandler({ pool: fresh.pool, groupId: 'g', settings });
      const b = createInteractionsHandler({ pool: fresh.pool, groupId: 'g', settings });
      const batch = messagesOf(events.slice(0, 300), 1, 0);
      // Overlapping batches in opposite orders share members: the lock order must prevent deadlocks.
      const reversed = messagesOf(events.slice(0, 300), 2, 0).reverse();
      const outcomes = await Promise.all([a(batch, context(1)), b(reversed, context(2)), a(messagesOf(events.slice(100, 400), 3, 0), context(3))]);
      for (const o of outcomes) expect(new Set(kinds(o))).toEqual(new Set(['ok']));
      expect(await count(fresh.admin, 'SELECT count(*) AS n FROM scoring.events')).toBe(400);
      expect(await count(fresh.admin, 'SELECT sum(event_count) AS n FROM scoring.relationships')).toBe(400);
      // Versions count the updates written; the outbox holds exactly those.
      expect(await count(fresh.admin, 'SELECT sum(version) AS n FROM scoring.relationships')).toBe(await count(fresh.admin, 'SELECT count(*) AS n FROM scoring.outbox'));
    } finally {
      await fresh.close();
    }
  });

  it('asks for a retry, not dead letters, when the schema is wrong for every record (a deploy mistake)', async () => {
    const handler = createInteractionsHandler({ pool: database.pool, groupId: 'g-wrong', settings: { ...settings, schema: 'no_such_schema' } });
    const unseen = [...interactionStream({ seed: 22, brandId: 'wrong-schema', sourceId: 'src', members: 3, events: 3, start, spanMs: DAY })];
    const outcomes = await handler(messagesOf(unseen, 5, 0), context(5));
    expect(kinds(outcomes)).toEqual(['retry', 'retry', 'retry']);
    expect(await count(database.admin, "SELECT count(*) AS n FROM scoring.events WHERE brand_id = 'wrong-schema'")).toBe(0);
  });

  it('asks for a retry, not a dead letter, when the database is unreachable', async () => {
    const down = new Pool({ connectionString: 'postgres://rapport_scoring@127.0.0.1:1/none', connectionTimeoutMillis: 500 });
    try {
      const handler = createInteractionsHandler({ pool: down, groupId: 'g', settings });
      const outcomes = await handler(messagesOf(events.slice(0, 3), 0, 0), context());
      expect(kinds(outcomes)).toEqual(['retry', 'retry', 'retry']);
    } finally {
      await down.end();
    }
  });
});
