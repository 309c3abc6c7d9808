import { committedOffsets, consumeAll, createTestTopics, deleteTestTopics, uniqueName } from '@rapport/testing';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BatchHandler } from './batch-handler';
import type { ConsumedMessage } from './consumed-message';
import type { ConsumerRunner, ConsumerRunnerOptions } from './consumer-runner';
import { createConsumerRunner } from './consumer-runner';
import { createKafka } from './create-kafka';
import { dlqTopic } from './dead-letter';
import { OK, deadLetter, retry } from './outcomes';
import type { MessageOutcome } from './outcomes';
import { perKeyGroup } from './per-key-group';
import { createProducer } from './producer';
import type { KafkaProducer } from './producer';
import { testLogger, waitFor } from './test-support';

const brokers = inject('kafkaBrokers');
const logger = testLogger();
const kafka = createKafka({ brokers, clientId: 'kit-consumer-runner-test', logger });
const topics: string[] = [];
const runners: ConsumerRunner[] = [];
let producer: KafkaProducer;

beforeAll(() => {
  producer = createProducer(kafka, { logger });
});

afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await producer.stop();
  await deleteTestTopics(brokers, topics);
});

/** A topic and its dead-letter topic, both new. */
async function freshTopic(prefix: string, numPartitions: number): Promise<string> {
  const topic = uniqueName(prefix);
  topics.push(topic, dlqTopic(topic));
  await createTestTopics(brokers, [
    { topic, numPartitions },
    { topic: dlqTopic(topic), numPartitions: 1 },
  ]);
  return topic;
}

function makeRunner(topic: string, groupId: string, handler: BatchHandler, extra: Partial<ConsumerRunnerOptions> = {}): ConsumerRunner {
  const runner = createConsumerRunner(kafka, {
    groupId,
    topics: [topic],
    service: 'kit-test',
    handler,
    producer,
    logger,
    sessionTimeoutMs: 6_000,
    heartbeatIntervalMs: 500,
    maxWaitTimeMs: 200,
    backoff: { initialMs: 100, maxMs: 400, multiplier: 2, jitter: 0 },
    ...extra,
  });
  runners.push(runner);
  return runner;
}

async function startRunner(...args: Parameters<typeof makeRunner>): Promise<ConsumerRunner> {
  const runner = makeRunner(...args);
  await runner.start();
  return runner;
}

const aborted = (signal: AbortSignal) =>
  signal.aborted ? Promise.resolve() : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

const values = (messages: readonly ConsumedMessage[]) => messages.map((m) => m.value?.toString() ?? '');

async function committed(groupId: string, topic: string, partition = 0): Promise<bigint> {
  return (await committedOffsets(brokers, groupId, topic)).get(partition) ?? -1n;
}

