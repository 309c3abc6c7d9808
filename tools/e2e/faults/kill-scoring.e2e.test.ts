import { afterAll, beforeAll, inject, it } from 'vitest';
import { killAndRestart, runFaultCase } from '../fault-case';
import { RapportSystem } from '../system';
import { expectFullyReconciled } from './fault-expectations';

// Scoring SIGKILLed while it consumes a live stream, then started again: it resumes from what its
// transactions recorded, applies each event once and publishes each change once more at most
// (reporting applies versions, so a republished update changes nothing).

let system: RapportSystem;
beforeAll(async () => {
  system = await RapportSystem.start({ label: 'kill-scoring', kafkaBrokers: inject('kafkaBrokers'), adminDatabaseUrl: inject('adminDatabaseUrl') });
});
afterAll(async () => {
  await system?.stop();
});

it('SIGKILL scoring mid-stream: nothing lost, nothing counted twice', { timeout: 300_000 }, async () => {
  const result = await runFaultCase({
    name: 'kill-scoring',
    system,
    load: { seed: 102, ratePerSecond: 120, durationMs: 16_000, batchSize: 1 },
    faults: [killAndRestart('scoring', 5_000, 1_000)],
  });
  expectFullyReconciled(result, 1_000);
});
