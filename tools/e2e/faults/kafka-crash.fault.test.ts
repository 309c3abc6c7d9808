import { afterAll, beforeAll, inject, it } from 'vitest';
import { runFaultCase } from '../fault-case';
import { PrivateKafka } from '../private-kafka';
import { RapportSystem } from '../system';
import { expectFullyReconciled } from './fault-expectations';

// The broker SIGKILLed (no clean shutdown: log recovery at the restart) twice under live traffic,
// on a private broker. Producers and consumers must find it again by themselves.

let kafka: PrivateKafka;
let system: RapportSystem;
beforeAll(async () => {
  kafka = await PrivateKafka.start('crash');
  system = await RapportSystem.start({ label: 'kafka-crash', kafkaBrokers: kafka.brokers, adminDatabaseUrl: inject('adminDatabaseUrl') });
}, 240_000);
afterAll(async () => {
  await system?.stop().catch(() => undefined);
  await kafka?.destroy();
});

it('SIGKILL the broker twice mid-stream: nothing lost, nothing counted twice', async () => {
  const crash = (name: string, atMs: number, afterPreviousMs?: number) => ({
    name,
    atMs,
    ...(afterPreviousMs === undefined ? {} : { afterPreviousMs }),
    downMs: 3_000,
    inject: () => Promise.resolve(kafka.kill()),
    repair: () => kafka.start(),
  });
  const result = await runFaultCase({
    name: 'kafka-crash',
    system,
    load: { seed: 206, ratePerSecond: 100, durationMs: 600_000, stopAfterFaultsMs: 3_000, batchSize: 1 },
    faults: [crash('broker SIGKILLed #1', 5_000), crash('broker SIGKILLed #2', 0, 4_000)],
    settleTimeoutMs: 180_000,
  });
  expectFullyReconciled(result, 1_500);
});
