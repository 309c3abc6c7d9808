import { TOPICS } from '@rapport/contracts';
import { duration, positiveInt, secret } from '@rapport/kit/config';
import * as z from 'zod';

/**
 * The environment of reporting's own work (projection consumer, REST API), merged into the
 * service's config schema (`config.ts`). Every entry says why it has its default.
 */
export const reportingEnv = {
  /** `Authorization: Bearer <token>` of the admin routes (API keys). */
  ADMIN_TOKEN: secret(16),
  /** Consumed topic; tests use their own (its dead letters go to `<topic>.dlq`). */
  RELATIONSHIPS_TOPIC: z.string().min(1).default(TOPICS.relationships),
  /** Reporting's consumer group: every replica joins it and they share the partitions. */
  CONSUMER_GROUP: z.string().min(1).default('rapport-reporting'),
  /** Bytes fetched per partition per batch, i.e. how much one projection transaction applies. */
  CONSUMER_MAX_BATCH_BYTES: positiveInt().default(1_048_576),
  /** Partitions projected at once by one replica (each its own transaction and connection). */
  CONSUMER_CONCURRENCY: positiveInt().default(2),
  /**
   * A replica that stops heartbeating loses its partitions after this; until then a replacement
   * (a restarted pod) waits for them, so a crash stops the projection this long.
   */
  CONSUMER_SESSION_TIMEOUT: duration().default(30_000),
  /** Requests one API key may make per window (raise it for benchmarks). */
  API_RATE_LIMIT_MAX: positiveInt().default(6_000),
  API_RATE_LIMIT_WINDOW: duration().default(60_000),
  /** How long a verified API key is trusted without a lookup: the longest a revocation takes to reach other replicas. */
  API_KEY_CACHE_TTL: duration().default(10_000),
  /** Postgres connections of this process (queries run side by side for one health request). */
  PG_POOL_MAX: positiveInt().default(20),
};

export type ReportingEnv = z.output<z.ZodObject<typeof reportingEnv>>;

export interface ReportingWorkConfig {
  adminToken: string;
  relationshipsTopic: string;
  consumer: { groupId: string; maxBytesPerPartition: number; concurrency: number; sessionTimeoutMs: number };
  api: { rateLimit: { max: number; windowMs: number }; keyCacheTtlMs: number };
  pgPoolMax: number;
}

export function reportingSlice(env: ReportingEnv): ReportingWorkConfig {
  return {
    adminToken: env.ADMIN_TOKEN,
    relationshipsTopic: env.RELATIONSHIPS_TOPIC,
    consumer: {
      groupId: env.CONSUMER_GROUP,
      maxBytesPerPartition: env.CONSUMER_MAX_BATCH_BYTES,
      concurrency: env.CONSUMER_CONCURRENCY,
      sessionTimeoutMs: env.CONSUMER_SESSION_TIMEOUT,
    },
    api: { rateLimit: { max: env.API_RATE_LIMIT_MAX, windowMs: env.API_RATE_LIMIT_WINDOW }, keyCacheTtlMs: env.API_KEY_CACHE_TTL },
    pgPoolMax: env.PG_POOL_MAX,
  };
}
