import { afterAll, beforeAll, inject, it } from 'vitest';
import { killAndRestart, runFaultCase, type Fault } from '../fault-case';
import { RapportSystem } from '../system';
import { expectFullyReconciled } from './fault-expectations';

// Several SIGKILLs of each service at random moments (seeded: a failure can be replayed), each
// left dead for a random while, under live traffic; one at a time, each only once the system has
// shown a new event again.

const SEED = Number(process.env.FAULT_SEED ?? 20251126);

/** A small seeded generator (mulberry32): the same seed gives the same kills. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let system: RapportSystem;
beforeAll(async () => {
  system = await RapportSystem.start({ label: 'random-kills', kafkaBrokers: inject('kafkaBrokers'), adminDatabaseUrl: inject('adminDatabaseUrl') });
});
afterAll(async () => {
  await system?.stop();
});

it('three random SIGKILLs of each service: nothing lost, nothing counted twice', async () => {
  const next = random(SEED);
  const kinds = (['ingestion', 'scoring', 'reporting', 'ingestion', 'scoring', 'reporting', 'ingestion', 'scoring', 'reporting'] as const)
    .map((kind) => ({ kind, order: next() }))
    .sort((a, b) => a.order - b.order);
  const faults: Fault[] = kinds.map(({ kind }, i) => ({
    ...killAndRestart(kind, 0, Math.round(next() * 3_000)),
    name: `#${i + 1} SIGKILL ${kind}`,
    afterPreviousMs: i === 0 ? 4_000 : 1_000 + Math.round(next() * 5_000),
  }));
  console.log(`random kills (FAULT_SEED=${SEED}): ${faults.map((f) => `${f.name} after ${f.afterPreviousMs} ms, down ${f.downMs} ms`).join('; ')}`);
  const result = await runFaultCase({
    name: 'random-kills',
    system,
    load: { seed: 201, ratePerSecond: 100, durationMs: 600_000, stopAfterFaultsMs: 3_000, batchSize: 1 },
    faults,
  });
  expectFullyReconciled(result, 5_000);
});
