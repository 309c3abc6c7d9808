// One service's database migrations, then exit: the entry point of the migration Jobs
// (infra/k8s/jobs/migrate-*.yaml), run from the service's own image so that the SQL files are the
// release's:
//
//   MIGRATION_DATABASE_URL=postgres://rapport_scoring_owner:…@host:5432/rapport \
//     node --import tsx infra/k8s/migrate-schema.ts scoring
//
// Exit codes: 0 the schema is at the release's latest migration (applied now or before);
// 1 anything failed (nothing of the batch stays applied: `migrate` runs in one transaction);
// 64 wrong usage.
//
// NOTE: the services can also migrate at start (MIGRATION_DATABASE_URL set). In Kubernetes they do
// not: the runtime pods never hold the owner role's credentials, and replicas do not race to
// migrate. This runner does exactly what each service's start does — `migrate` of
// `@rapport/kit/pg` over `services/<svc>/migrations` into schema `<svc>` (docs/architecture.md) —
// without starting anything else.
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as z from 'zod';
import { loadConfig, postgresUrl } from '@rapport/kit/config';
import { createLogger } from '@rapport/kit/log';
import { migrate } from '@rapport/kit/pg';
import { RAPPORT_SERVICES, type ServiceName } from '../postgres/services';

/** The Job's environment. */
export const MigrateJobEnv = z.object({
  /** The schema owner role `rapport_<svc>_owner`: the only role allowed DDL in the schema. */
  MIGRATION_DATABASE_URL: postgresUrl(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** `services/<svc>/migrations`, from the repository root (`/app` in the image). */
export function migrationsDirOf(service: ServiceName): string {
  return fileURLToPath(new URL(`../../services/${service}/migrations`, import.meta.url));
}

export function isServiceName(name: string | undefined): name is ServiceName {
  return (RAPPORT_SERVICES as readonly string[]).includes(name ?? '');
}

async function main(): Promise<void> {
  const service = process.argv[2];
  if (!isServiceName(service) || process.argv.length !== 3) {
    console.error(`usage: migrate-schema.ts <${RAPPORT_SERVICES.join('|')}>  (env MIGRATION_DATABASE_URL)`);
    process.exitCode = 64;
    return;
  }
  const env = loadConfig(MigrateJobEnv);
  const logger = createLogger({ service: `${service}-migrate`, level: env.LOG_LEVEL, format: 'json' });
  try {
    const applied = await migrate({ databaseUrl: env.MIGRATION_DATABASE_URL, schema: service, dir: migrationsDirOf(service), logger });
    logger.info({ applied }, applied.length === 0 ? 'schema already up to date' : `applied ${applied.length} migration(s)`);
  } catch (error) {
    // TRICKY: log the error object through pino (its redaction applies), never the URL.
    logger.fatal({ err: error }, 'migration failed');
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error('migration failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
