import { describe, expect, it } from 'vitest';
import { HttpResponseFramer } from './http-response-framer';
import { SignedRequests } from './signed-requests';
import { signingKey, standardWebhookSignature } from './webhook-signing';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const now = () => new Date('2025-11-25T12:00:00.000Z');

describe('SignedRequests', () => {
  it('hands out distinct deliveries in order, each signed over its own body', () => {
    const requests = new SignedRequests({ phase: 's', eventsPerRequest: 1, secret, now }).pregenerate(3);
    const taken = [requests.take(), requests.take(), requests.take()];
    expect(taken.map((t) => t.index)).toEqual([0, 1, 2]);
    expect(new Set(taken.map((t) => t.request.headers['webhook-id'])).size).toBe(3);
    for (const { request } of taken) {
      const id = request.headers['webhook-id']!;
      const timestamp = Number(request.headers['webhook-timestamp']);
      expect(timestamp).toBe(1764072000);
      expect(request.headers['webhook-signature']).toBe(standardWebhookSignature(signingKey(secret), id, timestamp, request.body));
    }
    expect(requests.generatedLive).toBe(0);
  });

  it('signs live past the pre-generated pool, and says how many', () => {
    const requests = new SignedRequests({ phase: 's', eventsPerRequest: 1, secret, now }).pregenerate(1);
    requests.take();
    const { index, request } = requests.take();
    expect(index).toBe(1);
    expect(JSON.parse(request.body.toString())).toMatchObject({ id: 's.1.0' });
    expect(requests.generatedLive).toBe(1);
    expect(requests.taken).toBe(2);
  });

  it('sends the pool round and round when asked to cycle, signing nothing live', () => {
    const requests = new SignedRequests({ phase: 'bare', eventsPerRequest: 1, secret, now, cycle: true }).pregenerate(2);
    const ids = Array.from({ length: 5 }, () => requests.take().request.headers['webhook-id']);
    expect(ids).toEqual(['msg_bare_0', 'msg_bare_1', 'msg_bare_0', 'msg_bare_1', 'msg_bare_0']);
    expect(requests.generatedLive).toBe(0);
  });

  it('builds the whole HTTP request when asked: headers, a matching content-length, the body', () => {
    const requests = new SignedRequests({ phase: 'b', eventsPerRequest: 2, secret, now, raw: { host: '127.0.0.1:3001', path: '/v1/sources/src_1/events' } });
    const { request } = requests.take();
    const raw = request.raw!.toString();
    const [head = '', body] = raw.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('POST /v1/sources/src_1/events HTTP/1.1');
    expect(head).toContain(`content-length: ${request.body.length}`);
    expect(head).toContain(`webhook-signature: ${request.headers['webhook-signature']}`);
    expect(head).toContain('content-type: application/json');
    expect(body).toBe(request.body.toString());
  });
});

describe('HttpResponseFramer on a request the benchmark built', () => {
  it('is not fooled: it only frames responses', () => {
    const requests = new SignedRequests({ phase: 's', eventsPerRequest: 1, secret, now, raw: { host: 'h', path: '/' } });
    expect(() => new HttpResponseFramer().push(requests.take().request.raw!)).toThrow(/not an HTTP response/);
  });
});
