import type { Pool } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import { outboxBacklog, type OutboxBacklog } from './outbox-backlog';

export interface OutboxMetrics {
  published: Counter<'schema'>;
  publishFailures: Counter<'schema'>;
  /** Stops reporting this schema's backlog (the relay stopped). */
  unregister(): void;
}

type Sources = Map<string, Pick<Pool, 'query'>>;

const sourcesByRegistry = new WeakMap<Registry, Sources>();

/**
 * Backlog and age are read from the table at scrape time (so they are right even while the relay
 * is backing off); counters are bumped by the relay. Get-or-create per registry: several relays in
 * one process (tests) share the series, labelled by schema.
 */
export function outboxMetrics(registry: Registry, schema: string, pool: Pick<Pool, 'query'>): OutboxMetrics {
  let sources = sourcesByRegistry.get(registry);
  if (sources === undefined) {
    sources = new Map();
    sourcesByRegistry.set(registry, sources);
    registerBacklogGauges(registry, sources);
  }
  sources.set(schema, pool);
  const registered = sources;
  return {
    published: counter(registry, 'outbox_published_total', 'Outbox rows published to Kafka and deleted.'),
    publishFailures: counter(registry, 'outbox_publish_failures_total', 'Outbox batches whose publication failed (kept, retried).'),
    unregister: () => {
      if (registered.get(schema) === pool) registered.delete(schema);
    },
  };
}

function registerBacklogGauges(registry: Registry, sources: Sources): void {
  // Both gauges are collected concurrently during one scrape: they share one query per schema.
  let sampling: Promise<Map<string, OutboxBacklog>> | undefined;
  const sample = () =>
    (sampling ??= (async () => {
      const results = new Map<string, OutboxBacklog>();
      for (const [schema, source] of sources) {
        try {
          results.set(schema, await outboxBacklog(source, schema));
        } catch {
          // Database unreachable: keep the last values rather than fail the whole scrape.
        }
      }
      return results;
    })().finally(() => {
      sampling = undefined;
    }));
  const gauge = (name: string, help: string, read: (b: OutboxBacklog) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['schema'],
      registers: [registry],
      async collect() {
        for (const [schema, backlog] of await sample()) this.set({ schema }, read(backlog));
      },
    });
  gauge('outbox_backlog_rows', 'Outbox rows not yet published to Kafka.', (b) => b.count);
  gauge('outbox_oldest_age_seconds', 'Age of the oldest outbox row not yet published.', (b) => b.oldestAgeSeconds);
}

function counter(registry: Registry, name: string, help: string): Counter<'schema'> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({ name, help, labelNames: ['schema'], registers: [registry] });
}
