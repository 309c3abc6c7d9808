import type { Component } from '@rapport/kit/lifecycle';
import { createLogger } from '@rapport/kit/log';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { Pool } from 'pg';
import { describe, expect, it } from 'vitest';
import { createApiKeyVerifier } from './access/api-key-verifier';
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
    // Never connected: these tests touch no route that reads the database.
    db: new Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }),
    verifier: createApiKeyVerifier({ findActive: () => Promise.resolve(null) }, { ttlMs: 1000 }),
    adminToken: 'admin-token-of-16+chars',
    rateLimit: { max: 100, windowMs: 60_000 },
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

  it('refuses brand routes without an API key before looking at anything else', async () => {
    const app = await build();
    const response = await app.inject("/v1/brands/b/members?limit=9999");
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('names a failing dependency on /readyz', async () => {
    const app = await build([fake('postgres', true), fake('kafka', false)]);
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ failing: [{ id: 'kafka', detail: 'kafka down' }] });
  });
});
