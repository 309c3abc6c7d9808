import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { runFaultCase, type Fault } from '../fault-case';
import { RapportSystem } from '../system';
import { expectFullyReconciled } from './fault-expectations';

// Two scoring and two reporting instances sharing their consumer groups; one of each SIGKILLed
// mid-stream and not restarted: the broker moves the dead member's partitions to the survivor
// (sessions of 6 s), which takes over from the offsets its transactions recorded.

let system: RapportSystem;
beforeAll(async () => {
  system = await RapportSystem.start({
    label: 'rebalance',
    kafkaBrokers: inject('kafkaBrokers'),
    adminDatabaseUrl: inject('adminDatabaseUrl'),
    partitions: 4,
    scoringInstances: 2,
    reportingInstances: 2,
  });
});
afterAll(async () => {
  await system?.stop();
});

const killForGood = (kind: 'scoring' | 'reporting', atMs: number, afterPreviousMs?: number): Fault => ({
  name: `SIGKILL ${kind}-2 (not restarted)`,
  atMs,
  ...(afterPreviousMs === undefined ? {} : { afterPreviousMs }),
  downMs: 0,
  inject: (s) => s.instances(kind)[1]!.kill(),
  repair: () => Promise.resolve(),
});

it('one of two scoring and one of two reporting instances killed mid-stream: the survivors take over', async () => {
  const result = await runFaultCase({
    name: 'rebalance',
    system,
    load: { seed: 204, ratePerSecond: 120, durationMs: 600_000, stopAfterFaultsMs: 4_000, batchSize: 1 },
    faults: [killForGood('scoring', 6_000), killForGood('reporting', 0, 3_000)],
  });
  expectFullyReconciled(result, 1_500);
  expect(system.instances('scoring').map((i) => i.running())).toEqual([true, false]);
  expect(system.instances('reporting').map((i) => i.running())).toEqual([true, false]);
});
