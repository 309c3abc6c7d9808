import { join } from 'node:path';
import { Pool } from 'pg';
import type { BenchDatabase } from '../support/bench-database';
import { REPO_ROOT } from '../support/bench-environment';
import { freePort, startNodeService, type NodeService } from '../support/node-service';

export interface ScoringUnderTest {
  service: NodeService;
  /** Superuser pool on the bench database. */
  admin: Pool;
  settings: Record<string, string>;
  backendPids(): Promise<number[]>;
  stop(): Promise<number | null>;
}

export interface ScoringStartOptions {
  db: BenchDatabase;
  brokers: readonly string[];
  topics: { interactions: string; relationships: string };
  groupId: string;
  artifactsDir: string;
  profile: boolean;
  /** Scoring's own settings (CONSUMER_MAX_BATCH_BYTES…), as environment. */
  settings: Record<string, string>;
}

/**
 * Scoring as in production: its own process (`node --import tsx services/scoring/src/main.ts`),
 * configured by environment, migrations run at start. Its healthz answers once the consumer has
 * joined its group (main.ts starts the consumer before listening).
 */
export async function startScoring(options: ScoringStartOptions): Promise<ScoringUnderTest> {
  const port = await freePort();
  const service = await startNodeService({
    name: 'scoring',
    script: join(REPO_ROOT, 'services/scoring/src/main.ts'),
    cwd: join(REPO_ROOT, 'services/scoring'),
    nodeFlags: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(options.artifactsDir, 'profiles')}`] : [],
    env: {
      NODE_ENV: 'production',
      // As services/scoring/README.md recommends: batches allocate many short-lived objects.
      NODE_OPTIONS: '--max-semi-space-size=64',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...options.settings,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: options.db.urlFor('scoring', 'runtime'),
      MIGRATION_DATABASE_URL: options.db.urlFor('scoring', 'owner'),
      KAFKA_BROKERS: options.brokers.join(','),
      ADMIN_TOKEN: 'bench-admin-token-0123456789',
      INTERACTIONS_TOPIC: options.topics.interactions,
      RELATIONSHIPS_TOPIC: options.topics.relationships,
      CONSUMER_GROUP: options.groupId,
    },
    logFile: join(options.artifactsDir, 'scoring.log'),
    healthUrl: `http://127.0.0.1:${port}/healthz`,
    startTimeoutMs: 120_000,
  });
  const admin = new Pool({ connectionString: options.db.adminUrl, max: 2 });
  return {
    service,
    admin,
    settings: options.settings,
    async backendPids() {
      const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'rapport-scoring%'", [options.db.database]);
      return rows.map((r) => r.pid);
    },
    async stop() {
      const code = await service.stop(30_000);
      await admin.end();
      return code;
    },
  };
}
