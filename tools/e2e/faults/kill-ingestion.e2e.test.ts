import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { killAndRestart, runFaultCase } from '../fault-case';
import { RapportSystem } from '../system';
import { expectFullyReconciled } from './fault-expectations';

// Ingestion SIGKILLed in the middle of a burst of live traffic, then started again: every event
// that got a 202 before or after the crash is published once the relay runs again, and counted
// once downstream; the senders' retries of unanswered requests are recognized as redeliveries.

let system: RapportSystem;
beforeAll(async () => {
  system = await RapportSystem.start({ label: 'kill-ingestion', kafkaBrokers: inject('kafkaBrokers'), adminDatabaseUrl: inject('adminDatabaseUrl') });
});
afterAll(async () => {
  await system?.stop();
});

it('SIGKILL ingestion mid-burst: every 202 published after the restart, counted once', { timeout: 300_000 }, async () => {
  const result = await runFaultCase({
    name: 'kill-ingestion',
    system,
    load: { seed: 101, ratePerSecond: 120, durationMs: 16_000, batchSize: 1 },
    faults: [killAndRestart('ingestion', 5_000, 1_000)],
  });
  expectFullyReconciled(result, 1_000);
  // The crash really cut requests off: the senders retried them.
  expect(result.load.summary?.retries ?? 0).toBeGreaterThan(0);
});
