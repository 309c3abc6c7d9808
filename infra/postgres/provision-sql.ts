import { escapeLiteral } from 'pg';
import { RAPPORT_SERVICES, roleFor, type RoleKind, type ServiceName } from './services';

/**
 * The single source of the roles, schemas and grants: `provision.ts` executes these statements and
 * `render-init-sql.ts` writes them into `init/01-rapport.sql` for the Postgres image, so the two
 * cannot drift (a unit test compares the committed file with a fresh rendering).
 *
 * Every statement is idempotent, so provisioning can run at every deploy and in every test file.
 */

export type Passwords = Partial<Record<ServiceName, Partial<Record<RoleKind, string>>>>;

/** Cluster-wide: roles exist once per server, whatever the database. */
export function roleStatements(passwords: Passwords = {}): string[] {
  const statements: string[] = [];
  for (const service of RAPPORT_SERVICES) {
    for (const kind of ['owner', 'runtime'] as const) {
      const role = roleFor(service, kind);
      // Parallel provisioners (test files) may race to create the same role: the loser sees
      // duplicate_object, or unique_violation when both passed the existence check at once.
      statements.push(
        `DO $$ BEGIN CREATE ROLE ${role} LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
        `ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`,
        // Unqualified names resolve to the service's own schema (and pg_catalog), nothing else.
        `ALTER ROLE ${role} SET search_path = ${service}`,
      );
      const password = passwords[service]?.[kind];
      if (password !== undefined && password !== '') {
        statements.push(`ALTER ROLE ${role} PASSWORD ${escapeLiteral(password)}`);
      }
    }
  }
  return statements;
}

/** Per database: run while connected to it. Roles must exist already. */
export function databaseStatements(): string[] {
  const allRoles = RAPPORT_SERVICES.flatMap((s) => [roleFor(s, 'owner'), roleFor(s, 'runtime')]);
  const statements = [
    // No TEMP, no CONNECT for every role on the server: only ours may connect.
    `DO $$ BEGIN EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()); END $$`,
    `DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${allRoles.join(', ')}', current_database()); END $$`,
    // Nobody but a superuser uses `public`: no service can hide tables (or functions) there.
    'REVOKE ALL ON SCHEMA public FROM PUBLIC',
  ];
  for (const service of RAPPORT_SERVICES) {
    const owner = roleFor(service, 'owner');
    const runtime = roleFor(service, 'runtime');
    statements.push(
      `CREATE SCHEMA IF NOT EXISTS ${service} AUTHORIZATION ${owner}`,
      `ALTER SCHEMA ${service} OWNER TO ${owner}`,
      `REVOKE ALL ON SCHEMA ${service} FROM PUBLIC`,
      // USAGE only: the runtime role can neither create nor drop anything in its schema.
      `GRANT USAGE ON SCHEMA ${service} TO ${runtime}`,
      // Every table and sequence the owner's migrations create is readable/writable at runtime.
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${service} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${service} GRANT USAGE ON SEQUENCES TO ${runtime}`,
    );
  }
  return statements;
}
