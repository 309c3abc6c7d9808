import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createTestDatabase, createTestTopics, deleteTestTopics, uniqueName, type TestDatabase } from '@rapport/testing';
import { Pool } from 'pg';
import type { SourceCredentials } from '../simulator/ingestion-admin';
import { freePort } from '@rapport/testing/ports';
import { REPO_ROOT, ServiceInstance, type ServiceKind } from './service-process';

// The whole of Rapport on this machine, for one test: its own database (provisioned roles and
// schemas), its own topics and consumer groups, the three services as separate processes. Each
// instance can be SIGKILLed and restarted; `stop()` tears everything down.

type Role = 'runtime' | 'owner';

export interface SystemOptions {
  /** Names topics, groups and the log folder: `flow`, `kill-scoring`… */
  label: string;
  kafkaBrokers: string[];
  /** A server-level superuser URL: the system's database is created (and dropped) with it. */
  adminDatabaseUrl: string;
  /** Partitions of both topics (and so the most consumer instances that share work). */
  partitions?: number;
  scoringInstances?: number;
  reportingInstances?: number;
  /** Extra environment, for every service or one kind. */
  env?: Partial<Record<ServiceKind | 'all', Record<string, string>>>;
  /** The URL a service is given for its database (a fault proxy in front of Postgres). */
  databaseUrlFor?: (kind: ServiceKind, role: Role, url: string) => string;
  /** Start the services (default) or only prepare database and topics. */
  startServices?: boolean;
  /** A provisioned database to use (a benchmark's own); else a fresh `rapport_test_*` one, dropped by `stop()`. */
  database?: SystemDatabase;
  /** Where the services' logs go (default `.local/e2e/<label>-<time>/`). */
  logDir?: string;
}

/** A provisioned database: roles, schemas and grants of the three services. */
export type SystemDatabase = Pick<TestDatabase, 'adminUrl' | 'urlFor' | 'drop'>;

export interface SystemTopics {
  interactions: string;
  relationships: string;
}

const ADMIN_HEADERS = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

export class RapportSystem {
  readonly ingestion: ServiceInstance[] = [];
  readonly scoring: ServiceInstance[] = [];
  readonly reporting: ServiceInstance[] = [];
  readonly adminToken = `e2e-admin-${randomBytes(12).toString('hex')}`;
  readonly sourceSecretKey = randomBytes(32).toString('base64');
  readonly logDir: string;
  private adminPool: Pool | undefined;

  private constructor(
    readonly options: SystemOptions,
    readonly database: SystemDatabase,
    readonly topics: SystemTopics,
    readonly groups: { scoring: string; reporting: string },
  ) {
    this.logDir = options.logDir ?? join(REPO_ROOT, '.local', 'e2e', `${options.label}-${Date.now().toString(36)}`);
  }

