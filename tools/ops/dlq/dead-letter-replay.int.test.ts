import { consumeAll, createTestTopics, deleteTestTopics, testKafkaBrokers, uniqueName } from '@rapport/testing';
import { dlqTopic } from '@rapport/contracts';
import { DLQ_HANDLED_GROUP, OK, createConsumerRunner, createKafka, createProducer, deadLetter, readGroupLag, totalLag, type ConsumerRunner, type KafkaProducer } from '@rapport/kit/kafka';
import { createLogger } from '@rapport/kit/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOpsCli, type CliRun } from '../test-support/run-ops-cli';
import { replayDeadLetters, type ReplayReport } from './dead-letter-replay';

// A consumer (the kit's runner) that dead-letters a record it cannot handle yet, a "fix", and the
// operator's replay: the record is processed once, nothing else is processed again, a record
// still unfixable stays in the dead-letter topic, and the pending gauge's mark follows `dlq ack`.

const brokers = testKafkaBrokers();
const logger = createLogger({ service: 'ops-replay-test', level: 'silent', format: 'json' });
const kafka = createKafka({ brokers, clientId: 'ops-replay-test', logger });
const topic = uniqueName('ops-replay');
const groupId = uniqueName('ops-replay-group');

/** What the handler did, in order: each value once per time it was processed. */
const processed: { value: string; key: string | null; headers: string[] }[] = [];
let fixed = false;
let producer: KafkaProducer;
let runner: ConsumerRunner;

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function topicEnd(name: string): Promise<bigint> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(name)).reduce((sum, p) => sum + BigInt(p.high), 0n);
  } finally {
    await admin.disconnect();
  }
}

async function groupLag(group: string, name: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return totalLag(await readGroupLag(admin, group, name));
  } finally {
    await admin.disconnect();
  }
}

const count = (value: string) => processed.filter((p) => p.value === value).length;

beforeAll(async () => {
  await createTestTopics(brokers, [
    { topic, numPartitions: 2 },
    { topic: dlqTopic(topic), numPartitions: 1 },
  ]);
  producer = createProducer(kafka, { logger });
  runner = createConsumerRunner(kafka, {
    groupId,
    topics: [topic],
    service: 'ops-test',
    producer,
    logger,
    maxWaitTimeMs: 200,
    handler: (messages) =>
      Promise.resolve(
        messages.map((message) => {
          const value = message.raw.value?.toString() ?? '';
          if (value === 'poison') return deadLetter('schema: never valid');
          if (value.startsWith('bad') && !fixed) return deadLetter('invalid JSON: not handled before the fix');
          processed.push({ value, key: message.raw.key?.toString() ?? null, headers: Object.keys(message.raw.headers ?? {}).sort() });
          return OK;
        }),
      ),
  });
  await runner.start();
});

afterAll(async () => {
  await runner?.stop();
  await producer?.stop();
  await deleteTestTopics(brokers, [topic, dlqTopic(topic)]);
});

describe('dlq replay after a fix (real Kafka)', () => {
  it('processes each replayed record once and leaves everything else alone', { timeout: 180_000 }, async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await producer.send(topic, [
      { key: 'k-good-1', value: 'good-1' },
      { key: 'k-bad-1', value: 'bad-1', headers: { ce_id: 'id-bad-1', traceparent } },
      { key: 'k-poison', value: 'poison' },
      { key: 'k-bad-2', value: 'bad-2', headers: { ce_id: 'id-bad-2' } },
      { key: 'k-good-2', value: 'good-2' },
    ]);
    await waitFor('the consumer to settle the first records', async () => (await groupLag(groupId, topic)) === 0 && (await topicEnd(dlqTopic(topic))) === 3n);
    expect(processed.map((p) => p.value).sort()).toEqual(['good-1', 'good-2']);

    // A dry run selects by reason and publishes nothing.
    const before = await topicEnd(topic);
    const dry = await replayDeadLetters(kafka, { topic, selection: { reason: 'invalid JSON' }, dryRun: true, logger });
    expect(dry).toMatchObject({ examined: 3, selected: 2, republished: 0, foreign: 0, selectedByReason: [['invalid JSON: not handled before the fix', 2]] });
    expect(await topicEnd(topic)).toBe(before);

    // The fix ships; the operator replays by reason, through the CLI as run in production.
    fixed = true;
    const run: CliRun = await runOpsCli(['dlq', 'replay', '--topic', topic, '--reason', 'invalid JSON', '--json'], { KAFKA_BROKERS: brokers.join(',') });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as ReplayReport;
    expect(report).toMatchObject({ examined: 3, selected: 2, republished: 2, dryRun: false });
    expect(await topicEnd(topic)).toBe(before + 2n);

    await waitFor('the replayed records to be processed', async () => (await groupLag(groupId, topic)) === 0 && count('bad-1') + count('bad-2') >= 2);
    // Let a stray redelivery show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect({ good1: count('good-1'), good2: count('good-2'), bad1: count('bad-1'), bad2: count('bad-2'), poison: count('poison') }).toEqual({
      good1: 1,
      good2: 1,
      bad1: 1,
      bad2: 1,
      poison: 0,
    });
    // Key and headers as first sent, no provenance.
    expect(processed.find((p) => p.value === 'bad-1')).toEqual({ value: 'bad-1', key: 'k-bad-1', headers: ['ce_id', 'traceparent'] });
    // Nothing was dead-lettered again: the DLQ still holds its three records (poison among them).
    expect(await topicEnd(dlqTopic(topic))).toBe(3n);
    const left = await consumeAll(brokers, dlqTopic(topic), { until: 3 });
    expect(left.map((m) => m.value).sort()).toEqual(['bad-1', 'bad-2', 'poison']);

    // The replayed ones are dealt with; the poison one is acknowledged too (it is to be dropped).
    expect(await groupLag(DLQ_HANDLED_GROUP, dlqTopic(topic))).toBe(3);
    const ack = await runOpsCli(['dlq', 'ack', '--topic', topic, '--to-offset', '2'], { KAFKA_BROKERS: brokers.join(',') });
    expect(ack.code, ack.stderr).toBe(0);
    expect(ack.stdout).toContain('1 still pending');
    expect(await groupLag(DLQ_HANDLED_GROUP, dlqTopic(topic))).toBe(1);
    expect((await runOpsCli(['dlq', 'ack', '--topic', topic], { KAFKA_BROKERS: brokers.join(',') })).code).toBe(0);
    expect(await groupLag(DLQ_HANDLED_GROUP, dlqTopic(topic))).toBe(0);
  });
});
