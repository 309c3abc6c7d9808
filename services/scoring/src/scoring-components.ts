import { createConsumerRunner, createKafka, createProducer, type ConsumerRunner, type KafkaProducer } from '@rapport/kit/kafka';
import type { Logger } from '@rapport/kit/log';
import type { Registry } from '@rapport/kit/metrics';
import { OutboxRelay, toTopicMessages } from '@rapport/kit/outbox';
import type { Pool } from 'pg';
import { createInteractionsHandler } from './consumers/interactions-consumer';
import type { BatchReport, ScoringSettings } from './consumers/interaction-batch';
import type { ModelLookup } from './relationships/model-lookup';
import type { ScoringWorkConfig } from './scoring-config';
import { SCORING_SCHEMA } from './store/scoring-schema';
import { RelationshipSweeper } from './sweep/relationship-sweeper';

export interface ScoringComponentsOptions {
  pool: Pool;
  brokers: readonly string[];
  clientId: string;
  config: ScoringWorkConfig;
  models: ModelLookup;
  logger: Logger;
  registry?: Registry;
  /** Test-only fault injection, wired by main.ts (see `InteractionsHandlerOptions.afterCommit`). */
  afterCommit?: (report: BatchReport) => void;
}

export interface ScoringComponents {
  /** Publishes dead letters and relationship updates; stopped last. */
  producer: KafkaProducer;
  /** Moves committed updates from `scoring.outbox` to `relationships.v1`. */
  relay: OutboxRelay;
  /** Applies `interactions.v1`. */
  consumer: ConsumerRunner;
  sweeper: RelationshipSweeper;
}

/**
 * Scoring's moving parts, built (not started) from one config slice. main.ts starts them in this
 * order — producer, relay, consumer, sweeper — and stops them in reverse.
 */
export function createScoringComponents(options: ScoringComponentsOptions): ScoringComponents {
  const { pool, config, logger, registry } = options;
  const settings: ScoringSettings = {
    schema: SCORING_SCHEMA,
    relationshipsTopic: config.relationshipsTopic,
    retention: config.retention,
    models: options.models,
  };
  const kafka = createKafka({ brokers: options.brokers, clientId: options.clientId, logger });
  const producer = createProducer(kafka, { logger });
  const relay = new OutboxRelay({
    pool,
    schema: SCORING_SCHEMA,
    publish: async (records) => {
      await producer.sendBatch(toTopicMessages(records));
    },
    logger,
    batchSize: config.relayBatchSize,
    ...(registry === undefined ? {} : { registry }),
  });
  const handler = createInteractionsHandler({
    pool,
    groupId: config.consumer.groupId,
    settings,
    ...(registry === undefined ? {} : { registry }),
    ...(options.afterCommit === undefined ? {} : { afterCommit: options.afterCommit }),
  });
  const consumer = createConsumerRunner(kafka, {
    groupId: config.consumer.groupId,
    topics: [config.interactionsTopic],
    service: 'scoring',
    handler,
    producer,
    logger,
    maxBytesPerPartition: config.consumer.maxBytesPerPartition,
    // Enough for every partition handled at once to bring a full batch in one fetch.
    maxBytes: Math.max(10_485_760, config.consumer.maxBytesPerPartition * config.consumer.concurrency),
    partitionsConsumedConcurrently: config.consumer.concurrency,
    sessionTimeoutMs: config.consumer.sessionTimeoutMs,
    // A third of the session: two heartbeats may be late before the member is declared dead.
    heartbeatIntervalMs: Math.min(3_000, Math.floor(config.consumer.sessionTimeoutMs / 3)),
    ...(registry === undefined ? {} : { registry }),
  });
  const sweeper = new RelationshipSweeper({
    pool,
    settings,
    intervalMs: config.sweep.intervalMs,
    chunkSize: config.sweep.chunkSize,
    logger,
    ...(registry === undefined ? {} : { registry }),
  });
  return { producer, relay, consumer, sweeper };
}
