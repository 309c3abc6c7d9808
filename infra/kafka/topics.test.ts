import { TOPICS, dlqTopic } from '@rapport/contracts';
import { ConfigError, loadConfig } from '@rapport/kit/config';
import { describe, expect, it } from 'vitest';
import { TopicsEnv, describeReport, rapportTopicSpecs } from './topics';

describe('rapportTopicSpecs', () => {
  const specs = rapportTopicSpecs(loadConfig(TopicsEnv, {}));
  const byName = new Map(specs.map((s) => [s.topic, s]));

  it('covers every contract topic and a dead-letter topic for each', () => {
    const topics = Object.values(TOPICS);
    expect(specs.map((s) => s.topic).sort()).toEqual([...topics, ...topics.map((t) => dlqTopic(t))].sort());
  });

  it('keeps relationships.v1 by time for two years, never compacted', () => {
    expect(byName.get('relationships.v1')?.config).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': String(730 * 24 * 3600 * 1000) });
    expect(specs.every((s) => s.config?.['cleanup.policy'] === 'delete')).toBe(true);
  });

  it('defaults to 6 partitions for the scaled topics and fewer for the others, broker replication', () => {
    expect(Object.fromEntries(specs.map((s) => [s.topic, s.numPartitions]))).toMatchObject({
      'interactions.v1': 6,
      'relationships.v1': 6,
      'models.v1': 1,
      'erasures.v1': 3,
      'erasure-receipts.v1': 1,
      'interactions.v1.dlq': 1,
    });
    expect(specs.every((s) => s.replicationFactor === undefined)).toBe(true);
  });

  it('takes partition counts, replication and retention from the environment', () => {
    const custom = rapportTopicSpecs(
      loadConfig(TopicsEnv, { KAFKA_PARTITIONS_INTERACTIONS: '12', KAFKA_REPLICATION_FACTOR: '3', KAFKA_RELATIONSHIPS_RETENTION_MS: '-1' }),
    );
    const interactions = custom.find((s) => s.topic === 'interactions.v1');
    expect(interactions?.numPartitions).toBe(12);
    expect(interactions?.replicationFactor).toBe(3);
    expect(custom.find((s) => s.topic === 'relationships.v1')?.config?.['retention.ms']).toBe('-1');
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig(TopicsEnv, { KAFKA_PARTITIONS_MODELS: '0', KAFKA_DLQ_RETENTION_MS: '-5', KAFKA_BROKERS: 'localhost' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/KAFKA_PARTITIONS_MODELS/);
      expect(problems).toMatch(/KAFKA_DLQ_RETENTION_MS/);
      expect(problems).toMatch(/KAFKA_BROKERS/);
    }
  });
});

describe('describeReport', () => {
  it('says what was done, and loudly what was left alone', () => {
    expect(
      describeReport({
        created: ['a'],
        reconfigured: [{ topic: 'b', changes: { 'cleanup.policy': { from: 'compact', to: 'delete' } } }],
        unchanged: ['c'],
        partitionMismatches: [{ topic: 'd', actual: 3, wanted: 6 }],
      }),
    ).toEqual(['created a', 'reconfigured b: cleanup.policy compact → delete', 'unchanged c', 'PARTITIONS DIFFER d: has 3, configured 6 (left as is)']);
  });
});
