import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InteractionEventInput } from '@rapport/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptedEntries } from './accepted-log';
import { EventDelivery } from './event-delivery';
import type { EventRequest } from './event-requests';
import { HttpTransport } from './http-transport';

// The delivery against a scripted local HTTP server (no service needed): signatures, retries with
// the same webhook-id, Retry-After, bounded attempts, dropped connections.

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const KEY = Buffer.from(SECRET.slice('whsec_'.length), 'base64');

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server | undefined;
const transport = new HttpTransport({ maxSockets: 4, timeoutMs: 2_000 });

afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function serve(script: (seen: Seen, res: ServerResponse, n: number) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      seen.push(entry);
      script(entry, res, seen.length);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const event = (id: string): InteractionEventInput => ({ id, platform: 'x', type: 'comment', direction: 'inbound', occurredAt: '2026-01-01T00:00:00.000Z', member: { platformId: 'm' } });
const request: EventRequest = { brandId: 'acme', events: [event('e1'), event('e2'), event('e3')], single: false };
const delivery = (url: string, maxAttempts = 4) =>
  new EventDelivery({ transport, ingestionUrl: url, sourceFor: () => ({ sourceId: 'src 1', secret: SECRET }), retry: { maxAttempts, baseDelayMs: 10, maxDelayMs: 1_000 } });
const reply = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('event delivery', () => {
  it('posts the body signed with Standard Webhooks to the source route', async () => {
    const { url, seen } = await serve((_, res) => reply(res, 202, { accepted: 2, duplicates: 0, ignored: [{ id: 'e3', reason: 'erased' }], ids: ['e1', 'e2'] }));
    const result = await delivery(url).deliver(request);
    expect(result).toMatchObject({ sourceId: 'src 1', attempts: 1, outcome: { kind: 'accepted', status: 202 } });
    const [got] = seen;
    expect(got!.url).toBe('/v1/sources/src%201/events');
    expect(got!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(got!.body)).toEqual({ events: request.events });
    const { 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': signature } = got!.headers;
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
    expect(signature).toBe(`v1,${createHmac('sha256', KEY).update(`${String(id)}.${String(ts)}.${got!.body}`).digest('base64')}`);

    expect(acceptedEntries(result, new Date(0)).map((e) => [e.id, e.outcome, e.reason])).toEqual([
      ['e1', 'accepted', undefined],
      ['e2', 'accepted', undefined],
      ['e3', 'ignored', 'erased'],
    ]);
  });

  it('retries 503 and 429 as Retry-After says, with the same webhook-id, then succeeds', async () => {
    const { url, seen } = await serve((_, res, n) => {
      if (n === 1) reply(res, 503, { title: 'Storage unavailable' }, { 'retry-after': '0' });
      else if (n === 2) reply(res, 429, { title: 'Too many requests' }, { 'retry-after': '1' });
      else reply(res, 202, { accepted: 0, duplicates: 3, ignored: [], ids: [] });
    });
    const started = Date.now();
    const result = await delivery(url).deliver(request);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(result).toMatchObject({ attempts: 3, outcome: { kind: 'accepted' } });
    expect(result.latenciesMs).toHaveLength(3);
    expect(new Set(seen.map((s) => s.headers['webhook-id'])).size).toBe(1);
    expect(acceptedEntries(result, new Date(0)).every((e) => e.outcome === 'duplicate')).toBe(true);
  });

  it('gives up after the last attempt, and never retries a 4xx that a retry cannot fix', async () => {
    const busy = await serve((_, res) => reply(res, 503, { title: 'busy' }, { 'retry-after': '0' }));
    expect(await delivery(busy.url, 3).deliver(request)).toMatchObject({ attempts: 3, outcome: { kind: 'rejected', status: 503 } });
    expect(busy.seen).toHaveLength(3);
    server?.close();

    const bad = await serve((_, res) => reply(res, 400, { title: 'Bad request' }));
    const result = await delivery(bad.url).deliver(request);
    expect(result).toMatchObject({ attempts: 1, outcome: { kind: 'rejected', status: 400 } });
    expect(acceptedEntries(result, new Date(0))).toEqual([]);
  });

  it('retries a dropped connection and reports a failure when nobody answers', async () => {
    const { url, seen } = await serve((_, res, n) => {
      if (n === 1) res.socket?.destroy();
      else reply(res, 202, { accepted: 3, duplicates: 0, ignored: [], ids: ['e1', 'e2', 'e3'] });
    });
    expect(await delivery(url).deliver(request)).toMatchObject({ attempts: 2, outcome: { kind: 'accepted' } });
    expect(seen).toHaveLength(2);

    const closed = await serve(() => {});
    const deadUrl = closed.url;
    server?.close();
    const result = await delivery(deadUrl, 2).deliver(request);
    expect(result).toMatchObject({ attempts: 2, outcome: { kind: 'failed' } });
  });
});
