import { benchKafka, topicMessageCount } from '../support/bench-topics';

/**
 * Reads the whole topic from the beginning with a throwaway group, handing each message's event
 * id (the `id` of its JSON value) to `onEventId`. Stops once it has read as many messages as the
 * topic held when it started; rejects after `timeoutMs`.
 */
export async function readEventIds(brokers: readonly string[], topic: string, onEventId: (id: string) => void, timeoutMs = 300_000): Promise<number> {
  const expected = await topicMessageCount(brokers, topic);
  if (expected === 0) return 0;
  const consumer = benchKafka(brokers, 'rapport-bench-audit').consumer({
    groupId: `bench-audit-${Date.now().toString(36)}`,
    maxWaitTimeInMs: 200,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  let read = 0;
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`read ${read} of ${expected} messages of ${topic} within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          partitionsConsumedConcurrently: 3,
          eachBatch: ({ batch }) => {
            for (const message of batch.messages) {
              read += 1;
              const value = message.value?.toString();
              const id = value === undefined ? undefined : (JSON.parse(value) as { id?: unknown }).id;
              onEventId(typeof id === 'string' ? id : '');
            }
            if (read >= expected) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
    return read;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}
