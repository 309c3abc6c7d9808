/**
 * Real Postgres and real Kafka for the outbox integration tests: a fresh database with the outbox
 * migration applied, an idempotent kafkajs publisher, a topic reader.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { pino } from 'pino';
import { createTestDatabase, testKafkaBrokers, type TestDatabase } from '@rapport/testing';
import type { OutboxRecord, PublishFn } from '../src/outbox';
import { toTopicMessages, writeOutbox } from '../src/outbox';
import { createPool, migrate, transaction, type PgPool } from '../src/pg';

export const SCHEMA = 'scoring';
export const silentLogger = pino({ level: 'silent' });
const OUTBOX_MIGRATION = fileURLToPath(new URL('../../../services/scoring/migrations/1764200000000_outbox.sql', import.meta.url));

/** Brokers from the integration global setup, else KAFKA_BROKERS, else the local runner. */
export const sharedKafkaBrokers = testKafkaBrokers;

export interface OutboxDatabase {
  db: TestDatabase;
  /** The scoring runtime role's pool: what a service's relay and writers use. */
  runtime: PgPool;
  close(): Promise<void>;
}

/** A fresh database whose `scoring` schema holds just the outbox, migrated by its owner role. */
export async function outboxDatabase(applicationName: string): Promise<OutboxDatabase> {
  const db = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'rapport-outbox-'));
  cpSync(OUTBOX_MIGRATION, join(dir, '1764200000000_outbox.sql'));
  try {
    await migrate({ databaseUrl: db.urlFor(SCHEMA, 'owner'), schema: SCHEMA, dir, logger: silentLogger });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const runtime = createPool({ connectionString: db.urlFor(SCHEMA, 'runtime'), applicationName, max: 6 });
  return {
    db,
    runtime,
    close: async () => {
      await runtime.stop();
      await db.drop();
    },
  };
}

/** Commits `count` rows numbered from `from` (value `{"n":…}`, key `k<n % 7>`) in one transaction. */
export async function commitRows(pg: PgPool, topic: string, from: number, count: number): Promise<void> {
  await transaction(pg.pool, async (client) => {
    await writeOutbox(client, rowsFor(topic, from, count), { schema: SCHEMA });
  });
}

export function rowsFor(topic: string, from: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    topic,
    key: `k${(from + i) % 7}`,
    value: JSON.stringify({ n: from + i }),
    headers: { ce_id: `row-${from + i}` },
  }));
}

export function kafkaClient(brokers: string[], clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 10_000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2_000 },
  });
}

export async function createTopic(kafka: Kafka, topic: string, partitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/**
 * A `PublishFn` over an idempotent kafkajs producer. After a failed send the producer is replaced:
 * kafkajs rolls its sequence numbers back on failure, and reusing them for other messages after a
 * send the broker did write would get those messages dropped as duplicates.
 */
export function kafkaPublisher(kafka: Kafka): { publish: PublishFn; close(): Promise<void> } {
  let current: { producer: Producer; ready: Promise<void> } | undefined;
  const publish: PublishFn = async (records: readonly OutboxRecord[]) => {
    if (!current) {
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      current = { producer, ready: producer.connect() };
    }
    const entry = current;
    try {
      await entry.ready;
      await entry.producer.sendBatch({ acks: -1, topicMessages: toTopicMessages(records) });
    } catch (err) {
      if (current === entry) current = undefined;
      void entry.producer.disconnect().catch(() => {});
      throw err;
    }
  };
  return {
    publish,
    close: async () => {
      await current?.producer.disconnect().catch(() => {});
    },
  };
}

export interface ReceivedRecord {
  n: number;
  key: string | null;
  ceId: string | undefined;
}

/** Reads a topic from the beginning with a fresh group; `received` grows as messages arrive. */
export async function readTopic(kafka: Kafka, topic: string): Promise<{ received: ReceivedRecord[]; receivedAt: Map<number, number>; stop(): Promise<void> }> {
  const consumer: Consumer = kafka.consumer({ groupId: `${topic}-reader-${Math.random().toString(36).slice(2)}`, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const received: ReceivedRecord[] = [];
  const receivedAt = new Map<number, number>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const { n } = JSON.parse(message.value?.toString() ?? '{}') as { n: number };
      received.push({ n, key: message.key?.toString() ?? null, ceId: message.headers?.ce_id?.toString() });
      if (!receivedAt.has(n)) receivedAt.set(n, Date.now());
      await Promise.resolve();
    },
  });
  return { received, receivedAt, stop: () => consumer.disconnect() };
}

export async function until(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Each number in [0, total) and how many times it was received. */
export function tally(received: readonly ReceivedRecord[], total: number): { missing: number[]; duplicated: number[] } {
  const counts = new Map<number, number>();
  for (const r of received) counts.set(r.n, (counts.get(r.n) ?? 0) + 1);
  const missing: number[] = [];
  const duplicated: number[] = [];
  for (let n = 0; n < total; n += 1) {
    const c = counts.get(n) ?? 0;
    if (c === 0) missing.push(n);
    if (c > 1) duplicated.push(n);
  }
  return { missing, duplicated };
}
