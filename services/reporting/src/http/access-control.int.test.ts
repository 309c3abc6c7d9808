/**
 * The access-control walk: every brand route of the app's own OpenAPI document is called with a
 * key for brand A against brand B's real ids (403), without a key or with a bad one (401), and
 * with injection-ish and oversized values in every parameter (400, or 404 where the value is
 * legal text — never a 5xx). Then rate limits per key and revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '@rapport/kit/pg';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import type { HttpServer } from '@rapport/kit/http';
import { createApiKeyVerifier } from '../access/api-key-verifier';
import { buildReportingApp } from '../app';
import { applyRelationshipBatch } from '../projections/apply-relationship-batch';
import { findActiveApiKey } from '../store/api-key-store';
import { applied, relationshipUpdate } from '../../test/relationship-update.fixture';
import { testLogger } from '../../test/projection-harness';
import { createReportingDatabase, type ReportingDatabase } from '../../test/reporting-database';

const ADMIN = 'admin-token-for-access-tests';
let rdb: ReportingDatabase;
let keyA: string;
let keyB: string;

async function build(rateLimit = { max: 100_000, windowMs: 60_000 }): Promise<HttpServer> {
  return buildReportingApp({
    logger: testLogger(), registry: createMetricsRegistry({ service: 'reporting', defaultMetrics: false }), components: [], version: 'test', backPressure: false,
    db: rdb.pool, verifier: createApiKeyVerifier({ findActive: (id) => findActiveApiKey(rdb.pool, id) }, { ttlMs: 60_000 }),
    adminToken: ADMIN, rateLimit,
  });
}

async function mint(app: HttpServer, brands: string[]): Promise<{ id: string; key: string }> {
  const r = await app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: { authorization: `Bearer ${ADMIN}` }, payload: { name: 'test', brands } });
  expect(r.statusCode).toBe(201);
  return r.json();
}

let app: HttpServer;
beforeAll(async () => {
  rdb = await createReportingDatabase();
  const at = new Date().toISOString();
  await transaction(rdb.pool, (c) => applyRelationshipBatch(c, ['brand-a', 'brand-b'].map((brandId) => relationshipUpdate({
    brandId, memberId: `${brandId}-m`, version: 1, asOf: at, love: 5, gravity: 5, stage: 'advocate', level: 2,
    identities: [{ platform: 'x', platformId: `${brandId}-x` }],
    interactions: [applied(`${brandId}-e`, { type: 'mention', occurredAt: at })],
  }))));
  app = await build();
  keyA = (await mint(app, ['brand-a'])).key;
  keyB = (await mint(app, ['brand-b'])).key;
});
afterAll(async () => {
  await app?.close();
  await rdb?.close();
});

interface Parameter { name: string; in: 'path' | 'query'; required?: boolean }
interface Route { method: string; path: string; parameters: Parameter[] }

/** Every brand route of the OpenAPI document, with its parameters. */
async function brandRoutes(): Promise<Route[]> {
  const doc = (await app.inject('/openapi.json')).json<{ paths: Record<string, Record<string, { parameters?: Parameter[] }>> }>();
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/v1/brands/{brandId}'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, parameters: op.parameters ?? [] })));
}

/** Valid values of brand B for every parameter the routes take. */
const VALID: Record<string, string> = { brandId: 'brand-b', memberId: 'brand-b-m', platform: 'x', platformId: 'brand-b-x' };
/** Parameters that take any text: an injection attempt there is a legal value (unknown → 404). */
const FREE_TEXT = new Set(['platformId']);

function url(route: Route, override: Record<string, string> = {}): string {
  const values = { ...VALID, ...override };
  let path = route.path;
  const query = new URLSearchParams();
  for (const p of route.parameters) {
    const value = values[p.name];
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value ?? 'x'));
    else if (value !== undefined && (p.required === true || p.name in override)) query.set(p.name, value);
  }
  const qs = query.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

const ATTACKS = ["' OR 1=1 --", '1; DROP TABLE reporting.relationships; --', '%00', '\u0000', '../../etc/passwd', '<script>alert(1)</script>',
  '{"$gt": ""}', '-1', '1e309', 'NaN', '9'.repeat(400), 'x'.repeat(5_000), '\u{1F600}'.repeat(300)];

