import { afterAll, beforeAll, inject, it } from 'vitest';
import { runFaultCase } from '../fault-case';
import { PrivateKafka } from '../private-kafka';
import { RapportSystem } from '../system';
import { expectFullyReconciled } from './fault-expectations';

// The broker stopped in the middle of live traffic and started again a few seconds later. A
// private broker on its own port: the shared one (9092) serves every other test. Ingestion keeps
// answering 202 (its outbox holds the events); the consumers reconnect and catch up.

let kafka: PrivateKafka;
let system: RapportSystem;
beforeAll(async () => {
  kafka = await PrivateKafka.start('restart');
  system = await RapportSystem.start({ label: 'kafka-restart', kafkaBrokers: kafka.brokers, adminDatabaseUrl: inject('adminDatabaseUrl') });
}, 240_000);
afterAll(async () => {
  await system?.stop().catch(() => undefined);
  await kafka?.destroy();
});

it('stop and restart the broker mid-stream: nothing lost, nothing counted twice', { timeout: 400_000 }, async () => {
  const result = await runFaultCase({
    name: 'kafka-restart',
    system,
    load: { seed: 104, ratePerSecond: 120, durationMs: 24_000, batchSize: 1 },
    faults: [{ name: 'broker stopped at 5.0 s', atMs: 5_000, downMs: 4_000, inject: () => kafka.stop(), repair: () => kafka.start() }],
    settleTimeoutMs: 180_000,
  });
  expectFullyReconciled(result, 1_500);
});
