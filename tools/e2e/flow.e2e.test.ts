import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EventLedger } from './event-ledger';
import { LatencyProbe } from './latency-probe';
import { formatReconciliation, reconcile } from './reconcile';
import { ReportingClient } from './reporting-client';
import { waitUntilSettled } from './settle';
import { startLoad } from './simulated-load';
import { RapportSystem } from './system';
import { latencySummary } from './latency-summary';

// The whole system, end to end: ingestion, scoring and reporting as their own processes against
// one database and real Kafka topics. A simulated community (answers, retractions, conversions,
// teammates) is sent as history and as live traffic, part of it sent again; once reporting shows
// every accepted event, each is found exactly once in every stage and every relationship served
// equals the pure model's replay of its member's events.

const BRAND = 'flow-brand';
let system: RapportSystem;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-e2e-flow-'));
  system = await RapportSystem.start({ label: 'flow', kafkaBrokers: inject('kafkaBrokers'), adminDatabaseUrl: inject('adminDatabaseUrl') });
});

afterAll(async () => {
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a simulated community through the three services', () => {
  it('counts every accepted event exactly once, and reporting serves the model’s values', { timeout: 240_000 }, async () => {
    const source = await system.createSource(BRAND);
    const apiKey = await system.mintApiKey([BRAND]);
    const reporting = new ReportingClient(system.reportingUrl, apiKey);
    const ledger = new EventLedger();
    const common = { ingestionUrl: system.ingestionUrl, brandId: BRAND, source, dir, membersPerBrand: 150 };

    // A month of history in batches, then live single events at a fixed rate.
    const history = startLoad({ ...common, name: 'history', seed: 7, historyDays: 30, events: 400, batchSize: 20 }, ledger);
    const historyReport = await history.done;
    const live = startLoad({ ...common, name: 'live', seed: 8, ratePerSecond: 50, events: 150 }, ledger);
    // The senders retry: part of the history again, to the same source (same ids, same webhook-ids
    // when batched alike, new ones when not) — every copy is acknowledged and none counted twice.
    const again = startLoad({ ...common, name: 'history-again', seed: 7, from: history.recording, events: 120, batchSize: 7 }, ledger);
    const [liveReport, againReport] = await Promise.all([live.done, again.done]);

    expect(historyReport.summary).toMatchObject({ rejectedEvents: {}, failedEvents: 0 });
    expect(liveReport.summary).toMatchObject({ rejectedEvents: {}, failedEvents: 0 });
    expect(againReport.summary).toMatchObject({ acceptedEvents: 0, duplicateEvents: 120, rejectedEvents: {}, failedEvents: 0 });

    // End-to-end latency of single probe events on the now idle system.
    const probe = new LatencyProbe({ ingestionUrl: system.ingestionUrl, reporting, brandId: BRAND, source, ledger, label: 'flow' });
    const latencies: number[] = [];
    for (let i = 0; i < 15; i++) {
      const result = await probe.probe(20_000);
      expect(result.latencyMs, `probe ${i} never showed in reporting`).toBeDefined();
      latencies.push(result.latencyMs!);
    }
    probe.close();

    const settle = await waitUntilSettled(system.admin(), 60_000);
    expect(settle.backlog, 'the system did not settle').toMatchObject({ ingestionOutbox: 0, scoringOutbox: 0, staleRelationships: 0 });
    const result = await reconcile({ admin: system.admin(), reporting, ledger });
    console.log(formatReconciliation('end-to-end flow', result, { 'settled after load': `${settle.waitedMs} ms`, 'probe latency (202 → member API)': latencySummary(latencies) }));

    expect(result.totals.acknowledged).toBe(ledger.totals().sent);
    expect(result.totals.acknowledged).toBeGreaterThan(500);
    expect(result.lost).toBe(0);
    expect(result.doubleCounted).toBe(0);
    expect(result.problems).toEqual([]);
    expect(result.scored).toBe(result.totals.acknowledged);
    expect(result.recorded).toBe(result.totals.acknowledged);
    expect(result.modelChecked).toBe(result.members);
    expect(result.members).toBeGreaterThan(100);

    // The stream really held what the promises are about.
    const kinds = await system.admin().query<{ kind: string; n: string }>(
      `SELECT CASE WHEN type = 'retraction' THEN 'retraction' WHEN type = 'conversion' THEN 'conversion'
                   WHEN direction = 'outbound' AND answers IS NOT NULL THEN 'answer' ELSE 'other' END AS kind, count(*) AS n
         FROM reporting.entries GROUP BY 1`,
    );
    const byKind = Object.fromEntries(kinds.rows.map((r) => [r.kind, Number(r.n)]));
    for (const kind of ['retraction', 'conversion', 'answer']) expect(byKind[kind] ?? 0, kind).toBeGreaterThan(0);

    // Negative control: the same reconciliation notices a lost entry, a value off by a millionth
    // and an event counted twice, once reporting's read models are tampered with.
    const admin = system.admin();
    const victim = await admin.query<{ brand_id: string; member_id: string; event_id: string }>(
      `SELECT brand_id, member_id, event_id FROM reporting.entries WHERE type = 'reaction' AND direction = 'inbound' AND NOT retracted ORDER BY event_id LIMIT 1`,
    );
    const other = await admin.query<{ member_id: string }>(`SELECT member_id FROM reporting.relationships WHERE love > 0 AND member_id <> $1 ORDER BY member_id LIMIT 1`, [victim.rows[0]!.member_id]);
    await admin.query('DELETE FROM reporting.entries WHERE brand_id = $1 AND event_id = $2', [BRAND, victim.rows[0]!.event_id]);
    await admin.query(`UPDATE reporting.relationships SET doc = jsonb_set(doc, '{love}', to_jsonb((doc->>'love')::float8 * 1.000001)) WHERE brand_id = $1 AND member_id = $2`, [BRAND, other.rows[0]!.member_id]);
    await admin.query(
      `UPDATE reporting.relationships SET doc = jsonb_set(doc, '{counts,reaction}', to_jsonb(coalesce((doc->'counts'->>'reaction')::int, 0) + 1)) WHERE brand_id = $1 AND member_id = $2`,
      [BRAND, victim.rows[0]!.member_id],
    );
    const tampered = await reconcile({ admin, reporting, ledger, sampleSize: 0 });
    expect(tampered.lost).toBe(1);
    expect(tampered.lostAt.reporting).toBe(1);
    expect(tampered.doubleCounted).toBe(1);
    expect(tampered.modelMismatches).toBe(2);
    expect(tampered.problems.join('\n')).toMatch(/love: served/);
  });
});
