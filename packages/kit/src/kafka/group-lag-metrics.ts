import type { Admin, Kafka } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';
import { withTimeout } from '../lifecycle/with-timeout';
import { dlqTopic } from './dead-letter';
import { DLQ_HANDLED_GROUP } from './dlq-handled';
import { readGroupLag } from './group-offsets';
import { totalLag, type PartitionLag } from './partition-lag';

export interface GroupLagMetricsOptions {
  groupId: string;
  topics: readonly string[];
  /** A scrape stops waiting for the broker after this; the last values stay. Default 2000 ms. */
  timeoutMs?: number;
}

interface Sample {
  lags: Map<string, PartitionLag[]>;
  /** Dead letters after the handled mark, by DLQ topic. */
  pending: Map<string, number>;
}

interface Source {
  options: GroupLagMetricsOptions;
  admin(): Promise<Admin>;
  last: Sample;
}

const sourcesByRegistry = new WeakMap<Registry, Map<string, Source>>();

/**
 * Consumer-group lag per partition and the dead letters still waiting, read from the broker at
 * scrape time. Unlike the lag the runner records after each batch, these keep moving while the
 * consumer is stuck, crashed or gone — what a "lag growing" alert needs. The admin connection is
 * opened at the first scrape only (nothing scraped, nothing opened); `stop()` closes it.
 */
export function registerGroupLagMetrics(registry: Registry, kafka: Kafka, options: GroupLagMetricsOptions): { stop(): Promise<void> } {
  let sources = sourcesByRegistry.get(registry);
  if (sources === undefined) {
    sources = new Map();
    sourcesByRegistry.set(registry, sources);
    registerGauges(registry, sources);
  }
  // One quick retry: a scrape must answer, not wait out the service client's long backoff.
  let admin: Admin | undefined;
  let connecting: Promise<Admin> | undefined;
  const source: Source = {
    options,
    admin: () =>
      (connecting ??= (async () => {
        admin = kafka.admin({ retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 } });
        await admin.connect();
        return admin;
      })().catch((error: unknown) => {
        connecting = undefined;
        throw error;
      })),
    last: { lags: new Map(), pending: new Map() },
  };
  sources.set(options.groupId, source);
  const registered = sources;
  return {
    async stop() {
      if (registered.get(options.groupId) === source) registered.delete(options.groupId);
      if (connecting !== undefined) await connecting.then(() => admin?.disconnect()).catch(() => undefined);
    },
  };
}

async function refresh(source: Source): Promise<void> {
  const { groupId, topics, timeoutMs = 2_000 } = source.options;
  const sample: Sample = { lags: new Map(), pending: new Map() };
  await withTimeout(
    (async () => {
      const admin = await source.admin();
      for (const topic of topics) {
        sample.lags.set(topic, await readGroupLag(admin, groupId, topic));
        const dlq = dlqTopic(topic);
        try {
          sample.pending.set(dlq, totalLag(await readGroupLag(admin, DLQ_HANDLED_GROUP, dlq)));
        } catch {
          // No dead-letter topic (a test that never made one): nothing is waiting there.
        }
      }
    })(),
    timeoutMs,
    `consumer group ${groupId} offsets`,
  );
  source.last = sample;
}

function registerGauges(registry: Registry, sources: Map<string, Source>): void {
  // Both gauges are collected in one scrape: one round of broker reads serves them.
  let sampling: Promise<void> | undefined;
  const sample = () =>
    (sampling ??= Promise.all(
      [...sources.values()].map((source) =>
        refresh(source).catch(() => {
          // Broker unreachable or slow: keep the last values rather than fail the whole scrape.
        }),
      ),
    )
      .then(() => undefined)
      .finally(() => {
        sampling = undefined;
      }));

  new Gauge({
    name: 'rapport_consumer_group_lag',
    help: "Records between the consumer group's committed offset and the end of the partition, read from the broker at scrape time.",
    labelNames: ['group', 'topic', 'partition'],
    registers: [registry],
    async collect() {
      await sample();
      this.reset();
      for (const [group, source] of sources) {
        for (const [topic, lags] of source.last.lags) {
          for (const { partition, lag } of lags) this.set({ group, topic, partition: String(partition) }, lag);
        }
      }
    },
  });
  new Gauge({
    name: 'rapport_dlq_pending_messages',
    help: 'Dead letters after the handled mark of `ops dlq ack` (all retained ones when never acknowledged), by dead-letter topic.',
    labelNames: ['topic'],
    registers: [registry],
    async collect() {
      await sample();
      this.reset();
      for (const source of sources.values()) {
        for (const [topic, pending] of source.last.pending) this.set({ topic }, pending);
      }
    },
  });
}
