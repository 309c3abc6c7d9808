import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelationshipUpdated } from '@rapport/contracts';
import { transaction } from '@rapport/kit/pg';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import type { HttpServer } from '@rapport/kit/http';
import { createApiKeyVerifier } from '../access/api-key-verifier';
import { buildReportingApp } from '../app';
import { applyRelationshipBatch } from '../projections/apply-relationship-batch';
import { findActiveApiKey } from '../store/api-key-store';
import { testLogger } from '../../test/projection-harness';
import { DAY_MS, applied, relationshipUpdate } from '../../test/relationship-update.fixture';
import { createReportingDatabase, type ReportingDatabase } from '../../test/reporting-database';

const ADMIN = 'admin-token-for-member-tests';
const B = 'brand-m';
const NOW = Date.parse('2025-06-01T00:00:00Z');
let rdb: ReportingDatabase;
let app: HttpServer;
let key: string;

const apply = (updates: RelationshipUpdated[]) => transaction(rdb.pool, (c) => applyRelationshipBatch(c, updates));
const member = (memberId: string, gravity: number, daysAgo: number, extra: Partial<RelationshipUpdated> = {}) =>
  relationshipUpdate({ brandId: B, memberId, version: 1, asOf: new Date(NOW - daysAgo * DAY_MS).toISOString(), love: gravity, gravity, ...extra,
    interactions: [applied(`${memberId}-e`, { type: 'comment', occurredAt: new Date(NOW - daysAgo * DAY_MS).toISOString() })] });

beforeAll(async () => {
  rdb = await createReportingDatabase();
  // 25 members whose stored gravity and age make stored order and decayed order disagree.
  await apply(Array.from({ length: 25 }, (_, i) => member(`m${String(i).padStart(2, '0')}`, 10 + i, (i * 7) % 60)));
  await apply([member('team', 1000, 0, { isTeam: true })]);
  app = await buildReportingApp({
    logger: testLogger(), registry: createMetricsRegistry({ service: 'reporting', defaultMetrics: false }), components: [], version: 'test', backPressure: false,
    db: rdb.pool, verifier: createApiKeyVerifier({ findActive: (id) => findActiveApiKey(rdb.pool, id) }, { ttlMs: 1000 }),
    adminToken: ADMIN, rateLimit: { max: 10_000, windowMs: 60_000 }, now: () => NOW,
  });
  key = (await app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: { authorization: `Bearer ${ADMIN}` }, payload: { name: 'm', brands: [B] } })).json<{ key: string }>().key;
});
afterAll(async () => {
  await app?.close();
  await rdb?.close();
});

type Page = { items: Array<{ memberId: string; score: number; gravity: number }>; nextCursor: string | null };
const get = async (url: string) => app.inject({ url, headers: { authorization: `Bearer ${key}` } });

async function walk(query: string, between?: () => Promise<void>): Promise<Page['items']> {
  const all: Page['items'] = [];
  let cursor: string | null = null;
  do {
    const r = await get(`/v1/brands/${B}/members?limit=4&${query}${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json<Page>();
    all.push(...page.items);
    cursor = page.nextCursor;
    if (between) await between();
  } while (cursor !== null);
  return all;
}

describe('the member list', () => {
  it('pages through everyone exactly once, in the order of the score at the request time', async () => {
    const items = await walk('sort=-score');
    expect(items).toHaveLength(25);
    expect(new Set(items.map((i) => i.memberId)).size).toBe(25);
    for (let i = 1; i < items.length; i++) expect(items[i]!.score).toBeLessThanOrEqual(items[i - 1]!.score);
    // Stored gravity alone would put m24 first; decayed to now it is not.
    expect(items[0]!.memberId).not.toBe('m24');
  });

  it('keeps a cursor’s asOf and position when relationships change between pages', async () => {
    const before = (await walk('sort=-score')).map((i) => i.memberId);
    let writes = 0;
    const pages = await walk('sort=-score', async () => {
      // A newcomer with the top score arrives after every page.
      await apply([member(`late${writes++}`, 500, 0)]);
    });
    // The newcomers sort before the cursor, so the walk shows exactly the members of the first
    // walk, in the same order.
    expect(pages.map((i) => i.memberId)).toEqual(before);
  });

  it('excludes teammates unless asked, and refuses a cursor of another sort or a forged one', async () => {
    expect((await get(`/v1/brands/${B}/members?limit=200`)).json<Page>().items.some((i) => i.memberId === 'team')).toBe(false);
    expect((await get(`/v1/brands/${B}/members?limit=1&includeTeam=true`)).json<Page>().items[0]!.memberId).toBe('team');
    const cursor = (await get(`/v1/brands/${B}/members?limit=1&sort=-love`)).json<Page>().nextCursor!;
    const wrongSort = await get(`/v1/brands/${B}/members?limit=1&sort=-score&cursor=${cursor}`);
    expect(wrongSort.statusCode).toBe(400);
    expect(wrongSort.json<{ errors: Array<{ path: string }> }>().errors[0]!.path).toBe('query.cursor');
    expect((await get(`/v1/brands/${B}/members?cursor=${Buffer.from('{"v":1}').toString('base64url')}`)).statusCode).toBe(400);
  });
});

describe('a merged member', () => {
  it('answers with the survivor for the absorbed id and for the absorbed identity', async () => {
    await apply([relationshipUpdate({
      brandId: B, memberId: 'm01', version: 2, asOf: new Date(NOW).toISOString(), love: 50, gravity: 50,
      identities: [{ platform: 'x', platformId: 'm01-x' }, { platform: 'x', platformId: 'm02-x' }],
      cause: { kind: 'merge', absorbedMemberIds: ['m02'] },
    })]);
    const absorbed = await get(`/v1/brands/${B}/members/m02`);
    expect(absorbed.statusCode).toBe(200);
    expect(absorbed.json<{ memberId: string; version: number }>()).toMatchObject({ memberId: 'm01', version: 2 });
    expect((await get(`/v1/brands/${B}/members/lookup?platform=x&platformId=m02-x`)).json<{ memberId: string }>().memberId).toBe('m01');
    const list = (await get(`/v1/brands/${B}/members?limit=200`)).json<Page>().items.map((i) => i.memberId);
    expect(list).toContain('m01');
    expect(list).not.toContain('m02');
  });
});
