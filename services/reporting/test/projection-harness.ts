/** Kafka plumbing for reporting's integration tests: publish updates, run the projection, wait. */
import { randomUUID } from 'node:crypto';
import { CE_SOURCES, CE_TYPES, relationshipKey, toKafkaHeaders, type RelationshipUpdated } from '@rapport/contracts';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import { pino } from 'pino';
import { createReportingComponents } from '../src/reporting-components';

export const testLogger = () => pino({ level: process.env.TEST_LOG_LEVEL ?? 'error' });

/** Publishes updates as scoring does (key `brand:member`, CloudEvents headers), plus raw records. */
export async function publish(brokers: readonly string[], topic: string, updates: readonly RelationshipUpdated[], raw: Array<{ key: string; value: string }> = []): Promise<void> {
  const producer = new Kafka({ brokers: [...brokers], clientId: 'reporting-test-publisher', logLevel: logLevel.NOTHING }).producer({ idempotent: true });
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: [
        ...updates.map((u) => ({
          key: relationshipKey(u),
          value: JSON.stringify(u),
          headers: toKafkaHeaders({ id: randomUUID(), source: CE_SOURCES.scoring, type: CE_TYPES.relationships, time: u.asOf }),
        })),
        ...raw,
      ],
    });
  } finally {
    await producer.disconnect();
  }
}

export interface RunningProjection {
  stop(): Promise<void>;
}

/** The service's own projection components, on a test topic and group. */
export async function startProjection(pool: Pool, brokers: readonly string[], topic: string, groupId: string): Promise<RunningProjection> {
  const { producer, consumer } = createReportingComponents({
    pool,
    brokers,
    clientId: `reporting-test-${groupId}`,
    logger: testLogger(),
    config: {
      adminToken: 'unused-admin-token',
      relationshipsTopic: topic,
      consumer: { groupId, maxBytesPerPartition: 65_536, concurrency: 2, sessionTimeoutMs: 6_000 },
      api: { rateLimit: { max: 1000, windowMs: 60_000 }, keyCacheTtlMs: 1000 },
      pgPoolMax: 4,
    },
  });
  await consumer.start();
  return {
    async stop() {
      await consumer.stop();
      await producer.stop();
    },
  };
}

/** Polls until `condition` holds; rejects naming `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
