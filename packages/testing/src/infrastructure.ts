import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from 'pg';

/** Where the integration tests' Kafka and Postgres come from, and how to release them. */
export interface Infrastructure {
  kafkaBrokers: string[];
  adminDatabaseUrl: string;
  /** Human-readable origin of each, for the run's log. */
  origin: { kafka: string; postgres: string };
  /** Stops what this run started itself (containers); shared local services are left running. */
  release(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
// Images for the Docker path; cp-kafka 7.9 is Kafka 3.9 in KRaft mode.
const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';
const POSTGRES_IMAGE = 'postgres:15-alpine';

/**
 * Finds the infrastructure in this order: (a) `KAFKA_BROKERS` / `DATABASE_URL` in the
 * environment; (b) throwaway testcontainers when a Docker engine answers; (c) the project's
 * native Kafka runner and the machine's own Postgres. Each resource is resolved on its own, so
 * e.g. a CI-provided Postgres can be combined with a local Kafka.
 */
export async function resolveInfrastructure(env: NodeJS.ProcessEnv = process.env): Promise<Infrastructure> {
  const envBrokers = parseBrokers(env.KAFKA_BROKERS);
  const envDatabase = env.DATABASE_URL?.trim() || undefined;
  const releases: (() => Promise<void>)[] = [];
  const release = async () => {
    await Promise.allSettled(releases.map((r) => r()));
  };

  let kafkaBrokers = envBrokers;
  let adminDatabaseUrl = envDatabase;
  const origin = { kafka: 'KAFKA_BROKERS', postgres: 'DATABASE_URL' };

  try {
    if (kafkaBrokers === undefined || adminDatabaseUrl === undefined) {
      if (await dockerAnswers()) {
        const started = await startContainers({ kafka: kafkaBrokers === undefined, postgres: adminDatabaseUrl === undefined });
        releases.push(...started.releases);
        if (started.kafkaBrokers !== undefined) {
          kafkaBrokers = started.kafkaBrokers;
          origin.kafka = `testcontainers ${KAFKA_IMAGE}`;
        }
        if (started.adminDatabaseUrl !== undefined) {
          adminDatabaseUrl = started.adminDatabaseUrl;
          origin.postgres = `testcontainers ${POSTGRES_IMAGE}`;
        }
      }
    }
    if (kafkaBrokers === undefined) {
      await runNativeKafka();
      kafkaBrokers = ['127.0.0.1:9092'];
      origin.kafka = 'native broker (infra/kafka/kafka.sh)';
    }
    if (adminDatabaseUrl === undefined) {
      await assertPostgresAnswers(LOCAL_POSTGRES);
      adminDatabaseUrl = LOCAL_POSTGRES;
      origin.postgres = 'local Postgres';
    }
  } catch (error) {
    await release();
    throw error;
  }
  return { kafkaBrokers, adminDatabaseUrl, origin, release };
}

export function parseBrokers(value: string | undefined): string[] | undefined {
  const brokers = (value ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  return brokers.length > 0 ? brokers : undefined;
}

/** testcontainers' own runtime check; it answers at once when no engine or socket exists. */
async function dockerAnswers(): Promise<boolean> {
  // NOTE: imported lazily: loading testcontainers costs half a second we skip when the env answers.
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainers(wanted: { kafka: boolean; postgres: boolean }) {
  const releases: (() => Promise<void>)[] = [];
  const [kafkaBrokers, adminDatabaseUrl] = await Promise.all([
    wanted.kafka
      ? (async () => {
          const { KafkaContainer } = await import('@testcontainers/kafka');
          const container = await new KafkaContainer(KAFKA_IMAGE).withKraft().start();
          releases.push(async () => {
            await container.stop();
          });
          // The container's PLAINTEXT listener for clients on the host (9093 inside).
          return [`${container.getHost()}:${container.getMappedPort(9093)}`];
        })()
      : undefined,
    wanted.postgres
      ? (async () => {
          const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
          const container = await new PostgreSqlContainer(POSTGRES_IMAGE).start();
          releases.push(async () => {
            await container.stop();
          });
          return container.getConnectionUri();
        })()
      : undefined,
  ]);
  return { kafkaBrokers, adminDatabaseUrl, releases };
}

/** `kafka.sh start` is idempotent: it returns at once when the shared broker already runs. */
function runNativeKafka(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['infra/kafka/kafka.sh', 'start'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`infra/kafka/kafka.sh start exited with ${code}; see .local/kafka/logs/server.log`));
    });
  });
}

async function assertPostgresAnswers(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`no Postgres at ${url} (set DATABASE_URL to use another): ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
