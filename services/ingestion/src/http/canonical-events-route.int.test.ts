import { randomBytes } from 'node:crypto';
import { emailHashOf, type InteractionEvent } from '@rapport/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { standardWebhookHeaders } from '../signatures';
import { ADMIN_TOKEN, INTAKE_TABLES, senderEvent, startHarness, type Harness } from '../../test/ingestion-harness';

let h: Harness;
let source: { id: string; secret: string };

beforeAll(async () => {
  h = await startHarness();
  source = await h.registerSource();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.admin.query(`TRUNCATE ${INTAKE_TABLES.map((t) => `ingestion.${t}`).join(', ')}`);
});

const empty = { deliveries: 0, accepted_events: 0, orders: 0, raw_archive: 0, outbox: 0 };

async function outboxEvents(): Promise<InteractionEvent[]> {
  const { rows } = await h.admin.query<{ value: string }>('SELECT value FROM ingestion.outbox ORDER BY id');
  return rows.map((r) => JSON.parse(r.value) as InteractionEvent);
}

describe('POST /v1/sources/{sourceId}/events — accepted', () => {
  it('202 for one signed event, durable with ingestion’s fields before the answer', async () => {
    const res = await h.postEvents(source.id, source.secret, senderEvent('e1'));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, ignored: [], ids: ['e1'] });
    const [event] = await outboxEvents();
    expect(event).toMatchObject({ id: 'e1', brandId: 'acme', sourceId: source.id });
    expect(Date.parse(event!.receivedAt)).toBeGreaterThan(Date.now() - 10_000);
    expect(await h.counts()).toEqual({ deliveries: 1, accepted_events: 1, orders: 0, raw_archive: 1, outbox: 1 });
  });

  it('202 for a batch; repeats within it and ids seen before are duplicates', async () => {
    await h.postEvents(source.id, source.secret, { events: [senderEvent('a')] });
    const res = await h.postEvents(source.id, source.secret, { events: [senderEvent('a'), senderEvent('b'), senderEvent('b'), senderEvent('c')] });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 2, duplicates: 2, ignored: [], ids: ['b', 'c'] });
    expect((await outboxEvents()).map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });

  it('the same delivery three times is stored once and answered 202 each time', async () => {
    const body = { events: [senderEvent('x1'), senderEvent('x2')] };
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await h.postEvents(source.id, source.secret, body, { webhookId: 'msg_same' }));
    expect(answers.map((r) => r.statusCode)).toEqual([202, 202, 202]);
    expect(answers.map((r) => r.json<{ accepted: number }>().accepted)).toEqual([2, 0, 0]);
    expect(answers[2]!.json()).toEqual({ accepted: 0, duplicates: 2, ignored: [], ids: [] });
    expect(await h.counts()).toMatchObject({ deliveries: 1, outbox: 2, raw_archive: 1 });
  });

  it('takes a webhook-id of any length; a long one is deduplicated by its hash', async () => {
    const webhookId = `msg_${randomBytes(6_000).toString('base64')}`;
    expect((await h.postEvents(source.id, source.secret, senderEvent('long-id'), { webhookId })).json()).toMatchObject({ accepted: 1 });
    expect((await h.postEvents(source.id, source.secret, senderEvent('long-id-2'), { webhookId })).json()).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('a repeated order id is a duplicate conversion', async () => {
    const conversion = (id: string) => senderEvent(id, { type: 'conversion', conversion: { value: 20, currency: 'EUR', orderId: 'o-1' } });
    expect((await h.postEvents(source.id, source.secret, conversion('c1'))).json()).toMatchObject({ accepted: 1 });
    expect((await h.postEvents(source.id, source.secret, conversion('c2'))).json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await h.counts()).toMatchObject({ orders: 1, outbox: 1 });
  });

  it('turns a raw email into its hash; no table holds the address', async () => {
    const res = await h.postEvents(
      source.id,
      source.secret,
      senderEvent('mail', { platform: 'email', member: { platformId: 'Grace@Example.org', email: 'Grace@Example.org' } }),
    );
    expect(res.statusCode).toBe(202);
    const hash = emailHashOf('Grace@Example.org');
    expect((await outboxEvents())[0]!.member).toEqual({ platformId: hash, emailHash: hash });
    for (const table of INTAKE_TABLES) {
      const { rows } = await h.admin.query<{ t: string }>(`SELECT t::text FROM ingestion.${table} t`);
      expect(rows.map((r) => r.t).join('\n')).not.toMatch(/grace@example/i);
    }
  });

  it('keeps unicode and control characters intact', async () => {
    const text = 'Zürich 🌍 — tab\there, bell\u0007, RTL \u202Eevil\u202C, zero\u200Bwidth';
    const res = await h.postEvents(source.id, source.secret, senderEvent('u1', { content: { text } }));
    expect(res.statusCode).toBe(202);
    expect((await outboxEvents())[0]!.content?.text).toBe(text);
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const base = JSON.stringify(senderEvent('big', { content: { text: '' } }));
    const padding = 1_048_576 - base.length;
    const raw = base.replace('"text":""', `"text":""${' '.repeat(padding)}`);
    expect(Buffer.byteLength(raw)).toBe(1_048_576);
    expect((await h.postEvents(source.id, source.secret, undefined, { raw })).statusCode).toBe(202);
  });
});

