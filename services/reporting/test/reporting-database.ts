/** A migrated `reporting` schema in a throwaway database, and a pool as the runtime role. */
import { fileURLToPath } from 'node:url';
import { Client, Pool } from 'pg';
import { pino } from 'pino';
import { migrate } from '@rapport/kit/pg';
import { createTestDatabase, type TestDatabase } from '@rapport/testing';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface ReportingDatabase {
  db: TestDatabase;
  pool: Pool;
  /** Empties every read model (a fresh schema for a replay). */
  truncate(): Promise<void>;
  close(): Promise<void>;
}

export async function createReportingDatabase(): Promise<ReportingDatabase> {
  const db = await createTestDatabase();
  await migrate({ databaseUrl: db.urlFor('reporting', 'owner'), schema: 'reporting', dir: MIGRATIONS_DIR, logger: pino({ level: 'silent' }) });
  const pool = new Pool({ connectionString: db.urlFor('reporting', 'runtime'), max: 6 });
  return {
    db,
    pool,
    async truncate() {
      const admin = new Client({ connectionString: db.adminUrl });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ t: string }>(
          "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'reporting' AND tablename NOT IN ('pgmigrations', 'api_keys', 'outbox')",
        );
        await admin.query(`TRUNCATE ${rows.map((r) => `reporting."${r.t}"`).join(', ')}`);
      } finally {
        await admin.end();
      }
    },
    async close() {
      await pool.end();
      await db.drop();
    },
  };
}

/** Every read-model row, in a canonical order: two snapshots are equal iff the read models are. */
export async function snapshotReadModels(pool: Pool): Promise<Record<string, unknown[]>> {
  const { rows: tables } = await pool.query<{ t: string }>(
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'reporting' AND tablename NOT IN ('pgmigrations', 'api_keys', 'outbox') ORDER BY 1",
  );
  const out: Record<string, unknown[]> = {};
  for (const { t } of tables) {
    const { rows } = await pool.query<{ j: unknown }>(`SELECT to_jsonb(x) AS j FROM reporting."${t}" x ORDER BY to_jsonb(x)::text`);
    out[t] = rows.map((r) => r.j);
  }
  return out;
}
