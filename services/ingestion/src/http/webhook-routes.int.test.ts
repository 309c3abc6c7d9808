import { createHmac } from 'node:crypto';
import type { InteractionEvent } from '@rapport/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INTAKE_TABLES, startHarness, type Harness } from '../../test/ingestion-harness';
import { loadFixture } from '../adapters/fixture-loader';
import { signDiscourse, signGithub, signMeta, signSlack, signX } from '../signatures';

// The platform routes with fixtures shaped like each platform's documented payloads, signed as the
// platform signs them, against a real database.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  h.clock.offsetMs = 0;
  await h.admin.query(`TRUNCATE ${INTAKE_TABLES.map((t) => `ingestion.${t}`).join(', ')}`);
});

const APP_SECRET = 'platform-app-secret-0123';

/** Moves the app's clock to `iso` (fixtures carry their platforms' own dates). */
function at(iso: string): number {
  h.clock.offsetMs = Date.parse(iso) - Date.now();
  return Math.floor(Date.parse(iso) / 1000);
}

function deliver(platform: string, sourceId: string, body: unknown, headers: Record<string, string>, raw = JSON.stringify(body)) {
  return h.app.inject({
    method: 'POST',
    url: `/v1/webhooks/${platform}/${sourceId}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: raw,
  });
}

async function stored(): Promise<InteractionEvent[]> {
  const { rows } = await h.admin.query<{ value: string }>('SELECT value FROM ingestion.outbox ORDER BY id');
  return rows.map((r) => JSON.parse(r.value) as InteractionEvent);
}

describe('X', () => {
  it('answers the CRC check with the HMAC of the token', async () => {
    const source = await h.registerSource({ platform: 'x', appSecret: APP_SECRET });
    const res = await h.app.inject({ method: 'GET', url: `/v1/webhooks/x/${source.id}?crc_token=challenge-123` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ response_token: `sha256=${createHmac('sha256', APP_SECRET).update('challenge-123').digest('base64')}` });
    expect((await h.app.inject({ method: 'GET', url: `/v1/webhooks/x/${source.id}` })).statusCode).toBe(400);
  });

  it('stores the mapped events once (a redelivered body is a duplicate), 401 on a bad signature', async () => {
    const source = await h.registerSource({ platform: 'x', appSecret: APP_SECRET, brandAccountIds: ['2244994945'] });
    at('2018-10-11T00:00:00Z');
    const body = loadFixture('x', 'tweet-create-events.json');
    const raw = JSON.stringify(body);
    const first = await deliver('x', source.id, body, { 'x-twitter-webhooks-signature': signX(APP_SECRET, raw) });
    expect(first.statusCode).toBe(200);
    const answer = first.json<{ accepted: number; duplicates: number; ids: string[] }>();
    expect(answer.accepted).toBeGreaterThan(0);
    const again = await deliver('x', source.id, body, { 'x-twitter-webhooks-signature': signX(APP_SECRET, raw) });
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: answer.accepted });
    const events = await stored();
    expect(events.map((e) => e.id)).toEqual(answer.ids);
    expect(events.every((e) => e.sourceId === source.id && e.brandId === 'acme' && e.platform === 'x')).toBe(true);

    const before = await h.counts();
    expect((await deliver('x', source.id, body, { 'x-twitter-webhooks-signature': signX('another-secret', raw) })).statusCode).toBe(401);
    expect((await deliver('x', source.id, body, {})).statusCode).toBe(401);
    expect(await h.counts()).toEqual(before);
  });
});

describe('Meta', () => {
  it('echoes hub.challenge for the right verify token, 403 otherwise', async () => {
    const source = await h.registerSource({ platform: 'meta', appSecret: APP_SECRET, verifyToken: 'my-verify-token' });
    const ok = await h.app.inject({
      method: 'GET',
      url: `/v1/webhooks/meta/${source.id}?hub.mode=subscribe&hub.verify_token=my-verify-token&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    expect(ok.body).toBe('1158201444');
    const bad = await h.app.inject({
      method: 'GET',
      url: `/v1/webhooks/meta/${source.id}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444`,
    });
    expect(bad.statusCode).toBe(403);
    expect(bad.body).not.toContain('1158201444');
  });

  it("attributes the Page's answer to the member it answers, from the same payload or from an earlier one", async () => {
    const source = await h.registerSource({ platform: 'meta', appSecret: APP_SECRET });
    at('2024-05-01T12:00:00Z');
    const fixture = loadFixture('meta', 'page-feed-comments.json') as { entry: { changes: unknown[] }[] };
    const only = (index: number) => ({ ...fixture, entry: [{ ...fixture.entry[0], changes: [fixture.entry[0]!.changes[index]] }] });
    const post = (body: unknown) => {
      const raw = JSON.stringify(body);
      return deliver('meta', source.id, body, { 'x-hub-signature-256': signMeta(APP_SECRET, raw) }, raw);
    };

    // The answer alone, before its comment was ever received: acknowledged, ignored.
    const early = await post(only(2));
    expect(early.statusCode).toBe(200);
    expect(early.json()).toMatchObject({ accepted: 0, ignored: [{ id: '412345678901234_998877665544400' }] });
    // The comment, then the answer in a later delivery: resolved from the store.
    expect((await post(only(0))).json()).toMatchObject({ accepted: 1 });
    const answer = await post({ ...only(2), extra: 'another delivery' });
    expect(answer.json()).toMatchObject({ accepted: 1, ids: ['412345678901234_998877665544400'] });
    const events = await stored();
    expect(events.find((e) => e.id === '412345678901234_998877665544400')).toMatchObject({
      direction: 'outbound',
      member: { platformId: '7141234567890123' },
      content: { parentId: '412345678901234_998877665544332' },
    });
  });

  it('404 when the source is registered for another platform', async () => {
    const source = await h.registerSource({ platform: 'x', appSecret: APP_SECRET });
    const raw = '{"object":"page","entry":[]}';
    expect((await deliver('meta', source.id, undefined, { 'x-hub-signature-256': signMeta(APP_SECRET, raw) }, raw)).statusCode).toBe(404);
    expect((await deliver('myspace', source.id, undefined, {}, raw)).statusCode).toBe(404);
  });
});

