import { randomBytes, randomUUID } from 'node:crypto';
import type { HttpServer } from '@rapport/kit/http';
import { createLogger } from '@rapport/kit/log';
import { createMetricsRegistry } from '@rapport/kit/metrics';
import { createPool, type PgPool } from '@rapport/kit/pg';
import { createTestDatabase, type TestDatabase } from '@rapport/testing';
import type { LightMyRequestResponse } from 'fastify';
import { Pool } from 'pg';
import { buildIngestionApp } from '../src/app';
import { createIntakeComponents, type IntakeComponents } from '../src/intake-components';
import type { IntakeConfig } from '../src/intake-config';
import { standardWebhookHeaders } from '../src/signatures';
import { migrateIngestion } from '../src/store/ingestion-schema';
import { createInteractionRelay } from '../src/store/interaction-relay';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** Every table ingestion writes: a rejected request must leave each of them unchanged. */
export const INTAKE_TABLES = ['deliveries', 'accepted_events', 'orders', 'raw_archive', 'outbox'] as const;

export function testIntakeConfig(overrides: Partial<IntakeConfig> = {}): IntakeConfig {
  return {
    adminToken: ADMIN_TOKEN,
    secretKey: randomBytes(32),
    retiredSecretKeys: [],
    interactionsTopic: `interactions.test.${randomUUID()}`,
    sourceCacheTtlMs: 5_000,
    defaultRatePerSecond: 10_000,
    retentionMs: 730 * 86_400_000,
    groupCommit: { maxEvents: 2_000, maxDelayMs: 2, concurrency: 1 },
    outboxMaxBacklog: 18_000_000,
    retryAfterSeconds: 5,
    maxEventLoopDelayMs: 1_000,
    relayBatchSize: 1_000,
    pgPoolMax: 10,
    ...overrides,
  };
}

export interface Harness {
  app: HttpServer;
  db: TestDatabase;
  pg: PgPool;
  /** Superuser pool on the test database, to look at what was stored. */
  admin: Pool;
  config: IntakeConfig;
  intake: IntakeComponents;
  /** The app's clock is real time shifted by `offsetMs` (rotation expiry, time window). */
  clock: { offsetMs: number };
  registerSource(body?: Record<string, unknown>): Promise<{ id: string; secret: string }>;
  postEvents(sourceId: string, secrets: string | string[], body: unknown, options?: PostOptions): Promise<LightMyRequestResponse>;
  counts(): Promise<Record<(typeof INTAKE_TABLES)[number], number>>;
  close(): Promise<void>;
}

export interface PostOptions {
  webhookId?: string;
  /** Unix seconds; now by default. */
  timestamp?: number;
  headers?: Record<string, string>;
  /** Raw bytes instead of JSON.stringify(body). */
  raw?: Buffer | string;
}

/** A real ingestion app (the service's routes on the kit's server) over a fresh, migrated database. */
export async function startHarness(
  overrides: Partial<IntakeConfig> = {},
  options: {
    runtimeUrl?: (url: string) => string;
    /** Also run the outbox relay to these brokers (publishing to `config.interactionsTopic`). */
    relayTo?: readonly string[];
  } = {},
): Promise<Harness> {
  const db = await createTestDatabase();
  const logger = createLogger({ service: 'ingestion-test', level: 'silent', format: 'json' });
  await migrateIngestion(db.urlFor('ingestion', 'owner'), logger);
  const config = testIntakeConfig(overrides);
  const pg = createPool({
    // A test may route the runtime connections elsewhere (through a proxy it can cut).
    connectionString: options.runtimeUrl?.(db.urlFor('ingestion', 'runtime')) ?? db.urlFor('ingestion', 'runtime'),
    applicationName: 'ingestion-test',
    max: config.pgPoolMax,
    connectionTimeoutMs: 2_000,
  });
  const admin = new Pool({ connectionString: db.adminUrl, max: 2 });
  // An idle connection cut by the database's drop at teardown must not become an unhandled error.
  admin.on('error', () => {});
  const registry = createMetricsRegistry({ service: 'ingestion', defaultMetrics: false });
  const intake = createIntakeComponents({ pool: pg.pool, logger, config, registry });
  const clock = { offsetMs: 0 };
  const now = () => new Date(Date.now() + clock.offsetMs);
  const relay =
    options.relayTo === undefined
      ? undefined
      : createInteractionRelay({ pool: pg.pool, brokers: options.relayTo, clientId: 'ingestion-test', logger, registry, batchSize: config.relayBatchSize });
  relay?.relay.start();
  const app = await buildIngestionApp({
    logger,
    registry,
    components: [pg],
    version: 'test',
    routes: { ...intake.routes, now },
    backPressure: false,
  });
  await app.ready();

  const harness: Harness = {
    app,
    db,
    pg,
    admin,
    config,
    intake,
    clock,
    async registerSource(body = {}) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/admin/sources',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        payload: { brandId: 'acme', platform: 'custom', name: 'test source', ...body },
      });
      if (res.statusCode !== 201) throw new Error(`registering a source: ${res.statusCode} ${res.body}`);
      return res.json<{ id: string; secret: string }>();
    },
    postEvents(sourceId, secrets, body, post = {}) {
      const raw = post.raw ?? JSON.stringify(body);
      const signed = standardWebhookHeaders({
        secrets: Array.isArray(secrets) ? secrets : [secrets],
        id: post.webhookId ?? `msg_${randomUUID()}`,
        timestamp: post.timestamp ?? Math.floor(now().getTime() / 1000),
        rawBody: Buffer.isBuffer(raw) ? raw : Buffer.from(raw),
      });
      return app.inject({
        method: 'POST',
        url: `/v1/sources/${encodeURIComponent(sourceId)}/events`,
        headers: { 'content-type': 'application/json', ...signed, ...post.headers },
        payload: raw,
      });
    },
    async counts() {
      const entries = await Promise.all(
        INTAKE_TABLES.map(async (table) => {
          const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ingestion.${table}`);
          return [table, rows[0]!.n] as const;
        }),
      );
      return Object.fromEntries(entries) as Record<(typeof INTAKE_TABLES)[number], number>;
    },
    async close() {
      await app.close();
      await intake.component.stop();
      await relay?.relay.stop();
      await relay?.producer.stop();
      await pg.stop();
      await admin.end();
      await db.drop();
    },
  };
  return harness;
}

/** A valid sender event, `occurredAt` a minute ago. */
export function senderEvent(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    platform: 'custom',
    type: 'comment',
    direction: 'inbound',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    member: { platformId: `member-${id}` },
    content: { text: `hello from ${id}` },
    ...overrides,
  };
}
