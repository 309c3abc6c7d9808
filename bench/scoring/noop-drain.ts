import { createConsumerRunner, createKafka, createProducer, OK } from '@rapport/kit/kafka';
import { createLogger } from '@rapport/kit/log';
import { followDrain, type DrainTiming } from './drain-progress';

/**
 * The ceiling: the same topic drained by the kit's consumer runner with the same fetch settings
 * and a handler that does nothing (every record `ok`), so the difference to scoring is scoring's
 * own work (parsing, the model, Postgres, the outbox).
 */
export async function drainWithNoop(options: {
  brokers: readonly string[];
  topic: string;
  total: number;
  maxBytesPerPartition: number;
  concurrency: number;
  timeoutMs: number;
}): Promise<DrainTiming> {
  const logger = createLogger({ service: 'bench-noop', level: 'warn', format: 'json' });
  const kafka = createKafka({ brokers: options.brokers, clientId: 'rapport-bench-noop', logger });
  const producer = createProducer(kafka, { logger });
  const groupId = `${options.topic}.noop`;
  const runner = createConsumerRunner(kafka, {
    groupId,
    topics: [options.topic],
    service: 'bench-noop',
    handler: (messages) => Promise.resolve(messages.map(() => OK)),
    producer,
    logger,
    maxBytesPerPartition: options.maxBytesPerPartition,
    partitionsConsumedConcurrently: options.concurrency,
  });
  await runner.start();
  try {
    return await followDrain(options.brokers, groupId, options.topic, options.total, () => undefined, options.timeoutMs);
  } finally {
    await runner.stop();
    await producer.stop();
  }
}
