import { createHttpServer, problem, problemType } from '@rapport/kit/http';
import { createLogger } from '@rapport/kit/log';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { describe, expect, it } from 'vitest';
import { registerIntakeMetrics } from './intake-metrics';

// The hooks against stand-in routes at the intake's URL patterns: what the answers say is counted.
async function build() {
  const logger = createLogger({ service: 'ingestion', level: 'silent', format: 'json' });
  const registry = createMetricsRegistry({ service: 'ingestion', defaultMetrics: false });
  const app = await createHttpServer({ service: 'ingestion', version: '0', logger, registry, components: [], backPressure: false });
  registerIntakeMetrics(app, registry);
  app.post('/v1/sources/:sourceId/events', (request, reply) => {
    if (request.headers['x-refuse'] === 'signature') throw problem(401, 'Invalid signature', 'no', { type: problemType('invalid-signature') });
    return reply.code(202).send({ accepted: 3, duplicates: 2, ignored: [], ids: ['a', 'b', 'c'] });
  });
  app.post('/v1/webhooks/:platform/:sourceId', (request, reply) => {
    if (request.headers['x-refuse'] === 'rate') throw problem(429, 'Too many requests', 'slow down', { type: problemType('rate-limited') });
    return reply.code(200).send({ accepted: 1, duplicates: 0, ignored: [{ id: 'x', reason: 'not relevant' }], ids: ['z'] });
  });
  app.post('/v1/admin/sources', (_request, reply) => reply.code(201).send({ accepted: 99, duplicates: 99, ignored: [] }));
  return { app, registry };
}

describe('intake metrics', () => {
  it('counts the events of 2xx answers by platform and outcome, and nothing of other routes', async () => {
    const { app, registry } = await build();
    await app.inject({ method: 'POST', url: '/v1/sources/src_1/events', payload: {} });
    await app.inject({ method: 'POST', url: '/v1/sources/src_2/events', payload: {} });
    await app.inject({ method: 'POST', url: '/v1/webhooks/github/src_3', payload: {} });
    await app.inject({ method: 'POST', url: '/v1/admin/sources', payload: {} });
    const text = await registry.metrics();
    expect(text).toContain('ingestion_intake_events_total{platform="canonical",outcome="accepted",service="ingestion"} 6');
    expect(text).toContain('ingestion_intake_events_total{platform="canonical",outcome="duplicate",service="ingestion"} 4');
    expect(text).toContain('ingestion_intake_events_total{platform="github",outcome="accepted",service="ingestion"} 1');
    expect(text).toContain('ingestion_intake_events_total{platform="github",outcome="ignored",service="ingestion"} 1');
    expect(text).not.toMatch(/ingestion_intake_events_total\{[^}]*\} 99/);
  });

  it('counts refused deliveries by the problem type answered, with unknown platforms folded into one label', async () => {
    const { app, registry } = await build();
    await app.inject({ method: 'POST', url: '/v1/sources/src_1/events', payload: {}, headers: { 'x-refuse': 'signature' } });
    await app.inject({ method: 'POST', url: '/v1/webhooks/slack/src_2', payload: {}, headers: { 'x-refuse': 'rate' } });
    await app.inject({ method: 'POST', url: '/v1/webhooks/myspace-0123/src_2', payload: {}, headers: { 'x-refuse': 'rate' } });
    // The kit's own refusal before the handler (not JSON) is counted too.
    await app.inject({ method: 'POST', url: '/v1/sources/src_1/events', payload: 'x', headers: { 'content-type': 'text/plain' } });
    const text = await registry.metrics();
    expect(text).toContain('ingestion_intake_rejections_total{platform="canonical",reason="invalid-signature",service="ingestion"} 1');
    expect(text).toContain('ingestion_intake_rejections_total{platform="slack",reason="rate-limited",service="ingestion"} 1');
    expect(text).toContain('ingestion_intake_rejections_total{platform="unknown",reason="rate-limited",service="ingestion"} 1');
    expect(text).toContain('ingestion_intake_rejections_total{platform="canonical",reason="unsupported-media-type",service="ingestion"} 1');
    expect(text).not.toContain('myspace');
  });
});
