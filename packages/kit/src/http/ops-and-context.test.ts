import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { Component } from '../lifecycle/component';
import { httpComponent } from './create-http-server';
import { buildTestApp, healthy } from './test-app.fixture';

const goodEvent = { id: 'e1', occurredAt: '2025-01-01T00:00:00Z', kind: 'follow' };

describe('x-request-id', () => {
  it('echoes a sane request id, on success and on error, and logs it as requestId', async () => {
    const { app, logLines } = await buildTestApp();
    const ok = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(ok.headers['x-request-id']).toBe('abc-123');
    const missing = await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'req-404' } });
    expect(missing.headers['x-request-id']).toBe('req-404');
    const invalid = await app.inject({ method: 'POST', url: '/v1/raw', headers: { 'x-request-id': 'req-415', 'content-type': 'text/csv' }, payload: 'a' });
    expect(invalid.headers['x-request-id']).toBe('req-415');

    const lines = logLines().filter((line) => line.requestId === 'req-404');
    expect(lines.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
    expect(logLines().every((line) => !('reqId' in line))).toBe(true);
  });

  it.each([
    ['too long', 'x'.repeat(201)],
    ['with spaces', 'a b'],
    ['with non-ASCII', 'réq'],
    ['empty', ''],
  ])('generates a new id when the given one is %s', async (_case, given) => {
    const { app } = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': given } });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('generates distinct ids when none is given', async () => {
    const { app } = await buildTestApp();
    const [a, b] = await Promise.all([app.inject('/healthz'), app.inject('/healthz')]);
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });
});

describe('trace context', () => {
  it('is active in handlers, after reading a body too, and on the request log lines', async () => {
    const { app, logLines } = await buildTestApp();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const get = await app.inject({ method: 'GET', url: '/v1/context', headers: { traceparent, 'x-request-id': 'trace-1' } });
    expect(get.json()).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', requestId: 'trace-1' });
    const post = await app.inject({ method: 'POST', url: '/v1/context', headers: { traceparent }, payload: { a: 1 } });
    expect(post.json()).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    const completed = logLines().find((line) => line.requestId === 'trace-1' && line.msg === 'request completed');
    expect(completed).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: get.json<{ spanId: string }>().spanId });
  });
});

describe('/healthz and /readyz', () => {
  it('/healthz answers ok without checking dependencies', async () => {
    const { app, components } = await buildTestApp();
    components.push({ id: 'postgres', healthcheck: () => Promise.resolve({ ok: false }), stop: () => Promise.resolve() });
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is 200 when every component is healthy', async () => {
    const { app, components } = await buildTestApp();
    components.push(healthy('postgres'), healthy('kafka'));
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', checks: ['postgres', 'kafka'], degraded: [] });
  });

  it('/readyz stays 200 for a degraded component, naming it', async () => {
    const { app, components } = await buildTestApp();
    const relay: Component = {
      id: 'outbox-relay',
      healthcheck: () => Promise.resolve({ ok: true, detail: 'degraded: publishing failing (kafka unreachable)' }),
      stop: () => Promise.resolve(),
    };
    components.push(healthy('postgres'), relay);
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      checks: ['postgres', 'outbox-relay'],
      degraded: [{ id: 'outbox-relay', detail: 'degraded: publishing failing (kafka unreachable)' }],
    });
  });

  it('/readyz is 503 naming each failing dependency, a hung one included, within the timeout', async () => {
    const { app, components } = await buildTestApp({ readinessTimeoutMs: 100 });
    const down: Component = {
      id: 'postgres',
      healthcheck: () => Promise.resolve({ ok: false, detail: 'connect ECONNREFUSED postgres://rapport:pw@127.0.0.1:5432' }),
      stop: () => Promise.resolve(),
    };
    const hung: Component = { id: 'kafka', healthcheck: () => new Promise(() => undefined), stop: () => Promise.resolve() };
    components.push(down, healthy('outbox-relay'), hung);
    const started = Date.now();
    const response = await app.inject('/readyz');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toEqual({
      type: 'https://rapport.dev/problems/not-ready',
      title: 'Not ready',
      status: 503,
      detail: 'Failing: postgres, kafka.',
      instance: '/readyz',
      failing: [
        { id: 'postgres', detail: 'connect ECONNREFUSED postgres://rapport:[REDACTED]@127.0.0.1:5432' },
        { id: 'kafka', detail: 'kafka healthcheck did not finish within 100 ms' },
      ],
      degraded: [],
    });
  });
});

