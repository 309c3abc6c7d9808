import type { OutboxRecord } from './outbox-record';

/** Shaped like kafkajs' `TopicMessages`, without depending on kafkajs. */
export interface OutboxTopicMessages {
  topic: string;
  messages: { key: string | null; value: string; headers: Record<string, string> }[];
}

/**
 * Groups a relay batch by topic, keeping each topic's records in outbox order, for a producer's
 * `sendBatch`: `publish: async (records) => { await producer.sendBatch(toTopicMessages(records)); }`.
 */
export function toTopicMessages(records: readonly OutboxRecord[]): OutboxTopicMessages[] {
  const byTopic = new Map<string, OutboxTopicMessages>();
  for (const record of records) {
    let entry = byTopic.get(record.topic);
    if (entry === undefined) {
      entry = { topic: record.topic, messages: [] };
      byTopic.set(record.topic, entry);
    }
    entry.messages.push({ key: record.key, value: record.value, headers: record.headers });
  }
  return [...byTopic.values()];
}