  static async start(options: SystemOptions): Promise<RapportSystem> {
    const partitions = options.partitions ?? 3;
    const topics = { interactions: uniqueName(`e2e-${options.label}-interactions`), relationships: uniqueName(`e2e-${options.label}-relationships`) };
    await createTestTopics(options.kafkaBrokers, [
      { topic: topics.interactions, numPartitions: partitions },
      { topic: `${topics.interactions}.dlq`, numPartitions: 1 },
      { topic: topics.relationships, numPartitions: partitions },
      { topic: `${topics.relationships}.dlq`, numPartitions: 1 },
    ]);
    const database = options.database ?? (await createTestDatabase(options.adminDatabaseUrl));
    const groups = { scoring: uniqueName(`e2e-${options.label}-scoring`), reporting: uniqueName(`e2e-${options.label}-reporting`) };
    const system = new RapportSystem(options, database, topics, groups);
    if (options.startServices === false) return system;
    try {
      // One at a time: each migrates its own schema on its first start, and two cores are better
      // spent starting one process quickly than three slowly.
      await system.addInstance('ingestion');
      for (let i = 0; i < (options.scoringInstances ?? 1); i++) await system.addInstance('scoring');
      for (let i = 0; i < (options.reportingInstances ?? 1); i++) await system.addInstance('reporting');
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  get ingestionUrl(): string {
    return this.first('ingestion').baseUrl;
  }

  get reportingUrl(): string {
    return this.first('reporting').baseUrl;
  }

  instances(kind?: ServiceKind): ServiceInstance[] {
    if (kind !== undefined) return this[kind];
    return [...this.ingestion, ...this.scoring, ...this.reporting];
  }

  first(kind: ServiceKind): ServiceInstance {
    const instance = this[kind][0];
    if (instance === undefined) throw new Error(`no ${kind} instance`);
    return instance;
  }

  /** A superuser pool on the system's database, to read every schema (reconciliation). */
  admin(): Pool {
    if (this.adminPool === undefined) {
      this.adminPool = new Pool({ connectionString: this.database.adminUrl, max: 3, application_name: 'rapport-e2e' });
      // NOTE: an idle connection cut by a Postgres restart (a fault case) must not crash the test;
      // the next query reports the problem, with a new connection.
      this.adminPool.on('error', () => undefined);
    }
    return this.adminPool;
  }

  /** Starts one more instance of a service (a second consumer-group member, a replica). */
  async addInstance(kind: ServiceKind, extraEnv: Record<string, string> = {}): Promise<ServiceInstance> {
    const port = await freePort();
    const name = `${kind}-${this[kind].length + 1}`;
    const instance = new ServiceInstance({ kind, name, port, env: { ...this.envFor(kind, port), ...extraEnv }, logFile: join(this.logDir, `${name}.log`) });
    this[kind].push(instance);
    await instance.start();
    return instance;
  }

  envFor(kind: ServiceKind, port: number): Record<string, string> {
    const url = (role: Role) => {
      const plain = this.database.urlFor(kind, role);
      return this.options.databaseUrlFor?.(kind, role, plain) ?? plain;
    };
    const common = {
      PORT: String(port),
      DATABASE_URL: url('runtime'),
      MIGRATION_DATABASE_URL: url('owner'),
      KAFKA_BROKERS: this.options.kafkaBrokers.join(','),
      ADMIN_TOKEN: this.adminToken,
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '10s',
    };
    const own: Record<ServiceKind, Record<string, string>> = {
      ingestion: {
        SOURCE_SECRET_KEY: this.sourceSecretKey,
        INTERACTIONS_TOPIC: this.topics.interactions,
        // The simulator is one client sending as fast as the test asks: no per-source throttling.
        SOURCE_RATE_LIMIT_PER_SECOND: '1000000',
      },
      scoring: {
        INTERACTIONS_TOPIC: this.topics.interactions,
        RELATIONSHIPS_TOPIC: this.topics.relationships,
        CONSUMER_GROUP: this.groups.scoring,
        // A killed member's partitions move within seconds (the broker allows sessions from 1 s).
        CONSUMER_SESSION_TIMEOUT: '6s',
      },
      reporting: {
        RELATIONSHIPS_TOPIC: this.topics.relationships,
        CONSUMER_GROUP: this.groups.reporting,
        CONSUMER_SESSION_TIMEOUT: '6s',
        API_RATE_LIMIT_MAX: '1000000',
      },
    };
    return { ...common, ...own[kind], ...this.options.env?.all, ...this.options.env?.[kind] };
  }

  /** `POST /v1/admin/sources` on ingestion: a `custom` source for the brand, with its secret. */
  async createSource(brandId: string, name = `e2e ${this.options.label}`): Promise<SourceCredentials> {
    const reply = await fetch(`${this.ingestionUrl}/v1/admin/sources`, {
      method: 'POST',
      headers: ADMIN_HEADERS(this.adminToken),
      body: JSON.stringify({ brandId, platform: 'custom', name }),
    });
    if (reply.status !== 201) throw new Error(`creating a source: HTTP ${reply.status} ${await reply.text()}`);
    const created = (await reply.json()) as { id: string; secret: string };
    return { sourceId: created.id, secret: created.secret };
  }

  /** `POST /v1/admin/api-keys` on reporting: a key for these brands. */
  async mintApiKey(brands: string[]): Promise<string> {
    const reply = await fetch(`${this.reportingUrl}/v1/admin/api-keys`, {
      method: 'POST',
      headers: ADMIN_HEADERS(this.adminToken),
      body: JSON.stringify({ name: `e2e ${this.options.label}`, brands }),
    });
    if (reply.status !== 201) throw new Error(`minting an API key: HTTP ${reply.status} ${await reply.text()}`);
    return ((await reply.json()) as { key: string }).key;
  }

  /** Stops every instance (SIGTERM, then SIGKILL), drops the database, deletes the topics. */
  async stop(): Promise<void> {
    const results = await Promise.allSettled(this.instances().map((instance) => instance.stop(15_000)));
    await this.adminPool?.end().catch(() => undefined);
    this.adminPool = undefined;
    await this.database.drop().catch(() => undefined);
    const topics = [this.topics.interactions, this.topics.relationships];
    await deleteTestTopics(this.options.kafkaBrokers, [...topics, ...topics.map((t) => `${t}.dlq`)]).catch(() => undefined);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed?.status === 'rejected') throw failed.reason;
  }
}
