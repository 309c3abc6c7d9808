import type { Component } from '@rapport/kit/lifecycle';
import { createLogger } from '@rapport/kit/log';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { describe, expect, it } from 'vitest';
import { buildReportingApp } from './app';

function fake(id: string, ok: boolean): Component {
  return { id, healthcheck: () => Promise.resolve(ok ? { ok } : { ok, detail: `${id} down` }), stop: () => Promise.resolve() };
}

async function build(components: Component[] = []) {
  return buildReportingApp({
    logger: createLogger({ service: 'reporting', level: 'silent', format: 'json' }),
    registry: createMetricsRegistry({ service: 'reporting', defaultMetrics: false }),
    components,
    version: '9.9.9',
  });
}

describe('reporting app', () => {
  it('is alive', async () => {
    const app = await build();
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('serves its OpenAPI document', async () => {
    const app = await build();
    const response = await app.inject('/openapi.json');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'Rapport reporting', version: '9.9.9' } });
  });

  it('names a failing dependency on /readyz', async () => {
    const app = await build([fake('postgres', true), fake('kafka', false)]);
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ failing: [{ id: 'kafka', detail: 'kafka down' }] });
  });
});
