import { consumeAll } from '@rapport/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { runFaultCase } from '../fault-case';
import { startLoad } from '../simulated-load';
import { RapportSystem } from '../system';
import { expectFullyReconciled } from './fault-expectations';

// Poison messages on both topics in the middle of live traffic (not JSON; JSON that breaks the
// contract): each goes to its topic's dead-letter topic with its provenance, and the partition it
// sat in goes on. Then a redelivery storm: the senders deliver the whole stream again five times
// at once — with the same webhook-ids and in other batches — and every copy is acknowledged as a
// duplicate, never counted.

const brokers = inject('kafkaBrokers');
let system: RapportSystem;
beforeAll(async () => {
  system = await RapportSystem.start({ label: 'poison', kafkaBrokers: brokers, adminDatabaseUrl: inject('adminDatabaseUrl') });
});
afterAll(async () => {
  await system?.stop();
});

const POISON = [
  { key: 'poison:x:1', value: '{"this is": not json' },
  { key: 'poison:x:2', value: JSON.stringify({ id: 'poison-2', brandId: 'poison', type: 'teleport', occurredAt: 'yesterday' }) },
];

async function producePoison(): Promise<void> {
  const producer = new Kafka({ brokers, clientId: 'e2e-poison', logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    // Into every partition, so that each consumer meets one.
    for (const topic of [system.topics.interactions, system.topics.relationships]) {
      for (let partition = 0; partition < 3; partition++) await producer.send({ topic, messages: POISON.map((m) => ({ ...m, partition })) });
    }
  } finally {
    await producer.disconnect();
  }
}

it('poison messages go to the dead-letter topics, a redelivery storm is all duplicates: nothing lost, nothing counted twice', async () => {
  const replays: { batchSize: number; accepted: number; duplicates: number; events: number }[] = [];
  const result = await runFaultCase({
    name: 'poison',
    system,
    load: { seed: 205, ratePerSecond: 100, durationMs: 600_000, stopAfterFaultsMs: 6_000, batchSize: 1 },
    faults: [{ name: 'poison messages on both topics', atMs: 4_000, downMs: 0, inject: producePoison, repair: () => Promise.resolve() }],
    afterLoad: async ({ ledger, brandId, source, recording, dir }) => {
      const storm = [1, 1, 5, 7, 50].map((batchSize, i) =>
        startLoad({ ingestionUrl: system.ingestionUrl, brandId, source, dir, name: `redelivery-${i}`, seed: 205, from: recording, batchSize, concurrency: 4 }, ledger).done,
      );
      for (const [i, report] of (await Promise.all(storm)).entries()) {
        const s = report.summary!;
        replays.push({ batchSize: [1, 1, 5, 7, 50][i]!, accepted: s.acceptedEvents, duplicates: s.duplicateEvents, events: s.events });
      }
    },
  });
  console.log(`redelivery storm: ${replays.map((r) => `batches of ${r.batchSize}: ${r.events} events, ${r.duplicates} duplicates, ${r.accepted} accepted`).join('; ')}`);
  expectFullyReconciled(result, 1_000);
  // NOTE: a recording may end with an event the stopped load pulled but never sent: the storm
  // sends it for the first time, and exactly one of the five copies may be accepted.
  const original = result.load.summary!;
  const neverSent = replays[0]!.events - original.events;
  expect(neverSent).toBeGreaterThanOrEqual(0);
  expect(neverSent).toBeLessThanOrEqual(1);
  for (const replay of replays) {
    expect(replay.events).toBe(original.events + neverSent);
    expect(replay.accepted + replay.duplicates).toBe(replay.events);
  }
  expect(replays.reduce((sum, r) => sum + r.accepted, 0)).toBe(neverSent);

  for (const topic of [system.topics.interactions, system.topics.relationships]) {
    const dead = await consumeAll(brokers, `${topic}.dlq`, { until: 6, timeoutMs: 60_000 });
    expect(dead.map((m) => m.value).sort()).toEqual([...POISON, ...POISON, ...POISON].map((m) => m.value).sort());
    for (const message of dead) {
      expect(message.headers).toMatchObject({ dlq_topic: topic, dlq_reason: expect.any(String) as string });
    }
  }
});
