import * as z from 'zod';
import { commaList, duration, hostPort, httpUrl, port, postgresUrl } from './env-fields';

/**
 * The environment every Rapport service reads. A service extends it
 * (`commonConfig.extend({ PORT: port(3002), … })`) and maps it to slices with `commonSlices`.
 */
export const commonConfig = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Omitted: `pretty` when stdout is a terminal outside production, else `json`. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /**
   * NOTE: 127.0.0.1 by default so that a developer's service is not reachable from the network;
   * containers set HOST=0.0.0.0 explicitly (docker-compose.yml, k8s manifests).
   */
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(3000),
  /** Total time the process gives its components to stop after SIGTERM before it gives up. */
  SHUTDOWN_GRACE_MS: duration().default(10_000),
  /** The runtime role: only the rights the service needs on its own schema. */
  DATABASE_URL: postgresUrl(),
  /** The schema owner role; when set, the service runs its migrations at start. */
  MIGRATION_DATABASE_URL: postgresUrl().optional(),
  KAFKA_BROKERS: commaList(hostPort()),
  /** Defaults to `rapport-<service>`. */
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl().optional(),
});

export type CommonEnv = z.output<typeof commonConfig>;

export interface LogConfig {
  level: CommonEnv['LOG_LEVEL'];
  format: 'json' | 'pretty';
}
export interface HttpConfig {
  host: string;
  port: number;
}
export interface PostgresConfig {
  url: string;
  /** Present when migrations should run at start (owner role). */
  migrationUrl: string | undefined;
}
export interface KafkaConfig {
  brokers: string[];
  clientId: string;
}

/** The common part of every service's configuration, cut into the slices components receive. */
export interface CommonSlices {
  service: string;
  nodeEnv: CommonEnv['NODE_ENV'];
  log: LogConfig;
  http: HttpConfig;
  shutdownGraceMs: number;
  postgres: PostgresConfig;
  kafka: KafkaConfig;
  otel: { endpoint: string | undefined };
}

export function commonSlices(env: CommonEnv, service: string, isTty = process.stdout.isTTY === true): CommonSlices {
  return {
    service,
    nodeEnv: env.NODE_ENV,
    log: {
      level: env.LOG_LEVEL,
      format: env.LOG_FORMAT ?? (isTty && env.NODE_ENV !== 'production' ? 'pretty' : 'json'),
    },
    http: { host: env.HOST, port: env.PORT },
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    postgres: { url: env.DATABASE_URL, migrationUrl: env.MIGRATION_DATABASE_URL },
    kafka: { brokers: env.KAFKA_BROKERS, clientId: env.KAFKA_CLIENT_ID ?? `rapport-${service}` },
    otel: { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT },
  };
}