describe('Slack', () => {
  it('answers url_verification, stores messages by event_id once, refuses a stale timestamp', async () => {
    const source = await h.registerSource({ platform: 'slack', appSecret: APP_SECRET, brandAccountIds: ['UBRAND0001'] });
    const now = Math.floor(Date.now() / 1000);
    const challenge = loadFixture('slack', 'url-verification.json') as { challenge: string };
    const raw = JSON.stringify(challenge);
    const verification = await deliver('slack', source.id, challenge, {
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': signSlack(APP_SECRET, now, raw),
    });
    expect(verification.statusCode).toBe(200);
    expect(verification.json()).toEqual({ challenge: challenge.challenge });

    const ts = at('2012-12-14T20:40:00Z');
    const message = loadFixture('slack', 'message-channel.json');
    const body = JSON.stringify(message);
    const headers = { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlack(APP_SECRET, ts, body) };
    const first = await deliver('slack', source.id, message, headers, body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 1 });
    // Slack's retry: same event_id, X-Slack-Retry-Num set.
    const retry = await deliver('slack', source.id, message, { ...headers, 'x-slack-retry-num': '1' }, body);
    expect(retry.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await h.counts()).toMatchObject({ deliveries: 1, outbox: 1 });

    const stale = ts - 301;
    const late = await deliver('slack', source.id, message, { 'x-slack-request-timestamp': String(stale), 'x-slack-signature': signSlack(APP_SECRET, stale, body) }, body);
    expect(late.statusCode).toBe(401);
  });
});

describe('GitHub', () => {
  it('maps a star (JSON and form deliveries), dedupes by X-GitHub-Delivery, ignores ping', async () => {
    const source = await h.registerSource({ platform: 'github', appSecret: APP_SECRET, brandAccountIds: ['acme'] });
    at('2024-04-30T09:00:30Z');
    const star = loadFixture('github', 'star-created.json');
    const raw = JSON.stringify(star);
    const headers = { 'x-github-event': 'star', 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958', 'x-hub-signature-256': signGithub(APP_SECRET, raw) };
    const first = await deliver('github', source.id, star, headers, raw);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 1 });
    expect((await deliver('github', source.id, star, headers, raw)).json()).toMatchObject({ accepted: 0, duplicates: 1 });

    const form = `payload=${encodeURIComponent(raw)}`;
    const formDelivery = await h.app.inject({
      method: 'POST',
      url: `/v1/webhooks/github/${source.id}`,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'x-github-delivery': 'another-delivery', 'x-hub-signature-256': signGithub(APP_SECRET, form) },
      payload: form,
    });
    expect(formDelivery.statusCode).toBe(200);
    expect(formDelivery.json()).toMatchObject({ accepted: 0, duplicates: 1 });

    const ping = loadFixture('github', 'ping.json');
    const pingRaw = JSON.stringify(ping);
    const pong = await deliver('github', source.id, ping, { 'x-github-event': 'ping', 'x-github-delivery': 'p1', 'x-hub-signature-256': signGithub(APP_SECRET, pingRaw) }, pingRaw);
    expect(pong.statusCode).toBe(200);
    expect(pong.json()).toMatchObject({ accepted: 0, duplicates: 0 });
    expect(await h.counts()).toMatchObject({ deliveries: 2, outbox: 1 });

    expect((await h.app.inject({ method: 'GET', url: `/v1/webhooks/github/${source.id}` })).statusCode).toBe(405);
    expect((await deliver('github', source.id, star, { ...headers, 'content-type': 'text/plain' }, raw)).statusCode).toBe(415);
  });
});

describe('Discourse', () => {
  it('hashes the email of a new user and never stores the address; 400 without the event header', async () => {
    const source = await h.registerSource({ platform: 'discourse', appSecret: APP_SECRET });
    const user = loadFixture('discourse', 'user-created.json') as { user: { email: string; created_at: string } };
    at(user.user.created_at);
    const raw = JSON.stringify(user);
    const headers = { 'x-discourse-event': 'user_created', 'x-discourse-event-id': '4242', 'x-discourse-event-signature': signDiscourse(APP_SECRET, raw) };
    const res = await deliver('discourse', source.id, user, headers, raw);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 1 });
    const [event] = await stored();
    expect(event?.type).toBe('join');
    expect(event?.member.emailHash).toMatch(/^[0-9a-f]{64}$/);
    for (const table of INTAKE_TABLES) {
      const { rows } = await h.admin.query<{ t: string }>(`SELECT t::text FROM ingestion.${table} t`);
      expect(rows.map((r) => r.t).join('\n').toLowerCase()).not.toContain(user.user.email.toLowerCase());
    }
    const { 'x-discourse-event': _name, ...nameless } = headers;
    const before = await h.counts();
    expect((await deliver('discourse', source.id, user, { ...nameless, 'x-discourse-event-id': '4243' }, raw)).statusCode).toBe(400);
    expect(await h.counts()).toEqual(before);
  });
});
