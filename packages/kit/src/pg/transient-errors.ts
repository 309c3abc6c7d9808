/**
 * Classifies errors from `pg` so callers answer 503 / retry with backoff when the database is down,
 * restarting, overloaded or asked them to retry — and 500 only for real bugs.
 */

// SQLSTATEs that say "try again later", not "your query is wrong".
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '55P03', // lock_not_available (lock_timeout / NOWAIT)
  '57014', // query_canceled — NOTE: mostly statement_timeout under load; a retry is bounded by the caller
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovery)
]);

// Socket-level failures reported by Node. ENOTFOUND is left out on purpose: a wrong host name is a
// configuration error that should fail loudly, not be retried forever.
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// node-postgres reports a lost or never-established connection with plain Errors and no code.
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Query read timeout',
];

/** The SQLSTATE (`'40001'`) or Node error code (`'ECONNREFUSED'`) of an error, if it has one. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

export function isTransientPgError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  const code = errorCode(err);
  if (code !== undefined) {
    if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_NODE_CODES.has(code)) return true;
    if (code.startsWith('08')) return true; // connection_exception class
  }
  if (err instanceof Error && TRANSIENT_MESSAGES.some((m) => err.message.includes(m))) return true;
  // Node 20 wraps parallel connection attempts in an AggregateError; errors may also carry a cause.
  if (err instanceof AggregateError && err.errors.some((e) => isTransientPgError(e, depth + 1))) return true;
  if ('cause' in err && err.cause !== undefined) return isTransientPgError(err.cause, depth + 1);
  return false;
}

/** Serialization failures and deadlocks: the whole transaction may be retried as is. */
export function isRetryableTransactionError(err: unknown): boolean {
  const code = errorCode(err);
  return code === '40001' || code === '40P01';
}

/** A short, safe description for health details and logs: the code, never SQL or parameters. */
export function describePgError(err: unknown): string {
  const code = errorCode(err);
  if (code !== undefined) return code;
  if (err instanceof Error) return err.message.slice(0, 120);
  return 'unknown error';
}
