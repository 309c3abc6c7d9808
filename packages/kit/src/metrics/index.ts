export type { Counter, Gauge, Histogram, MetricsRegistryOptions, Registry } from './metrics-registry';
export { LATENCY_BUCKETS, counter, createMetricsRegistry, gauge, histogram } from './metrics-registry';
