import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Component, Health } from '../lifecycle';
import { registerPoolMetrics } from './pool-metrics';
import { describePgError } from './transient-errors';

export interface CreatePoolOptions {
  connectionString: string;
  /** Shown in `pg_stat_activity` and server logs; also the `pool` label of the gauges. */
  applicationName: string;
  /** Most connections this process opens. Default 10. */
  max?: number;
  /** Server-side `statement_timeout` for every statement. Default 10 s; 0 disables. */
  statementTimeoutMs?: number;
  /**
   * Server-side `idle_in_transaction_session_timeout`: a leaked transaction cannot hold locks
   * forever. Default 60 s; 0 disables.
   */
  idleInTransactionTimeoutMs?: number;
  /** How long `connect()` may wait for a new connection or a free slot. Default 5 s. */
  connectionTimeoutMs?: number;
  /** Idle connections are closed after this. Default 30 s. */
  idleTimeoutMs?: number;
  /** The readiness probe's `SELECT 1` gives up after this. Default 2 s. */
  healthcheckTimeoutMs?: number;
  /** When given, pool saturation gauges (`pg_pool_*`) are registered here. */
  registry?: Registry;
  logger?: Logger;
}

/** The pool as a lifecycle `Component`: readiness probes it, shutdown ends it. */
export interface PgPool extends Component {
  readonly id: 'postgres';
  readonly pool: Pool;
}

export function createPool(options: CreatePoolOptions): PgPool {
  const pool = new Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
    // NOTE: pg's default is to wait forever for a connection; a dead database must surface as an
    // error (→ 503) within a request's lifetime instead.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
  });
  // An idle connection dropped by the server emits 'error' on the pool; unhandled, it would crash
  // the process. The pool discards that connection by itself and opens a new one when needed.
  pool.on('error', (err) => {
    options.logger?.warn({ code: describePgError(err) }, 'idle postgres connection lost');
  });
  const unregister = options.registry ? registerPoolMetrics(options.registry, options.applicationName, pool) : () => {};
  const healthcheckTimeoutMs = options.healthcheckTimeoutMs ?? 2_000;
  let ending: Promise<void> | undefined;

  return {
    id: 'postgres',
    pool,
    async healthcheck(): Promise<Health> {
      if (ending) return { ok: false, detail: 'stopped' };
      try {
        await withTimeout(pool.query('/* kit:healthcheck */ SELECT 1'), healthcheckTimeoutMs);
        return { ok: true };
      } catch (err) {
        return { ok: false, detail: `database unreachable: ${describePgError(err)}` };
      }
    },
    stop(): Promise<void> {
      ending ??= (async () => {
        unregister();
        await pool.end();
      })();
      return ending;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
