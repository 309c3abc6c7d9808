import type { Pool, PoolClient } from 'pg';
import { isRetryableTransactionError } from './transient-errors';

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  readOnly?: boolean;
  /**
   * How many times to re-run the whole transaction after a serialization failure (40001) or a
   * deadlock (40P01). Default 0: retrying is only safe when `fn` has no side effects outside the
   * transaction, so the caller must ask for it.
   */
  retries?: number;
}

const BEGIN: Record<IsolationLevel, string> = {
  'read committed': 'BEGIN ISOLATION LEVEL READ COMMITTED',
  'repeatable read': 'BEGIN ISOLATION LEVEL REPEATABLE READ',
  serializable: 'BEGIN ISOLATION LEVEL SERIALIZABLE',
};

/**
 * Runs `fn` inside BEGIN … COMMIT on one pooled client; rolls back and rethrows on any error;
 * always gives the client back (destroying it when the connection is no longer usable).
 */
export async function transaction<T>(
  pool: Pick<Pool, 'connect'>,
  fn: (client: PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const retries = options.retries ?? 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await runOnce(pool, fn, options);
    } catch (err) {
      if (attempt >= retries || !isRetryableTransactionError(err)) throw err;
      // Jittered so the transactions that collided do not collide again in lockstep.
      await sleep(Math.min(1000, 10 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

async function runOnce<T>(
  pool: Pick<Pool, 'connect'>,
  fn: (client: PoolClient) => Promise<T>,
  options: TransactionOptions,
): Promise<T> {
  const client = await pool.connect();
  let unusable: Error | undefined;
  // TRICKY: pg-pool removes its 'error' listener while a client is checked out; a connection that
  // dies now would emit an unhandled 'error' and crash the process. The failing query rejects
  // anyway, so the listener only has to mark the client as not to be reused.
  const onError = (err: Error) => {
    unusable = err;
  };
  client.on('error', onError);
  try {
    const begin = BEGIN[options.isolation ?? 'read committed'];
    await client.query(options.readOnly === true ? `${begin} READ ONLY` : begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    try {
      // After a failed COMMIT the transaction is already over; ROLLBACK then only warns.
      await client.query('ROLLBACK');
    } catch (rollbackErr) {
      // The connection is broken: it must not go back to the pool.
      unusable = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
    }
    throw err;
  } finally {
    client.off('error', onError);
    client.release(unusable);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