describe('consumer runner against a real broker', () => {
  it('commits exactly the processed prefix of a batch and redelivers the rest from there', async () => {
    const topic = await freshTopic('runner-partial', 1);
    const groupId = uniqueName('g-partial');
    await producer.send(
      topic,
      Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `m${i}` })),
    );
    const calls: string[][] = [];
    const processed = new Set<string>();
    let committedAtSecondCall: bigint | null = null;
    await startRunner(topic, groupId, async (messages) => {
      calls.push(messages.map((m) => m.offset));
      if (calls.length === 1) {
        // Half the batch done, then the database goes away.
        return messages.map((m, i): MessageOutcome => {
          if (i < 10) {
            processed.add(m.offset);
            return OK;
          }
          return retry(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
        });
      }
      if (calls.length === 2) committedAtSecondCall = await committed(groupId, topic);
      for (const m of messages) processed.add(m.offset);
      return messages.map(() => OK);
    });
    await waitFor('every message processed and committed', async () => processed.size === 20 && (await committed(groupId, topic)) === 20n);
    expect(calls[0]).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    // The retry restarts exactly where the commit stopped: nothing skipped, nothing re-done before it.
    expect(committedAtSecondCall).toBe(10n);
    expect(calls[1]?.[0]).toBe('10');
  });

  it('treats a handler that throws half-way as a retry of the whole batch: nothing committed, nothing skipped', async () => {
    const topic = await freshTopic('runner-throw', 1);
    const groupId = uniqueName('g-throw');
    await producer.send(
      topic,
      Array.from({ length: 12 }, (_, i) => ({ key: 'same-key', value: `m${i}` })),
    );
    const processedCounts = new Map<string, number>();
    const firstOffsets: string[] = [];
    let committedAtRedelivery: bigint | null = null;
    await startRunner(topic, groupId, async (messages) => {
      firstOffsets.push(messages[0]?.offset ?? '');
      if (firstOffsets.length === 2) committedAtRedelivery = await committed(groupId, topic);
      for (const [i, m] of messages.entries()) {
        if (firstOffsets.length === 1 && i === 6) throw new Error('bug: unexpected null');
        processedCounts.set(m.offset, (processedCounts.get(m.offset) ?? 0) + 1);
      }
      return messages.map(() => OK);
    });
    await waitFor('all twelve committed', async () => (await committed(groupId, topic)) === 12n);
    expect(committedAtRedelivery).toBe(-1n);
    expect(firstOffsets.slice(0, 2)).toEqual(['0', '0']);
    // At least once: the six done before the throw were done again, the rest exactly once.
    expect([...processedCounts.keys()].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    expect(Array.from({ length: 6 }, (_, i) => processedCounts.get(String(i)))).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('sends a poison message to <topic>.dlq with its provenance and keeps processing the partition', async () => {
    const topic = await freshTopic('runner-poison', 1);
    const groupId = uniqueName('g-poison');
    const headers = { ce_type: 'rapport.test.v1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    await producer.send(topic, [
      { key: 'brand:x:1', value: 'm0', headers },
      { key: 'brand:x:2', value: 'm1', headers },
      { key: 'brand:x:3', value: 'POISON', headers },
      { key: 'brand:x:4', value: 'm3', headers },
    ]);
    const registry = new Registry();
    const processed: string[] = [];
    await startRunner(
      topic,
      groupId,
      (messages) =>
        Promise.resolve(
          messages.map((m) => {
            if (m.value?.toString() === 'POISON') return deadLetter('value is not an interaction');
            processed.push(m.value?.toString() ?? '');
            return OK;
          }),
        ),
      { registry },
    );
    // A message produced after the poison one, in a later batch, still gets through.
    await waitFor('the first batch committed', async () => (await committed(groupId, topic)) === 4n);
    await producer.send(topic, [{ key: 'brand:x:5', value: 'm4', headers }]);
    await waitFor('the later message committed', async () => (await committed(groupId, topic)) === 5n);
    expect(processed).toEqual(['m0', 'm1', 'm3', 'm4']);

    const [original] = (await consumeAll(brokers, topic, { until: 5 })).filter((m) => m.value === 'POISON');
    const dead = await consumeAll(brokers, dlqTopic(topic), { until: 1 });
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      key: 'brand:x:3',
      value: 'POISON',
      headers: {
        ...headers,
        dlq_reason: 'value is not an interaction',
        dlq_service: 'kit-test',
        dlq_topic: topic,
        dlq_partition: '0',
        dlq_offset: '2',
        dlq_timestamp: original?.timestamp,
      },
    });
    const metric = await registry.getSingleMetric('rapport_consumer_dlq_records_total')?.get();
    expect(metric?.values.find((v) => v.labels.topic === topic)?.value).toBe(1);
  });

  it('on a retry outcome pauses only that partition, backs off, commits nothing, and processes once the dependency is back', async () => {
    const topic = await freshTopic('runner-retry', 2);
    const groupId = uniqueName('g-retry');
    await producer.send(topic, [
      ...['a0', 'a1', 'a2'].map((value) => ({ key: 'a', value, partition: 0 })),
      ...['b0', 'b1', 'b2'].map((value) => ({ key: 'b', value, partition: 1 })),
    ]);
    let databaseUp = false;
    const attemptsOnP0: number[] = [];
    const processed: string[] = [];
    const registry = new Registry();
    await startRunner(
      topic,
      groupId,
      (messages, { partition }) => {
        if (partition === 0) attemptsOnP0.push(Date.now());
        if (partition === 0 && !databaseUp) return Promise.resolve(messages.map(() => retry(new Error('connect ECONNREFUSED 127.0.0.1:5432'))));
        processed.push(...values(messages));
        return Promise.resolve(messages.map(() => OK));
      },
      { registry },
    );
    await waitFor('five attempts on the failing partition', () => attemptsOnP0.length >= 5);
    // The healthy partition did not wait for the failing one.
    await waitFor('partition 1 committed', async () => (await committedOffsets(brokers, groupId, topic)).get(1) === 3n);
    expect(processed).toEqual(['b0', 'b1', 'b2']);
    expect(await committed(groupId, topic, 0)).toBe(-1n);
    // 100, 200, 400 then capped at 400 ms: each pause lasts at least its delay.
    const gaps = attemptsOnP0.slice(1, 5).map((t, i) => t - (attemptsOnP0[i] as number));
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[2]).toBeGreaterThanOrEqual(395);
    expect(gaps[3]).toBeGreaterThanOrEqual(395);

    databaseUp = true;
    await waitFor('partition 0 committed after recovery', async () => (await committed(groupId, topic, 0)) === 3n);
    expect(processed).toEqual(['b0', 'b1', 'b2', 'a0', 'a1', 'a2']);
    const retries = await registry.getSingleMetric('rapport_consumer_retries_total')?.get();
    expect(retries?.values.find((v) => v.labels.partition === '0')?.value).toBeGreaterThanOrEqual(5);
  });

  it('stop() during a batch commits what was done, nothing more, and the next member resumes there', async () => {
    const topic = await freshTopic('runner-stop', 1);
    const groupId = uniqueName('g-stop');
    await producer.send(
      topic,
      Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `m${i}` })),
    );
    const processed: string[] = [];
    const stopRequested: Promise<void>[] = [];
    const first = makeRunner(
      topic,
      groupId,
      perKeyGroup(async (_key, messages, { signal }) => {
        if (processed.length === 5) {
          // Mid-batch: ask the runner to stop and wait, as a slow transaction would, until told to.
          stopRequested.push(first.stop());
          await aborted(signal);
          return messages.map(() => retry(signal.reason));
        }
        processed.push(...values(messages));
        return messages.map(() => OK);
      }),
    );
    await first.start();
    await waitFor('stop requested mid-batch', () => stopRequested.length > 0);
    await Promise.all(stopRequested);
    expect(await first.healthcheck()).toEqual({ ok: false, detail: 'stopped' });
    expect(processed).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(await committed(groupId, topic)).toBe(5n);

    const resumedAt: string[] = [];
    await startRunner(topic, groupId, (messages) => {
      resumedAt.push(messages[0]?.offset ?? '');
      processed.push(...values(messages));
      return Promise.resolve(messages.map(() => OK));
    });
    await waitFor('the rest committed by the next member', async () => (await committed(groupId, topic)) === 20n);
    expect(resumedAt[0]).toBe('5');
    expect(processed).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
  });

  it('on a rebalance mid-batch, commits what was done, hands the rest over, and nothing is skipped', async () => {
    const topic = await freshTopic('runner-rebalance', 2);
    const groupId = uniqueName('g-rebalance');
    await producer.send(
      topic,
      Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: `m${i}`, partition: i % 2 })),
    );
    const processed = new Set<string>();
    let abortedBatches = 0;
    const slowHandler = (member: string): BatchHandler => {
      const perKey = perKeyGroup(async (_key, messages, { signal }) => {
        // A slow key: long enough for the second member to join while this batch is in flight.
        await new Promise((resolve) => setTimeout(resolve, 40));
        if (signal.aborted) return messages.map(() => retry(signal.reason));
        for (const m of messages) processed.add(`${m.partition}:${m.offset}`);
        return messages.map(() => OK);
      });
      return async (messages, context) => {
        const outcomes = await perKey(messages, context);
        if (member === 'first' && outcomes.some((o) => o.kind === 'retry')) abortedBatches += 1;
        return outcomes;
      };
    };
    await startRunner(topic, groupId, slowHandler('first'), { heartbeatIntervalMs: 300 });
    await waitFor('the first member is mid-way', () => processed.size >= 5);
    await startRunner(topic, groupId, slowHandler('second'), { heartbeatIntervalMs: 300 });
    await waitFor('both partitions committed to the end', async () => {
      const offsets = await committedOffsets(brokers, groupId, topic);
      return offsets.get(0) === 30n && offsets.get(1) === 30n;
    }, 60_000);
    // The first member's batch was cut short by the rebalance, not run to its end.
    expect(abortedBatches).toBeGreaterThan(0);
    const missing = Array.from({ length: 60 }, (_, i) => `${i % 2}:${Math.floor(i / 2)}`).filter((m) => !processed.has(m));
    expect(missing).toEqual([]);
  });

  it('reports healthy once joined', async () => {
    const topic = await freshTopic('runner-health', 1);
    const runner = createConsumerRunner(kafka, { groupId: uniqueName('g-health'), topics: [topic], service: 'kit-test', producer, logger, handler: () => Promise.resolve([]) });
    runners.push(runner);
    expect(await runner.healthcheck()).toEqual({ ok: false, detail: 'not started' });
    await runner.start();
    expect(await runner.healthcheck()).toEqual({ ok: true });
    await runner.stop();
    expect((await runner.healthcheck()).ok).toBe(false);
  });
});
