import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { BenchDatabase } from '../support/bench-database';
import { REPO_ROOT } from '../support/bench-environment';
import { freePort, startNodeService, type NodeService } from '../support/node-service';

export interface IngestionUnderTest {
  service: NodeService;
  baseUrl: string;
  port: number;
  source: { id: string; secret: string };
  /** Superuser pool on the bench database: outbox depth, backend pids. */
  admin: Pool;
  settings: Record<string, string>;
  /** Rows still waiting in the outbox. */
  outboxDepth(): Promise<number>;
  /** Pids of the service's Postgres backends (their CPU is part of the cost of an event). */
  backendPids(): Promise<number[]>;
  stop(): Promise<number | null>;
}

export interface IngestionStartOptions {
  db: BenchDatabase;
  brokers: readonly string[];
  topic: string;
  artifactsDir: string;
  /** Run under `node --cpu-prof`, the profile written to `artifactsDir` on exit. */
  profile: boolean;
  logLevel: string;
  /** Extra `node` flags for the service (an experiment such as `--max-semi-space-size=64`). */
  nodeFlags: string[];
}

const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;

/**
 * Ingestion as in production: its own process (`node --import tsx services/ingestion/src/main.ts`),
 * configured by environment, migrations run at start, the outbox relay publishing to the bench's
 * topic. The per-source rate limit is lifted: the benchmark measures the service, not its limiter.
 */
export async function startIngestion(options: IngestionStartOptions): Promise<IngestionUnderTest> {
  const port = await freePort();
  const tuning = {
    NODE_ENV: 'production',
    LOG_LEVEL: options.logLevel,
    LOG_FORMAT: 'json',
    SOURCE_RATE_LIMIT_PER_SECOND: '100000000',
  };
  // What the report shows of the setup (no secrets, no URLs).
  const settings: Record<string, string> = { ...tuning, ...(options.nodeFlags.length > 0 ? { 'node flags': options.nodeFlags.join(' ') } : {}) };
  const service = await startNodeService({
    name: 'ingestion',
    script: join(REPO_ROOT, 'services/ingestion/src/main.ts'),
    cwd: join(REPO_ROOT, 'services/ingestion'),
    // NOTE: one profile per thread (tsx's module loader runs in a worker), so Node names them.
    nodeFlags: [...options.nodeFlags, ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(options.artifactsDir, 'profiles')}`] : [])],
    env: {
      ...tuning,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: options.db.urlFor('ingestion', 'runtime'),
      MIGRATION_DATABASE_URL: options.db.urlFor('ingestion', 'owner'),
      KAFKA_BROKERS: options.brokers.join(','),
      ADMIN_TOKEN,
      SOURCE_SECRET_KEY: randomBytes(32).toString('base64'),
      INTERACTIONS_TOPIC: options.topic,
    },
    logFile: join(options.artifactsDir, 'ingestion.log'),
    healthUrl: `http://127.0.0.1:${port}/readyz`,
    startTimeoutMs: 90_000,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const admin = new Pool({ connectionString: options.db.adminUrl, max: 2, application_name: 'rapport-bench' });
  try {
    const created = await fetch(`${baseUrl}/v1/admin/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ brandId: 'bench', platform: 'custom', name: 'ingestion benchmark' }),
    });
    if (created.status !== 201) throw new Error(`creating the bench source: ${created.status} ${await created.text()}`);
    const source = (await created.json()) as { id: string; secret: string };
    return {
      service,
      baseUrl,
      port,
      source,
      admin,
      settings,
      async outboxDepth() {
        const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM ingestion.outbox /* bench:outbox-depth */');
        return rows[0]?.n ?? 0;
      },
      async backendPids() {
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'rapport-ingestion%' /* bench:backends */`,
        );
        return rows.map((r) => r.pid);
      },
      async stop() {
        await admin.end();
        return service.stop();
      },
    };
  } catch (error) {
    await admin.end();
    await service.stop();
    throw error;
  }
}
