// Integration-test harness: a provisioned database with scoring's schema, topics of its own,
// producing interactions like ingestion does, scoring components in-process, and a snapshot of the
// final state that two runs can be compared by.
import { CE_SOURCES, CE_TYPES, interactionKey, RelationshipUpdated, toKafkaHeaders, type InteractionEvent } from '@rapport/contracts';
import { createLogger, type Logger } from '@rapport/kit/log';
import { consumeAll, createTestDatabase, createTestTopics, type ReadMessage, type TestDatabase } from '@rapport/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { DEFAULT_MODEL_CONFIG, evaluateHistory, evaluateRelationship, type RelationshipState } from '../src/model';
import { DEFAULT_RETENTION } from '../src/relationships/apply-events';
import { fixedModel } from '../src/relationships/model-lookup';
import { createScoringComponents, type ScoringComponents } from '../src/scoring-components';
import type { ScoringWorkConfig } from '../src/scoring-config';
import { decodeHistory } from '../src/store/history-codec';
import { migrateScoring } from '../src/store/scoring-schema';

export const quietLogger: Logger = createLogger({ service: 'scoring-test', level: process.env.TEST_LOG_LEVEL ?? 'silent', format: 'json' });

export interface ScoringDatabase {
  db: TestDatabase;
  /** Runtime role pool (what the service uses). */
  pool: Pool;
  /** Superuser pool, for the test's own reads and tampering. */
  admin: Pool;
  close(): Promise<void>;
}

export async function scoringDatabase(): Promise<ScoringDatabase> {
  const db = await createTestDatabase();
  await migrateScoring(db.urlFor('scoring', 'owner'), quietLogger);
  const pool = new Pool({ connectionString: db.urlFor('scoring', 'runtime'), max: 10 });
  const admin = new Pool({ connectionString: db.adminUrl, max: 3 });
  return {
    db,
    pool,
    admin,
    async close() {
      await pool.end();
      await admin.end();
      await db.drop();
    },
  };
}

export interface ScoringTopics {
  interactions: string;
  dlq: string;
  relationships: string;
}

export async function scoringTopics(brokers: readonly string[], prefix: string, partitions = 3): Promise<ScoringTopics> {
  const stamp = `${prefix}-${Date.now().toString(36)}-${Math.random().toString(16).slice(2, 10)}`;
  const topics = { interactions: `${stamp}.interactions.v1`, dlq: `${stamp}.interactions.v1.dlq`, relationships: `${stamp}.relationships.v1` };
  await createTestTopics(brokers, [
    { topic: topics.interactions, numPartitions: partitions },
    { topic: topics.dlq, numPartitions: 1 },
    { topic: topics.relationships, numPartitions: partitions },
  ]);
  return topics;
}

/** A producer that publishes interactions the way ingestion's relay does (key, CloudEvents headers). */
export async function interactionProducer(brokers: readonly string[]): Promise<{ send(topic: string, events: readonly InteractionEvent[]): Promise<void>; sendRaw(topic: string, messages: { key: string; value: string | null; headers?: Record<string, string> }[]): Promise<void>; close(): Promise<void> }> {
  const kafka = new Kafka({ brokers: [...brokers], clientId: 'scoring-test-producer', logLevel: logLevel.NOTHING });
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  return {
    async send(topic, events) {
      for (let i = 0; i < events.length; i += 2_000) {
        await producer.send({
          topic,
          acks: -1,
          messages: events.slice(i, i + 2_000).map((event) => ({
            key: interactionKey(event),
            value: JSON.stringify(event),
            headers: toKafkaHeaders({ id: `${event.sourceId}:${event.id}`, source: CE_SOURCES.ingestion, type: CE_TYPES.interactions, time: event.receivedAt }),
          })),
        });
      }
    },
    async sendRaw(topic, messages) {
      await producer.send({ topic, acks: -1, messages });
    },
    close: () => producer.disconnect(),
  };
}

