import { createKafka } from '@rapport/kit/kafka';
import { createLogger } from '@rapport/kit/log';
import { consumeAll } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseSamples } from '../../../infra/observability/prometheus-samples';
import { RapportSystem } from '../../e2e/system';
import { runSimulation } from '../../simulator/run-simulation';
import { runOpsCli } from '../test-support/run-ops-cli';
import type { BackfillReport } from './backfill';

// The three services as their own processes; a brand's events are accepted and counted by scoring;
// then `pnpm ops backfill` re-publishes them from ingestion's archive. Each comes back with the
// key, CloudEvents id and headers it was first published with, scoring reads every one as a
// duplicate, and its state is unchanged. A new event afterwards does change it (the comparison
// can fail).

const BRAND = 'backfill-brand';
const EVENTS = 40;
const SCORING_TABLES = ['identities', 'member_aliases', 'events', 'relationships', 'relationship_history'];
let system: RapportSystem;
const brokers = inject('kafkaBrokers');

beforeAll(async () => {
  system = await RapportSystem.start({ label: 'backfill', kafkaBrokers: brokers, adminDatabaseUrl: inject('adminDatabaseUrl'), partitions: 2 });
});

afterAll(async () => {
  await system?.stop();
});

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A digest of each scoring table (the consumed offsets and the outbox aside: positions, not state). */
async function scoringState(): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  for (const table of SCORING_TABLES) {
    const { rows } = await system.admin().query<{ digest: string; n: string }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest, count(*) AS n FROM scoring.${table} t`,
    );
    state[table] = `${rows[0]?.n} rows ${rows[0]?.digest}`;
  }
  return state;
}

async function scoredEvents(sourceId: string): Promise<number> {
  const { rows } = await system.admin().query<{ n: string }>('SELECT count(*) AS n FROM scoring.events WHERE source_id = $1', [sourceId]);
  return Number(rows[0]?.n);
}

async function scoringCount(result: string): Promise<number> {
  const text = await (await fetch(`${system.first('scoring').baseUrl}/metrics`)).text();
  return parseSamples(text)
    .filter((s) => s.name === 'scoring_events_total' && s.labels.includes(`result="${result}"`))
    .reduce((sum, s) => sum + s.value, 0);
}

async function relationshipsEnd(): Promise<bigint> {
  const admin = createKafka({ brokers, clientId: 'backfill-test', logger: createLogger({ service: 'backfill-test', level: 'silent', format: 'json' }) }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(system.topics.relationships)).reduce((sum, p) => sum + BigInt(p.high), 0n);
  } finally {
    await admin.disconnect();
  }
}

describe('backfill of events scoring already counted', () => {
  it('re-publishes them as first published, and changes nothing', { timeout: 240_000 }, async () => {
    const from = new Date(Date.now() - 60_000);
    const source = await system.createSource(BRAND);
    const common = { ingestionUrl: system.ingestionUrl, adminToken: system.adminToken, source, brands: [BRAND], membersPerBrand: 12, concurrency: 2, maxInFlight: 8, log: () => {} };
    const sent = await runSimulation({ ...common, seed: 11, events: EVENTS, batchSize: 4 });
    expect(sent.summary?.acceptedEvents).toBe(EVENTS);
    await waitFor('scoring to apply every event', async () => (await scoredEvents(source.sourceId)) === EVENTS);
    await waitFor('relationship updates to settle', async () => {
      const end = await relationshipsEnd();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return (await relationshipsEnd()) === end;
    });
    const stateBefore = await scoringState();
    const relationshipsBefore = await relationshipsEnd();
    const duplicatesBefore = await scoringCount('duplicate');
    const appliedBefore = await scoringCount('applied');

    const run = await runOpsCli(
      ['backfill', '--brand', BRAND, '--from', from.toISOString(), '--to', new Date(Date.now() + 60_000).toISOString(), '--topic', system.topics.interactions, '--json'],
      { KAFKA_BROKERS: brokers.join(','), OPS_DATABASE_URL: system.database.adminUrl },
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as BackfillReport;
    expect(report).toMatchObject({ brandId: BRAND, events: EVENTS, published: EVENTS, skipped: {} });

    // On the topic: every event twice, with the same key, CloudEvents headers and event.
    const messages = await consumeAll(brokers, system.topics.interactions, { until: 2 * EVENTS });
    const byId = new Map<string, typeof messages>();
    for (const m of messages) byId.set(m.headers.ce_id ?? '', [...(byId.get(m.headers.ce_id ?? '') ?? []), m]);
    expect(byId.size).toBe(EVENTS);
    for (const [id, copies] of byId) {
      expect(copies.length, id).toBe(2);
      const [first, again] = copies as [(typeof messages)[number], (typeof messages)[number]];
      expect(again.key, id).toBe(first.key);
      expect(again.headers, id).toEqual(first.headers);
      expect(JSON.parse(again.value ?? ''), id).toEqual(JSON.parse(first.value ?? ''));
    }

    // Scoring read all of them again, as duplicates, and nothing changed.
    await waitFor('scoring to read the backfill', async () => (await scoringCount('duplicate')) - duplicatesBefore >= EVENTS);
    expect(await scoringCount('duplicate')).toBe(duplicatesBefore + EVENTS);
    expect(await scoringCount('applied')).toBe(appliedBefore);
    expect(await scoringState()).toEqual(stateBefore);
    expect(await relationshipsEnd()).toBe(relationshipsBefore);

    // Control: one new event does change scoring's state.
    const more = await runSimulation({ ...common, seed: 12, events: 1, batchSize: 1, idPrefix: 'control-' });
    expect(more.summary?.acceptedEvents).toBe(1);
    await waitFor('scoring to apply the new event', async () => (await scoredEvents(source.sourceId)) === EVENTS + 1);
    expect(await scoringState()).not.toEqual(stateBefore);
  });
});
