import type { Pool } from 'pg';
import { assertPlainIdentifier } from '../pg/sql-identifier';
import { q } from '../pg/tagged-query';

export interface OutboxBacklog {
  /** Rows not yet published. */
  count: number;
  /** Age of the oldest unpublished row, 0 when empty. */
  oldestAgeSeconds: number;
}

/**
 * How far behind the relay is: ingestion bounds its backlog with it, the relay exports it.
 * NOTE: an exact count scans the table; cheap while the relay keeps up (the table is near empty),
 * and proportional to the backlog during a Kafka outage — cache it rather than call it per request.
 */
export async function outboxBacklog(pool: Pick<Pool, 'query'>, schema: string): Promise<OutboxBacklog> {
  assertPlainIdentifier(schema, 'schema');
  const { rows } = await q<{ count: string; oldest_age_seconds: number }>(
    pool,
    'outbox:backlog',
    `SELECT count(*) AS count,
            COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0)::float8 AS oldest_age_seconds
       FROM "${schema}".outbox`,
  );
  const row = rows[0];
  return { count: Number(row?.count ?? 0), oldestAgeSeconds: Math.max(0, row?.oldest_age_seconds ?? 0) };
}
