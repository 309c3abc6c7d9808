import { deleteTestTopics, uniqueName } from '@rapport/testing';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafka } from './create-kafka';
import { ensureTopics } from './ensure-topics';
import { testLogger } from './test-support';

const brokers = inject('kafkaBrokers');
const kafka = createKafka({ brokers, clientId: 'kit-ensure-topics-test', logger: testLogger() });
const history = uniqueName('ensure-history');
const events = uniqueName('ensure-events');
let admin: Admin;

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
});
afterAll(async () => {
  await admin.disconnect();
  await deleteTestTopics(brokers, [history, events]);
});

async function topicConfig(topic: string, names: string[]): Promise<Record<string, string>> {
  const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic, configNames: names }] });
  return Object.fromEntries((described.resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
}

describe('ensureTopics', () => {
  const specs = [
    { topic: history, numPartitions: 3, config: { 'cleanup.policy': 'delete', 'retention.ms': '63072000000' } },
    { topic: events, numPartitions: 2 },
  ];

  it('creates missing topics with their partitions and settings', async () => {
    const report = await ensureTopics(admin, specs);
    expect(report.created).toEqual([history, events]);
    const metadata = await admin.fetchTopicMetadata({ topics: [history, events] });
    // The broker lists topics in its own order.
    expect(Object.fromEntries(metadata.topics.map((t) => [t.name, t.partitions.length]))).toEqual({ [history]: 3, [events]: 2 });
    expect(await topicConfig(history, ['cleanup.policy', 'retention.ms'])).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '63072000000' });
  });

  it('is idempotent: a second run changes nothing', async () => {
    const report = await ensureTopics(admin, specs);
    expect(report).toEqual({ created: [], reconfigured: [], partitionMismatches: [], unchanged: [history, events] });
  });

  it('puts drifted settings back, keeps overrides it does not manage, and never touches partition counts', async () => {
    // Someone compacted the history topic by hand and set an unrelated override.
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: history, configEntries: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'max.message.bytes', value: '2097152' }] }],
    });
    const report = await ensureTopics(admin, [{ ...specs[0]!, numPartitions: 4 }, specs[1]!]);
    expect(report.reconfigured).toEqual([
      { topic: history, changes: { 'cleanup.policy': { from: 'compact', to: 'delete' }, 'retention.ms': { from: '604800000', to: '63072000000' } } },
    ]);
    expect(report.partitionMismatches).toEqual([{ topic: history, actual: 3, wanted: 4 }]);
    expect(await topicConfig(history, ['cleanup.policy', 'retention.ms', 'max.message.bytes'])).toEqual({
      'cleanup.policy': 'delete',
      'retention.ms': '63072000000',
      'max.message.bytes': '2097152',
    });
    const metadata = await admin.fetchTopicMetadata({ topics: [history] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
  });
});
