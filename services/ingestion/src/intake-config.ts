import { TOPICS } from '@rapport/contracts';
import { commaList, duration, positiveInt, secret } from '@rapport/kit/config';
import * as z from 'zod';
import { decodeSecretKey } from './sources/secret-box';

const base64Key = () =>
  z.string().refine((text) => {
    try {
      decodeSecretKey(text);
      return true;
    } catch {
      return false;
    }
  }, 'expected 32 bytes in base64 (openssl rand -base64 32)');

/**
 * The environment of ingestion's own work (sources, intake, limits), merged into the service's
 * config schema (`config.ts`). Every entry is commented with why it has its default.
 */
export const intakeEnv = {
  /** `Authorization: Bearer <token>` of the admin routes. */
  ADMIN_TOKEN: secret(16),
  /** AES-256-GCM key sealing source secrets at rest: 32 bytes, base64. */
  SOURCE_SECRET_KEY: base64Key(),
  /** Keys retired by a key rotation, still needed to open older rows (comma-separated). */
  SOURCE_SECRET_RETIRED_KEYS: commaList(base64Key()).optional(),
  /** Where accepted events are published. Tests use their own topic. */
  INTERACTIONS_TOPIC: z.string().min(1).default(TOPICS.interactions),
  /** How long a source lookup is trusted; another replica's admin change shows after at most this. */
  SOURCE_CACHE_TTL: duration().default(5_000),
  /** Requests per second per source, unless the source has its own limit (burst: twice that). */
  SOURCE_RATE_LIMIT_PER_SECOND: positiveInt().default(1_000),
  /** Events older than this many days are refused (the default brand retention: 2 years). */
  RETENTION_DAYS: positiveInt().default(730),
  /** Group commit: a flush holds at most this many events… */
  GROUP_COMMIT_MAX_EVENTS: positiveInt().default(2_000),
  /** …and waits at most this long for company once the first request arrived. */
  GROUP_COMMIT_MAX_DELAY: duration().default(2),
  /**
   * Flushes in flight at once (each holds one pooled connection). One by default: measured on two
   * cores, a second concurrent flush made each flush slower (contention on the same tables and
   * the notify queue) and halved single-event throughput; while a flush runs, the next batch grows.
   */
  GROUP_COMMIT_CONCURRENCY: positiveInt().default(1),
  /**
   * Unpublished outbox rows beyond which requests get 503: an hour at the benchmarked peak
   * (5,000 events/s × 3,600 s) while Kafka is away.
   */
  OUTBOX_MAX_BACKLOG: positiveInt().default(18_000_000),
  /** `Retry-After` of a 503 (storage down, outbox full). */
  RETRY_AFTER_SECONDS: positiveInt().default(5),
  /** Load shedding: 503 while the event loop lags more than this. */
  MAX_EVENT_LOOP_DELAY: duration().default(1_000),
  /** Outbox rows the relay publishes per Kafka request. */
  RELAY_BATCH_SIZE: positiveInt().default(1_000),
  /** Postgres connections of this process (group commit flushes, relay, admin, backlog count). */
  PG_POOL_MAX: positiveInt().default(10),
};

export type IntakeEnv = z.output<z.ZodObject<typeof intakeEnv>>;

export interface IntakeConfig {
  adminToken: string;
  secretKey: Buffer;
  retiredSecretKeys: Buffer[];
  interactionsTopic: string;
  sourceCacheTtlMs: number;
  defaultRatePerSecond: number;
  retentionMs: number;
  groupCommit: { maxEvents: number; maxDelayMs: number; concurrency: number };
  outboxMaxBacklog: number;
  retryAfterSeconds: number;
  maxEventLoopDelayMs: number;
  relayBatchSize: number;
  pgPoolMax: number;
}

export function intakeSlice(env: IntakeEnv): IntakeConfig {
  return {
    adminToken: env.ADMIN_TOKEN,
    secretKey: decodeSecretKey(env.SOURCE_SECRET_KEY),
    retiredSecretKeys: (env.SOURCE_SECRET_RETIRED_KEYS ?? []).map(decodeSecretKey),
    interactionsTopic: env.INTERACTIONS_TOPIC,
    sourceCacheTtlMs: env.SOURCE_CACHE_TTL,
    defaultRatePerSecond: env.SOURCE_RATE_LIMIT_PER_SECOND,
    retentionMs: env.RETENTION_DAYS * 86_400_000,
    groupCommit: {
      maxEvents: env.GROUP_COMMIT_MAX_EVENTS,
      maxDelayMs: env.GROUP_COMMIT_MAX_DELAY,
      concurrency: env.GROUP_COMMIT_CONCURRENCY,
    },
    outboxMaxBacklog: env.OUTBOX_MAX_BACKLOG,
    retryAfterSeconds: env.RETRY_AFTER_SECONDS,
    maxEventLoopDelayMs: env.MAX_EVENT_LOOP_DELAY,
    relayBatchSize: env.RELAY_BATCH_SIZE,
    pgPoolMax: env.PG_POOL_MAX,
  };
}
