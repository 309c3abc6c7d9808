/**
 * The dashboard in a real browser (Debian's chromium through playwright-core): paste a key, pick
 * a brand, and the charts must show the API's numbers — then a new update must appear without a
 * reload. The screenshot is kept as test-artifacts/dashboard.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '@rapport/kit/pg';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import type { HttpServer } from '@rapport/kit/http';
import { createApiKeyVerifier } from '../access/api-key-verifier';
import { buildReportingApp } from '../app';
import { applyRelationshipBatch } from '../projections/apply-relationship-batch';
import { findActiveApiKey } from '../store/api-key-store';
import { BRAND, NOW, knownCommunity } from '../../test/known-community.fixture';
import { testLogger, waitFor } from '../../test/projection-harness';
import { applied, relationshipUpdate } from '../../test/relationship-update.fixture';
import { createReportingDatabase, type ReportingDatabase } from '../../test/reporting-database';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ENSURE = fileURLToPath(new URL('../../scripts/ensure-chromium.sh', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/', import.meta.url));
const ADMIN = 'admin-token-for-the-dashboard';

let rdb: ReportingDatabase;
let app: HttpServer;
let browser: Browser;
let page: Page;
let base: string;
let key: string;

beforeAll(async () => {
  // Installs chromium when it is missing (as root), else throws with the reason: never skipped.
  execFileSync('bash', [ENSURE], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROMIUM_PATH: CHROMIUM } });
  rdb = await createReportingDatabase();
  await transaction(rdb.pool, (c) => applyRelationshipBatch(c, knownCommunity()));
  app = await buildReportingApp({
    logger: testLogger(), registry: createMetricsRegistry({ service: 'reporting', defaultMetrics: false }), components: [], version: 'test', backPressure: false,
    db: rdb.pool, verifier: createApiKeyVerifier({ findActive: (id) => findActiveApiKey(rdb.pool, id) }, { ttlMs: 1000 }),
    adminToken: ADMIN, rateLimit: { max: 10_000, windowMs: 60_000 }, now: () => NOW,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  key = (await app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: { authorization: `Bearer ${ADMIN}` }, payload: { name: 'dashboard', brands: [BRAND] } })).json<{ key: string }>().key;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await rdb?.close();
});

async function api<T>(url: string): Promise<T> {
  return (await app.inject({ url, headers: { authorization: `Bearer ${key}` } })).json<T>();
}

interface Shown {
  refreshes: number;
  healthLabels: string[];
  health: Record<string, number[]>;
  drawnPoints: number;
  stages: number[];
  funnel: number[];
  kpis: Record<string, string>;
  cohorts: number[][];
  members: string[];
  revenue: string[];
  status: string;
}

// Runs in the page (no DOM types in this Node project, hence a string).
const SHOWN = `(() => {
  const d = window.rapportDashboard;
  const chart = (id) => d.charts[id];
  return {
    refreshes: d.refreshes,
    healthLabels: chart('health-chart').data.labels,
    health: Object.fromEntries(chart('health-chart').data.datasets.map((s) => [s.label, s.data])),
    drawnPoints: chart('health-chart').getDatasetMeta(0).data.length,
    stages: chart('stage-chart').data.datasets[0].data,
    funnel: chart('funnel-chart').data.datasets[0].data,
    kpis: Object.fromEntries([...document.querySelectorAll('.kpi .value')].map((el) => [el.id, el.dataset.value])),
    cohorts: [...document.querySelectorAll('#cohorts tbody tr')].map((tr) => [...tr.querySelectorAll('td[data-value]')].map((td) => Number(td.dataset.value))),
    members: [...document.querySelectorAll('#members tbody tr')].map((tr) => tr.dataset.memberId),
    revenue: [...document.querySelectorAll('#revenue tbody tr')].map((tr) => tr.textContent),
    status: document.getElementById('status').textContent,
  };
})()`;

/** What the page's charts and tables show right now. */
const shown = () => page.evaluate<Shown>(SHOWN);
// NOTE: polled from here: the page's CSP (no eval) refuses Playwright's in-page polling of a string.
const refreshedMoreThan = (n: number) =>
  waitFor(`refresh ${n + 1} of the dashboard`, async () => (await page.evaluate<number>('window.rapportDashboard ? window.rapportDashboard.refreshes : 0')) > n, 20_000);

describe('the dashboard', () => {
  it('is served with its charting library and a strict content security policy', async () => {
    const html = await fetch(`${base}/dashboard/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    const lib = await fetch(`${base}/dashboard/vendor/chart.umd.min.js`);
    expect(lib.status).toBe(200);
    expect((await lib.text()).length).toBeGreaterThan(100_000);
  });

  it('shows the API’s numbers in its charts once a key and a brand are given', async () => {
    await page.goto(`${base}/dashboard`);
    await page.fill('#api-key', key);
    await page.fill('#brand', BRAND);
    await page.selectOption('#interval', 'week');
    await page.click('button[type=submit]');
    await refreshedMoreThan(0);
    const view = await shown();
    expect(view.status).toMatch(/^Live/);

    const { series } = await api<{ series: Array<Record<string, number> & { periodStart: string; stageCounts: Record<string, number> }> }>(`/v1/brands/${BRAND}/health?interval=week`);
    expect(view.healthLabels.length).toBe(series.length);
    expect(view.health.Active).toEqual(series.map((p) => p.activeMembers));
    expect(view.health.Churned).toEqual(series.map((p) => p.churnedMembers));
    expect(view.drawnPoints).toBe(series.length);
    // The last three weeks as worked out by hand (reporting-flow.int.test.ts).
    expect(view.health.Active!.slice(-3)).toEqual([2, 3, 1]);
    expect(view.health.New!.slice(-3)).toEqual([2, 1, 0]);
    expect(view.stages).toEqual([2, 0, 0, 1, 1, 2]);
    // Default range: the 90 days before now reach back to greg (first seen 2024-12-20).
    expect(view.funnel).toEqual([5, 2, 1, 2]);
    expect(view.kpis).toMatchObject({ 'kpi-members': '6', 'kpi-active': '1', 'kpi-new': '0' });
    expect(Number(view.kpis['kpi-retention'])).toBeCloseTo(1 / 3, 12);
    expect(view.cohorts.slice(-2)).toEqual([[1, 1, 0], [1, 1]]);
    expect(view.members).toEqual(['alice', 'bob', 'erin', 'carol', 'frank', 'greg']);
    expect(view.revenue).toEqual(['engagedEUR149.90', 'newEUR1100.00']);
  });

  it('refreshes by itself when new updates arrive', async () => {
    const before = await shown();
    await transaction(rdb.pool, (c) => applyRelationshipBatch(c, [relationshipUpdate({
      brandId: BRAND, memberId: 'ivy', version: 1, asOf: '2025-03-19T09:00:00Z', firstSeenAt: '2025-03-19T09:00:00Z', lastActiveAt: '2025-03-19T09:00:00Z',
      love: 40, gravity: 90, stage: 'engaged', level: 1, displayName: 'Ivy', identities: [{ platform: 'discord', platformId: 'ivy' }],
      interactions: [applied('i1', { type: 'message', occurredAt: '2025-03-19T09:00:00Z', weight: 4, sentiment: 0.8 })],
    })]));
    await refreshedMoreThan(before.refreshes);
    const after = await shown();
    expect(after.health.Active!.at(-1)).toBe(2);
    expect(after.kpis['kpi-new']).toBe('1');
    expect(after.members[0]).toBe('ivy');
    expect(after.stages).toEqual([2, 0, 1, 1, 1, 2]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}dashboard.png`, fullPage: true });
  });
});
