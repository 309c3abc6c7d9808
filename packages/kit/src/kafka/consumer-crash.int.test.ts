import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { committedOffsets, createTestTopics, deleteTestTopics, uniqueName } from '@rapport/testing';
import { afterAll, expect, inject, it } from 'vitest';
import { createConsumerRunner } from './consumer-runner';
import { createKafka } from './create-kafka';
import { dlqTopic } from './dead-letter';
import { OK } from './outcomes';
import { createProducer } from './producer';
import { testLogger, waitFor } from './test-support';

const brokers = inject('kafkaBrokers');
const logger = testLogger();
const kafka = createKafka({ brokers, clientId: 'kit-consumer-crash-test', logger });
const producer = createProducer(kafka, { logger });
const fixture = fileURLToPath(new URL('./crashing-consumer.fixture.ts', import.meta.url));
const topic = uniqueName('runner-crash');
const cleanup: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  await producer.stop();
  await deleteTestTopics(brokers, [topic, dlqTopic(topic)]);
});

/** Runs the crashing consumer to its SIGKILL; returns the partition:offset pairs it processed. */
function runCrashingConsumer(groupId: string, crashAfter: number): Promise<{ processed: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, BROKERS: brokers.join(','), TOPIC: topic, GROUP: groupId, CRASH_AFTER: String(crashAfter) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      const processed = output
        .split('\n')
        .filter((line) => line.startsWith('processed '))
        .map((line) => line.slice('processed '.length));
      resolve({ processed, signal });
    });
  });
}

it('a consumer killed mid-batch loses nothing: commits never pass unprocessed work, the next member redelivers the rest', async () => {
  await createTestTopics(brokers, [
    { topic, numPartitions: 3 },
    { topic: dlqTopic(topic), numPartitions: 1 },
  ]);
  // 300 messages over 3 partitions, 30 keys: batches of ~100 grouped into keys.
  await producer.send(
    topic,
    Array.from({ length: 300 }, (_, i) => ({ key: `member-${i % 30}`, value: `m${i}` })),
  );
  const produced = new Set<string>();
  const highWatermarks = await fetchHighWatermarks();
  for (const [partition, high] of highWatermarks.entries()) {
    for (let offset = 0n; offset < high; offset += 1n) produced.add(`${partition}:${offset}`);
  }
  expect(produced.size).toBe(300);

  const groupId = uniqueName('g-crash');
  // Killed while handling the second partition's batch: one batch committed, one half done.
  const crashed = await runCrashingConsumer(groupId, 150);
  expect(crashed.signal).toBe('SIGKILL');
  expect(crashed.processed).toHaveLength(150);

  const commitsAtCrash = await committedOffsets(brokers, groupId, topic);
  const processedByCrashed = new Set(crashed.processed);
  let committedTotal = 0n;
  for (const [partition, offset] of commitsAtCrash) {
    if (offset < 0n) continue;
    committedTotal += offset;
    // Every offset below a commit was really processed before the crash.
    for (let o = 0n; o < offset; o += 1n) expect(processedByCrashed.has(`${partition}:${o}`)).toBe(true);
  }
  expect(committedTotal).toBeGreaterThan(0n);
  expect(committedTotal).toBeLessThan(150n);

  // A new member of the same group takes over every partition once the dead one's session ends.
  const processedAfter: string[] = [];
  const firstOffsetAfter = new Map<number, string>();
  const runner = createConsumerRunner(kafka, {
    groupId,
    topics: [topic],
    service: 'kit-test',
    producer,
    logger,
    sessionTimeoutMs: 6_000,
    heartbeatIntervalMs: 500,
    maxWaitTimeMs: 200,
    handler: (messages) => {
      for (const m of messages) {
        if (!firstOffsetAfter.has(m.partition)) firstOffsetAfter.set(m.partition, m.offset);
        processedAfter.push(`${m.partition}:${m.offset}`);
      }
      return Promise.resolve(messages.map(() => OK));
    },
  });
  cleanup.push(() => runner.stop());
  await runner.start();
  await waitFor('everything committed', async () => {
    const offsets = await committedOffsets(brokers, groupId, topic);
    return [...offsets.values()].reduce((sum, o) => sum + (o > 0n ? o : 0n), 0n) === 300n;
  }, 60_000);

  // Nothing skipped: every produced message was processed by one member or the other.
  const processedByAnyone = new Set([...crashed.processed, ...processedAfter]);
  expect([...produced].filter((m) => !processedByAnyone.has(m))).toEqual([]);
  // Redelivery starts exactly at each unfinished partition's last commit.
  for (const [partition, high] of highWatermarks) {
    const offset = commitsAtCrash.get(partition) ?? -1n;
    const resumeAt = offset < 0n ? 0n : offset;
    expect(firstOffsetAfter.get(partition)).toBe(resumeAt < high ? String(resumeAt) : undefined);
  }
});

async function fetchHighWatermarks(): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
}
