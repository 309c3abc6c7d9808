import type { Pool } from 'pg';
import { Gauge, type Registry } from 'prom-client';

/**
 * Pool saturation gauges, read at scrape time. One set of gauges per registry, labelled by pool
 * name, so a process with several pools (or tests) registers the metric names only once.
 */
const poolsByRegistry = new WeakMap<Registry, Map<string, Pool>>();

export function registerPoolMetrics(registry: Registry, name: string, pool: Pool): () => void {
  let pools = poolsByRegistry.get(registry);
  if (pools === undefined) {
    const known = new Map<string, Pool>();
    pools = known;
    poolsByRegistry.set(registry, known);
    const gauge = (metric: string, help: string, read: (p: Pool) => number) =>
      new Gauge({
        name: metric,
        help,
        labelNames: ['pool'],
        registers: [registry],
        collect() {
          this.reset();
          for (const [label, p] of known) this.set({ pool: label }, read(p));
        },
      });
    gauge('pg_pool_connections', 'Open connections (idle and in use).', (p) => p.totalCount);
    gauge('pg_pool_connections_idle', 'Open connections waiting for work.', (p) => p.idleCount);
    gauge('pg_pool_waiting_clients', 'Callers queued for a connection: saturation.', (p) => p.waitingCount);
    gauge('pg_pool_max_connections', 'Configured pool size.', (p) => p.options.max ?? 10);
  }
  pools.set(name, pool);
  const registered = pools;
  return () => {
    if (registered.get(name) === pool) registered.delete(name);
  };
}