describe('the access-control walk over the OpenAPI document', () => {
  it('finds the brand routes of spec/api.md', async () => {
    const routes = (await brandRoutes()).map((r) => `${r.method} ${r.path}`).sort();
    expect(routes).toEqual([
      'GET /v1/brands/{brandId}/alerts', 'GET /v1/brands/{brandId}/cohorts', 'GET /v1/brands/{brandId}/funnel', 'GET /v1/brands/{brandId}/health',
      'GET /v1/brands/{brandId}/members', 'GET /v1/brands/{brandId}/members/lookup', 'GET /v1/brands/{brandId}/members/{memberId}',
    ]);
  });

  it('answers 200 to brand B’s own key on every route', async () => {
    for (const route of await brandRoutes()) {
      const r = await app.inject({ method: route.method as 'GET', url: url(route), headers: { authorization: `Bearer ${keyB}` } });
      expect(r.statusCode, `${route.method} ${url(route)}: ${r.body}`).toBe(200);
    }
  });

  it('answers 401 without a key or with a bad one, and 403 to a key of brand A — whatever the parameters', async () => {
    for (const route of await brandRoutes()) {
      for (const authorization of [undefined, 'Bearer nope', `Bearer ${keyB.slice(0, -2)}xx`, `Basic ${keyB}`, keyB]) {
        const r = await app.inject({ method: route.method as 'GET', url: url(route), headers: authorization === undefined ? {} : { authorization } });
        expect(r.statusCode, `${route.path} with ${authorization}`).toBe(401);
        expect(r.headers['content-type']).toContain('application/problem+json');
      }
      const forbidden = await app.inject({ method: route.method as 'GET', url: url(route), headers: { authorization: `Bearer ${keyA}` } });
      expect(forbidden.statusCode, route.path).toBe(403);
      expect(forbidden.body).not.toMatch(/"love"|"stage"|"series"|"items"/);
      // Invalid parameters do not change the answer: the brand check comes first.
      for (const p of route.parameters.filter((p) => p.name !== 'brandId')) {
        const r = await app.inject({ method: route.method as 'GET', url: url(route, { [p.name]: "' OR 1=1 --" }), headers: { authorization: `Bearer ${keyA}` } });
        expect(r.statusCode, `${route.path} ${p.name}`).toBe(403);
      }
    }
  });

  it('answers 400 (or 404 for legal free text) to injection-ish and oversized values in every parameter, never a 5xx', async () => {
    for (const route of await brandRoutes()) {
      for (const p of route.parameters) {
        for (const attack of ATTACKS) {
          const r = await app.inject({ method: route.method as 'GET', url: url(route, { [p.name]: attack }), headers: { authorization: `Bearer ${keyB}` } });
          const where = `${route.path} ${p.name}=${JSON.stringify(attack.slice(0, 30))}`;
          expect(r.statusCode, `${where}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
          if (p.name === 'brandId') expect(r.statusCode, where).toBe(403);
          else if (FREE_TEXT.has(p.name) && [...attack].length <= 200 && !attack.includes('\u0000')) expect(r.statusCode, where).toBe(404);
          else if (p.name === 'memberId' && /^[A-Za-z0-9._-]{1,64}$/.test(attack)) expect(r.statusCode, where).toBe(404);
          else {
            expect(r.statusCode, where).toBe(400);
            expect(r.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path).join(), where).toContain(p.name);
          }
        }
      }
    }
  });

  it('keeps admin routes behind the admin token and validates their input', async () => {
    const routes = [
      { method: 'POST' as const, url: '/v1/admin/api-keys', payload: { name: 'x', brands: ['brand-a'] } },
      { method: 'DELETE' as const, url: '/v1/admin/api-keys/0123456789abcdef' },
    ];
    for (const r of routes) {
      for (const headers of [{}, { authorization: 'Bearer wrong-token-of-some-length' }, { authorization: `Bearer ${keyA}` }]) {
        expect((await app.inject({ ...r, headers })).statusCode).toBe(401);
      }
    }
    const admin = { authorization: `Bearer ${ADMIN}` };
    for (const payload of [{}, { name: 'x', brands: [] }, { name: 'x', brands: ["' OR 1=1 --"] }, { name: 'x'.repeat(5000), brands: ['a'] }, { name: 'x', brands: ['a'], extra: 1 }]) {
      expect((await app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: admin, payload })).statusCode, JSON.stringify(payload).slice(0, 50)).toBe(400);
    }
    for (const id of ["' OR 1=1 --", 'x'.repeat(100), '%00']) {
      expect((await app.inject({ method: 'DELETE', url: `/v1/admin/api-keys/${encodeURIComponent(id)}`, headers: admin })).statusCode).toBe(400);
    }
    expect((await app.inject({ method: 'DELETE', url: '/v1/admin/api-keys/0123456789abcdef', headers: admin })).statusCode).toBe(404);
  });
});

describe('keys', () => {
  it('are stored hashed, never in clear', async () => {
    const { rows } = await rdb.pool.query<{ key_hash: Buffer }>('SELECT key_hash FROM api_keys');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.key_hash.length).toBe(32);
    const dump = JSON.stringify((await rdb.pool.query('SELECT * FROM api_keys')).rows);
    expect(dump).not.toContain(keyA.slice(21));
  });

  it('can be revoked: the next request is a 401', async () => {
    const minted = await mint(app, ['brand-b']);
    const memberUrl = '/v1/brands/brand-b/members/brand-b-m';
    expect((await app.inject({ url: memberUrl, headers: { authorization: `Bearer ${minted.key}` } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/v1/admin/api-keys/${minted.id}`, headers: { authorization: `Bearer ${ADMIN}` } })).statusCode).toBe(204);
    expect((await app.inject({ url: memberUrl, headers: { authorization: `Bearer ${minted.key}` } })).statusCode).toBe(401);
  });

  it('are rate-limited each on its own', async () => {
    const limited = await build({ max: 3, windowMs: 60_000 });
    try {
      const one = await mint(limited, ['brand-b']);
      const other = await mint(limited, ['brand-b']);
      const call = (key: string) => limited.inject({ url: '/v1/brands/brand-b/members/brand-b-m', headers: { authorization: `Bearer ${key}` } });
      for (let i = 0; i < 3; i++) expect((await call(one.key)).statusCode).toBe(200);
      const refused = await call(one.key);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await call(other.key)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
