import { randomBytes } from 'node:crypto';
import type { Component } from '@rapport/kit/lifecycle';
import { createLogger } from '@rapport/kit/log';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { Pool } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIngestionApp } from './app';
import { createIntakeComponents } from './intake-components';
import type { IntakeConfig } from './intake-config';

// A pool that is never used by these requests (no query runs before a route needs one): the
// routes' deps are real, the database is not involved.
const pool = new Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', max: 1 });
afterAll(() => pool.end());

const config: IntakeConfig = {
  adminToken: 'admin-token-0123456789',
  secretKey: randomBytes(32),
  retiredSecretKeys: [],
  interactionsTopic: 'interactions.v1',
  sourceCacheTtlMs: 5_000,
  defaultRatePerSecond: 1_000,
  retentionMs: 730 * 86_400_000,
  groupCommit: { maxEvents: 2_000, maxDelayMs: 2, concurrency: 2 },
  outboxMaxBacklog: 18_000_000,
  retryAfterSeconds: 5,
  maxEventLoopDelayMs: 1_000,
  relayBatchSize: 1_000,
  pgPoolMax: 1,
};

async function build(components: Component[] = []) {
  const logger = createLogger({ service: 'ingestion', level: 'silent', format: 'json' });
  const registry = createMetricsRegistry({ service: 'ingestion', defaultMetrics: false });
  const intake = createIntakeComponents({ pool, logger, config });
  const app = await buildIngestionApp({ logger, registry, components, version: '9.9.9', routes: intake.routes, backPressure: false });
  return { app, intake };
}

describe('ingestion app', () => {
  it('is alive', async () => {
    const { app, intake } = await build();
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    await intake.component.stop();
  });

  it('documents its routes in OpenAPI 3.1', async () => {
    const { app, intake } = await build();
    const response = await app.inject('/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ openapi: string; info: { title: string; version: string }; paths: Record<string, unknown> }>();
    expect(doc).toMatchObject({ openapi: '3.1.0', info: { title: 'Rapport ingestion', version: '9.9.9' } });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/sources/{sourceId}/events', '/v1/admin/sources']));
    await intake.component.stop();
  });

  it('names a failing dependency on /readyz', async () => {
    const down: Component = { id: 'postgres', healthcheck: () => Promise.resolve({ ok: false, detail: 'down' }), stop: () => Promise.resolve() };
    const { app, intake } = await build([down]);
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ failing: [{ id: 'postgres', detail: 'down' }] });
    await intake.component.stop();
  });
});
