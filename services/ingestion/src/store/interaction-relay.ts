import { createKafka, createProducer, type KafkaProducer } from '@rapport/kit/kafka';
import type { Logger } from '@rapport/kit/log';
import type { Registry } from '@rapport/kit/metrics';
import { OutboxRelay, toTopicMessages } from '@rapport/kit/outbox';
import type { Pool } from 'pg';
import { INGESTION_SCHEMA } from './ingestion-schema';

export interface InteractionRelayOptions {
  pool: Pool;
  brokers: readonly string[];
  clientId: string;
  logger: Logger;
  registry?: Registry;
  batchSize: number;
}

/**
 * The producer and the outbox relay that moves committed events from `ingestion.outbox` to Kafka
 * (`interactions.v1`), in batches, acknowledged by every in-sync replica before the rows are
 * deleted. Both are components: stop the relay before the producer.
 */
export function createInteractionRelay(options: InteractionRelayOptions): { producer: KafkaProducer; relay: OutboxRelay } {
  const kafka = createKafka({ brokers: options.brokers, clientId: options.clientId, logger: options.logger });
  const producer = createProducer(kafka, { logger: options.logger });
  const relay = new OutboxRelay({
    pool: options.pool,
    schema: INGESTION_SCHEMA,
    publish: async (records) => {
      await producer.sendBatch(toTopicMessages(records));
    },
    logger: options.logger,
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    batchSize: options.batchSize,
  });
  return { producer, relay };
}
