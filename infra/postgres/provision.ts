import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { databaseStatements, roleStatements, type Passwords } from './provision-sql';
import { RAPPORT_SERVICES, roleFor, type RoleKind, type ServiceName } from './services';

export type { Passwords } from './provision-sql';

export interface ProvisionOptions {
  /** A superuser (or equivalent) connection string; its database part is irrelevant. */
  adminUrl: string;
  /** The database to create if missing and provision: `rapport` in production. */
  database: string;
  /** Set or rotate role passwords (production); local Postgres uses trust auth. */
  passwords?: Passwords;
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Idempotently creates the database, the six roles, the three schemas and their grants.
 * Safe to run concurrently (parallel test files each provisioning their own database).
 */
export async function provisionDatabase(options: ProvisionOptions): Promise<void> {
  if (!DATABASE_NAME.test(options.database)) throw new Error(`invalid database name ${JSON.stringify(options.database)}`);
  await withClient(options.adminUrl, async (admin) => {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (rowCount === 0) {
      await admin.query(`CREATE DATABASE "${options.database}"`).catch((err: unknown) => {
        if (!hasCode(err, '42P04')) throw err; // duplicate_database: another provisioner won the race
      });
    }
    // TRICKY: concurrent ALTER ROLE on the same role fails with "tuple concurrently updated".
    // Roles are cluster-wide and every provisioner connects to the admin database, so one advisory
    // lock there serialises them.
    await inTransaction(admin, 'rapport:provision:roles', roleStatements(options.passwords));
  });
  await withClient(databaseUrlFor(options.adminUrl, options.database), async (db) => {
    await inTransaction(db, 'rapport:provision:database', databaseStatements());
  });
}

/** The connection string of `database`, as the admin, or as `role` (with `password` if given). */
export function databaseUrlFor(adminUrl: string, database: string, role?: string, password?: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  if (role !== undefined) {
    url.username = encodeURIComponent(role);
    url.password = password === undefined ? '' : encodeURIComponent(password);
  }
  return url.toString();
}

/** `RAPPORT_<SVC>_PASSWORD` and `RAPPORT_<SVC>_OWNER_PASSWORD`; unset variables leave a role passwordless. */
export function passwordsFromEnv(env: NodeJS.ProcessEnv): Passwords {
  const passwords: Passwords = {};
  for (const service of RAPPORT_SERVICES) {
    const prefix = `RAPPORT_${service.toUpperCase()}`;
    const entry: Partial<Record<RoleKind, string>> = {};
    const runtime = env[`${prefix}_PASSWORD`];
    const owner = env[`${prefix}_OWNER_PASSWORD`];
    if (runtime) entry.runtime = runtime;
    if (owner) entry.owner = owner;
    if (entry.runtime !== undefined || entry.owner !== undefined) passwords[service] = entry;
  }
  return passwords;
}

export { RAPPORT_SERVICES, roleFor, type RoleKind, type ServiceName };

async function inTransaction(client: Client, lockKey: string, statements: string[]): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey]);
    for (const statement of statements) await client.query(statement);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

async function withClient(connectionString: string, fn: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ connectionString, application_name: 'rapport-provision' });
  client.on('error', () => {}); // a lost connection also rejects the running query, which is what reports it
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

function hasCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === code;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'rapport' },
      'admin-url': { type: 'string' },
    },
  });
  const adminUrl = values['admin-url'] ?? process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = values.database;
  await provisionDatabase({ adminUrl, database, passwords: passwordsFromEnv(process.env) });
  // Never print the admin URL: it may carry a password.
  console.log(`provisioned database ${database}: schemas ${RAPPORT_SERVICES.join(', ')}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error('provisioning failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
