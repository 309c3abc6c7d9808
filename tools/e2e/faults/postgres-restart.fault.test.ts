import { afterAll, beforeAll, inject, it } from 'vitest';
import { runFaultCase } from '../fault-case';
import { PrivatePostgres } from '../private-postgres';
import { RapportSystem } from '../system';
import { expectFullyReconciled } from './fault-expectations';

// Postgres stopped under live traffic — once cleanly (`pg_ctl -m fast`: every session cut), once
// as a crash (`-m immediate`: WAL replay at the restart) — on a private server (initdb/pg_ctl, own
// port and data folder under .local/e2e): never the machine's shared one. While it is down,
// ingestion answers 503 with Retry-After and the senders retry; nothing it answered 202 is lost.

let pg: PrivatePostgres;
let system: RapportSystem;
beforeAll(async () => {
  pg = await PrivatePostgres.start('restart');
  system = await RapportSystem.start({ label: 'postgres-restart', kafkaBrokers: inject('kafkaBrokers'), adminDatabaseUrl: pg.adminUrl });
}, 240_000);
afterAll(async () => {
  await system?.stop().catch(() => undefined);
  await pg?.destroy();
});

it('stop and restart Postgres, cleanly and by a crash: nothing lost, nothing counted twice', async () => {
  const result = await runFaultCase({
    name: 'postgres-restart',
    system,
    load: { seed: 202, ratePerSecond: 100, durationMs: 600_000, stopAfterFaultsMs: 3_000, batchSize: 1 },
    faults: [
      { name: 'Postgres stopped (fast)', atMs: 5_000, downMs: 4_000, inject: () => pg.stop('fast'), repair: () => pg.start() },
      { name: 'Postgres crashed (immediate)', atMs: 0, afterPreviousMs: 4_000, downMs: 3_000, inject: () => pg.stop('immediate'), repair: () => pg.start() },
    ],
    settleTimeoutMs: 180_000,
  });
  expectFullyReconciled(result, 1_500);
});
