import { assertPlainIdentifier } from '../pg/sql-identifier';
import { q, type Queryable } from '../pg/tagged-query';
import { outboxChannel, type OutboxMessage } from './outbox-record';

/**
 * Appends messages to `<schema>.outbox` inside the caller's transaction (pass the transaction's
 * client) and signals the relay. One statement, one round trip, however many messages.
 *
 * NOTE: NOTIFY is transactional: delivered on COMMIT, dropped on ROLLBACK, and several
 * notifications of one transaction on the same channel collapse into one.
 */
export async function writeOutbox(
  client: Queryable,
  messages: readonly OutboxMessage[],
  options: { schema: string },
): Promise<number> {
  if (messages.length === 0) return 0;
  const schema = assertPlainIdentifier(options.schema, 'schema');
  const { rows } = await q<{ inserted: number }>(
    client,
    'outbox:write',
    `WITH inserted AS (
       INSERT INTO "${schema}".outbox (topic, key, value, headers)
       SELECT m.topic, m.key, m.value, m.headers
         FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY
              AS m(topic, key, value, headers, ord)
        ORDER BY m.ord
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM inserted)::int AS inserted, pg_notify($5, '') AS notified`,
    [
      messages.map((m) => m.topic),
      messages.map((m) => m.key),
      messages.map((m) => m.value),
      messages.map((m) => JSON.stringify(m.headers ?? {})),
      outboxChannel(schema),
    ],
  );
  return rows[0]?.inserted ?? 0;
}
