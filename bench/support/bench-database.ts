import { Client } from 'pg';
import { databaseUrlFor, provisionDatabase, roleFor, type RoleKind, type ServiceName } from '../../infra/postgres/provision';

export interface BenchDatabase {
  /** `rapport_bench_<benchmark>`. */
  readonly database: string;
  /** Superuser connection string of this database, to look at what the services stored. */
  readonly adminUrl: string;
  urlFor(service: ServiceName, kind: RoleKind): string;
  drop(): Promise<void>;
}

/**
 * The benchmark's own provisioned database (roles, schemas, grants), created fresh: a leftover of a
 * run that crashed is dropped first, so figures never depend on an earlier run's data.
 */
export async function createBenchDatabase(benchmark: string, adminUrl: string): Promise<BenchDatabase> {
  const database = `rapport_bench_${benchmark.replace(/-/g, '_')}`;
  await dropDatabase(adminUrl, database);
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
  if (!/^rapport_bench_[a-z0-9_]+$/.test(database)) throw new Error(`refusing to drop ${database}`);
  const client = new Client({ connectionString: adminUrl, application_name: 'rapport-bench' });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
