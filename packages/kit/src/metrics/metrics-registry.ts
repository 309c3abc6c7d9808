import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CounterConfiguration, GaugeConfiguration, HistogramConfiguration, Metric } from 'prom-client';

export type { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  service: string;
  /** Process metrics: event-loop lag, memory, GC, handles. On by default. */
  defaultMetrics?: boolean;
}

/**
 * One registry per service process (never prom-client's global one, so tests and several apps
 * in one process do not collide), labelling every series with `service`.
 */
export function createMetricsRegistry({ service, defaultMetrics = true }: MetricsRegistryOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (defaultMetrics) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  return registry;
}

// Get-or-create: building a second app on the same registry (tests, hot reload) reuses series
// instead of throwing "metric already registered".
function existing<M extends Metric>(registry: Registry, name: string, kind: abstract new (...args: never[]) => M): M | undefined {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return undefined;
  if (!(metric instanceof kind)) throw new Error(`metric ${name} is already registered as another kind`);
  return metric;
}

export function counter<L extends string>(registry: Registry, config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
  return existing<Counter<L>>(registry, config.name, Counter) ?? new Counter<L>({ ...config, registers: [registry] });
}

export function gauge<L extends string>(registry: Registry, config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
  return existing<Gauge<L>>(registry, config.name, Gauge) ?? new Gauge<L>({ ...config, registers: [registry] });
}

/** Latency buckets in seconds, from a fast in-memory step (1 ms) to a slow batch (10 s). */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function histogram<L extends string>(registry: Registry, config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
  return (
    existing<Histogram<L>>(registry, config.name, Histogram) ??
    new Histogram<L>({ buckets: LATENCY_BUCKETS, ...config, registers: [registry] })
  );
}
