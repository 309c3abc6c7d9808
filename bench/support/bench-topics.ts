import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** `bench.<benchmark>.<purpose>.<random>`: never a real topic, never another run's. */
export function benchTopicName(benchmark: string, purpose: string): string {
  return `bench.${benchmark}.${purpose}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function benchKafka(brokers: readonly string[], clientId: string): Kafka {
  return new Kafka({ brokers: [...brokers], clientId, logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retry: { retries: 8 } });
}

async function withAdmin<T>(brokers: readonly string[], work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = benchKafka(brokers, 'rapport-bench-admin').admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Creates the topic and waits until every partition has a leader. */
export async function createBenchTopic(brokers: readonly string[], topic: string, numPartitions: number): Promise<void> {
  await withAdmin(brokers, (admin) => admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions }] }));
}

export async function deleteBenchTopic(brokers: readonly string[], topic: string): Promise<void> {
  await withAdmin(brokers, async (admin) => {
    if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
  });
}

/** Messages on the topic: the sum of its partitions' end offsets (one producer, nothing deleted). */
export async function topicMessageCount(brokers: readonly string[], topic: string): Promise<number> {
  return withAdmin(brokers, async (admin) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  });
}
