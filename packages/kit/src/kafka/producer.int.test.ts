import { Writable } from 'node:stream';
import { consumeAll, createTestTopics, deleteTestTopics, uniqueName } from '@rapport/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafka } from './create-kafka';
import { ProducerStopped, createProducer } from './producer';

const brokers = inject('kafkaBrokers');
const topic = uniqueName('producer');

// kafkajs' debug lines, routed through pino by createKafka, show which requests the producer makes.
const lines: { msg: string; namespace?: string }[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as { msg: string });
    done();
  },
});
const logger = pino({ level: 'debug' }, capture);
// Few retries: the failing-send case should fail in seconds, not after a minute of retrying.
const kafka = createKafka({ brokers, clientId: 'kit-producer-test', logger, retry: { retries: 2, maxRetryTime: 1_000 } });
async function recordsOnTopic(): Promise<bigint> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + BigInt(p.high) - BigInt(p.low), 0n);
  } finally {
    await admin.disconnect();
  }
}
const initProducerIdRequests = () => lines.filter((l) => l.msg.startsWith('Request InitProducerId')).length;

beforeAll(async () => {
  await createTestTopics(brokers, [{ topic, numPartitions: 3 }]);
});
afterAll(async () => {
  await deleteTestTopics(brokers, [topic]);
});

describe('idempotent producer against a real broker', () => {
  const producer = createProducer(kafka, { logger, id: 'test-producer' });
  afterAll(() => producer.stop());

  it('connects lazily, as an idempotent producer, and every concurrent send lands exactly once in per-key order', async () => {
    expect(initProducerIdRequests()).toBe(0);
    expect(await producer.healthcheck()).toEqual({ ok: true });
    // An idempotent producer asks the broker for a producer id before its first send.
    expect(initProducerIdRequests()).toBe(1);

    const sends = Array.from({ length: 20 }, (_, caller) =>
      producer.send(
        topic,
        Array.from({ length: 10 }, (_, i) => ({ key: `caller-${caller}`, value: `${caller}:${i}` })),
      ),
    );
    const results = await Promise.all(sends);
    expect(results.flat().every((r) => r.errorCode === 0)).toBe(true);

    // Exactly 200 records on the log (a retried duplicate would add offsets), all distinct.
    expect(await recordsOnTopic()).toBe(200n);
    const read = await consumeAll(brokers, topic, { until: 200 });
    expect(new Set(read.map((m) => m.value)).size).toBe(200);
    for (let caller = 0; caller < 20; caller++) {
      const ofCaller = read.filter((m) => m.key === `caller-${caller}`);
      expect(new Set(ofCaller.map((m) => m.partition)).size).toBe(1);
      expect(ofCaller.map((m) => m.value)).toEqual(Array.from({ length: 10 }, (_, i) => `${caller}:${i}`));
    }
    expect(lines.filter((l) => /OUT_OF_ORDER|DUPLICATE_SEQUENCE/.test(JSON.stringify(l)))).toEqual([]);
  });

  it('retires a producer whose send failed and sends the next messages with a new producer id', async () => {
    const before = initProducerIdRequests();
    await expect(producer.send(uniqueName('no-such-topic'), [{ key: 'k', value: 'lost' }])).rejects.toThrow();
    await producer.send(topic, [{ key: 'after-failure', value: 'delivered' }]);
    expect(initProducerIdRequests()).toBe(before + 1);
    const read = await consumeAll(brokers, topic, { until: (m) => m.some((x) => x.value === 'delivered') });
    expect(read.filter((m) => m.key === 'after-failure')).toHaveLength(1);
  });

  it('refuses to send once stopped and reports it', async () => {
    const stopped = createProducer(kafka, { logger });
    await stopped.send(topic, [{ key: 'k', value: 'before stop' }]);
    await stopped.stop();
    await stopped.stop();
    await expect(stopped.send(topic, [{ key: 'k', value: 'after stop' }])).rejects.toBeInstanceOf(ProducerStopped);
    expect(await stopped.healthcheck()).toEqual({ ok: false, detail: 'stopped' });
  });

  it('sends to several topics in one batch', async () => {
    const other = uniqueName('producer-other');
    await createTestTopics(brokers, [{ topic: other, numPartitions: 1 }]);
    try {
      await producer.sendBatch([
        { topic, messages: [{ key: 'batch', value: 'to-first' }] },
        { topic: other, messages: [{ key: 'batch', value: 'to-other' }] },
      ]);
      const [read] = await consumeAll(brokers, other, { until: 1 });
      expect(read?.value).toBe('to-other');
    } finally {
      await deleteTestTopics(brokers, [other]);
    }
  });
});
