/**
 * Updates in → numbers out. A known community (test/known-community.fixture.ts) is published to a
 * fresh topic, projected by the service's own consumer into a fresh schema, and read back through
 * the REST API at a fixed "now"; every figure below was worked out by hand from the fixture.
 * Then the topic is replayed from the beginning into an empty schema: the read models must be
 * identical.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeAll, createTestTopics, deleteTestTopics, testKafkaBrokers, uniqueName } from '@rapport/testing';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import type { HttpServer } from '@rapport/kit/http';
import { createApiKeyVerifier } from './access/api-key-verifier';
import { buildReportingApp } from './app';
import { findActiveApiKey } from './store/api-key-store';
import { BRAND, NOW, knownCommunity } from '../test/known-community.fixture';
import { publish, startProjection, testLogger, waitFor, type RunningProjection } from '../test/projection-harness';
import { createReportingDatabase, snapshotReadModels, type ReportingDatabase } from '../test/reporting-database';

const ADMIN = 'admin-token-for-the-flow-test';
const brokers = testKafkaBrokers();
const topic = uniqueName('relationships-flow');
let rdb: ReportingDatabase;
let projection: RunningProjection | undefined;
let app: HttpServer;
let key: string;

const countOf = async (table: string) => Number((await rdb.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
const projected = async () => (await countOf('entries')) === 18 && (await countOf('relationships')) === 7
  && Number((await rdb.pool.query<{ n: string }>("SELECT count(*) AS n FROM relationships WHERE version = 3 AND member_id IN ('alice', 'bob', 'erin')")).rows[0]!.n) === 3;

beforeAll(async () => {
  rdb = await createReportingDatabase();
  await createTestTopics(brokers, [{ topic, numPartitions: 3 }, { topic: `${topic}.dlq`, numPartitions: 1 }]);
  await publish(brokers, topic, knownCommunity(), [{ key: `${BRAND}:broken`, value: '{"not": "a relationship"}' }]);
  projection = await startProjection(rdb.pool, brokers, topic, uniqueName('reporting-flow'));
  await waitFor('the community to be projected', projected);
  app = await buildReportingApp({
    logger: testLogger(), registry: createMetricsRegistry({ service: 'reporting', defaultMetrics: false }), components: [], version: 'test', backPressure: false,
    db: rdb.pool, verifier: createApiKeyVerifier({ findActive: (id) => findActiveApiKey(rdb.pool, id) }, { ttlMs: 1000 }),
    adminToken: ADMIN, rateLimit: { max: 10_000, windowMs: 60_000 }, now: () => NOW,
  });
  const minted = await app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: { authorization: `Bearer ${ADMIN}` }, payload: { name: 'flow', brands: [BRAND] } });
  expect(minted.statusCode).toBe(201);
  key = minted.json<{ key: string }>().key;
});

afterAll(async () => {
  await projection?.stop();
  await app?.close();
  await rdb?.close();
  await deleteTestTopics(brokers, [topic, `${topic}.dlq`]).catch(() => {});
});

async function get<T>(url: string): Promise<T> {
  const response = await app.inject({ url, headers: { authorization: `Bearer ${key}` } });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json<T>();
}

const within = (actual: number | null, expected: number, relative: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected) / expected).toBeLessThanOrEqual(relative);
};

interface Point { periodStart: string; [field: string]: unknown }

describe('the projection', () => {
  it('dead-letters the record that is not a RelationshipUpdated', async () => {
    const dead = await consumeAll(brokers, `${topic}.dlq`, { until: 1 });
    expect(dead[0]!.headers.dlq_reason).toMatch(/invalid RelationshipUpdated/);
    expect(dead[0]!.headers.dlq_service).toBe('reporting');
  });
});

describe('members', () => {
  it('serves a relationship with its values decayed to the request time and its stage history', async () => {
    const alice = await get<Record<string, unknown>>(`/v1/brands/${BRAND}/members/alice`);
    // Stored as of 03-11 08:00, 9 d 4 h before now: factor 2^(−9.1667/30) = 0.808…
    expect(alice.asOf).toBe('2025-03-20T12:00:00.000Z');
    expect(alice.love as number).toBeCloseTo(16.18261150231923, 9);
    expect(alice.advocacy as number).toBeCloseTo(9.709566901391538, 9);
    expect(alice.gravity as number).toBeCloseTo(24.273917253478846, 9);
    expect(alice.score as number).toBeCloseTo(33.273318299323364, 9);
    expect(alice).toMatchObject({ memberId: 'alice', version: 3, stage: 'advocate', level: 2, reach: 0.5, converted: true, displayName: 'Alice', evaluatedAt: '2025-03-11T08:00:00Z' });
    expect(alice).not.toHaveProperty('cause');
    expect(alice.stageHistory).toEqual([
      { at: '2025-03-11T08:00:00.000Z', stage: 'advocate', level: 2, cause: 'interaction' },
      { at: '2025-03-04T10:00:00.000Z', stage: 'engaged', level: 3, cause: 'interaction' },
      { at: '2025-03-03T10:00:00.000Z', stage: 'new', level: 3, cause: 'interaction' },
    ]);
  });

  it('finds a member by any of its identities, and answers 404 for unknown ones', async () => {
    expect((await get<{ memberId: string }>(`/v1/brands/${BRAND}/members/lookup?platform=github&platformId=carol-gh`)).memberId).toBe('carol');
    const missing = await app.inject({ url: `/v1/brands/${BRAND}/members/lookup?platform=github&platformId=nobody`, headers: { authorization: `Bearer ${key}` } });
    expect(missing.statusCode).toBe(404);
    const unknown = await app.inject({ url: `/v1/brands/${BRAND}/members/zed`, headers: { authorization: `Bearer ${key}` } });
    expect(unknown.statusCode).toBe(404);
  });

  it('sorts by the score at the request time (not by stored values) and pages with a stable cursor', async () => {
    // Stored gravity: erin 9 (03-10) > bob 8 (03-18); decayed to now: bob 7.62 > erin 7.06.
    const ids: string[] = [];
    let url = `/v1/brands/${BRAND}/members?limit=2`;
    for (let page = 0; page < 5; page++) {
      const body = await get<{ items: Array<{ memberId: string; score: number }>; nextCursor: string | null }>(url);
      ids.push(...body.items.map((i) => i.memberId));
      if (body.nextCursor === null) break;
      url = `/v1/brands/${BRAND}/members?limit=2&cursor=${body.nextCursor}`;
    }
    expect(ids).toEqual(['alice', 'bob', 'erin', 'carol', 'frank', 'greg']);
    const all = await get<{ items: Array<{ memberId: string; score: number }>; nextCursor: string | null }>(`/v1/brands/${BRAND}/members?includeTeam=true`);
    expect(all.items.map((i) => i.memberId)).toEqual(['dave', 'alice', 'bob', 'erin', 'carol', 'frank', 'greg']);
    expect(all.nextCursor).toBeNull();
    expect(all.items[2]!.score).toBeCloseTo(11.93256178316079, 9);
  });

  it('filters by stage, level, platform, minScore and updatedSince, and sorts by the other keys', async () => {
    const ids = async (query: string) => (await get<{ items: Array<{ memberId: string }> }>(`/v1/brands/${BRAND}/members?${query}`)).items.map((i) => i.memberId);
    expect(await ids('stage=new')).toEqual(['bob', 'carol']);
    expect(await ids('level=4')).toEqual(['bob', 'carol', 'frank', 'greg']);
    expect(await ids('platform=github')).toEqual(['carol']);
    // Score 11.5 ⇔ gravity 7.33 at now: alice 24.27 and bob 7.62 pass, erin 7.06 does not; 11 ⇔ 6.99 lets her in.
    expect(await ids('minScore=11.5')).toEqual(['alice', 'bob']);
    expect(await ids('minScore=11')).toEqual(['alice', 'bob', 'erin']);
    expect(await ids('updatedSince=2025-03-15T00:00:00Z')).toEqual(['bob', 'carol', 'frank', 'greg']);
    expect(await ids('sort=-love')).toEqual(['alice', 'bob', 'erin', 'carol', 'frank', 'greg']);
    expect(await ids('sort=-advocacy&limit=1')).toEqual(['alice']);
    expect(await ids('sort=-lastActiveAt')).toEqual(['carol', 'bob', 'alice', 'erin', 'greg', 'frank']);
    expect(await ids('sort=firstSeenAt')).toEqual(['frank', 'greg', 'erin', 'alice', 'bob', 'carol']);
    const paged = await get<{ nextCursor: string }>(`/v1/brands/${BRAND}/members?sort=-lastActiveAt&limit=4`);
    expect(await ids(`sort=-lastActiveAt&limit=4&cursor=${paged.nextCursor}`)).toEqual(['greg', 'frank']);
  });
});

describe('health', () => {
  it('counts active, new, returning, churned members, retention, interactions, responses and sentiment by ISO week', async () => {
    const { series } = await get<{ series: Point[] }>(`/v1/brands/${BRAND}/health?interval=week&from=2025-03-03T00:00:00Z`);
    expect(series.map((p) => [p.periodStart, p.partial])).toEqual([['2025-03-03', false], ['2025-03-10', false], ['2025-03-17', true]]);
    const [w1, w2, w3] = series as [Point, Point, Point];
    expect(w1).toMatchObject({
      members: 5, newMembers: 2, activeMembers: 2, returningMembers: 0, churnedMembers: 0, retentionRate: null,
      interactions: 4, interactionsByType: { follow: 1, comment: 2, share: 1 }, responseRate: 0.5,
      stageCounts: { new: 2, casual: 0, engaged: 3, advocate: 0, at_risk: 0, lapsed: 0 }, levelCounts: { 1: 0, 2: 0, 3: 3, 4: 2 },
    });
    expect(w1.netSentiment as number).toBeCloseTo(1 / 3, 12);
    within(w1.medianResponseSeconds as number, 1800, 0.02);
    expect(w2).toMatchObject({
      members: 6, newMembers: 1, activeMembers: 3, returningMembers: 2, churnedMembers: 0, retentionRate: 1,
      interactions: 4, interactionsByType: { mention: 1, conversion: 2, message: 1 }, responseRate: 0.5, netSentiment: 0.5,
      stageCounts: { new: 2, casual: 0, engaged: 0, advocate: 1, at_risk: 1, lapsed: 2 }, levelCounts: { 1: 0, 2: 1, 3: 1, 4: 4 },
    });
    within(w2.medianResponseSeconds as number, 590_400, 0.02);
    expect(w3).toMatchObject({
      members: 6, newMembers: 0, activeMembers: 1, returningMembers: 1, churnedMembers: 2,
      interactions: 1, interactionsByType: { reaction: 1 }, responseRate: null, medianResponseSeconds: null, netSentiment: null,
      stageCounts: { new: 2, casual: 0, engaged: 0, advocate: 1, at_risk: 1, lapsed: 2 },
    });
    expect(w3.retentionRate as number).toBeCloseTo(1 / 3, 12);
  });

  it('counts distinct members by day and by month too', async () => {
    const days = (await get<{ series: Point[] }>(`/v1/brands/${BRAND}/health?interval=day&from=2025-03-03T00:00:00Z&to=2025-03-06T00:00:00Z`)).series;
    expect(days.map((d) => [d.periodStart, d.activeMembers, d.newMembers, d.returningMembers, d.churnedMembers, d.retentionRate])).toEqual([
      ['2025-03-03', 1, 1, 0, 0, null],
      ['2025-03-04', 2, 1, 1, 0, 1],
      ['2025-03-05', 0, 0, 0, 2, 0],
    ]);
    const months = (await get<{ series: Point[] }>(`/v1/brands/${BRAND}/health?interval=month&from=2025-02-01T00:00:00Z`)).series;
    expect(months.map((m) => [m.periodStart, m.partial, m.members, m.newMembers, m.activeMembers, m.churnedMembers, m.retentionRate])).toEqual([
      ['2025-02-01', false, 3, 1, 1, 0, null],
      ['2025-03-01', true, 6, 3, 3, 1, 0],
    ]);
  });
});

describe('funnel, cohorts and alerts', () => {
  it('takes the members first seen in the range down the funnel, with revenue by the stage before converting', async () => {
    expect(await get(`/v1/brands/${BRAND}/funnel?from=2025-03-01T00:00:00Z`)).toEqual({
      acquired: 3,
      steps: [
        { stage: 'engaged', members: 1, rateFromPrevious: 1 / 3, rateFromAcquired: 1 / 3 },
        { stage: 'advocate', members: 1, rateFromPrevious: 1, rateFromAcquired: 1 / 3 },
        { stage: 'converted', members: 2, rateFromPrevious: 2, rateFromAcquired: 2 / 3 },
      ],
      revenueByStage: [
        { stage: 'engaged', currency: 'EUR', conversions: 1, revenue: 49.9 },
        { stage: 'new', currency: 'EUR', conversions: 1, revenue: 100 },
      ],
    });
  });

  it('follows weekly cohorts into the later weeks', async () => {
    expect(await get(`/v1/brands/${BRAND}/cohorts?interval=week&from=2025-03-03T00:00:00Z`)).toEqual({
      cohorts: [
        { periodStart: '2025-03-03', size: 2, active: [1, 1, 0] },
        { periodStart: '2025-03-10', size: 1, active: [1, 1] },
      ],
    });
  });

  it('lists stage-change alerts newest first, lapsed only for once-engaged members, 7 days by default', async () => {
    expect(await get(`/v1/brands/${BRAND}/alerts`)).toEqual({
      items: [{ memberId: 'frank', at: '2025-03-15T00:00:00.000Z', kind: 'lapsed', previousStage: 'engaged' }],
      nextCursor: null,
    });
    const seen: unknown[] = [];
    let url = `/v1/brands/${BRAND}/alerts?since=2025-03-01T00:00:00Z&limit=1`;
    for (let i = 0; i < 5; i++) {
      const page = await get<{ items: unknown[]; nextCursor: string | null }>(url);
      seen.push(...page.items);
      if (page.nextCursor === null) break;
      url = `/v1/brands/${BRAND}/alerts?since=2025-03-01T00:00:00Z&limit=1&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual([
      { memberId: 'frank', at: '2025-03-15T00:00:00.000Z', kind: 'lapsed', previousStage: 'engaged' },
      { memberId: 'alice', at: '2025-03-11T08:00:00.000Z', kind: 'became_advocate', previousStage: 'engaged' },
      { memberId: 'erin', at: '2025-03-10T00:00:00.000Z', kind: 'became_at_risk', previousStage: 'engaged' },
    ]);
  });
});

describe('replay', () => {
  it('rebuilds identical read models from the beginning of the topic into an empty schema', async () => {
    await projection?.stop();
    projection = undefined;
    const before = await snapshotReadModels(rdb.pool);
    await rdb.truncate();
    expect(await countOf('relationships')).toBe(0);
    projection = await startProjection(rdb.pool, brokers, topic, uniqueName('reporting-replay'));
    await waitFor('the replay', projected);
    // Let the consumer finish whatever batch it is in before comparing.
    await projection.stop();
    projection = undefined;
    expect(await snapshotReadModels(rdb.pool)).toEqual(before);
  });
});
