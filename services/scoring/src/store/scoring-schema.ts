import { fileURLToPath } from 'node:url';
import type { Logger } from '@rapport/kit/log';
import { migrate } from '@rapport/kit/pg';

/** Scoring's Postgres schema: its runtime role's search_path, and where its outbox lives. */
export const SCORING_SCHEMA = 'scoring';

export const SCORING_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Applies scoring's pending migrations as the schema owner. */
export function migrateScoring(ownerUrl: string, logger: Logger): Promise<string[]> {
  return migrate({ databaseUrl: ownerUrl, schema: SCORING_SCHEMA, dir: SCORING_MIGRATIONS_DIR, logger });
}
