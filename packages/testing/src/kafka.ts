import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin, IHeaders } from 'kafkajs';
import { inject } from 'vitest';

/** Brokers provided by the integration global setup, else `KAFKA_BROKERS`, else the native one. */
export function testKafkaBrokers(): string[] {
  let provided: unknown;
  try {
    provided = (inject as (key: string) => unknown)('kafkaBrokers');
  } catch {
    provided = undefined; // outside a vitest worker
  }
  if (Array.isArray(provided) && provided.length > 0) return provided.map(String);
  const fromEnv = process.env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter((b) => b !== '');
  return fromEnv !== undefined && fromEnv.length > 0 ? fromEnv : ['127.0.0.1:9092'];
}

/** `prefix-<time>-<random>`: a topic or group name no other test (or run) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

function client(brokers: readonly string[], clientId: string): Kafka {
  // Failures surface as rejected promises with their message; kafkajs' own lines are noise here.
  return new Kafka({ brokers: [...brokers], clientId, logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retry: { retries: 8 } });
}

async function withAdmin<T>(brokers: readonly string[], work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = client(brokers, 'rapport-test-admin').admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export interface TestTopic {
  topic: string;
  numPartitions: number;
  config?: Record<string, string>;
}

/** Creates the topics and waits until every partition has a leader. */
export async function createTestTopics(brokers: readonly string[], topics: readonly TestTopic[]): Promise<void> {
  await withAdmin(brokers, async (admin) => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((t) => ({
        topic: t.topic,
        numPartitions: t.numPartitions,
        configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
  });
}

export async function deleteTestTopics(brokers: readonly string[], topics: readonly string[]): Promise<void> {
  if (topics.length === 0) return;
  await withAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (present.length > 0) await admin.deleteTopics({ topics: present });
  });
}

/** Committed offsets of a group on a topic, by partition (-1: nothing committed). */
export async function committedOffsets(brokers: readonly string[], groupId: string, topic: string): Promise<Map<number, bigint>> {
  return withAdmin(brokers, async (admin) => {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((result?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  });
}

/** One record as read back by a test: key and headers as text, value as text. */
export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  timestamp: string;
}

export interface ConsumeAllOptions {
  /** Stop once this is true of everything read so far (or a count is reached). */
  until: number | ((messages: readonly ReadMessage[]) => boolean);
  timeoutMs?: number;
}

/**
 * Reads a topic from the beginning with a throwaway group until `until` holds, then returns
 * everything read. Rejects after `timeoutMs` saying how much it got.
 */
export async function consumeAll(brokers: readonly string[], topic: string, { until, timeoutMs = 30_000 }: ConsumeAllOptions): Promise<ReadMessage[]> {
  const done = typeof until === 'number' ? (messages: readonly ReadMessage[]) => messages.length >= until : until;
  const consumer = client(brokers, 'rapport-test-reader').consumer({ groupId: uniqueName('test-reader'), maxWaitTimeInMs: 200 });
  const messages: ReadMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`consumeAll(${topic}): condition not met within ${timeoutMs} ms after ${messages.length} messages`)),
        timeoutMs,
      );
      if (done(messages)) {
        resolve();
        return;
      }
      consumer
        .run({
          eachMessage: ({ partition, message }) => {
            messages.push({
              topic,
              partition,
              offset: message.offset,
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              headers: headersAsText(message.headers),
              timestamp: message.timestamp,
            });
            if (done(messages)) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
    return messages;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    text[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return text;
}
