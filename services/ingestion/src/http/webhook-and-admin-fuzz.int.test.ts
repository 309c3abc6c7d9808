import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startHarness, type Harness } from '../../test/ingestion-harness';
import { loadFixture } from '../adapters/fixture-loader';
import { signDiscourse, signGithub, signMeta, signSlack, signX } from '../signatures';

// The platform and admin routes under random and mutated input, against a real database: never a
// 5xx, never a crash, nothing stored for a refused request.

let h: Harness;
const sources: Record<string, { id: string; secret: string }> = {};
const APP_SECRET = 'fuzz-app-secret-0123';

beforeAll(async () => {
  h = await startHarness({ defaultRatePerSecond: 1_000_000 });
  for (const platform of ['x', 'meta', 'slack', 'github', 'discourse'] as const) {
    sources[platform] = await h.registerSource({ platform, appSecret: APP_SECRET, verifyToken: 'vt', brandAccountIds: ['2244994945', 'UBRAND0001', 'acme'] });
  }
});
afterAll(async () => {
  await h?.close();
});

const fixtures = {
  x: ['tweet-create-events.json', 'favorite-events.json', 'follow-events.json', 'direct-message-events.json'],
  meta: ['page-feed-comments.json', 'page-feed-reactions.json', 'instagram-comments.json', 'page-messaging.json'],
  slack: ['message-channel.json', 'reaction-added.json', 'member-joined-channel.json', 'url-verification.json'],
  github: ['star-created.json', 'issues-opened.json', 'issue-comment-created.json', 'fork.json'],
  discourse: ['post-created-reply.json', 'user-created.json', 'post-liked.json', 'post-destroyed.json'],
} as const;
type Platform = keyof typeof fixtures;

const eventHeader: Record<string, string> = {
  'star-created.json': 'star', 'issues-opened.json': 'issues', 'issue-comment-created.json': 'issue_comment', 'fork.json': 'fork',
  'post-created-reply.json': 'post_created', 'user-created.json': 'user_created', 'post-liked.json': 'post_liked', 'post-destroyed.json': 'post_destroyed',
};

/** Replaces the value at a random path of a JSON document (or drops it). */
function mutateAt(doc: unknown, pick: number, replacement: unknown, drop: boolean): unknown {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(doc, []);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return replacement;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (drop && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const webhookRequest = fc.record({
  platform: fc.constantFrom<Platform>('x', 'meta', 'slack', 'github', 'discourse'),
  fixture: fc.nat(3),
  mutate: fc.boolean(),
  pick: fc.nat(),
  replacement: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(1e308, -1, '', null, '__proto__')),
  drop: fc.boolean(),
  signed: fc.constantFrom('right', 'right', 'wrong', 'none'),
  contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', undefined),
  deliveryId: fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
  // Some fixtures only map inside the time window: move the clock near them half of the time.
  clockAt: fc.constantFrom(undefined, '2024-05-01T12:00:00Z', '2018-10-11T00:00:00Z', '2012-12-14T20:40:00Z'),
});

function signatureHeaders(platform: Platform, raw: string, secret: string, nowSeconds: number): Record<string, string> {
  switch (platform) {
    case 'x':
      return { 'x-twitter-webhooks-signature': signX(secret, raw) };
    case 'meta':
      return { 'x-hub-signature-256': signMeta(secret, raw) };
    case 'slack':
      return { 'x-slack-request-timestamp': String(nowSeconds), 'x-slack-signature': signSlack(secret, nowSeconds, raw) };
    case 'github':
      return { 'x-hub-signature-256': signGithub(secret, raw) };
    case 'discourse':
      return { 'x-discourse-event-signature': signDiscourse(secret, raw) };
  }
}

describe('platform and admin routes under random input (fast-check)', () => {
  it('webhooks: never 5xx, nothing stored when refused', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(webhookRequest, async (r) => {
        h.clock.offsetMs = r.clockAt === undefined ? 0 : Date.parse(r.clockAt) - Date.now();
        const name = fixtures[r.platform][r.fixture]!;
        const base = loadFixture(r.platform, name);
        const raw = JSON.stringify(r.mutate ? mutateAt(base, r.pick, r.replacement, r.drop) : base) ?? 'null';
        const nowSeconds = Math.floor((Date.now() + h.clock.offsetMs) / 1000);
        const headers: Record<string, string> = {
          ...(r.signed === 'none' ? {} : signatureHeaders(r.platform, raw, r.signed === 'right' ? APP_SECRET : 'wrong-secret', nowSeconds)),
          'x-github-event': eventHeader[name] ?? 'ping',
          'x-discourse-event': eventHeader[name] ?? 'ping',
          ...(r.deliveryId === '' ? {} : { 'x-github-delivery': r.deliveryId, 'x-discourse-event-id': r.deliveryId }),
        };
        if (r.contentType !== undefined) headers['content-type'] = r.contentType;
        const before = await h.counts();
        const res = await h.app.inject({ method: 'POST', url: `/v1/webhooks/${r.platform}/${sources[r.platform]!.id}`, headers, payload: raw });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect([200, 400, 401, 415]).toContain(res.statusCode);
        if (res.statusCode !== 200) expect(await h.counts()).toEqual(before);
      }),
      { numRuns: 200, interruptAfterTimeLimit: 90_000 },
    );
    h.clock.offsetMs = 0;
    expect(statuses.get(200) ?? 0).toBeGreaterThan(30);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(0);
    const { rows } = await h.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM ingestion.outbox');
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('admin: never 5xx on random registrations and ids, and never a secret in a refusal', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          brandId: fc.oneof(fc.constantFrom('acme', 'b.r-a_nd'), fc.string({ unit: 'binary', maxLength: 70 })),
          platform: fc.oneof(fc.constantFrom('x', 'meta', 'custom', 'email'), fc.string()),
          name: fc.string({ unit: 'binary', maxLength: 210 }),
          appSecret: fc.string({ unit: 'binary', maxLength: 20 }),
          brandAccountIds: fc.array(fc.string({ unit: 'binary', maxLength: 5 }), { maxLength: 3 }),
          rateLimitPerSecond: fc.oneof(fc.integer(), fc.double()),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.string({ unit: 'binary', maxLength: 80 }), async (payload, id) => {
        const created = await h.app.inject({
          method: 'POST',
          url: '/v1/admin/sources',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? 'null',
        });
        expect([201, 400]).toContain(created.statusCode);
        for (const method of ['DELETE', 'POST'] as const) {
          const url = method === 'DELETE' ? `/v1/admin/sources/${encodeURIComponent(id)}` : `/v1/admin/sources/${encodeURIComponent(id)}/rotate-secret`;
          const res = await h.app.inject({ method, url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
          expect([204, 400, 404]).toContain(res.statusCode);
          expect(res.body).not.toMatch(/whsec_/);
        }
      }),
      { numRuns: 150, interruptAfterTimeLimit: 60_000 },
    );
  });
});
