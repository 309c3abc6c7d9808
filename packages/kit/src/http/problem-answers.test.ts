import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { FieldError } from './problem';
import { buildTestApp } from './test-app.fixture';

const sourceId = randomUUID();
const url = `/v1/sources/${sourceId}/events`;
const goodEvent = { id: 'e1', occurredAt: '2025-01-01T00:00:00Z', kind: 'follow' };

function pathsOf(body: Record<string, unknown>): string[] {
  return (body.errors as FieldError[]).map((error) => error.path);
}

function expectProblem(response: { headers: Record<string, unknown>; json: () => unknown }, status: number, type: string) {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: `https://rapport.dev/problems/${type}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

describe('problem+json answers', () => {
  it('accepts a valid request', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'POST', url, headers: { 'webhook-id': 'msg_1' }, payload: { events: [goodEvent] } });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ accepted: 1 });
  });

  it('400 lists every failing path of the body, query, params and headers', async () => {
    const { app } = await buildTestApp();
    const events = [goodEvent, goodEvent, goodEvent, { ...goodEvent, occurredAt: 'yesterday', kind: 'wave' }];
    const response = await app.inject({ method: 'POST', url: `${url}?limit=500`, headers: {}, payload: { events } });
    // Fastify validates params, then body, then querystring, then headers and stops at the first
    // failing part: the body is what the client most needs.
    expect(response.statusCode).toBe(400);
    const body = expectProblem(response, 400, 'validation');
    expect(body.instance).toBe(url);
    expect(pathsOf(body)).toEqual(['events[3].occurredAt', 'events[3].kind']);
    for (const error of body.errors as FieldError[]) expect(error.message.length).toBeGreaterThan(0);

    const query = await app.inject({ method: 'POST', url: `${url}?limit=500`, headers: { 'webhook-id': 'msg_1' }, payload: { events: [goodEvent] } });
    expect(pathsOf(expectProblem(query, 400, 'validation'))).toEqual(['query.limit']);

    const headers = await app.inject({ method: 'POST', url, headers: { 'webhook-id': 'x' }, payload: { events: [goodEvent] } });
    expect(pathsOf(expectProblem(headers, 400, 'validation'))).toEqual(['headers.webhook-id']);

    const params = await app.inject({ method: 'POST', url: '/v1/sources/not-a-uuid/events', payload: { events: [goodEvent] } });
    expect(pathsOf(expectProblem(params, 400, 'validation'))).toEqual(['params.sourceId']);
  });

  it('400 for malformed JSON', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
      payload: '{"events": [',
    });
    expect(response.statusCode).toBe(400);
    expectProblem(response, 400, 'malformed-json');
  });

  it('400 for a prototype-poisoning body', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
      payload: '{"events": [], "__proto__": {"admin": true}}',
    });
    expect(response.statusCode).toBe(400);
  });

  it('404 for an unknown path, without echoing its query string', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/nowhere?token=abc' });
    expect(response.statusCode).toBe(404);
    const body = expectProblem(response, 404, 'not-found');
    expect(body.instance).toBe('/nowhere');
    expect(response.body).not.toContain('abc');
  });

  it('405 with Allow for a known path asked with another method', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'PUT', url: '/v1/items/42' });
    expect(response.statusCode).toBe(405);
    expectProblem(response, 405, 'method-not-allowed');
    expect(response.headers.allow).toBe('DELETE, GET, HEAD');
    expect((await app.inject({ method: 'GET', url: '/v1/items/42/more' })).statusCode).toBe(404);
  });

  it('413 for a body over the limit, before anything else (even the content type)', async () => {
    const { app } = await buildTestApp({ bodyLimit: 1_024 });
    const big = { events: Array.from({ length: 50 }, () => goodEvent) };
    const response = await app.inject({ method: 'POST', url, headers: { 'webhook-id': 'msg_1' }, payload: big });
    expect(response.statusCode).toBe(413);
    expect(expectProblem(response, 413, 'payload-too-large').detail).toContain('1024');

    const wrongType = await app.inject({ method: 'POST', url, headers: { 'content-type': 'text/csv' }, payload: 'x'.repeat(2_000) });
    expect(wrongType.statusCode).toBe(413);
  });

  it('413 when a chunked body without Content-Length grows past the limit', async () => {
    const { app } = await buildTestApp({ bodyLimit: 1_024 });
    const { Readable } = await import('node:stream');
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
      payload: Readable.from([Buffer.from('{"events":['), Buffer.from(' '.repeat(2_000)), Buffer.from(']}')]),
    });
    expect(response.statusCode).toBe(413);
    expectProblem(response, 413, 'payload-too-large');
  });

  it('415 for a body that is not JSON', async () => {
    const { app } = await buildTestApp();
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await app.inject({ method: 'POST', url, headers: { 'content-type': contentType, 'webhook-id': 'msg_1' }, payload: 'a=1' });
      expect(response.statusCode).toBe(415);
      expectProblem(response, 415, 'unsupported-media-type');
    }
  });

  it('500 hides what went wrong from the client and logs it', async () => {
    const { app, logLines } = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/v1/boom' });
    expect(response.statusCode).toBe(500);
    const body = expectProblem(response, 500, 'internal-server-error');
    expect(Object.keys(body).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);
    for (const leak of ['secret_table', 'relation', 'SELECT', 'abc', 'stack']) expect(response.body).not.toContain(leak);
    const logged = logLines().find((line) => line.msg === 'request failed');
    expect(logged?.requestId).toBe(response.headers['x-request-id']);
    expect((logged?.err as { message: string }).message).toContain('secret_table');
  });

  it('5xx thrown on purpose by a route keeps its words and headers', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/v1/busy' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('7');
    expect(expectProblem(response, 503, 'service-unavailable')).toMatchObject({ title: 'Storage unavailable' });
  });

  it('503 problem with Retry-After while under pressure, probes exempt', async () => {
    const { app } = await buildTestApp({ backPressure: { maxHeapUsedBytes: 1, sampleIntervalMs: 5, retryAfterSeconds: 3 } });
    await app.ready();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const response = await app.inject({ method: 'GET', url: '/v1/items/1' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.headers['x-request-id']).toBeTruthy();
    expectProblem(response, 503, 'overloaded');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });

  it('on close, finishes the request in flight and answers 503 problem+json to the next one', async () => {
    const { app } = await buildTestApp();
    app.get('/v1/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return { done: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    // Keep-alive: the first request is in flight when close() starts; the second, pipelined on
    // the same connection, arrives after.
    socket.write('GET /v1/slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const closed = app.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.write('GET /v1/items/1 HTTP/1.1\r\nHost: x\r\n\r\n');
    await closed;
    await ended;
    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(answers[0]).toContain('{"done":true}');
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(answers[1]).toContain('content-type: application/problem+json');
    expect(answers[1]).toContain('https://rapport.dev/problems/shutting-down');
  });
});
