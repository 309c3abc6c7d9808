import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { inject } from 'vitest';
import { databaseUrlFor, provisionDatabase, roleFor, type RoleKind, type ServiceName } from '../../../infra/postgres/provision';

export interface TestDatabase {
  /** `rapport_test_<random>`: never the developer's `rapport` database. */
  readonly database: string;
  /** Superuser connection string of this database. */
  readonly adminUrl: string;
  /** Connection string of this database as `rapport_<service>` (runtime) or `rapport_<service>_owner`. */
  urlFor(service: ServiceName, kind: RoleKind): string;
  /** Drops the database, closing any connection still open on it. Idempotent. */
  drop(): Promise<void>;
}

/**
 * The server-level admin URL: provided by the integration global setup, else the environment, else
 * the machine's own Postgres.
 */
export function adminDatabaseUrl(): string {
  let provided: unknown;
  try {
    // NOTE: typed loosely so this file does not depend on the global setup's ProvidedContext
    // declaration; `inject` answers undefined for a key nobody provided.
    provided = (inject as (key: string) => unknown)('adminDatabaseUrl');
  } catch {
    provided = undefined; // outside a vitest worker
  }
  if (typeof provided === 'string' && provided !== '') return provided;
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A fresh, provisioned database (roles, schemas, grants) for one test file. */
export async function createTestDatabase(adminUrl: string = adminDatabaseUrl()): Promise<TestDatabase> {
  const database = `rapport_test_${randomBytes(6).toString('hex')}`;
  await provisionDatabase({ adminUrl, database });
  let dropped: Promise<void> | undefined;
  return {
    database,
    adminUrl: databaseUrlFor(adminUrl, database),
    urlFor: (service, kind) => databaseUrlFor(adminUrl, database, roleFor(service, kind)),
    drop: () => (dropped ??= dropDatabase(adminUrl, database)),
  };
}

async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  if (!database.startsWith('rapport_test_')) throw new Error(`refusing to drop ${database}`);
  const client = new Client({ connectionString: adminUrl, application_name: 'rapport-test-drop' });
  client.on('error', () => {}); // reported by the rejected query
  await client.connect();
  try {
    // NOTE: a pool's end() can resolve before the server has seen its clients go; forcing the
    // drop then sends them a FATAL 57P01 that surfaces as an unhandled error in the test that
    // just ended cleanly. Give closing connections a moment; FORCE only what is really left.
    for (let waited = 0; waited < 3_000; waited += 50) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [database],
      );
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
