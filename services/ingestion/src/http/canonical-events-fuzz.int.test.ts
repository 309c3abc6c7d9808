import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { senderEvent, startHarness, type Harness } from '../../test/ingestion-harness';
import { standardWebhookHeaders } from '../signatures';

// Random and mutated payloads and headers thrown at the canonical route of a real app over a real
// database. Whatever arrives: never a 5xx, never a crash, nothing stored for a refused request,
// and every accepted event stored exactly once.

let h: Harness;
let source: { id: string; secret: string };
let other: { id: string; secret: string };

beforeAll(async () => {
  h = await startHarness({ defaultRatePerSecond: 1_000_000 });
  source = await h.registerSource();
  other = await h.registerSource();
});
afterAll(async () => {
  await h?.close();
});

const text = fc.string({ unit: 'binary', maxLength: 40 });
const anyJson = fc.jsonValue({ maxDepth: 4 });

const validEvent = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 12 }),
    type: fc.constantFrom('comment', 'reply', 'follow', 'reaction', 'share', 'mention', 'message'),
    direction: fc.constantFrom('inbound', 'outbound'),
    text: fc.string({ unit: 'grapheme', maxLength: 60 }),
    ageMs: fc.integer({ min: 0, max: 30 * 86_400_000 }),
    platformId: fc.string({ minLength: 1, maxLength: 20 }),
  })
  .map(({ id, type, direction, text: t, ageMs, platformId }) =>
    senderEvent(id, { type, direction, occurredAt: new Date(Date.now() - ageMs).toISOString(), member: { platformId }, content: { text: t } }),
  );

/** One change that may break an event: a field removed, replaced by anything, or an odd key added. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom('id', 'platform', 'type', 'direction', 'occurredAt', 'member') }),
  fc.record({ kind: fc.constant('replace' as const), key: fc.constantFrom('id', 'platform', 'occurredAt', 'member', 'content', 'attributes', 'conversion'), value: fc.oneof(anyJson, text) }),
  fc.record({ kind: fc.constant('add' as const), key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'brandId', 'sourceId', 'receivedAt', 'x'), value: anyJson }),
  fc.record({ kind: fc.constant('number' as const), value: fc.constantFrom(1e308, -1e308, 2 ** 53, -0, 0.1, Number.MAX_SAFE_INTEGER + 2) }),
);

type MutationValue = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(event: Record<string, unknown>, m: MutationValue): string {
  const copy: Record<string, unknown> = { ...event };
  switch (m.kind) {
    case 'drop':
      delete copy[m.key];
      return JSON.stringify(copy);
    case 'replace':
      copy[m.key] = m.value;
      return JSON.stringify(copy);
    case 'number':
      copy.member = { platformId: 'n', followers: m.value };
      return JSON.stringify(copy);
    case 'add': {
      // Spliced in as text: an object literal would set the prototype instead of a key.
      const json = JSON.stringify(copy);
      return `${json.slice(0, -1)},${JSON.stringify(m.key)}:${JSON.stringify(m.value)}}`;
    }
  }
}

const body = fc.oneof(
  { weight: 4, arbitrary: fc.array(validEvent, { minLength: 1, maxLength: 5 }).map((events) => JSON.stringify({ events })) },
  { weight: 2, arbitrary: validEvent.map((e) => JSON.stringify(e)) },
  { weight: 3, arbitrary: fc.tuple(validEvent, mutation).map(([e, m]) => mutate(e, m)) },
  { weight: 1, arbitrary: fc.array(fc.tuple(validEvent, mutation), { maxLength: 3 }).map((pairs) => `{"events":[${pairs.map(([e, m]) => mutate(e, m)).join(',')}]}`) },
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
);

const headerText = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

const anyRequest = fc.record({
  body,
  target: fc.constantFrom('source', 'source', 'source', 'other', 'unknown', 'weird'),
  contentType: fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/xml', undefined),
  signing: fc.constantFrom('right', 'right', 'right', 'other-secret', 'missing', 'garbage', 'stale'),
  webhookId: fc.oneof(fc.uuid(), headerText.filter((s) => s.length > 0)),
  signatureHeader: headerText,
});

// Half the requests come from a well-behaved sender (right source, JSON, signed), so the bodies
// get past the door often enough to exercise validation and storage.
const request = fc.oneof(
  anyRequest,
  anyRequest.map((r) => ({ ...r, target: 'source' as const, contentType: 'application/json' as const, signing: 'right' as const })),
);

describe('canonical route under random input (fast-check)', () => {
  it('never answers 5xx, stores nothing when it refuses, stores each accepted event once', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const raw = Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body);
        const sourceId = { source: source.id, other: other.id, unknown: 'src_unknown0000', weird: '%E2%80%AE..%2F' }[r.target];
        const now = Math.floor(Date.now() / 1000);
        const signed = standardWebhookHeaders({
          secrets: [r.signing === 'other-secret' ? other.secret : source.secret],
          id: r.webhookId,
          timestamp: r.signing === 'stale' ? now - 600 : now,
          rawBody: raw,
        });
        const headers: Record<string, string> = { ...signed };
        if (r.signing === 'missing') delete headers['webhook-signature'];
        if (r.signing === 'garbage') headers['webhook-signature'] = r.signatureHeader;
        if (r.contentType !== undefined) headers['content-type'] = r.contentType;

        const before = await h.counts();
        const res = await h.app.inject({ method: 'POST', url: `/v1/sources/${sourceId}/events`, headers, payload: raw });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);

        expect([202, 400, 401, 404, 413, 415, 429]).toContain(res.statusCode);
        const after = await h.counts();
        if (res.statusCode !== 202) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(after).toEqual(before);
          return;
        }
        const answer = res.json<{ accepted: number; duplicates: number; ids: string[] }>();
        expect(after.outbox - before.outbox).toBe(answer.accepted);
        expect(answer.ids).toHaveLength(answer.accepted);
      }),
      { numRuns: 250, interruptAfterTimeLimit: 90_000 },
    );

    // The generators reach the interesting answers, not only refusals.
    expect(statuses.get(202) ?? 0).toBeGreaterThan(40);
    for (const status of [400, 401, 404, 415]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);

    // Exactly once: no (source, event id) twice in the outbox.
    const { rows } = await h.admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT value::jsonb->>'sourceId' AS s, value::jsonb->>'id' AS id FROM ingestion.outbox
         GROUP BY 1, 2 HAVING count(*) > 1) d`,
    );
    expect(rows[0]!.n).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