describe('/metrics', () => {
  it('counts requests by route pattern, method and status', async () => {
    const { app } = await buildTestApp();
    await app.inject('/v1/items/1');
    await app.inject('/v1/items/2');
    await app.inject('/v1/items/3?x=1');
    await app.inject('/not/a/route/123');
    await app.inject({ method: 'POST', url: '/v1/raw', headers: { 'content-type': 'application/json', 'x-signature': 'len=2' }, payload: '{}' });
    const response = await app.inject('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(text).toContain('rapport_http_requests_total{route="/v1/items/:id",method="GET",status="200",service="kit-test"} 3');
    expect(text).toContain('rapport_http_requests_total{route="unmatched",method="GET",status="404",service="kit-test"} 1');
    expect(text).toContain('rapport_http_requests_total{route="/v1/raw",method="POST",status="400",service="kit-test"} 1');
    const countLine = text.split('\n').find((line) => line.startsWith('rapport_http_request_duration_seconds_count') && line.includes('route="/v1/items/:id"'));
    expect(countLine).toMatch(/method="GET"/);
    expect(countLine).toMatch(/status="200"/);
    expect(countLine).toMatch(/\} 3$/);
    expect(text).not.toContain('/v1/items/1');
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document generated from the zod route schemas', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject('/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { parameters: Array<{ name: string; in: string }>; requestBody: { content: Record<string, { schema: unknown }> } }>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Rapport kit-test', version: '1.2.3' });
    const post = doc.paths['/v1/sources/{sourceId}/events']?.post;
    expect(post?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'sourceId', in: 'path' }),
        expect.objectContaining({ name: 'limit', in: 'query' }),
        expect.objectContaining({ name: 'webhook-id', in: 'header' }),
      ]),
    );
    expect(post?.requestBody.content['application/json']?.schema).toMatchObject({
      properties: { events: { type: 'array', minItems: 1, items: { required: ['id', 'occurredAt', 'kind'] } } },
    });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/metrics']));
    expect(Object.keys(doc.paths).some((path) => path.startsWith('/docs') || path === '/openapi.json')).toBe(false);
  });

  it('documents routes whose schemas carry ids that would collide in zod\'s global registry', async () => {
    const thing = z.object({ name: z.string() }).meta({ id: 'KitTestThing' });
    z.object({ other: z.number() }).meta({ id: 'KitTestThingInput' });
    const { app } = await buildTestApp();
    app.post('/v1/things', { schema: { body: thing, response: { 200: thing } } }, (request) => request.body);
    const response = await app.inject('/openapi.json');
    expect(response.statusCode).toBe(200);
    expect(JSON.stringify(response.json())).toContain('"name"');
  });

  it('declares the bearer schemes routes name in schema.security', async () => {
    const { app } = await buildTestApp();
    app.get('/v1/admin/things', { schema: { security: [{ adminToken: [] }] } }, () => ({}));
    app.get('/v1/brands/:brandId', { schema: { security: [{ apiKey: [] }] } }, () => ({}));
    const response = await app.inject('/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ components: { securitySchemes: Record<string, unknown> }; paths: Record<string, { get: { security: unknown } }> }>();
    expect(doc.components.securitySchemes).toMatchObject({ adminToken: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'http', scheme: 'bearer' } });
    expect(doc.paths['/v1/admin/things']?.get.security).toEqual([{ adminToken: [] }]);
  });

  it('serves the docs UI', async () => {
    const { app } = await buildTestApp();
    const response = await app.inject('/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });
});

describe('raw-body routes', () => {
  it('see the exact bytes, so a signature can be checked before parsing', async () => {
    const { app } = await buildTestApp();
    const payload = `{"events":[ ${JSON.stringify(goodEvent).slice(0, 0)}]}`;
    const ok = await app.inject({ method: 'POST', url: '/v1/raw', headers: { 'content-type': 'application/json', 'x-signature': `len=${payload.length}` }, payload });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ bytes: payload.length, events: 0 });

    // The signature is checked first: malformed JSON with a bad signature is a 401, not a 400.
    const unsigned = await app.inject({ method: 'POST', url: '/v1/raw', headers: { 'content-type': 'application/json' }, payload: '{"events": [' });
    expect(unsigned.statusCode).toBe(401);
    const malformed = await app.inject({ method: 'POST', url: '/v1/raw', headers: { 'content-type': 'application/json', 'x-signature': 'len=12' }, payload: '{"events": [' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ type: 'https://rapport.dev/problems/malformed-json' });
  });

  it('validate after parsing, listing every failing path', async () => {
    const { app } = await buildTestApp();
    const payload = '{"events":[{"id":"","kind":"x"}]}';
    const response = await app.inject({ method: 'POST', url: '/v1/raw', headers: { 'content-type': 'application/json', 'x-signature': `len=${payload.length}` }, payload });
    expect(response.statusCode).toBe(400);
    const errors = response.json<{ errors: Array<{ path: string }> }>().errors.map((error) => error.path);
    expect(errors).toEqual(['events[0].id', 'events[0].occurredAt', 'events[0].kind']);
  });

  it('keep their own body limit', async () => {
    const { app } = await buildTestApp();
    const payload = JSON.stringify({ events: [goodEvent, goodEvent] });
    const response = await app.inject({ method: 'POST', url: '/v1/raw', headers: { 'content-type': 'application/json', 'x-signature': `len=${payload.length}` }, payload });
    expect(response.statusCode).toBe(413);
  });
});

describe('httpComponent', () => {
  it('closes the server once, however often it is stopped', async () => {
    const { app } = await buildTestApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const component = httpComponent(app);
    await Promise.all([component.stop(), component.stop()]);
    await component.stop();
    expect(app.server.listening).toBe(false);
  });
});
