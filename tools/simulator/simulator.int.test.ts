import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consumeAll, createTestDatabase, createTestTopics, deleteTestTopics, testKafkaBrokers, uniqueName, type TestDatabase } from '@rapport/testing';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptedLogEntry } from './accepted-log';
import { HttpTransport } from './http-transport';
import { IngestionAdmin } from './ingestion-admin';
import { runSimulation, type SimulationOptions } from './run-simulation';
import type { SimulatedEvent } from './traffic-generator';
import { startIngestionProcess, type IngestionProcess } from './test-support/ingestion-process';

// The simulator against the real ingestion service (its own process, its own database, a real
// Kafka topic): every simulated event gets a 2xx, the accepted log names each one, ingestion
// stored each one, and its relay published each one.

const readNdjson = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);

describe('simulator → ingestion', () => {
  let db: TestDatabase;
  let ingestion: IngestionProcess;
  let admin: Pool;
  let dir: string;
  const brokers = testKafkaBrokers();
  const topic = uniqueName('interactions-sim');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'simulator-'));
    db = await createTestDatabase();
    await createTestTopics(brokers, [{ topic, numPartitions: 3 }]);
    ingestion = await startIngestionProcess({ db, brokers, topic });
    admin = new Pool({ connectionString: db.adminUrl, max: 2 });
  });

  afterAll(async () => {
    await ingestion?.stop();
    await admin?.end();
    await db?.drop();
    await deleteTestTopics(brokers, [topic]);
    rmSync(dir, { recursive: true, force: true });
  });

  const base = (): SimulationOptions => ({
    ingestionUrl: ingestion.url,
    adminToken: ingestion.adminToken,
    brands: ['acme'],
    membersPerBrand: 150,
    seed: 21,
    concurrency: 4,
    maxInFlight: 64,
    batchSize: 1,
    log: () => {},
  });

  const storedIds = async (sourceId: string) => {
    const { rows } = await admin.query<{ event_id: string }>('SELECT event_id FROM ingestion.accepted_events WHERE source_id = $1', [sourceId]);
    return new Set(rows.map((r) => r.event_id));
  };

  it('sends compressed history for two brands in batches: every event accepted, logged, stored and published', async () => {
    const out = join(dir, 'history.ndjson');
    const acceptedLog = join(dir, 'history-accepted.ndjson');
    const report = await runSimulation({ ...base(), brands: ['acme', 'zeta'], historyDays: 30, events: 1_200, batchSize: 40, out, acceptedLog });

    const sent = readNdjson<SimulatedEvent>(out);
    expect(report.streamedEvents).toBe(sent.length);
    expect(sent.length).toBeGreaterThan(800);
    expect(report.summary).toMatchObject({ events: sent.length, acceptedEvents: sent.length, duplicateEvents: 0, ignoredEvents: 0, rejectedEvents: {}, failedEvents: 0 });
    expect(new Set(sent.map((e) => e.brandId))).toEqual(new Set(['acme', 'zeta']));

    const logged = readNdjson<AcceptedLogEntry>(acceptedLog);
    expect(logged.map((e) => e.id).sort()).toEqual(sent.map((e) => e.event.id).sort());
    expect(logged.every((e) => e.outcome === 'accepted' && e.sourceId === report.sources[e.brandId])).toBe(true);

    for (const brand of ['acme', 'zeta']) {
      const stored = await storedIds(report.sources[brand]!);
      expect(stored).toEqual(new Set(sent.filter((e) => e.brandId === brand).map((e) => e.event.id)));
    }
    const published = await consumeAll(brokers, topic, { until: sent.length, timeoutMs: 60_000 });
    expect(new Set(published.map((m) => (JSON.parse(m.value ?? '{}') as { id: string }).id))).toEqual(new Set(sent.map((e) => e.event.id)));
  });

  it('sends live single events at a fixed rate, and a replay of the recording to the same source is all duplicates', async () => {
    const transport = new HttpTransport({ maxSockets: 2 });
    const source = await new IngestionAdmin(transport, ingestion.url, ingestion.adminToken).createSource({ brandId: 'live', name: 'simulator test' });
    transport.close();
    const out = join(dir, 'live.ndjson');
    const acceptedLog = join(dir, 'live-accepted.ndjson');
    const started = Date.now();
    const report = await runSimulation({ ...base(), brands: ['live'], source, ratePerSecond: 100, events: 300, out, acceptedLog });
    const elapsed = (Date.now() - started) / 1_000;

    // 300 events at 100/s: three seconds, on schedule.
    expect(elapsed).toBeGreaterThan(2.8);
    expect(elapsed).toBeLessThan(6);
    expect(report.summary).toMatchObject({ requests: 300, acceptedEvents: 300, rejectedEvents: {}, failedEvents: 0 });
    expect(report.summary!.pacing).toMatchObject({ sent: 300, missedEvents: 0 });
    const sent = readNdjson<SimulatedEvent>(out);
    // Live events carry the time they were sent: never ahead of the clock, never far behind.
    for (const { event } of sent) {
      const at = Date.parse(event.occurredAt);
      expect(at).toBeGreaterThanOrEqual(started);
      expect(at).toBeLessThanOrEqual(Date.now());
    }
    // In answer order, which may differ from sending order with several requests in flight.
    expect(readNdjson<AcceptedLogEntry>(acceptedLog).map((e) => e.id).sort()).toEqual(sent.map((e) => e.event.id).sort());
    expect(await storedIds(source.sourceId)).toEqual(new Set(sent.map((e) => e.event.id)));

    const replayLog = join(dir, 'replay-accepted.ndjson');
    const replay = await runSimulation({ ...base(), brands: [], source, from: out, concurrency: 8, acceptedLog: replayLog });
    expect(replay.summary).toMatchObject({ events: 300, acceptedEvents: 0, duplicateEvents: 300, rejectedEvents: {}, failedEvents: 0 });
    const replayed = readNdjson<AcceptedLogEntry>(replayLog);
    expect(replayed).toHaveLength(300);
    expect(replayed.every((e) => e.outcome === 'duplicate')).toBe(true);
    expect((await storedIds(source.sourceId)).size).toBe(300);
  });

  it('reports what ingestion refuses, by status, and logs none of it', async () => {
    const acceptedLog = join(dir, 'refused.ndjson');
    const report = await runSimulation({
      ...base(),
      source: { sourceId: 'src-that-does-not-exist', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      events: 20,
      acceptedLog,
    });
    expect(report.summary).toMatchObject({ events: 20, acceptedEvents: 0, rejectedEvents: { '404': 20 }, retries: 0 });
    expect(readFileSync(acceptedLog, 'utf8')).toBe('');

    const transport = new HttpTransport({ maxSockets: 1 });
    const real = await new IngestionAdmin(transport, ingestion.url, ingestion.adminToken).createSource({ brandId: 'acme', name: 'wrong secret test' });
    transport.close();
    const wrongSecret = await runSimulation({ ...base(), source: { ...real, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, events: 10 });
    expect(wrongSecret.summary).toMatchObject({ acceptedEvents: 0, rejectedEvents: { '401': 10 } });
  });
});
