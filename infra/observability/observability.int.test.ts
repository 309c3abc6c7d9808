import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafka, createProducer } from '@rapport/kit/kafka';
import { createLogger } from '@rapport/kit/log';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RapportSystem } from '../../tools/e2e/system';
import { runSimulation } from '../../tools/simulator/run-simulation';
import { webhookHeaders } from '../../tools/simulator/webhook-signer';
import { PROMETHEUS_SERIES, metricsUsed } from './metric-usage';
import { parseSamples, type Sample } from './prometheus-samples';

// The three services as their own processes, a little traffic of every kind an alert or a panel
// watches (accepted, duplicate and refused deliveries, a poison record dead-lettered by scoring, a
// reporting API call, a sweep), then every metric alerts.yaml and the dashboard use must be on some
// service's /metrics with a sample — and a non-zero one, unless listed below with the reason.

/** Metrics whose healthy value under this little traffic is 0: present is all that is checked. */
const MAY_BE_ZERO: Record<string, string> = {
  outbox_backlog_rows: 'the relays keep up, the outboxes are empty',
  outbox_oldest_age_seconds: 'no row waits in an empty outbox',
  pg_pool_waiting_clients: 'nobody queues for a connection at this load',
  pg_pool_connections_idle: 'idle connections may all be in use or closed at the scrape',
  rapport_consumer_group_lag: 'the consumers caught up',
  scoring_sweep_claimed_total: 'no relationship is due for a time-driven change yet',
};

const BRAND = 'observability-brand';
let system: RapportSystem;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-observability-'));
  system = await RapportSystem.start({
    label: 'observability',
    kafkaBrokers: inject('kafkaBrokers'),
    adminDatabaseUrl: inject('adminDatabaseUrl'),
    partitions: 2,
    // A sweep every second, so its duration has been observed by the time of the scrape.
    env: { scoring: { SWEEP_INTERVAL: '1s' } },
  });
});

afterAll(async () => {
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function scrapeAll(): Promise<Map<string, Sample[]>> {
  const byName = new Map<string, Sample[]>();
  for (const instance of system.instances()) {
    const reply = await fetch(`${instance.baseUrl}/metrics`);
    expect(reply.status, `${instance.name} /metrics`).toBe(200);
    for (const sample of parseSamples(await reply.text())) byName.set(sample.name, [...(byName.get(sample.name) ?? []), sample]);
  }
  return byName;
}

async function driveTraffic(): Promise<void> {
  const source = await system.createSource(BRAND);
  const out = join(dir, 'sent.ndjson');
  const common = { ingestionUrl: system.ingestionUrl, adminToken: system.adminToken, source, brands: [BRAND], membersPerBrand: 20, seed: 7, concurrency: 2, maxInFlight: 8, log: () => {} };
  const first = await runSimulation({ ...common, events: 60, batchSize: 5, out });
  expect(first.summary?.acceptedEvents).toBe(60);
  // The same deliveries again: acknowledged as duplicates.
  const again = await runSimulation({ ...common, from: out, batchSize: 5 });
  expect(again.summary?.duplicateEvents).toBe(60);

  // A delivery signed with another secret: refused (401).
  const body = '{"events":[]}';
  const refused = await fetch(`${system.ingestionUrl}/v1/sources/${source.sourceId}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...webhookHeaders({ secret: `whsec_${Buffer.alloc(24, 1).toString('base64')}`, id: 'bad-1', timestamp: Math.floor(Date.now() / 1000), body }) },
    body,
  });
  expect(refused.status).toBe(401);

  // A record scoring can never read: dead-lettered to <interactions>.dlq.
  const logger = createLogger({ service: 'observability-test', level: 'silent', format: 'json' });
  const producer = createProducer(createKafka({ brokers: inject('kafkaBrokers'), clientId: 'observability-test', logger }), { logger });
  try {
    await producer.send(system.topics.interactions, [{ key: `${BRAND}:custom:poison`, value: 'not an interaction' }]);
  } finally {
    await producer.stop();
  }

  // Reporting's API, answered.
  const apiKey = await system.mintApiKey([BRAND]);
  const health = await fetch(`${system.reportingUrl}/v1/brands/${BRAND}/health`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(health.status).toBe(200);
}

describe('the metrics alerts.yaml and the dashboard use', () => {
  it('are exported by the services, with non-zero samples once traffic flowed', { timeout: 240_000 }, async () => {
    const used = metricsUsed();
    const expected = [...used.keys()].filter((name) => !PROMETHEUS_SERIES.has(name));
    expect(expected.length).toBeGreaterThan(20);
    for (const name of Object.keys(MAY_BE_ZERO)) expect(used.has(name), `MAY_BE_ZERO lists ${name}, which nothing uses`).toBe(true);

    await driveTraffic();

    // The pipeline is asynchronous (relay, scoring, reporting, sweep): scrape until every traffic-
    // driven metric moved, then report what is missing or zero.
    const missing = (samples: Map<string, Sample[]>) => expected.filter((name) => (samples.get(name) ?? []).length === 0);
    const zero = (samples: Map<string, Sample[]>) =>
      expected.filter((name) => MAY_BE_ZERO[name] === undefined && !(samples.get(name) ?? []).some((s) => s.value > 0));
    let samples = await scrapeAll();
    const deadline = Date.now() + 90_000;
    while ((missing(samples).length > 0 || zero(samples).length > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      samples = await scrapeAll();
    }
    const where = (names: string[]) => names.map((name) => `${name} (${(used.get(name) ?? []).join(', ')})`);
    expect(where(missing(samples)), 'used but exported by no service').toEqual([]);
    expect(where(zero(samples)), 'only zero samples after the traffic').toEqual([]);

    // The traffic is what the metrics say it was.
    const total = (name: string, labels: RegExp) => (samples.get(name) ?? []).filter((s) => labels.test(s.labels)).reduce((sum, s) => sum + s.value, 0);
    expect(total('ingestion_intake_events_total', /outcome="accepted"/)).toBe(60);
    expect(total('ingestion_intake_events_total', /outcome="duplicate"/)).toBe(60);
    expect(total('ingestion_intake_rejections_total', /reason="invalid-signature"/)).toBe(1);
    expect(total('rapport_consumer_dlq_records_total', /service="scoring"/)).toBe(1);
    expect(total('rapport_dlq_pending_messages', /topic=".*\.dlq"/)).toBe(1);
    expect(total('rapport_ready', /./)).toBe(3);
  });
});
