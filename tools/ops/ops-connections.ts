import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { createKafka } from '@rapport/kit/kafka';
import { createLogger, type Logger } from '@rapport/kit/log';

// How the operator commands reach Kafka and Postgres: flags first, then the environment the
// services use, then the local defaults (docs/operations.md, "The operator CLI").

export interface KafkaTarget {
  brokers: string[];
}

export function brokersFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const text = flag ?? env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const brokers = text.split(',').map((b) => b.trim()).filter((b) => b !== '');
  if (brokers.length === 0) throw new Error('no Kafka broker given (--brokers or KAFKA_BROKERS)');
  return brokers;
}

/** An admin connection string that can read every service's schema (superuser or a read-all role). */
export function databaseUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag ?? env.OPS_DATABASE_URL;
  if (url === undefined || url === '') throw new Error('no database given (--database-url or OPS_DATABASE_URL)');
  return url;
}

/** Errors only: the commands print their own report; kafkajs' chatter would bury it. */
export function opsLogger(): Logger {
  return createLogger({ service: 'rapport-ops', level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'error', format: 'json' });
}

export function opsKafka(brokers: readonly string[], logger: Logger = opsLogger()): Kafka {
  return createKafka({ brokers, clientId: 'rapport-ops', logger });
}

/** Runs `work` with a pool of at most two connections, closed afterwards. */
export async function withPool<T>(databaseUrl: string, work: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2, application_name: 'rapport-ops' });
  pool.on('error', () => undefined); // an idle connection dropped; the next query reports it
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}