describe('POST /v1/sources/{sourceId}/events — refused, nothing stored', () => {
  /** Every refusal: the status, a problem+json body, and no row in any table. */
  async function expectRefused(res: Awaited<ReturnType<Harness['postEvents']>>, status: number) {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status });
    expect(await h.counts()).toEqual(empty);
  }

  it('413 for a body over 1 MiB, even with a wrong content type, an unknown source or no signature', async () => {
    const big = 'x'.repeat(1_048_577);
    await expectRefused(await h.postEvents(source.id, source.secret, undefined, { raw: `"${big}"` }), 413);
    await expectRefused(await h.postEvents('src_unknown', source.secret, undefined, { raw: big, headers: { 'content-type': 'text/plain' } }), 413);
    // Chunked (no Content-Length): measured while reading.
    const chunked = await h.app.inject({
      method: 'POST',
      url: `/v1/sources/${source.id}/events`,
      headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
      payload: big,
    });
    await expectRefused(chunked, 413);
  });

  it('415 for a non-JSON content type or none, before the source is even looked up', async () => {
    await expectRefused(await h.postEvents(source.id, source.secret, senderEvent('t'), { headers: { 'content-type': 'text/plain' } }), 415);
    await expectRefused(await h.postEvents('src_unknown', source.secret, senderEvent('t'), { headers: { 'content-type': 'application/xml' } }), 415);
    const none = await h.app.inject({ method: 'POST', url: `/v1/sources/${source.id}/events` });
    await expectRefused(none, 415);
  });

  it('404 for an unknown, malformed or disabled source, before the signature', async () => {
    await expectRefused(await h.postEvents('src_doesnotexist', source.secret, senderEvent('n')), 404);
    await expectRefused(await h.postEvents('bad id\u0000', source.secret, senderEvent('n')), 404);
    const doomed = await h.registerSource();
    const del = await h.app.inject({ method: 'DELETE', url: `/v1/admin/sources/${doomed.id}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(del.statusCode).toBe(204);
    await expectRefused(await h.postEvents(doomed.id, doomed.secret, senderEvent('n')), 404);
  });

  it('401 for a missing, bad, expired or foreign signature, and for a body other than the one signed', async () => {
    const other = await h.registerSource();
    const body = senderEvent('s');
    await expectRefused(await h.postEvents(source.id, other.secret, body), 401);
    await expectRefused(await h.postEvents(source.id, source.secret, body, { timestamp: Math.floor(Date.now() / 1000) - 301 }), 401);
    await expectRefused(await h.postEvents(source.id, source.secret, body, { timestamp: Math.floor(Date.now() / 1000) + 301 }), 401);
    await expectRefused(await h.postEvents(source.id, source.secret, body, { headers: { 'webhook-signature': 'v1,AAAA' } }), 401);
    const unsigned = await h.app.inject({
      method: 'POST',
      url: `/v1/sources/${source.id}/events`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    await expectRefused(unsigned, 401);
    // Signed over one body, sent with another.
    const signedHeaders = standardWebhookHeaders({
      secrets: [source.secret],
      id: 'msg_swap',
      timestamp: Math.floor(Date.now() / 1000),
      rawBody: Buffer.from(JSON.stringify(body)),
    });
    const swapped = await h.app.inject({
      method: 'POST',
      url: `/v1/sources/${source.id}/events`,
      headers: { 'content-type': 'application/json', ...signedHeaders },
      payload: JSON.stringify(senderEvent('s', { content: { text: 'tampered' } })),
    });
    await expectRefused(swapped, 401);
  });

  it('400 listing every failing path: malformed JSON, empty batch, schema, time window', async () => {
    await expectRefused(await h.postEvents(source.id, source.secret, undefined, { raw: '{"events": [' }), 400);
    await expectRefused(await h.postEvents(source.id, source.secret, undefined, { raw: '' }), 400);
    await expectRefused(await h.postEvents(source.id, source.secret, { events: [] }), 400);
    const res = await h.postEvents(source.id, source.secret, {
      events: [
        senderEvent('ok'),
        senderEvent('bad-type', { type: 'poke' }),
        senderEvent('future', { occurredAt: new Date(Date.now() + 6 * 60_000).toISOString() }),
        senderEvent('ancient', { occurredAt: '2001-01-01T00:00:00Z' }),
        senderEvent('long', { content: { text: 'x'.repeat(10_001) } }),
        senderEvent('huge', { member: { platformId: 'm', followers: 1e300 } }),
      ],
    });
    await expectRefused(res, 400);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort()).toEqual(
      ['events[1].type', 'events[2].occurredAt', 'events[3].occurredAt', 'events[4].content.text', 'events[5].member.followers'].sort(),
    );
    await expectRefused(
      await h.postEvents(source.id, source.secret, { events: Array.from({ length: 1_001 }, (_, i) => senderEvent(`b${i}`)) }),
      400,
    );
  });

  it('400 for prototype-pollution attempts, and nothing polluted', async () => {
    const raw = `{"events":[${JSON.stringify(senderEvent('p')).slice(0, -1)},"attributes":{"__proto__":{"admin":true}}}]}`;
    await expectRefused(await h.postEvents(source.id, source.secret, undefined, { raw }), 400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('429 with Retry-After past the source’s rate, counted only for verified requests', async () => {
    const limited = await h.registerSource({ rateLimitPerSecond: 1 });
    // Unverified requests do not spend the bucket (burst 2).
    for (let i = 0; i < 5; i += 1) expect((await h.postEvents(limited.id, source.secret, senderEvent('r'))).statusCode).toBe(401);
    expect((await h.postEvents(limited.id, limited.secret, senderEvent('r1'))).statusCode).toBe(202);
    expect((await h.postEvents(limited.id, limited.secret, senderEvent('r2'))).statusCode).toBe(202);
    await h.admin.query(`TRUNCATE ${INTAKE_TABLES.map((t) => `ingestion.${t}`).join(', ')}`);
    const res = await h.postEvents(limited.id, limited.secret, senderEvent('r3'));
    await expectRefused(res, 429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe('secret rotation', () => {
  it('the old secret verifies for 24 hours after a rotation, the new one at once', async () => {
    const rotating = await h.registerSource();
    const rotate = await h.app.inject({
      method: 'POST',
      url: `/v1/admin/sources/${rotating.id}/rotate-secret`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(rotate.statusCode).toBe(200);
    const { secret } = rotate.json<{ secret: string }>();
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(rotating.secret);
    expect((await h.postEvents(rotating.id, secret, senderEvent('new'))).statusCode).toBe(202);
    expect((await h.postEvents(rotating.id, rotating.secret, senderEvent('old'))).statusCode).toBe(202);

    // 24 hours and a second later, on the app's clock (the cached source included).
    h.clock.offsetMs = 24 * 3_600_000 + 1_000;
    try {
      expect((await h.postEvents(rotating.id, rotating.secret, senderEvent('old2'))).statusCode).toBe(401);
      expect((await h.postEvents(rotating.id, secret, senderEvent('new2'))).statusCode).toBe(202);
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});
