import type { Pool } from 'pg';
import { outboxBacklog } from '@rapport/kit/outbox';
import { RAPPORT_SERVICES } from '../../../infra/postgres/services';

export interface OutboxStatus {
  schema: string;
  /** Rows not yet published; null when the schema has no outbox (not migrated). */
  backlog: number | null;
  oldestAgeSeconds: number | null;
  error?: string;
}

/**
 * The outbox of every service schema: what the relays have not published yet and how old the
 * oldest row is — what `outbox_backlog_rows` and `outbox_oldest_age_seconds` export, read directly
 * (for when the services are down or unscraped).
 */
export async function outboxStatus(pool: Pool, schemas: readonly string[] = RAPPORT_SERVICES): Promise<OutboxStatus[]> {
  const statuses: OutboxStatus[] = [];
  for (const schema of schemas) {
    try {
      const backlog = await outboxBacklog(pool, schema);
      statuses.push({ schema, backlog: backlog.count, oldestAgeSeconds: backlog.oldestAgeSeconds });
    } catch (error) {
      statuses.push({ schema, backlog: null, oldestAgeSeconds: null, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return statuses;
}
