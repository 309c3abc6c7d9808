import { createConsumerRunner, createKafka, createProducer, type ConsumerRunner, type KafkaProducer } from '@rapport/kit/kafka';
import type { Logger } from '@rapport/kit/log';
import type { Registry } from '@rapport/kit/metrics';
import type { Pool } from 'pg';
import { relationshipBatchHandler } from './projections/relationship-consumer';
import type { ReportingWorkConfig } from './reporting-config';

export interface ReportingComponentsOptions {
  pool: Pool;
  brokers: readonly string[];
  clientId: string;
  config: ReportingWorkConfig;
  logger: Logger;
  registry?: Registry;
}

export interface ReportingComponents {
  /** Publishes dead letters of the projection; stopped last. */
  producer: KafkaProducer;
  /** Projects `relationships.v1` into the read models. */
  consumer: ConsumerRunner;
}

/** Reporting's moving parts, built (not started): main.ts starts producer then consumer, stops them in reverse. */
export function createReportingComponents(options: ReportingComponentsOptions): ReportingComponents {
  const { config, logger, registry } = options;
  const kafka = createKafka({ brokers: options.brokers, clientId: options.clientId, logger });
  const producer = createProducer(kafka, { logger });
  const consumer = createConsumerRunner(kafka, {
    groupId: config.consumer.groupId,
    topics: [config.relationshipsTopic],
    service: 'reporting',
    handler: relationshipBatchHandler({ pool: options.pool }),
    producer,
    logger,
    maxBytesPerPartition: config.consumer.maxBytesPerPartition,
    partitionsConsumedConcurrently: config.consumer.concurrency,
    sessionTimeoutMs: config.consumer.sessionTimeoutMs,
    // A third of the session: two heartbeats may be late before the member is declared dead.
    heartbeatIntervalMs: Math.min(3_000, Math.floor(config.consumer.sessionTimeoutMs / 3)),
    ...(registry === undefined ? {} : { registry }),
  });
  return { producer, consumer };
}
