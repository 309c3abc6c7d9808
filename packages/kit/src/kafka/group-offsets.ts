import type { Admin } from 'kafkajs';
import { partitionLags, type PartitionLag } from './partition-lag';

/** A group's lag on one topic, per partition, read from the broker (committed offsets vs ends). */
export async function readGroupLag(admin: Admin, groupId: string, topic: string): Promise<PartitionLag[]> {
  const [ends, offsets] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  const committed = new Map((offsets.find((t) => t.topic === topic)?.partitions ?? []).map((p) => [p.partition, p.offset]));
  return partitionLags(
    ends.map((e) => ({ partition: e.partition, low: e.low, high: e.high })),
    committed,
  );
}
