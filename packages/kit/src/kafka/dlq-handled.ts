/**
 * The consumer group whose committed offsets on a `<topic>.dlq` mark how far an operator has dealt
 * with its records (replayed them, or decided to drop them): `pnpm ops dlq ack`. Nothing consumes
 * with it; the records after its offset are the dead letters still waiting for someone, which is
 * what the "dead letters waiting" alert counts (`rapport_dlq_pending_messages`).
 */
export const DLQ_HANDLED_GROUP = 'rapport-ops.dlq-handled';
