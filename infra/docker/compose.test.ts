// docker-compose.yml and the Dockerfile cannot run on this project's machines (no Docker
// engine), so they are checked statically against the code they configure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@rapport/kit/config';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type * as z from 'zod';
import { ingestionConfigSchema } from '../../services/ingestion/src/config';
import { reportingConfigSchema } from '../../services/reporting/src/config';
import { scoringConfigSchema } from '../../services/scoring/src/config';
import { TopicsEnv } from '../kafka/topics';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  command?: string[];
  working_dir?: string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
const services = compose.services;

const RAPPORT: Record<string, { schema: z.ZodType; defaultPort: number }> = {
  ingestion: { schema: ingestionConfigSchema, defaultPort: 3001 },
  scoring: { schema: scoringConfigSchema, defaultPort: 3002 },
  reporting: { schema: reportingConfigSchema, defaultPort: 3003 },
};
/** Jobs run once and exit; everything else is long-running. */
const isJob = (service: ComposeService) => service.restart === 'no';
const service = (name: string): ComposeService => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const env = (name: string): Record<string, string> => service(name).environment ?? {};

describe('docker-compose.yml', () => {
  it('runs Kafka, Postgres and the three services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['kafka', 'postgres', ...Object.keys(RAPPORT)]));
  });

  it('gives every long-running service a healthcheck, and jobs none', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (isJob(svc)) expect(svc.healthcheck, name).toBeUndefined();
      else expect(svc.healthcheck?.test.length, `${name} has no healthcheck`).toBeGreaterThan(1);
    }
  });

  it('starts a service only after what it depends on is healthy (or, for a job, done)', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(svc.depends_on ?? {})) {
        const target = service(dependency);
        expect(condition, `${name} → ${dependency}`).toBe(isJob(target) ? 'service_completed_successfully' : 'service_healthy');
      }
    }
    for (const name of Object.keys(RAPPORT)) {
      expect(Object.keys(service(name).depends_on ?? {}).sort()).toEqual(['db-provision', 'kafka', 'kafka-topics', 'postgres']);
    }
    expect(service('db-provision').depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(service('kafka-topics').depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
  });

  describe.each(Object.entries(RAPPORT))('%s', (name, { schema, defaultPort }) => {
    const environment = env(name);

    it("has an environment its config schema accepts, listening on all interfaces", () => {
      const config = loadConfig(schema, environment) as { service: string; http: { host: string; port: number }; nodeEnv: string; log: { format: string } };
      expect(config.service).toBe(name);
      expect(config.http.host).toBe('0.0.0.0');
      expect(config.nodeEnv).toBe('production');
      expect(config.log.format).toBe('json');
    });

    it('uses the port of its configuration default, published on the loopback only', () => {
      const withoutPort = { ...environment };
      delete withoutPort.PORT;
      const byDefault = loadConfig(schema, withoutPort) as { http: { port: number } };
      expect(byDefault.http.port).toBe(defaultPort);
      expect(Number(environment.PORT)).toBe(defaultPort);
      expect(service(name).ports).toEqual([`127.0.0.1:${defaultPort}:${defaultPort}`]);
    });

    it('connects as its runtime role, migrates as its owner role, with the passwords provisioning sets', () => {
      const runtime = new URL(environment.DATABASE_URL ?? '');
      const owner = new URL(environment.MIGRATION_DATABASE_URL ?? '');
      const provision = env('db-provision');
      expect([runtime.hostname, runtime.port, runtime.pathname]).toEqual(['postgres', '5432', '/rapport']);
      expect([owner.hostname, owner.port, owner.pathname]).toEqual(['postgres', '5432', '/rapport']);
      expect(runtime.username).toBe(`rapport_${name}`);
      expect(owner.username).toBe(`rapport_${name}_owner`);
      expect(decodeURIComponent(runtime.password)).toBe(provision[`RAPPORT_${name.toUpperCase()}_PASSWORD`]);
      expect(decodeURIComponent(owner.password)).toBe(provision[`RAPPORT_${name.toUpperCase()}_OWNER_PASSWORD`]);
      expect(new URL(provision.DATABASE_ADMIN_URL ?? '').password).toBe(env('postgres').POSTGRES_PASSWORD);
    });

    it('reaches Kafka on the listener advertised to the compose network', () => {
      expect(environment.KAFKA_BROKERS).toBe('kafka:9092');
      expect(env('kafka').KAFKA_ADVERTISED_LISTENERS).toContain('//kafka:9092');
    });

    it('is built from the shared Dockerfile for itself, and checked by its healthcheck script', () => {
      expect(service(name).build).toEqual({ context: '.', dockerfile: 'infra/docker/Dockerfile', args: { SERVICE: name } });
      expect(service(name).healthcheck?.test).toEqual(['CMD', 'node', '/app/infra/docker/healthcheck.mjs']);
    });
  });

  it('runs Kafka in KRaft mode: one node as broker and controller, no ZooKeeper', () => {
    const kafka = env('kafka');
    expect(service('kafka').image).toMatch(/^apache\/kafka:(3\.9|4)\./);
    expect(kafka.KAFKA_PROCESS_ROLES?.split(',').sort()).toEqual(['broker', 'controller']);
    expect(kafka.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${kafka.KAFKA_NODE_ID}@kafka:9093`);
    expect(kafka.KAFKA_LISTENERS).toContain('CONTROLLER://:9093');
    expect(kafka.KAFKA_CONTROLLER_LISTENER_NAMES).toBe('CONTROLLER');
    // A cluster id is 16 bytes in base64url.
    expect(Buffer.from(kafka.CLUSTER_ID ?? '', 'base64url')).toHaveLength(16);
    expect(Object.keys(kafka).some((key) => key.includes('ZOOKEEPER'))).toBe(false);
    expect(Object.keys(services).some((name) => name.includes('zookeeper'))).toBe(false);
    // Every listener has a security protocol; replication fits a single node.
    const protocols = new Set((kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP ?? '').split(',').map((pair) => pair.split(':')[0]));
    for (const listener of (kafka.KAFKA_LISTENERS ?? '').split(',')) expect(protocols.has(listener.split(':')[0])).toBe(true);
    expect(kafka.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
  });

  it('creates the topics with an environment the topics script accepts', () => {
    const topics = service('kafka-topics');
    expect(topics.command).toEqual(['node', '--import', 'tsx', 'infra/kafka/topics.ts']);
    expect(existsSync(`${root}infra/kafka/topics.ts`)).toBe(true);
    expect(loadConfig(TopicsEnv, env('kafka-topics')).KAFKA_BROKERS).toEqual(['kafka:9092']);
  });

  it('runs Postgres 15 with the roles-and-schemas init scripts mounted', () => {
    const postgres = service('postgres');
    expect(postgres.image).toMatch(/^postgres:15(\.|-|$)/);
    expect(postgres.volumes).toContain('./infra/postgres/init:/docker-entrypoint-initdb.d:ro');
    expect(readdirSync(`${root}infra/postgres/init`).some((file) => file.endsWith('.sql'))).toBe(true);
    expect(env('postgres').POSTGRES_DB).toBe('rapport');
    const provision = service('db-provision');
    expect(provision.command?.slice(0, 4)).toEqual(['node', '--import', 'tsx', 'infra/postgres/provision.ts']);
    expect(existsSync(`${root}infra/postgres/provision.ts`)).toBe(true);
  });

  it('publishes ports on the loopback only and declares the volumes it uses', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const port of svc.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
      for (const volume of svc.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (!source.startsWith('.')) expect(Object.keys(compose.volumes ?? {}), `${name} volume ${source}`).toContain(source);
      }
    }
  });
});

describe('infra/docker/Dockerfile', () => {
  const dockerfile = read('infra/docker/Dockerfile');
  const workspacePackages = ['packages', 'services'].flatMap((dir) =>
    readdirSync(`${root}${dir}`, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(`${root}${dir}/${entry.name}/package.json`))
      .map((entry) => `${dir}/${entry.name}`),
  );

  it('installs from the lockfile with the pinned pnpm on Node 20', () => {
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=20\.\d+\.\d+$/m);
    expect(dockerfile).toMatch(/^FROM node:\$\{NODE_VERSION\}-bookworm-slim AS install$/m);
    const pinned = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager;
    expect(dockerfile).toContain(`npm install --global ${pinned}`);
    expect(dockerfile).toContain('pnpm install --frozen-lockfile');
  });

  it('copies the manifest of every workspace package before installing', () => {
    expect(workspacePackages.length).toBeGreaterThanOrEqual(6);
    for (const dir of workspacePackages) expect(dockerfile, dir).toContain(`COPY ${dir}/package.json ${dir}/`);
  });

  it('runs the service as the node user, with node as PID 1 and a healthcheck', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('WORKDIR /app/services/${SERVICE}');
    expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "src/main.ts"]');
    expect(dockerfile).toContain('CMD ["node", "/app/infra/docker/healthcheck.mjs"]');
  });

  it("has a healthcheck script whose default ports are the services' defaults", () => {
    const script = read('infra/docker/healthcheck.mjs');
    const table = /DEFAULT_PORTS = (\{[^}]*\})/.exec(script)?.[1] ?? '';
    const ports = JSON.parse(table.replace(/(\w+):/g, '"$1":')) as Record<string, number>;
    expect(ports).toEqual(Object.fromEntries(Object.entries(RAPPORT).map(([name, { defaultPort }]) => [name, defaultPort])));
  });

  it('leaves dependencies and local state out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.git', '.local', '.env']));
  });
});
