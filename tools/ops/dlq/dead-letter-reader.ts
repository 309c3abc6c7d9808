import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { DeadLetter } from './dead-letter-selection';

/**
 * Every record a dead-letter topic holds now, read with a throwaway consumer group (never
 * committed, deleted afterwards) from the oldest retained record up to the ends seen at the start.
 * Dead-letter topics are small (rare records, 30 days' retention): they are read into memory.
 */
export async function readDeadLetters(kafka: Kafka, dlqTopic: string, timeoutMs = 60_000): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(dlqTopic);
    const remaining = new Map(ends.filter((e) => BigInt(e.high) > BigInt(e.low)).map((e) => [e.partition, BigInt(e.high)]));
    if (remaining.size === 0) return [];
    const groupId = `rapport-ops-dlq-reader-${randomBytes(6).toString('hex')}`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, allowAutoTopicCreation: false });
    const records: DeadLetter[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [dlqTopic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`reading ${dlqTopic}: its ends were not reached within ${timeoutMs} ms (${records.length} read)`)), timeoutMs);
        consumer
          .run({
            autoCommit: false,
            eachMessage: ({ partition, message }) => {
              const end = remaining.get(partition);
              const offset = BigInt(message.offset);
              if (end === undefined || offset >= end) return Promise.resolve();
              records.push({ partition, offset: message.offset, timestamp: message.timestamp, key: message.key, value: message.value, headers: message.headers ?? {} });
              if (offset + 1n >= end) remaining.delete(partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
              return Promise.resolve();
            },
          })
          .catch((error: unknown) => {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
          });
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined); // never committed: may not exist
    }
    return records.sort((a, b) => a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
  } finally {
    await admin.disconnect();
  }
}
