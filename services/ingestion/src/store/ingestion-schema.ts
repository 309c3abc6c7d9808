import { fileURLToPath } from 'node:url';
import type { Logger } from '@rapport/kit/log';
import { migrate } from '@rapport/kit/pg';

/** The schema ingestion owns; its tables (outbox included) live there. */
export const INGESTION_SCHEMA = 'ingestion';

/** `services/ingestion/migrations`: `<timestamp>_<name>.sql`, applied in name order. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Applies ingestion's pending migrations as the schema owner; throws (fails the start) on error. */
export function migrateIngestion(ownerUrl: string, logger: Logger): Promise<string[]> {
  return migrate({ databaseUrl: ownerUrl, schema: INGESTION_SCHEMA, dir: MIGRATIONS_DIR, logger });
}
