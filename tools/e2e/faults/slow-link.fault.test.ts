import { afterAll, beforeAll, inject, it } from 'vitest';
import { runFaultCase, type Fault } from '../fault-case';
import { FaultProxy } from '../fault-proxy';
import { RapportSystem } from '../system';
import { expectFullyReconciled } from './fault-expectations';

// Slow and partitioned links between services and Postgres: each service's runtime connections
// go through a TCP proxy the test controls (migrations go direct). Scoring's link is slowed, then
// partitioned (connections hang silently, then break); ingestion's and reporting's are
// partitioned too. Nothing accepted may be lost, nothing counted twice, and each service must
// come back by itself once the link heals.

const proxies = new Map<string, FaultProxy>();
let system: RapportSystem;
beforeAll(async () => {
  const admin = new URL(inject('adminDatabaseUrl'));
  for (const kind of ['ingestion', 'scoring', 'reporting']) proxies.set(kind, await FaultProxy.start({ host: admin.hostname, port: Number(admin.port || 5432) }));
  system = await RapportSystem.start({
    label: 'slow-link',
    kafkaBrokers: inject('kafkaBrokers'),
    adminDatabaseUrl: inject('adminDatabaseUrl'),
    databaseUrlFor: (kind, role, url) => {
      if (role === 'owner') return url;
      const through = new URL(url);
      through.host = `127.0.0.1:${proxies.get(kind)!.port}`;
      return through.toString();
    },
  });
});
afterAll(async () => {
  await system?.stop();
  for (const proxy of proxies.values()) await proxy.stop();
});

const link = (kind: string) => proxies.get(kind)!;
const heal = (kind: string) => () => Promise.resolve(link(kind).heal());

it('slow and partitioned links to Postgres: nothing lost, nothing counted twice', async () => {
  const faults: Fault[] = [
    { name: 'scoring ↔ Postgres +150 ms each way', atMs: 4_000, downMs: 6_000, inject: () => Promise.resolve(link('scoring').delay(150)), repair: heal('scoring') },
    { name: 'scoring ↔ Postgres partitioned', atMs: 0, afterPreviousMs: 2_000, downMs: 6_000, inject: () => Promise.resolve(link('scoring').partition()), repair: heal('scoring') },
    { name: 'reporting ↔ Postgres partitioned', atMs: 0, afterPreviousMs: 2_000, downMs: 5_000, inject: () => Promise.resolve(link('reporting').partition()), repair: heal('reporting') },
    { name: 'ingestion ↔ Postgres partitioned', atMs: 0, afterPreviousMs: 2_000, downMs: 4_000, inject: () => Promise.resolve(link('ingestion').partition()), repair: heal('ingestion') },
  ];
  const result = await runFaultCase({
    name: 'slow-link',
    system,
    load: { seed: 203, ratePerSecond: 100, durationMs: 600_000, stopAfterFaultsMs: 3_000, batchSize: 1 },
    faults,
    settleTimeoutMs: 180_000,
  });
  expectFullyReconciled(result, 2_000);
});
