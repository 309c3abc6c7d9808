import type { Registry } from 'prom-client';
import { counter, gauge, histogram } from '../metrics';

export interface BatchObservation {
  topic: string;
  partition: number;
  size: number;
  /** Messages left on the partition after this batch (`batch.offsetLag()`). */
  lag: number;
  durationSeconds: number;
}

/** What the runner reports; a no-op without a registry. */
export interface ConsumerMetrics {
  batch(observation: BatchObservation): void;
  deadLettered(topic: string, count: number): void;
  retried(topic: string, partition: number): void;
}

const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

export function consumerMetrics(registry: Registry | undefined, groupId: string): ConsumerMetrics {
  if (registry === undefined) return { batch() {}, deadLettered() {}, retried() {} };
  const lag = gauge(registry, {
    name: 'rapport_consumer_lag',
    help: 'Messages behind the end of the partition after the last batch (offset lag).',
    labelNames: ['group', 'topic', 'partition'],
  });
  const size = histogram(registry, {
    name: 'rapport_consumer_batch_size',
    help: 'Messages per batch handed to the handler.',
    labelNames: ['group', 'topic'],
    buckets: BATCH_SIZE_BUCKETS,
  });
  const duration = histogram(registry, {
    name: 'rapport_consumer_batch_duration_seconds',
    help: 'Time to handle, dead-letter and commit one batch.',
    labelNames: ['group', 'topic'],
  });
  const dlq = counter(registry, {
    name: 'rapport_consumer_dlq_records_total',
    help: 'Messages copied to a dead-letter topic.',
    labelNames: ['group', 'topic'],
  });
  const retries = counter(registry, {
    name: 'rapport_consumer_retries_total',
    help: 'Batches left uncommitted for a retry after backoff (a dependency was down).',
    labelNames: ['group', 'topic', 'partition'],
  });
  return {
    batch(o) {
      lag.set({ group: groupId, topic: o.topic, partition: String(o.partition) }, o.lag);
      size.observe({ group: groupId, topic: o.topic }, o.size);
      duration.observe({ group: groupId, topic: o.topic }, o.durationSeconds);
    },
    deadLettered(topic, count) {
      dlq.inc({ group: groupId, topic }, count);
    },
    retried(topic, partition) {
      retries.inc({ group: groupId, topic, partition: String(partition) });
    },
  };
}
