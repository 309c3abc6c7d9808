import type { Logger } from '@rapport/kit/log';
import type { Component } from '@rapport/kit/lifecycle';
import { counter, histogram, type Registry } from '@rapport/kit/metrics';
import { outboxBacklog } from '@rapport/kit/outbox';
import { isTransientPgError } from '@rapport/kit/pg';
import type { Pool } from 'pg';
import type { IngestionRoutesDeps } from './http/routes';
import type { IntakeConfig } from './intake-config';
import { OutboxBound } from './limits/outbox-bound';
import { SourceRateLimiter } from './limits/source-rate-limiter';
import { createSecretBox } from './sources/secret-box';
import { SourceRegistry } from './sources/source-registry';
import { DurableIntake } from './store/durable-intake';
import { GroupCommitter } from './store/group-commit';
import { INGESTION_SCHEMA } from './store/ingestion-schema';
import { createIntakeWriter } from './store/intake-writer';
import type { Submission, SubmissionResult } from './store/submission';

export interface IntakeComponents {
  /** What the HTTP routes need. */
  routes: IngestionRoutesDeps;
  /** Stops the group committer: flushes what is queued, refuses new work. Stop it after HTTP. */
  component: Component;
  outboxBound: OutboxBound;
}

/**
 * Ingestion's own parts on top of a Postgres pool: the source registry, rate limiting, the outbox
 * bound and the group-committed durable intake. Pure wiring; main.ts and the tests call it.
 */
export function createIntakeComponents(options: {
  pool: Pool;
  logger: Logger;
  config: IntakeConfig;
  registry?: Registry;
}): IntakeComponents {
  const { pool, logger, config } = options;
  const writer = createIntakeWriter({ pool, topic: config.interactionsTopic });
  const flushes = options.registry && metricsOf(options.registry);

  const committer = new GroupCommitter<Submission, SubmissionResult>({
    flush: async (items) => {
      const stopTimer = flushes?.seconds.startTimer();
      try {
        return await writer(items);
      } finally {
        stopTimer?.();
        flushes?.requests.observe(items.length);
      }
    },
    weigh: (submission) => submission.events.length,
    maxBatchWeight: config.groupCommit.maxEvents,
    maxDelayMs: config.groupCommit.maxDelayMs,
    maxConcurrentFlushes: config.groupCommit.concurrency,
    // A data error (not an outage) in a shared flush: retry each request alone so only the
    // request that causes it fails.
    isolateFailures: (error) => !isTransientPgError(error),
  });

  const outboxBound = new OutboxBound(async () => (await outboxBacklog(pool, INGESTION_SCHEMA)).count, config.outboxMaxBacklog);
  const events = options.registry
    ? counter(options.registry, { name: 'ingestion_events_total', help: 'Events received, by outcome', labelNames: ['outcome'] })
    : undefined;
  const intake = new DurableIntake({
    committer,
    outboxBound,
    logger,
    onCommitted: (result) => {
      events?.inc({ outcome: 'accepted' }, result.ids.length);
      events?.inc({ outcome: 'duplicate' }, result.duplicates);
    },
  });

  const registry = new SourceRegistry({
    db: pool,
    box: createSecretBox(config.secretKey, config.retiredSecretKeys),
    cacheTtlMs: config.sourceCacheTtlMs,
  });

  return {
    routes: {
      registry,
      adminToken: config.adminToken,
      rateLimiter: new SourceRateLimiter(),
      intake,
      defaultRatePerSecond: config.defaultRatePerSecond,
      retentionMs: config.retentionMs,
      retryAfterSeconds: config.retryAfterSeconds,
      db: pool,
    },
    component: {
      id: 'group-commit',
      healthcheck: () => Promise.resolve({ ok: true }),
      stop: () => committer.close(),
    },
    outboxBound,
  };
}

function metricsOf(registry: Registry) {
  return {
    seconds: histogram(registry, { name: 'ingestion_group_commit_seconds', help: 'Duration of one group commit transaction' }),
    requests: histogram(registry, {
      name: 'ingestion_group_commit_requests',
      help: 'Requests committed together in one transaction',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    }),
  };
}
