import { readdirSync } from 'node:fs';
import type { Pool } from 'pg';
import { q } from '@rapport/kit/pg';
import { migrationsDirOf } from '../../../infra/k8s/migrate-schema';
import { RAPPORT_SERVICES, type ServiceName } from '../../../infra/postgres/services';
import { migrationVerdict, type MigrationVerdict } from './migration-drift';

/** The release's migrations of a service: its `migrations/*.sql`, by name, as node-pg-migrate orders them. */
export function migrationFiles(service: ServiceName): string[] {
  return readdirSync(migrationsDirOf(service))
    .filter((file) => file.endsWith('.sql'))
    .map((file) => file.slice(0, -'.sql'.length))
    .sort();
}

/** What node-pg-migrate recorded in `<schema>.pgmigrations`, in the order it ran; null without the table. */
async function appliedMigrations(pool: Pool, schema: ServiceName): Promise<string[] | null> {
  const { rows: tables } = await q<{ present: boolean }>(pool, 'ops:migrations-table', 'SELECT to_regclass($1) IS NOT NULL AS present', [`"${schema}".pgmigrations`]);
  if (tables[0]?.present !== true) return null;
  const { rows } = await q<{ name: string }>(pool, 'ops:applied-migrations', `SELECT name FROM "${schema}".pgmigrations ORDER BY run_on, id`);
  return rows.map((r) => r.name);
}

/** Each service schema's applied migrations against this checkout's files. */
export async function verifyMigrations(pool: Pool, services: readonly ServiceName[] = RAPPORT_SERVICES): Promise<MigrationVerdict[]> {
  const verdicts: MigrationVerdict[] = [];
  for (const service of services) verdicts.push(migrationVerdict(service, migrationFiles(service), await appliedMigrations(pool, service)));
  return verdicts;
}
