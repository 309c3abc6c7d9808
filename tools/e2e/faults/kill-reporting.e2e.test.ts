import { afterAll, beforeAll, inject, it } from 'vitest';
import { killAndRestart, runFaultCase } from '../fault-case';
import { RapportSystem } from '../system';
import { expectFullyReconciled } from './fault-expectations';

// Reporting SIGKILLed while it projects a live stream of relationship updates, then started again:
// the projection resumes where its transactions left off, and no read model counts an update twice.

let system: RapportSystem;
beforeAll(async () => {
  system = await RapportSystem.start({ label: 'kill-reporting', kafkaBrokers: inject('kafkaBrokers'), adminDatabaseUrl: inject('adminDatabaseUrl') });
});
afterAll(async () => {
  await system?.stop();
});

it('SIGKILL reporting mid-stream: nothing lost, nothing counted twice', { timeout: 300_000 }, async () => {
  const result = await runFaultCase({
    name: 'kill-reporting',
    system,
    load: { seed: 103, ratePerSecond: 120, durationMs: 16_000, batchSize: 1 },
    faults: [killAndRestart('reporting', 5_000, 1_000)],
  });
  expectFullyReconciled(result, 1_000);
});
