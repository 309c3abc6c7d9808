import { createTestTopics, deleteTestTopics, uniqueName } from '@rapport/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createMetricsRegistry } from '../metrics/metrics-registry';
import { createKafka } from './create-kafka';
import { dlqTopic } from './dead-letter';
import { DLQ_HANDLED_GROUP } from './dlq-handled';
import { registerGroupLagMetrics } from './group-lag-metrics';
import { createProducer } from './producer';
import { testLogger } from './test-support';

const brokers = inject('kafkaBrokers');
const logger = testLogger();
const kafka = createKafka({ brokers, clientId: 'kit-group-lag-test', logger });
const topic = uniqueName('kit-group-lag');
const dlq = dlqTopic(topic);

afterAll(async () => {
  await deleteTestTopics(brokers, [topic, dlq]);
});

describe('group lag metrics (real broker)', () => {
  it('read the committed offsets against the ends at each scrape, and the dead letters after the handled mark', async () => {
    await createTestTopics(brokers, [
      { topic, numPartitions: 2 },
      { topic: dlq, numPartitions: 1 },
    ]);
    const producer = createProducer(kafka, { logger });
    const admin = kafka.admin();
    await admin.connect();
    const registry = createMetricsRegistry({ service: 'test', defaultMetrics: false });
    const groupId = uniqueName('kit-group-lag-group');
    const metrics = registerGroupLagMetrics(registry, kafka, { groupId, topics: [topic] });
    try {
      await producer.send(topic, [0, 0, 0, 0, 0, 1, 1].map((partition, i) => ({ partition, value: `m${i}` })));
      await producer.send(dlq, [{ value: 'd0' }, { value: 'd1' }, { value: 'd2' }]);

      // Nothing committed yet: everything retained is ahead of the group; no dead letter handled.
      let text = await registry.metrics();
      expect(text).toContain(`rapport_consumer_group_lag{group="${groupId}",topic="${topic}",partition="0",service="test"} 5`);
      expect(text).toContain(`rapport_consumer_group_lag{group="${groupId}",topic="${topic}",partition="1",service="test"} 2`);
      expect(text).toContain(`rapport_dlq_pending_messages{topic="${dlq}",service="test"} 3`);

      // The group commits (as a consumer would), an operator acknowledges two dead letters.
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '4' }, { partition: 1, offset: '2' }] });
      await admin.setOffsets({ groupId: DLQ_HANDLED_GROUP, topic: dlq, partitions: [{ partition: 0, offset: '2' }] });
      text = await registry.metrics();
      expect(text).toContain(`rapport_consumer_group_lag{group="${groupId}",topic="${topic}",partition="0",service="test"} 1`);
      expect(text).toContain(`rapport_consumer_group_lag{group="${groupId}",topic="${topic}",partition="1",service="test"} 0`);
      expect(text).toContain(`rapport_dlq_pending_messages{topic="${dlq}",service="test"} 1`);
    } finally {
      await metrics.stop();
      await admin.disconnect();
      await producer.stop();
    }
    // Stopped: its series are gone.
    expect(await registry.metrics()).not.toContain(groupId);
  });
});
