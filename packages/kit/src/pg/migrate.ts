import { runner } from 'node-pg-migrate';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { assertPlainIdentifier } from './sql-identifier';

export interface MigrateOptions {
  /** Connection string of the schema's owner role (`rapport_<svc>_owner`): the only role allowed DDL there. */
  databaseUrl: string;
  /** The service's schema (`ingestion`, `scoring`, `reporting`); migrations and their table live there. */
  schema: string;
  /** Folder of `<timestamp>_<name>.sql` files with `-- Up Migration` / `-- Down Migration` sections. */
  dir: string;
  logger: Logger;
  /**
   * The runtime role, which the owner's default privileges grant read/write on every new table;
   * it loses them on the migrations table. Default `rapport_<schema>`; skipped if no such role.
   */
  runtimeRole?: string;
  /** Default `pgmigrations`. */
  migrationsTable?: string;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Applies the pending migrations of one service's schema, all in one transaction, and returns the
 * names applied. Throws on any failure (nothing of the batch stays applied), so a service's start
 * fails with a non-zero exit instead of running against a half-migrated schema.
 *
 * Replicas starting together queue on an advisory lock keyed by the schema — not node-pg-migrate's
 * single global key, which would make the three services wait for each other.
 */
export async function migrate(options: MigrateOptions): Promise<string[]> {
  const schema = assertPlainIdentifier(options.schema, 'schema');
  const migrationsTable = assertPlainIdentifier(options.migrationsTable ?? 'pgmigrations', 'migrations table');
  const runtimeRole = assertPlainIdentifier(options.runtimeRole ?? `rapport_${schema}`, 'role');
  const log = options.logger.child({ schema });
  const client = new Client({ connectionString: options.databaseUrl, application_name: `migrate:${schema}` });
  // A lost connection also rejects the running query; without a listener it would crash the process.
  client.on('error', (err) => log.warn({ err: err.message }, 'migration connection lost'));
  try {
    await client.connect();
    // Session-level: released explicitly below, or by the server when this connection closes.
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`rapport:migrate:${schema}`]);
    const applied = await runner({
      dbClient: client,
      noLock: true,
      dir: options.dir,
      // Anything but `*.sql` (READMEs, dotfiles) is not a migration.
      ignorePattern: String.raw`.*(?<!\.sql)`,
      migrationLoaderStrategies: [{ extensions: ['.sql'], loader: 'legacySql' }],
      schema,
      migrationsSchema: schema,
      migrationsTable,
      direction: 'up',
      singleTransaction: true,
      checkOrder: true,
      createSchema: false,
      logger: {
        debug: (msg) => log.debug(msg),
        info: (msg) => log.info(msg),
        warn: (msg) => log.warn(msg),
        error: (msg) => log.error(msg),
      },
    });
    await keepMigrationsTablePrivate(client, schema, migrationsTable, runtimeRole);
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`rapport:migrate:${schema}`]);
    if (applied.length > 0) log.info({ applied: applied.map((m) => m.name) }, 'migrations applied');
    return applied.map((m) => m.name);
  } catch (err) {
    throw new MigrationError(`migrations of schema ${schema} failed: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  } finally {
    await client.end().catch(() => {});
  }
}

// TRICKY: the owner's default privileges hand every table it creates to the runtime role,
// including node-pg-migrate's own bookkeeping table; a service must not be able to rewrite its
// migration history.
async function keepMigrationsTablePrivate(client: Client, schema: string, table: string, role: string): Promise<void> {
  const { rows } = await client.query<{ exists: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists',
    [role],
  );
  if (rows[0]?.exists !== true) return;
  await client.query(`REVOKE ALL ON TABLE "${schema}"."${table}" FROM "${role}"`);
  await client.query(`REVOKE ALL ON SEQUENCE "${schema}"."${table}_id_seq" FROM "${role}"`);
}
