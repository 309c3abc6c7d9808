import { spawn } from 'node:child_process';
import { Client } from 'pg';

export const DEFAULT_ADMIN_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_KAFKA_BROKERS = ['127.0.0.1:9092'];

export interface BenchInfrastructure {
  kafkaBrokers: string[];
  adminDatabaseUrl: string;
}

/**
 * Kafka and Postgres for the benchmarks: `KAFKA_BROKERS` / `DATABASE_ADMIN_URL` when set, else the
 * native broker (started with `infra/kafka/kafka.sh start`, a no-op when it runs) and the local
 * Postgres. Throws, naming what is missing, when either does not answer.
 */
export async function ensureInfrastructure(repoRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<BenchInfrastructure> {
  const fromEnv = env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter((b) => b !== '');
  const kafkaBrokers = fromEnv !== undefined && fromEnv.length > 0 ? fromEnv : DEFAULT_KAFKA_BROKERS;
  if (fromEnv === undefined || fromEnv.length === 0) await startNativeKafka(repoRoot);
  const adminDatabaseUrl = env.DATABASE_ADMIN_URL?.trim() || DEFAULT_ADMIN_DATABASE_URL;
  await assertPostgresAnswers(adminDatabaseUrl);
  return { kafkaBrokers, adminDatabaseUrl };
}

function startNativeKafka(repoRoot: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its progress goes to our stderr; stdout stays free for the runner's own output.
    const child = spawn('bash', ['infra/kafka/kafka.sh', 'start'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`infra/kafka/kafka.sh start exited with ${String(code)}; see .local/kafka/logs/server.log`)),
    );
  });
}

async function assertPostgresAnswers(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: 'rapport-bench' });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    // NOTE: never print the URL: it may carry a password.
    throw new Error(`Postgres does not answer (set DATABASE_ADMIN_URL to use another): ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
