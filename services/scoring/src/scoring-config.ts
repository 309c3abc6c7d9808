import { TOPICS } from '@rapport/contracts';
import { duration, positiveInt, secret } from '@rapport/kit/config';
import * as z from 'zod';
import type { RetentionPolicy } from './relationships/apply-events';

const HOUR_MS = 3_600_000;

/**
 * The environment of scoring's own work (consumer, sweep, relay), merged into the service's config
 * schema (`config.ts`). Every entry says why it has its default.
 */
export const scoringEnv = {
  /** `Authorization: Bearer <token>` of the admin routes. */
  ADMIN_TOKEN: secret(16),
  /** Consumed topic; tests use their own (its dead letters go to `<topic>.dlq`). */
  INTERACTIONS_TOPIC: z.string().min(1).default(TOPICS.interactions),
  /** Where relationship updates are published. */
  RELATIONSHIPS_TOPIC: z.string().min(1).default(TOPICS.relationships),
  /** Scoring's consumer group: every replica joins it and they share the partitions. */
  CONSUMER_GROUP: z.string().min(1).default('rapport-scoring'),
  /**
   * Bytes fetched per partition per batch, i.e. how much one transaction applies. Large batches
   * amortize per-batch statements and per-relationship writes (catch-up speed) but hold more
   * memory and longer transactions; 4 MiB ≈ 8,000 events.
   */
  CONSUMER_MAX_BATCH_BYTES: positiveInt().default(4 * 1_048_576),
  /** Partitions processed at once by one replica (each its own transaction and connection). */
  CONSUMER_CONCURRENCY: positiveInt().default(2),
  /** A replica that stops heartbeating loses its partitions after this. */
  CONSUMER_SESSION_TIMEOUT: duration().default(30_000),
  /** Time between sweeps of due stage/level changes: at most an hour (spec/scoring.md). */
  SWEEP_INTERVAL: duration()
    .default(60_000)
    .refine((ms) => ms >= 100 && ms <= HOUR_MS, 'expected between 100ms and 1h'),
  /** Relationships re-evaluated per sweep transaction. */
  SWEEP_CHUNK_SIZE: positiveInt().default(500),
  /**
   * Recent events kept unfolded in each relationship's state (by event time): a late event within
   * this window applies in memory; an older one recomputes the relationship from its event log.
   */
  RETAIN_LATE_EVENTS: duration().default(72 * HOUR_MS),
  /** …and at most this many, so that a very active member's state stays small. */
  RETAIN_MAX_EVENTS: positiveInt().default(200),
  /** Outbox rows the relay publishes per Kafka request. */
  RELAY_BATCH_SIZE: positiveInt().default(1_000),
  /** Postgres connections of this process (batches in flight, relay, sweep, admin). */
  PG_POOL_MAX: positiveInt().default(10),
  /** A statement running longer is cancelled (and its batch retried): large catch-up batches need time. */
  PG_STATEMENT_TIMEOUT: duration().default(60_000),
};

export type ScoringEnv = z.output<z.ZodObject<typeof scoringEnv>>;

export interface ScoringWorkConfig {
  adminToken: string;
  interactionsTopic: string;
  relationshipsTopic: string;
  consumer: { groupId: string; maxBytesPerPartition: number; concurrency: number; sessionTimeoutMs: number };
  sweep: { intervalMs: number; chunkSize: number };
  retention: RetentionPolicy;
  relayBatchSize: number;
  pgPoolMax: number;
  pgStatementTimeoutMs: number;
}

export function scoringSlice(env: ScoringEnv): ScoringWorkConfig {
  return {
    adminToken: env.ADMIN_TOKEN,
    interactionsTopic: env.INTERACTIONS_TOPIC,
    relationshipsTopic: env.RELATIONSHIPS_TOPIC,
    consumer: {
      groupId: env.CONSUMER_GROUP,
      maxBytesPerPartition: env.CONSUMER_MAX_BATCH_BYTES,
      concurrency: env.CONSUMER_CONCURRENCY,
      sessionTimeoutMs: env.CONSUMER_SESSION_TIMEOUT,
    },
    sweep: { intervalMs: env.SWEEP_INTERVAL, chunkSize: env.SWEEP_CHUNK_SIZE },
    retention: { retainMs: env.RETAIN_LATE_EVENTS, maxRetained: env.RETAIN_MAX_EVENTS },
    relayBatchSize: env.RELAY_BATCH_SIZE,
    pgPoolMax: env.PG_POOL_MAX,
    pgStatementTimeoutMs: env.PG_STATEMENT_TIMEOUT,
  };
}