export function workConfig(topics: ScoringTopics, overrides: Partial<ScoringWorkConfig> = {}): ScoringWorkConfig {
  return {
    adminToken: 'test-admin-token-0123456789',
    interactionsTopic: topics.interactions,
    relationshipsTopic: topics.relationships,
    consumer: { groupId: `${topics.interactions}-group`, maxBytesPerPartition: 64 * 1024, concurrency: 2, sessionTimeoutMs: 10_000 },
    sweep: { intervalMs: 3_600_000, chunkSize: 100 },
    retention: DEFAULT_RETENTION,
    relayBatchSize: 500,
    pgPoolMax: 10,
    pgStatementTimeoutMs: 60_000,
    ...overrides,
  };
}

/** Scoring's components in this process, started like main.ts does (no HTTP). */
export async function startScoring(pool: Pool, brokers: readonly string[], config: ScoringWorkConfig, options: { relay?: boolean } = {}): Promise<ScoringComponents & { stop(): Promise<void> }> {
  const components = createScoringComponents({ pool, brokers, clientId: 'scoring-test', config, models: fixedModel(), logger: quietLogger });
  if (options.relay !== false) components.relay.start();
  await components.consumer.start();
  return {
    ...components,
    async stop() {
      await components.sweeper.stop();
      await components.consumer.stop();
      await components.relay.stop();
      await components.producer.stop();
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 90_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function count(pool: Pool, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** Waits until scoring recorded `n` distinct events. */
export function eventsRecorded(pool: Pool, n: number, timeoutMs = 120_000): Promise<number> {
  return waitFor(`${n} events recorded`, async () => {
    const recorded = await count(pool, 'SELECT count(*) AS n FROM scoring.events');
    return recorded >= n ? recorded : undefined;
  }, timeoutMs);
}

export interface RelationshipSnapshot {
  memberId: string;
  eventCount: number;
  /** The model's values from the stored state, at the snapshot's common instant. */
  values: RelationshipState;
  identities: string[];
}

/**
 * What two runs over the same events must agree on: identities → members, every relationship's
 * event count, model state evaluated at one common instant, and the set of events. (Versions and
 * the split of events across updates depend on batching, so they are checked separately.)
 */
export async function snapshot(admin: Pool, brandId: string, at: number): Promise<{ relationships: Map<string, RelationshipSnapshot>; events: string[]; identities: string[] }> {
  const relationships = new Map<string, RelationshipSnapshot>();
  const { rows } = await admin.query<{ member_id: string; event_count: number; state: unknown; identities: string[] }>(
    `SELECT r.member_id, r.event_count, r.state,
            (SELECT array_agg(i.platform || ':' || i.platform_id ORDER BY i.platform, i.platform_id) FROM scoring.identities i
              WHERE i.brand_id = r.brand_id AND i.member_id = r.member_id) AS identities
       FROM scoring.relationships r WHERE r.brand_id = $1`,
    [brandId],
  );
  for (const row of rows) {
    relationships.set(row.member_id, { memberId: row.member_id, eventCount: row.event_count, values: evaluateHistory(decodeHistory(row.state, DEFAULT_MODEL_CONFIG), at, DEFAULT_MODEL_CONFIG), identities: row.identities });
  }
  const events = (await admin.query<{ k: string }>(`SELECT source_id || '/' || event_id || '@' || member_id AS k FROM scoring.events WHERE brand_id = $1 ORDER BY 1`, [brandId])).rows.map((r) => r.k);
  const identities = (await admin.query<{ k: string }>(`SELECT platform || ':' || platform_id || '=' || member_id AS k FROM scoring.identities WHERE brand_id = $1 ORDER BY 1`, [brandId])).rows.map((r) => r.k);
  return { relationships, events, identities };
}

/** Relative closeness within the one law's 1e-9. */
export function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const DECAYING = ['love', 'advocacy', 'gravity', 'score', 'reach', 'sentiment'] as const;

/** Differences between two model evaluations (decaying values within 1e-9), as readable lines. */
export function valueDifferences(actual: RelationshipState, expected: RelationshipState): string[] {
  const out: string[] = [];
  for (const field of DECAYING) if (!close(actual[field], expected[field])) out.push(`${field}: ${actual[field]} ≠ ${expected[field]}`);
  // NOTE: key order is not part of the value (jsonb stores object keys in its own order).
  const rest = (s: RelationshipState) => canonicalJson({ ...s, love: 0, advocacy: 0, gravity: 0, score: 0, reach: 0, sentiment: s.sentiment === null });
  if (rest(actual) !== rest(expected)) out.push(`exact fields differ: ${rest(actual)} ≠ ${rest(expected)}`);
  return out;
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** The model over a member's own events: what the stored state must equal. */
export function expectedValues(events: readonly InteractionEvent[], platformId: string, at: number): RelationshipState {
  return evaluateRelationship(
    events.filter((e) => e.member.platformId === platformId),
    at,
    DEFAULT_MODEL_CONFIG,
  );
}

/**
 * Reads a relationships topic until `versions` distinct (relationship, version) pairs arrived — a
 * relayed row may be published twice — and parses every update with the contract.
 */
export async function readUpdates(brokers: readonly string[], topic: string, versions: number, timeoutMs = 120_000): Promise<RelationshipUpdated[]> {
  return parseUpdates(await readUpdateMessages(brokers, topic, versions, timeoutMs));
}

/** The raw messages `readUpdates` parses (for header checks). */
export function readUpdateMessages(brokers: readonly string[], topic: string, versions: number, timeoutMs = 120_000): Promise<ReadMessage[]> {
  const distinct = (messages: readonly ReadMessage[]) => new Set(messages.map((m) => m.headers.ce_id ?? '')).size;
  return consumeAll(brokers, topic, { until: (messages) => distinct(messages) >= versions, timeoutMs });
}

/** Parses published relationship updates with the contract; throws on the first invalid one. */
export function parseUpdates(messages: readonly ReadMessage[]): RelationshipUpdated[] {
  return messages.map((m) => RelationshipUpdated.parse(JSON.parse(m.value ?? 'null')));
}

/**
 * Exactly-once, as readers see it: per relationship, versions 1..n each published (copies of a
 * version are identical), and every event id in exactly one version's `cause.interactions`.
 */
export function publicationProblems(updates: readonly RelationshipUpdated[], expectedEventIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const byVersion = new Map<string, RelationshipUpdated>();
  for (const update of updates) {
    const key = `${update.brandId}:${update.memberId}:${update.version}`;
    const seen = byVersion.get(key);
    if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(update)) problems.push(`two different updates ${key}`);
    byVersion.set(key, update);
  }
  const maxVersion = new Map<string, number>();
  for (const update of byVersion.values()) {
    const key = `${update.brandId}:${update.memberId}`;
    maxVersion.set(key, Math.max(maxVersion.get(key) ?? 0, update.version));
  }
  for (const [key, max] of maxVersion) {
    for (let v = 1; v <= max; v++) if (!byVersion.has(`${key}:${v}`)) problems.push(`${key} misses version ${v} of ${max}`);
  }
  const applied = new Map<string, number>();
  for (const update of byVersion.values()) {
    if (update.cause.kind !== 'interaction') continue;
    for (const entry of update.cause.interactions) applied.set(entry.id, (applied.get(entry.id) ?? 0) + 1);
  }
  for (const [id, times] of applied) if (times !== 1) problems.push(`event ${id} applied ${times} times`);
  for (const id of expectedEventIds) if (!applied.has(id)) problems.push(`event ${id} never published`);
  for (const id of applied.keys()) if (!expectedEventIds.has(id)) problems.push(`unexpected event ${id}`);
  return problems.slice(0, 20);
}
