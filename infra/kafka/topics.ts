// Rapport's topics, created idempotently from configuration:
//
//   KAFKA_BROKERS=127.0.0.1:9092 pnpm tsx infra/kafka/topics.ts
//
// Exit codes: 0 the topics match the configuration; 2 an existing topic has another partition
// count (never changed automatically: adding partitions moves keys); 1 anything else failed.
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import { TOPICS, dlqTopic } from '@rapport/contracts';
import type { Topic } from '@rapport/contracts';
import { commaList, hostPort, loadConfig, positiveInt } from '@rapport/kit/config';
import { createKafka, ensureTopics } from '@rapport/kit/kafka';
import type { EnsureTopicsReport, TopicSpec } from '@rapport/kit/kafka';
import { createLogger } from '@rapport/kit/log';

export { ensureTopics };
export type { EnsureTopicsReport, TopicSpec };

const DAY_MS = 24 * 60 * 60 * 1000;

/** `-1` (keep forever) or a positive number of milliseconds. */
const retentionMs = (defaultMs: number) =>
  z.coerce
    .number({ error: 'expected milliseconds or -1' })
    .int('expected milliseconds or -1')
    .refine((ms) => ms === -1 || ms > 0, 'expected milliseconds or -1')
    .default(defaultMs);

/** Partition counts and retention per topic, from the environment (defaults suit one node). */
export const TopicsEnv = z.object({
  KAFKA_BROKERS: commaList(hostPort()).default(['127.0.0.1:9092']),
  // Consumer-group members of scoring and reporting scale up to these counts.
  KAFKA_PARTITIONS_INTERACTIONS: positiveInt().default(6),
  KAFKA_PARTITIONS_RELATIONSHIPS: positiveInt().default(6),
  KAFKA_PARTITIONS_MODELS: positiveInt().default(1),
  KAFKA_PARTITIONS_ERASURES: positiveInt().default(3),
  KAFKA_PARTITIONS_ERASURE_RECEIPTS: positiveInt().default(1),
  KAFKA_PARTITIONS_DLQ: positiveInt().default(1),
  /** Unset: the broker's `default.replication.factor` (1 locally, 3 on a production cluster). */
  KAFKA_REPLICATION_FACTOR: positiveInt().optional(),
  // Interactions are consumed within seconds; a week leaves room for an outage and a replay.
  KAFKA_INTERACTIONS_RETENTION_MS: retentionMs(7 * DAY_MS),
  // relationships.v1 is the history reporting is rebuilt from: kept as long as the brands'
  // default data retention (2 years), by time, never compacted (events.md).
  KAFKA_RELATIONSHIPS_RETENTION_MS: retentionMs(730 * DAY_MS),
  KAFKA_MODELS_RETENTION_MS: retentionMs(730 * DAY_MS),
  // Erasure requests name a person: kept only as long as needed to complete them everywhere.
  KAFKA_ERASURES_RETENTION_MS: retentionMs(30 * DAY_MS),
  KAFKA_DLQ_RETENTION_MS: retentionMs(30 * DAY_MS),
});
export type TopicsEnv = z.output<typeof TopicsEnv>;

function spec(topic: string, numPartitions: number, retention: number, env: TopicsEnv): TopicSpec {
  return {
    topic,
    numPartitions,
    ...(env.KAFKA_REPLICATION_FACTOR === undefined ? {} : { replicationFactor: env.KAFKA_REPLICATION_FACTOR }),
    config: { 'cleanup.policy': 'delete', 'retention.ms': String(retention) },
  };
}

/** Every Rapport topic and the dead-letter topic of each consumed one. */
export function rapportTopicSpecs(env: TopicsEnv): TopicSpec[] {
  const topics: Record<Topic, { partitions: number; retention: number }> = {
    [TOPICS.interactions]: { partitions: env.KAFKA_PARTITIONS_INTERACTIONS, retention: env.KAFKA_INTERACTIONS_RETENTION_MS },
    [TOPICS.relationships]: { partitions: env.KAFKA_PARTITIONS_RELATIONSHIPS, retention: env.KAFKA_RELATIONSHIPS_RETENTION_MS },
    [TOPICS.models]: { partitions: env.KAFKA_PARTITIONS_MODELS, retention: env.KAFKA_MODELS_RETENTION_MS },
    [TOPICS.erasures]: { partitions: env.KAFKA_PARTITIONS_ERASURES, retention: env.KAFKA_ERASURES_RETENTION_MS },
    [TOPICS.erasureReceipts]: { partitions: env.KAFKA_PARTITIONS_ERASURE_RECEIPTS, retention: env.KAFKA_ERASURES_RETENTION_MS },
  };
  // Every topic is consumed by some service (receipts by the erasure tracker), so each has a DLQ.
  return Object.entries(topics).flatMap(([topic, { partitions, retention }]) => [
    spec(topic, partitions, retention, env),
    spec(dlqTopic(topic), env.KAFKA_PARTITIONS_DLQ, env.KAFKA_DLQ_RETENTION_MS, env),
  ]);
}

export function describeReport(report: EnsureTopicsReport): string[] {
  return [
    ...report.created.map((t) => `created ${t}`),
    ...report.reconfigured.map(
      (r) => `reconfigured ${r.topic}: ${Object.entries(r.changes).map(([name, c]) => `${name} ${c.from ?? '(unset)'} → ${c.to}`).join(', ')}`,
    ),
    ...report.unchanged.map((t) => `unchanged ${t}`),
    ...report.partitionMismatches.map((m) => `PARTITIONS DIFFER ${m.topic}: has ${m.actual}, configured ${m.wanted} (left as is)`),
  ];
}

async function main(): Promise<void> {
  const env = loadConfig(TopicsEnv);
  const logger = createLogger({ service: 'kafka-topics', level: 'warn', format: 'json' });
  const admin = createKafka({ brokers: env.KAFKA_BROKERS, clientId: 'rapport-topics', logger }).admin();
  await admin.connect();
  try {
    const report = await ensureTopics(admin, rapportTopicSpecs(env));
    for (const line of describeReport(report)) console.log(line);
    if (report.partitionMismatches.length > 0) process.exitCode = 2;
  } finally {
    await admin.disconnect();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error('topic provisioning failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
